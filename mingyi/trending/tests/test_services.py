"""The periodic refresh over a simulated week of search traffic."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mingyi.trending.models import GLOBAL_SCOPE, TrendingBlock, TrendingSnapshot
from mingyi.trending.services import MIN_SESSIONS, trending_refresh
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def traffic(query: str, *, per_day: int, days: range, now, results: int = 5, department=None):
    """`per_day` different searchers a day, spread over the hours of each day."""
    for day in days:
        for n in range(per_day):
            at = now - timedelta(days=day, hours=(n * 23) / max(1, per_day), minutes=1)
            factories.search_log(
                query, at=at, session=f"{query}-{day}-{n}", results=results, department=department
            )


@pytest.fixture
def week(indexed):
    indexed(
        "高血压能喝咖啡吗",
        "感冒吃什么药最好",
        "手足口病的症状与护理",
        "减肥药有副作用吗",
        "月经期头痛是什么原因",
    )
    now = timezone.now()
    traffic("高血压能喝咖啡吗", per_day=30, days=range(7), now=now)  # all-time favourite
    traffic("感冒吃什么药", per_day=8, days=range(7), now=now)
    traffic("减肥药", per_day=40, days=range(7), now=now)  # an editor blocks it
    traffic("肉读素", per_day=30, days=range(7), now=now, results=0)  # finds nothing
    for n in range(60):  # one reader, many searches
        factories.search_log("宫颈糜烂", at=now - timedelta(minutes=n), session="same-reader")
    return now


def global_terms() -> list[str]:
    snapshot = TrendingSnapshot.objects.get(scope=GLOBAL_SCOPE)
    return [entry["term"] for entry in snapshot.terms]


def test_a_burst_surfaces_within_one_refresh_and_leads(week):
    trending_refresh(now=week)
    assert "手足口病" not in global_terms()
    traffic("手足口病", per_day=25, days=range(1), now=week)  # today only
    trending_refresh(now=week)
    terms = global_terms()
    assert terms[0] == "手足口病"
    assert terms.index("高血压能喝咖啡吗") < terms.index("感冒吃什么药")


def test_blocked_and_fruitless_terms_never_trend(week):
    TrendingBlock.objects.create(term="减肥药")
    trending_refresh(now=week)
    terms = global_terms()
    assert "减肥药" not in terms and "肉读素" not in terms
    assert "高血压能喝咖啡吗" in terms


def test_one_reader_cannot_make_a_term_trend(week):
    trending_refresh(now=week)
    assert "宫颈糜烂" not in global_terms()
    assert MIN_SESSIONS > 1


def test_variants_count_as_one_term_shown_in_its_most_common_form(week):
    traffic("大姨妈头疼", per_day=6, days=range(2), now=week)
    traffic("月经头痛", per_day=2, days=range(2), now=week)
    trending_refresh(now=week)
    terms = global_terms()
    assert "大姨妈头疼" in terms and "月经头痛" not in terms
    entry = next(
        e
        for e in TrendingSnapshot.objects.get(scope=GLOBAL_SCOPE).terms
        if e["term"] == "大姨妈头疼"
    )
    assert entry["sessions"] == 16


def test_unsafe_searches_never_trend_however_popular(week):
    traffic("安眠药哪里能买到", per_day=50, days=range(2), now=week)
    traffic("13812345678", per_day=50, days=range(2), now=week)
    trending_refresh(now=week)
    assert not {"安眠药哪里能买到", "13812345678"} & set(global_terms())


def test_terms_belong_to_the_departments_that_answer_them(indexed):
    pediatrics = factories.department("小儿内科")
    indexed("小儿手足口病怎么护理", "幼儿手足口病发烧怎么办", department=pediatrics)
    now = timezone.now()
    traffic("手足口病", per_day=5, days=range(2), now=now)
    scopes = trending_refresh(now=now)
    top = str(pediatrics.parent_id)
    assert [e["term"] for e in scopes[top]] == ["手足口病"]


def test_searches_filtered_to_a_department_count_for_it(indexed):
    gynecology = factories.department("妇科")
    indexed("月经期头痛是什么原因")
    now = timezone.now()
    traffic("月经头痛", per_day=5, days=range(1), now=now, department=gynecology)
    scopes = trending_refresh(now=now)
    assert "月经头痛" in [e["term"] for e in scopes[str(gynecology.parent_id or gynecology.pk)]]
