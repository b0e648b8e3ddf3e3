"""Writes of related lists: computing and storing them, and noting the changes that make
them stale. Every function takes ids and is idempotent: running it twice stores the
same lists."""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from mingyi.questions.models import Question
from mingyi.related.engine import (
    STORED,
    densities_compute,
    related_candidates,
    related_select,
)
from mingyi.related.features import related_weights
from mingyi.related.models import RelatedItem, RelatedList
from mingyi.search.engine import engine

NEIGHBOURS_REFRESHED = STORED  # a changed question's new neighbours whose lists are redone


def _ensure_lists(question_ids: list[int]) -> None:
    existing = Question.objects.filter(pk__in=question_ids).values_list("pk", flat=True)
    RelatedList.objects.bulk_create(
        [RelatedList(question_id=pk) for pk in existing], ignore_conflicts=True, batch_size=1000
    )


def related_stale_mark(*, question_ids: Iterable[int], changed: bool = False) -> int:
    """Ask for new lists of these questions and of every list that shows one of them.
    With `changed` (the question itself changed), its new neighbours follow too once its
    own list is computed. Cheap: a few UPDATEs, no ranking."""
    ids = list(dict.fromkeys(question_ids))
    if not ids:
        return 0
    now = timezone.now()
    _ensure_lists(ids)
    own = RelatedList.objects.filter(question_id__in=ids)
    marked = own.update(stale=True, changed_at=now) if changed else own.update(stale=True)
    showing = RelatedItem.objects.filter(related_id__in=ids).values("question_id")
    marked += RelatedList.objects.filter(question_id__in=showing, stale=False).update(stale=True)
    return marked


def related_changes_note(*, question_ids: Iterable[int]) -> int:
    """The follower's hook: these questions changed (published, edited, hidden)."""
    return related_stale_mark(question_ids=question_ids, changed=True)


def related_compute(*, question_ids: Iterable[int]) -> int:
    """Compute and store the lists of these questions (unpublished ones lose theirs);
    returns how many lists were stored."""
    ids = list(dict.fromkeys(question_ids))
    if not ids:
        return 0
    weights = related_weights()
    current = engine()
    questions = (
        Question.objects.published()
        .filter(pk__in=ids)
        .only("id", "title", "body", "department_id", "canonical_id")
    )
    computed: dict[int, tuple[str, list]] = {}
    densities: dict[int, float | None] = {}
    for question in questions:
        table = related_candidates(question=question, weights=weights, current=current)
        items = related_select(table, question=question, weights=weights, current=current)
        computed[question.pk] = (table.mode, items)
        densities[question.pk] = table.density
    now = timezone.now()
    changed = dict(
        RelatedList.objects.filter(question_id__in=ids, changed_at__isnull=False).values_list(
            "question_id", "changed_at"
        )
    )
    with transaction.atomic():
        RelatedItem.objects.filter(question_id__in=ids).delete()
        RelatedItem.objects.bulk_create(
            [
                RelatedItem(question_id=pk, related_id=item.id, rank=rank, score=item.score)
                for pk, (_, items) in computed.items()
                for rank, item in enumerate(items)
            ],
            batch_size=1000,
        )
        gone = [pk for pk in ids if pk not in computed]
        RelatedList.objects.filter(question_id__in=gone).delete()
        _ensure_lists(list(computed))
        RelatedList.objects.bulk_update(
            [
                RelatedList(
                    question_id=pk,
                    mode=mode,
                    computed_at=now,
                    stale=False,
                    changed_at=None,
                    density=densities[pk],
                )
                for pk, (mode, _) in computed.items()
            ],
            ["mode", "computed_at", "stale", "changed_at", "density"],
            batch_size=500,
        )
        _neighbours_follow(computed, changed)
    return len(computed)


def _neighbours_follow(computed: dict[int, tuple[str, list]], changed: dict[int, datetime]):
    """A question that changed may now belong in its neighbours' lists: those lists,
    if computed before the change, are asked for again (once: no cascade)."""
    for pk, since in changed.items():
        if pk not in computed:
            continue
        neighbours = [item.id for item in computed[pk][1][:NEIGHBOURS_REFRESHED]]
        RelatedList.objects.filter(question_id__in=neighbours, computed_at__lt=since).update(
            stale=True
        )


def related_densities_fill(
    *, question_ids: Iterable[int] | None = None, everything: bool = False, batch: int = 1000
) -> int:
    """Store how crowded each question's neighbourhood is (the ranking's CSLS feature),
    for those that have a vector and no density yet (all of them with `everything`).
    Cheap: one nearest-neighbour lookup each; run before a first pass over many lists,
    so that early lists see their candidates' densities too."""
    current = engine()
    if current is None or not len(current.vectors):
        return 0
    queryset = Question.objects.published().filter(vector__isnull=False)
    if question_ids is not None:
        queryset = queryset.filter(pk__in=list(question_ids))
    if not everything:
        queryset = queryset.exclude(related_list__density__isnull=False)
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    stored = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        values = densities_compute(question_ids=chunk, current=current)
        _ensure_lists(list(values))
        RelatedList.objects.bulk_update(
            [RelatedList(question_id=pk, density=d) for pk, d in values.items()],
            ["density"],
            batch_size=500,
        )
        stored += len(values)
    return stored


def related_rebuild(
    *,
    everything: bool = False,
    batch: int = 200,
    progress: Callable[[int], None] | None = None,
    id_range: tuple[int, int] | None = None,
) -> int:
    """Compute the lists that are missing or stale (all of them with `everything`), in id
    order, a batch at a time; `id_range` (first, last) limits it to a slice (processes)."""
    total, last = 0, (id_range[0] - 1) if id_range else 0
    while True:
        queryset = Question.objects.published().filter(pk__gt=last)
        if id_range:
            queryset = queryset.filter(pk__lte=id_range[1])
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return total
        last, scanned = ids[-1], len(ids)
        if not everything:
            done = RelatedList.objects.filter(
                question_id__in=ids, stale=False, computed_at__isnull=False
            ).values_list("question_id", flat=True)
            ids = sorted(set(ids) - set(done))
        total += related_compute(question_ids=ids)
        if progress:
            progress(scanned)
