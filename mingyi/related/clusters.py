"""Writes of duplicate clusters: `mingyi dedupe` proposes them over the whole corpus,
editors confirm, split and merge them. A cluster lives in Question.canonical (every
member points at the canonical question, which points nowhere), so the page's
`<link rel="canonical">` follows it; DuplicateCluster holds the editorial state.
Every change writes an outbox row for the questions it touches, in its transaction,
so the worker refreshes their related lists."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mingyi.audit.services import audit_record
from mingyi.questions.models import Question
from mingyi.related.duplicates import canonical_order, cluster_member_ids, fixed_question_ids
from mingyi.related.engine import _vectors_of, related_candidates, stored_densities
from mingyi.related.features import pair_features, pair_rows, related_weights
from mingyi.related.models import DuplicateCluster
from mingyi.related.services import related_densities_fill
from mingyi.search.engine import engine
from mingyi.search.services import search_outbox_record

MAX_CLUSTER = 20
ERROR_NOT_MEMBER = "问题 {pk} 不在这个重复问题组里。"
ERROR_MERGE_NEEDS_TWO = "合并至少需要两个重复问题组。"
ERROR_SPLIT_ALL = "不能把所有问题都拆出去;请至少保留一个。"


@dataclass
class DedupeReport:
    questions: int = 0
    pairs: int = 0  # candidate pairs the model called duplicates
    clusters: int = 0  # proposed clusters after this run
    clustered: int = 0  # questions in them
    changed: int = 0  # questions whose canonical link changed
    sizes: dict[int, int] = field(default_factory=dict)


class _Linkage:
    """Agglomeration over the model's decisions, strongest first: two groups join when
    some pair across them is a duplicate (P ≥ threshold) and the pairs across them are,
    on average, at least likely ones (P ≥ floor) — so a chain of near-misses never
    turns unrelated questions into one cluster."""

    def __init__(self, edges: dict[tuple[int, int], float], model, score) -> None:
        self.edges, self.score = edges, score
        self.threshold, self.floor = model.threshold, model.floor
        self.group: dict[int, frozenset[int]] = {}

    def probability(self, a: int, b: int) -> float:
        key = (min(a, b), max(a, b))
        if key not in self.edges:
            self.edges[key] = self.score(a, b)
        return self.edges[key]

    def run(self) -> list[frozenset[int]]:
        decided = [key for key, p in self.edges.items() if p >= self.threshold]
        for a, b in sorted(decided, key=lambda key: -self.edges[key]):
            ga = self.group.get(a, frozenset([a]))
            gb = self.group.get(b, frozenset([b]))
            if ga is gb or ga == gb or len(ga) + len(gb) > MAX_CLUSTER:
                continue
            cross = [self.probability(x, y) for x in ga for y in gb]
            if sum(cross) / len(cross) >= self.floor:
                merged = ga | gb
                for pk in merged:
                    self.group[pk] = merged
        return list({g for g in self.group.values() if len(g) > 1})


def duplicates_detect(
    *, progress: Callable[[int], None] | None = None, chunk: int = 500
) -> DedupeReport:
    """`mingyi dedupe`: propose clusters over every published question. Confirmed
    clusters and hand-set canonical links are kept as they are; earlier proposals are
    replaced by this run's, so running it twice changes nothing."""
    weights = related_weights()
    model, current = weights.duplicate, engine()
    related_densities_fill()  # the model reads how crowded each neighbourhood is
    fixed = fixed_question_ids()
    report = DedupeReport()
    edges: dict[tuple[int, int], float] = {}
    titles: dict[int, str] = {}
    last = 0
    while True:
        questions = list(
            Question.objects.published()
            .filter(pk__gt=last)
            .order_by("pk")
            .only("id", "title", "body", "department_id", "canonical_id")[:chunk]
        )
        if not questions:
            break
        last = questions[-1].pk
        for question in questions:
            report.questions += 1
            titles[question.pk] = question.title
            if question.pk in fixed:
                continue
            table = related_candidates(
                question=question, weights=weights, current=current, ask=False
            )
            if not table.ids:
                continue
            probability = model.probability(pair_rows(table.matrix)) * table.has_vector
            for i in (probability >= model.floor).nonzero()[0]:
                other = table.ids[i]
                if other in fixed:
                    continue
                key = (min(question.pk, other), max(question.pk, other))
                edges[key] = max(edges.get(key, 0.0), float(probability[i]))
                titles[other] = table.titles[i]
        if progress:
            progress(len(questions))
    report.pairs = sum(1 for p in edges.values() if p >= model.threshold)

    def score(a: int, b: int) -> float:
        vectors = _vectors_of(current, [a, b]) if current is not None else {}
        if a not in vectors or b not in vectors:
            return 0.0
        known = stored_densities(question_ids=[a, b])
        cosine = float(vectors[a] @ vectors[b])
        row = pair_features(
            titles.get(a, ""), titles.get(b, ""), cosine, (known.get(a), known.get(b))
        )
        return float(model.probability(row.reshape(1, -1))[0])

    groups = _Linkage(edges, model, score).run()
    report.changed = _proposals_write(groups, edges, fixed)
    report.clusters = len(groups)
    report.clustered = sum(len(g) for g in groups)
    for group in groups:
        report.sizes[len(group)] = report.sizes.get(len(group), 0) + 1
    return report


