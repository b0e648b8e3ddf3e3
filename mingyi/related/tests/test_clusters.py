"""Duplicate clusters: proposed by `mingyi dedupe`, confirmed, split and merged by editors."""

import pytest
from django.core.exceptions import ValidationError

from mingyi.audit.models import AuditEvent
from mingyi.questions.models import Question
from mingyi.related.clusters import (
    ERROR_NOT_MEMBER,
    ERROR_SPLIT_ALL,
    cluster_canonical_set,
    cluster_confirm,
    cluster_for_question,
    cluster_merge,
    cluster_split,
    duplicates_detect,
)
from mingyi.related.duplicates import canonical_order, cluster_member_ids, duplicate_decide
from mingyi.related.models import DuplicateCluster
from mingyi.related.services import related_densities_fill
from mingyi.search.models import SearchOutbox
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def breast(corpus):
    """Three ways to ask one question (one answered by a verified doctor), and another."""
    doctor = factories.doctor()
    questions = [
        corpus.publish("乳房缩小手术有哪些后遗症", vector=[1, 0.00]),
        corpus.publish("乳房缩小手术有什么后遗症", vector=[1, 0.01], answered_by=doctor),
        corpus.publish("乳房缩小术有哪些后遗症", vector=[1, 0.02]),
    ]
    other = corpus.publish("双眼皮手术后多久消肿", vector=[0, 1])
    corpus.sync()
    related_densities_fill()  # how crowded each neighbourhood is: the model reads it
    return questions, other


def canonical_of(question: Question) -> int | None:
    return Question.objects.get(pk=question.pk).canonical_id


def test_the_model_calls_paraphrases_duplicates_and_other_questions_not(breast):
    (a, b, _c), other = breast
    assert duplicate_decide(pairs=[(a.pk, b.pk), (a.pk, other.pk)]) == [True, False]


def test_dedupe_proposes_one_cluster_with_the_best_answered_canonical(breast):
    (a, b, c), other = breast
    report = duplicates_detect()
    assert report.clusters == 1 and report.clustered == 3
    assert canonical_of(b) is None and canonical_of(a) == b.pk and canonical_of(c) == b.pk
    assert canonical_of(other) is None
    cluster = DuplicateCluster.objects.get()
    assert cluster.canonical_id == b.pk and cluster.size == 3 and cluster.status == "proposed"
    assert set(SearchOutbox.objects.values_list("question_id", flat=True)) >= {a.pk, c.pk}


def test_dedupe_twice_changes_nothing(breast):
    duplicates_detect()
    assert duplicates_detect().changed == 0
    assert DuplicateCluster.objects.count() == 1


def test_dedupe_leaves_confirmed_clusters_and_split_questions_alone(breast):
    (a, b, c), _ = breast
    duplicates_detect()
    editor = factories.editor()
    cluster = DuplicateCluster.objects.get()
    cluster_split(cluster=cluster, question_ids=[c.pk], user=editor)
    assert canonical_of(c) is None
    duplicates_detect()
    assert canonical_of(c) is None and canonical_of(a) == b.pk
    assert DuplicateCluster.objects.get(canonical=c).status == "confirmed"


def test_canonical_order_prefers_verified_reviewed_longer_older(corpus):
    doctor = factories.doctor()
    old = factories.question(answer="短")
    long_answer = factories.question(answer="很长的回答" * 20)
    verified = factories.question(answered_by=doctor)
    unanswered = factories.question()
    order = canonical_order(question_ids=[unanswered.pk, old.pk, long_answer.pk, verified.pk])
    assert order == [verified.pk, long_answer.pk, old.pk, unanswered.pk]


def test_editor_sets_the_canonical_and_confirms(breast):
    (a, b, c), _ = breast
    duplicates_detect()
    editor = factories.editor()
    cluster = DuplicateCluster.objects.get()
    cluster_canonical_set(cluster=cluster, question=a, user=editor)
    assert canonical_of(a) is None and canonical_of(b) == a.pk and canonical_of(c) == a.pk
    cluster.refresh_from_db()
    assert cluster.canonical_id == a.pk and cluster.status == "confirmed"
    assert cluster.reviewed_by == editor
    assert AuditEvent.objects.filter(action="duplicates.canonical").exists()


def test_a_question_outside_the_cluster_cannot_become_its_canonical(breast):
    _, other = breast
    duplicates_detect()
    with pytest.raises(ValidationError) as error:
        cluster_canonical_set(cluster=DuplicateCluster.objects.get(), question=other, user=None)
    assert error.value.messages == [ERROR_NOT_MEMBER.format(pk=other.pk)]


def test_splitting_the_canonical_off_chooses_a_new_one(breast):
    (a, b, c), _ = breast
    duplicates_detect()
    cluster = DuplicateCluster.objects.get()
    cluster_split(cluster=cluster, question_ids=[b.pk], user=None)
    assert canonical_of(b) is None
    head = DuplicateCluster.objects.get(pk=cluster.pk).canonical_id
    assert head in (a.pk, c.pk) and set(cluster_member_ids(canonical_id=head)) == {a.pk, c.pk}
    with pytest.raises(ValidationError) as error:
        cluster_split(
            cluster=DuplicateCluster.objects.get(pk=cluster.pk),
            question_ids=[a.pk, c.pk],
            user=None,
        )
    assert error.value.messages == [ERROR_SPLIT_ALL]


def test_merging_joins_clusters_and_lone_questions(breast):
    (_a, _b, _c), other = breast
    duplicates_detect()
    cluster = DuplicateCluster.objects.get()
    merged = cluster_merge(clusters=[cluster, cluster_for_question(question=other)], user=None)
    assert merged.status == "confirmed" and merged.size == 4
    assert canonical_of(other) == merged.canonical_id
    assert DuplicateCluster.objects.count() == 1


def test_confirming_records_who_and_when(breast):
    duplicates_detect()
    editor = factories.editor()
    cluster = cluster_confirm(cluster=DuplicateCluster.objects.get(), user=editor)
    assert cluster.status == "confirmed" and cluster.reviewed_at and cluster.reviewed_by == editor
