"""Reads about duplicates: whether two questions ask the same thing (the tuned model
over title overlap and e5 cosine), who belongs to a cluster, and which member is the
best canonical (answered by a verified doctor, reviewed, longer answer, older)."""

import numpy as np
from django.db.models import Exists, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Length

from mingyi.doctors.models import Doctor
from mingyi.questions.models import Answer, Question
from mingyi.related.engine import stored_densities
from mingyi.related.features import RelatedWeights, pair_features, related_weights
from mingyi.related.models import DuplicateCluster
from mingyi.search.models import QuestionVector
from mingyi.search.vectors import MODEL


def stored_vectors(*, question_ids: list[int]) -> dict[int, np.ndarray]:
    rows = QuestionVector.objects.filter(question_id__in=question_ids, model=MODEL)
    return {
        pk: np.frombuffer(bytes(v), dtype="<f4")
        for pk, v in rows.values_list("question_id", "vector")
    }


def pair_features_for(*, pairs: list[tuple[int, int]]) -> np.ndarray:
    """PAIR_FEATURES of question pairs from their titles and stored vectors (a pair
    without both vectors gets cosine 0, which the model reads as "not the same")."""
    ids = list({pk for pair in pairs for pk in pair})
    titles = dict(Question.objects.filter(pk__in=ids).values_list("pk", "title"))
    vectors = stored_vectors(question_ids=ids)
    densities = stored_densities(question_ids=ids)
    rows = []
    for a, b in pairs:
        va, vb = vectors.get(a), vectors.get(b)
        cosine = float(va @ vb) if va is not None and vb is not None else 0.0
        pair = (densities.get(a), densities.get(b))
        rows.append(pair_features(titles.get(a, ""), titles.get(b, ""), cosine, pair))
    return np.array(rows).reshape(len(rows), -1)


def duplicate_probabilities(
    *, pairs: list[tuple[int, int]], weights: RelatedWeights | None = None
) -> np.ndarray:
    model = (weights or related_weights()).duplicate
    return model.probability(pair_features_for(pairs=pairs)) if pairs else np.zeros(0)


def duplicate_decide(*, pairs: list[tuple[int, int]]) -> list[bool]:
    """For each pair of question ids: do they ask the same thing?"""
    threshold = related_weights().duplicate.threshold
    return [bool(p >= threshold) for p in duplicate_probabilities(pairs=pairs)]


def cluster_member_ids(*, canonical_id: int) -> list[int]:
    """The canonical question first, then the questions that point at it."""
    members = Question.objects.filter(canonical_id=canonical_id).order_by("pk")
    return [canonical_id, *members.values_list("pk", flat=True)]


def canonical_order(*, question_ids: list[int]) -> list[int]:
    """The ids best canonical first: answered by a verified doctor, reviewed, the longer
    answer, published earlier, then the smaller id."""
    published = Answer.objects.filter(question=OuterRef("pk"), status=Answer.Status.PUBLISHED)
    longest = published.annotate(n=Length("body")).order_by("-n").values("n")[:1]
    rows = (
        Question.objects.filter(pk__in=question_ids)
        .annotate(
            verified=Exists(published.filter(doctor__in=Doctor.objects.verified())),
            reviewed=Exists(published.filter(reviewed_at__isnull=False)),
            answer_length=Subquery(longest, output_field=IntegerField()),
        )
        .order_by(
            "-verified",
            "-reviewed",
            F("answer_length").desc(nulls_last=True),
            F("published_at").asc(nulls_last=True),
            "pk",
        )
    )
    return list(rows.values_list("pk", flat=True))


def fixed_question_ids() -> set[int]:
    """Questions whose grouping is an editor's decision: members of confirmed clusters and
    canonical links set by hand (no proposed cluster). `mingyi dedupe` leaves them be."""
    proposed = DuplicateCluster.objects.filter(status=DuplicateCluster.Status.PROPOSED)
    proposed_roots = set(proposed.values_list("canonical_id", flat=True))
    linked = Question.objects.filter(canonical__isnull=False).values_list("pk", "canonical_id")
    fixed = set(
        DuplicateCluster.objects.filter(status=DuplicateCluster.Status.CONFIRMED).values_list(
            "canonical_id", flat=True
        )
    )
    for pk, root in linked:
        if root not in proposed_roots:
            fixed |= {pk, root}
    return fixed - proposed_roots