@transaction.atomic
def _proposals_write(
    groups: list[frozenset[int]], edges: dict[tuple[int, int], float], fixed: set[int]
) -> int:
    wanted: dict[int, int | None] = {}  # question → its canonical (None for a canonical)
    lowest: dict[int, float] = {}
    for group in groups:
        order = canonical_order(question_ids=list(group))
        head = order[0]
        wanted.update({pk: head for pk in order[1:]} | {head: None})
        pairs = [edges.get((min(a, b), max(a, b)), 0.0) for a, b in combinations(group, 2)]
        lowest[head] = min(pairs) if pairs else 0.0
    proposed = DuplicateCluster.objects.filter(status=DuplicateCluster.Status.PROPOSED)
    before: dict[int, int | None] = {}
    for root in proposed.values_list("canonical_id", flat=True):
        for pk in cluster_member_ids(canonical_id=root):
            before[pk] = None if pk == root else root
    changed = [
        pk
        for pk in (before.keys() | wanted.keys()) - fixed
        if before.get(pk, "absent") != wanted.get(pk, "absent")
    ]
    proposed.exclude(canonical_id__in=[pk for pk, c in wanted.items() if c is None]).delete()
    for pk in changed:
        Question.objects.filter(pk=pk).update(canonical_id=wanted.get(pk))
    now = timezone.now()
    for head, score in lowest.items():
        size = sum(1 for c in wanted.values() if c == head) + 1
        DuplicateCluster.objects.update_or_create(
            canonical_id=head,
            defaults={"status": DuplicateCluster.Status.PROPOSED, "score": score, "size": size},
            create_defaults={
                "status": DuplicateCluster.Status.PROPOSED,
                "score": score,
                "size": size,
                "created_at": now,
            },
        )
    search_outbox_record(question_ids=changed)
    return len(changed)


# --- editors -------------------------------------------------------------------------------


def _relink(members: list[int], canonical_id: int) -> list[int]:
    """Point every member at `canonical_id` (which points nowhere); returns the changed."""
    current = dict(Question.objects.filter(pk__in=members).values_list("pk", "canonical_id"))
    changed = []
    for pk in members:
        target = None if pk == canonical_id else canonical_id
        if current.get(pk) != target:
            Question.objects.filter(pk=pk).update(canonical_id=target)
            changed.append(pk)
    return changed


def _confirmed(cluster: DuplicateCluster, *, user, canonical_id: int, size: int) -> None:
    cluster.canonical_id = canonical_id
    cluster.size = size
    cluster.status = DuplicateCluster.Status.CONFIRMED
    cluster.reviewed_by = user if getattr(user, "is_authenticated", False) else None
    cluster.reviewed_at = timezone.now()
    cluster.save()


@transaction.atomic
def cluster_confirm(*, cluster: DuplicateCluster, user) -> DuplicateCluster:
    members = cluster_member_ids(canonical_id=cluster.canonical_id)
    _confirmed(cluster, user=user, canonical_id=cluster.canonical_id, size=len(members))
    audit_record(actor=user, action="duplicates.confirm", target=cluster, to_state="confirmed")
    return cluster


