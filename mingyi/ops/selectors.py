"""What the operator page shows: content, queue and search numbers per day."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from mingyi.ops.checks import outbox_backlog
from mingyi.ops.models import QueueSample
from mingyi.questions.models import Answer, Question
from mingyi.search.models import SearchLog, SearchOutbox

DAYS = 30


@dataclass(frozen=True)
class DailySeries:
    name: str
    days: list[date]
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


def _window(*, days: int, today: date | None) -> tuple[list[date], datetime]:
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    start = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    return [first + timedelta(days=n) for n in range(days)], start


def daily_counts(
    *, queryset: QuerySet, field: str, name: str, days: int = DAYS, today: date | None = None
) -> DailySeries:
    """Rows of `queryset` per local day of `field`, for the last `days` days (today
    included), zeros filled in."""
    day_list, start = _window(days=days, today=today)
    rows = (
        queryset.filter(**{f"{field}__gte": start})
        .annotate(day=TruncDate(field, tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_day = {row["day"]: row["n"] for row in rows}
    return DailySeries(name, day_list, [by_day.get(day, 0) for day in day_list])


def daily_peak_backlog(
    *, name: str = "索引队列积压(每日最高)", days: int = DAYS, today: date | None = None
) -> DailySeries:
    """The highest sampled outbox backlog of each day (0 on days without samples)."""
    day_list, start = _window(days=days, today=today)
    rows = (
        QueueSample.objects.filter(taken_at__gte=start)
        .annotate(day=TruncDate("taken_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(peak=Max("backlog"))
        .order_by()
    )
    by_day = {row["day"]: row["peak"] for row in rows}
    return DailySeries(name, day_list, [by_day.get(day, 0) for day in day_list])


def operator_series(*, days: int = DAYS, today: date | None = None) -> list[DailySeries]:
    """The charts of the operator page, in page order."""
    window = {"days": days, "today": today}
    published_answers = Answer.objects.filter(status=Answer.Status.PUBLISHED)
    return [
        daily_counts(
            queryset=Question.objects.published(), field="published_at", name="发布的问题", **window
        ),
        daily_counts(queryset=published_answers, field="published_at", name="发布的回答", **window),
        daily_peak_backlog(**window),
        daily_counts(
            queryset=SearchOutbox.objects.all(), field="created_at", name="索引队列写入", **window
        ),
        daily_counts(
            queryset=SearchLog.objects.all(), field="created_at", name="搜索次数", **window
        ),
        daily_counts(
            queryset=SearchLog.objects.filter(result_count=0),
            field="created_at",
            name="零结果搜索",
            **window,
        ),
    ]


def zero_result_queries_top(
    *, days: int = DAYS, limit: int = 20, today: date | None = None
) -> list[dict]:
    """The most frequent searches that found nothing, by their analysed form (so 肉读素
    and 肉读素! count together), with how many searches and distinct sessions."""
    _, start = _window(days=days, today=today)
    return list(
        SearchLog.objects.filter(result_count=0, created_at__gte=start)
        .values("normalized")
        .annotate(searches=Count("pk"), sessions=Count("session", distinct=True))
        .order_by("-searches", "normalized")
        .values("normalized", "searches", "sessions")[:limit]
    )


def operator_totals() -> dict[str, int]:
    return {
        "questions": Question.objects.published().count(),
        "answers": Answer.objects.filter(status=Answer.Status.PUBLISHED).count(),
        "backlog": outbox_backlog(),
    }
