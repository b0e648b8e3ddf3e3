"""Reads of related lists for pages and the API: the stored list, in one query. While
a question has none yet (just published, index rebuilt, the worker busy), the same
ranking is computed on the spot — about one search's work: the title embedded as an
e5 query, one BM25 query, two nearest-neighbour lookups — and cached; the worker's
stored list replaces it as soon as it exists."""

from django.core.cache import cache
from django.db.models import F

from mingyi.questions.models import Question
from mingyi.questions.selectors import QuestionCard, card_values, to_cards
from mingyi.related.engine import STORED, related_rank
from mingyi.related.models import RelatedItem

FALLBACK_SECONDS = 600
FALLBACK_KEY = "related:fallback:{pk}"


def related_stored_ids(*, question_id: int) -> list[int]:
    return list(
        RelatedItem.objects.filter(question_id=question_id)
        .order_by("rank")
        .values_list("related_id", flat=True)
    )


def related_fallback_ids(*, question: Question) -> list[int]:
    """The list of a question the worker has not reached yet, cached."""

    def compute() -> list[int]:
        return [item.id for item in related_rank(question=question)]

    return cache.get_or_set(FALLBACK_KEY.format(pk=question.pk), compute, FALLBACK_SECONDS)


def _department_latest(question: Question, exclude: set[int], limit: int) -> list[dict]:
    """Fills a short list (a small or new site) with the department's latest questions."""
    root = question.canonical_id or question.pk
    queryset = (
        card_values()
        .filter(department_id=question.department_id)
        .exclude(pk__in=exclude | {question.pk, root})
        .exclude(canonical_id=root)
        .order_by("-published_at", "-id")
    )
    return list(queryset[:limit])


def _candidates(question: Question) -> list[dict]:
    """The cards of the question's list in its order, outside the page's own cluster:
    the stored list joined to its questions in one query, else the fallback."""
    own_root = question.canonical_id or question.pk
    # Unordered (sorted below): an ORDER BY here makes SQLite walk the whole published
    # index instead of looking up these few rows.
    stored = card_values().filter(related_to__question_id=question.pk)
    rows = list(stored.annotate(rank=F("related_to__rank")))
    if rows:
        rows.sort(key=lambda row: row["rank"])
    elif not related_stored_ids(question_id=question.pk):
        ids = related_fallback_ids(question=question)
        by_id = {row["id"]: row for row in card_values().filter(pk__in=ids)}
        rows = [by_id[pk] for pk in ids if pk in by_id]
    # The page's own cluster is left out here rather than in SQL: cheaper to build.
    return [
        row
        for row in rows
        if row["id"] not in (own_root, question.pk) and row["canonical_id"] != own_root
    ]


def related_list(*, question: Question, limit: int = 6) -> list[QuestionCard]:
    """The question's related questions, best first: published, never the page's own
    duplicate cluster, at most one member of any other cluster."""
    limit = max(0, min(limit, STORED))
    rows = _candidates(question)
    by_id = {row["id"]: row for row in rows}
    # A member of another cluster is shown as its canonical question (one per cluster).
    heads = {row["canonical_id"] for row in rows if row["canonical_id"]} - by_id.keys()
    if heads:
        by_id |= {row["id"]: row for row in card_values().filter(pk__in=heads)}
    chosen: list[dict] = []
    roots: set[int] = set()

    def take(candidates) -> None:
        for row in candidates:
            root = row["canonical_id"] or row["id"]
            if root not in roots and len(chosen) < limit:
                chosen.append(row)
                roots.add(root)

    take(by_id.get(row["canonical_id"]) or row for row in rows)
    if len(chosen) < limit:
        taken = {row["id"] for row in chosen} | roots
        take(_department_latest(question, taken, 2 * (limit - len(chosen))))
    return to_cards(chosen)