@transaction.atomic
def cluster_canonical_set(*, cluster: DuplicateCluster, question: Question, user) -> None:
    """An editor picks which member the others point at."""
    members = cluster_member_ids(canonical_id=cluster.canonical_id)
    if question.pk not in members:
        raise ValidationError(ERROR_NOT_MEMBER.format(pk=question.pk))
    changed = _relink(members, question.pk)
    _confirmed(cluster, user=user, canonical_id=question.pk, size=len(members))
    audit_record(
        actor=user, action="duplicates.canonical", target=cluster, detail={"canonical": question.pk}
    )
    search_outbox_record(question_ids=changed)


@transaction.atomic
def cluster_split(*, cluster: DuplicateCluster, question_ids: Iterable[int], user) -> None:
    """Take questions out of a cluster: each then stands alone, by an editor's decision
    (a confirmed cluster of one, which `mingyi dedupe` leaves be)."""
    members = cluster_member_ids(canonical_id=cluster.canonical_id)
    leaving = [pk for pk in dict.fromkeys(question_ids)]
    for pk in leaving:
        if pk not in members:
            raise ValidationError(ERROR_NOT_MEMBER.format(pk=pk))
    staying = [pk for pk in members if pk not in leaving]
    if not staying:
        raise ValidationError(ERROR_SPLIT_ALL)
    head = (
        cluster.canonical_id
        if cluster.canonical_id in staying
        else canonical_order(question_ids=staying)[0]
    )
    changed = _relink(staying, head)
    changed += _relink_alone(leaving)
    if head != cluster.canonical_id:
        DuplicateCluster.objects.filter(canonical_id=head).exclude(pk=cluster.pk).delete()
    _confirmed(cluster, user=user, canonical_id=head, size=len(staying))
    for pk in leaving:
        if pk == head:
            continue
        alone, _ = DuplicateCluster.objects.get_or_create(canonical_id=pk)
        _confirmed(alone, user=user, canonical_id=pk, size=1)
    audit_record(actor=user, action="duplicates.split", target=cluster, detail={"split": leaving})
    search_outbox_record(question_ids=changed)


def _relink_alone(ids: list[int]) -> list[int]:
    changed = list(
        Question.objects.filter(pk__in=ids, canonical__isnull=False).values_list("pk", flat=True)
    )
    Question.objects.filter(pk__in=changed).update(canonical=None)
    return changed


@transaction.atomic
def cluster_merge(
    *, clusters: list[DuplicateCluster], user, canonical: Question | None = None
) -> DuplicateCluster:
    """Join clusters (or single questions' confirmed clusters) into one, confirmed."""
    if len(clusters) < 2:
        raise ValidationError(ERROR_MERGE_NEEDS_TWO)
    members = list(
        dict.fromkeys(
            pk for c in clusters for pk in cluster_member_ids(canonical_id=c.canonical_id)
        )
    )
    if canonical is not None and canonical.pk not in members:
        raise ValidationError(ERROR_NOT_MEMBER.format(pk=canonical.pk))
    head = canonical.pk if canonical is not None else canonical_order(question_ids=members)[0]
    keep = next((c for c in clusters if c.canonical_id == head), clusters[0])
    DuplicateCluster.objects.filter(pk__in=[c.pk for c in clusters if c.pk != keep.pk]).delete()
    changed = _relink(members, head)
    _confirmed(keep, user=user, canonical_id=head, size=len(members))
    audit_record(actor=user, action="duplicates.merge", target=keep, detail={"members": members})
    search_outbox_record(question_ids=changed)
    return keep


@transaction.atomic
def cluster_for_question(*, question: Question) -> DuplicateCluster:
    """The cluster a question belongs to, created (proposed, alone) when it has none."""
    root = question.canonical_id or question.pk
    cluster, _ = DuplicateCluster.objects.get_or_create(
        canonical_id=root, defaults={"size": len(cluster_member_ids(canonical_id=root))}
    )
    return cluster
