"""Writes of 大家都在搜: the periodic refresh that turns the search log into one snapshot
per scope (everywhere, and each top-level department)."""

from collections import Counter, defaultdict
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncHour
from django.utils import timezone

from mingyi.departments.models import Department
from mingyi.search.analysis import query_terms
from mingyi.search.engine import engine
from mingyi.search.models import SearchLog
from mingyi.trending.models import GLOBAL_SCOPE, TrendingSnapshot
from mingyi.trending.safety import unsafe_reason
from mingyi.trending.scoring import WINDOW, TermActivity, trending_score

MIN_SESSIONS = 3  # a term needs this many different searchers in the window
MIN_FOUND_SHARE = 0.5  # and at least this share of its searches must have found something
MAX_TERM_CHARS = 20
CANDIDATES = 300  # terms (by searchers) scored per refresh
KEPT = 30  # terms kept per scope
DEPARTMENT_SHARE = 0.34  # a term belongs to a department holding this share of its results
CACHE_VERSION_KEY = "trending:version"


def trending_cache_clear() -> None:
    """Pages read new terms at once (pins, blocks, a refresh) in this process; other
    processes within their cache time."""
    try:
        cache.incr(CACHE_VERSION_KEY)
    except ValueError:
        cache.set(CACHE_VERSION_KEY, 1, None)


def _activities(since: datetime) -> dict[str, TermActivity]:
    logs = SearchLog.objects.filter(created_at__gte=since).exclude(normalized="")
    totals = (
        logs.values("normalized")
        .annotate(
            searches=Count("id"),
            found=Count("id", filter=Q(result_count__gt=0)),
            sessions=Count("session", distinct=True, filter=~Q(session="")),
        )
        .filter(sessions__gte=MIN_SESSIONS)
        .order_by("-sessions", "normalized")[:CANDIDATES]
    )
    activities = {
        row["normalized"]: TermActivity(
            row["normalized"], [], row["sessions"], row["searches"], row["found"]
        )
        for row in totals
        if row["found"] >= MIN_FOUND_SHARE * row["searches"]
    }
    hourly = (
        logs.filter(normalized__in=list(activities))
        .annotate(hour=TruncHour("created_at"))
        .values("normalized", "hour")
        .annotate(n=Count("session", distinct=True))
        .order_by()
    )
    for row in hourly:
        activities[row["normalized"]].hourly.append((row["hour"], max(1, row["n"])))
    return activities


def _display_forms(since: datetime, normalized: list[str]) -> dict[str, str]:
    """The most common raw query of each analysed term (大姨妈头疼 or 月经头痛)."""
    counts = (
        SearchLog.objects.filter(created_at__gte=since, normalized__in=normalized)
        .values("normalized", "query")
        .annotate(n=Count("id"))
        .order_by()
    )
    best: dict[str, tuple[int, int, str]] = {}
    for row in counts:
        query = " ".join(row["query"].split())
        key = (row["n"], -len(query), query)
        if row["normalized"] not in best or key > best[row["normalized"]]:
            best[row["normalized"]] = key
    return {term: key[2] for term, key in best.items()}


def _departments_of(terms: list[str], log_departments: dict[str, Counter]) -> dict[str, set]:
    """Top-level departments each term belongs to: where its searches were filtered to,
    and where most of what it finds lives (the lexical index's department facets)."""
    tops = {pk: parent or pk for pk, parent in Department.objects.values_list("pk", "parent_id")}
    current = engine()
    out: dict[str, set[int]] = defaultdict(set)
    for term in terms:
        out[term] |= {tops.get(d, d) for d in log_departments.get(term, ())}
        if current is None:
            continue
        counts = current.lexical.department_counts(term.split(), {"title": 1.0, "body": 1.0})
        top_counts = {pk: n for pk, n in counts.items() if tops.get(pk) == pk}
        total = sum(top_counts.values())
        out[term] |= {pk for pk, n in top_counts.items() if total and n / total >= DEPARTMENT_SHARE}
    return out


def _finds_something(term: str) -> bool:
    """Whether searching the term now returns results (the index may have changed)."""
    current = engine()
    if current is None:
        return True
    hits = current.lexical.search(
        query_terms(term), weights={"title": 1.0, "body": 1.0, "answer": 1.0}, limit=1, count=False
    )
    return bool(hits.hits)


def trending_compute(*, now: datetime | None = None) -> dict[str, list[dict]]:
    """Every scope's terms, best first, from the search log (reads only)."""
    from mingyi.trending.selectors import trending_blocked

    now = now or timezone.now()
    since = now - WINDOW
    activities = _activities(since)
    display = _display_forms(since, list(activities))
    scored = []
    for term, activity in activities.items():
        shown = display.get(term, term)
        if len(shown) > MAX_TERM_CHARS or unsafe_reason(shown) or unsafe_reason(term):
            continue
        if trending_blocked(term=shown) or not _finds_something(shown):
            continue
        scored.append((trending_score(activity, now), activity, shown))
    scored.sort(key=lambda item: (-item[0], item[2]))
    log_departments: dict[str, Counter] = defaultdict(Counter)
    for term, department_id in (
        SearchLog.objects.filter(
            created_at__gte=since, normalized__in=[a.normalized for _, a, _ in scored]
        )
        .exclude(department_id=None)
        .values_list("normalized", "department_id")
    ):
        log_departments[term][department_id] += 1
    belongs = _departments_of([a.normalized for _, a, _ in scored], log_departments)
    scopes: dict[str, list[dict]] = defaultdict(list)
    for score, activity, shown in scored:
        entry = {
            "term": shown,
            "normalized": activity.normalized,
            "score": round(score, 4),
            "sessions": activity.sessions,
        }
        for scope in [GLOBAL_SCOPE, *map(str, sorted(belongs.get(activity.normalized, ())))]:
            if len(scopes[scope]) < KEPT:
                scopes[scope].append(entry)
    return dict(scopes)


@transaction.atomic
def trending_refresh(*, now: datetime | None = None) -> dict[str, list[dict]]:
    """Recompute and store every scope's snapshot (the worker runs this every few
    minutes); scopes with no terms any more are emptied."""
    now = now or timezone.now()
    scopes = trending_compute(now=now)
    scopes.setdefault(GLOBAL_SCOPE, [])
    TrendingSnapshot.objects.exclude(scope__in=list(scopes)).update(terms=[], computed_at=now)
    for scope, terms in scopes.items():
        TrendingSnapshot.objects.update_or_create(
            scope=scope, defaults={"terms": terms, "computed_at": now}
        )
    transaction.on_commit(trending_cache_clear)
    return scopes
