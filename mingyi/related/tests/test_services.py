"""Storing related lists and noting what makes them stale."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mingyi.questions.models import Question
from mingyi.related.models import RelatedItem, RelatedList
from mingyi.related.selectors import related_stored_ids
from mingyi.related.services import (
    related_changes_note,
    related_compute,
    related_densities_fill,
    related_rebuild,
    related_stale_mark,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stomach(corpus):
    page = corpus.publish("胃痛吃什么药好", vector=[1, 0])
    near = corpus.publish("胃痛反复发作怎么办", vector=[1, 0.2])
    far = corpus.publish("胃胀气怎么缓解", vector=[0.8, 0.6])
    corpus.sync()
    return page, near, far


def test_compute_stores_the_list_and_its_state(stomach):
    page, near, _far = stomach
    assert related_compute(question_ids=[page.pk]) == 1
    assert related_stored_ids(question_id=page.pk)[0] == near.pk
    state = RelatedList.objects.get(question=page)
    assert state.mode == "hybrid" and not state.stale and state.computed_at
    assert state.density is not None


def test_computing_twice_stores_the_same_list(stomach):
    page, _, _ = stomach
    related_compute(question_ids=[page.pk])
    first = list(RelatedItem.objects.filter(question=page).values_list("related_id", "rank"))
    related_compute(question_ids=[page.pk])
    assert (
        list(RelatedItem.objects.filter(question=page).values_list("related_id", "rank")) == first
    )


def test_a_question_no_longer_published_loses_its_list(stomach):
    page, _, _ = stomach
    related_compute(question_ids=[page.pk])
    Question.objects.filter(pk=page.pk).update(status=Question.Status.HIDDEN)
    related_compute(question_ids=[page.pk])
    assert not RelatedList.objects.filter(question=page).exists()
    assert not RelatedItem.objects.filter(question=page).exists()


def test_a_change_makes_its_own_list_and_every_list_showing_it_stale(stomach):
    page, near, _far = stomach
    related_rebuild()
    assert not RelatedList.objects.filter(stale=True).exists()
    related_changes_note(question_ids=[near.pk])
    stale = set(RelatedList.objects.filter(stale=True).values_list("question_id", flat=True))
    assert near.pk in stale and page.pk in stale  # page's list shows near
    assert RelatedList.objects.get(question=near).changed_at is not None


def test_a_changed_question_refreshes_its_new_neighbours_once(stomach, corpus):
    page, _near, _far = stomach
    related_rebuild()
    RelatedList.objects.update(computed_at=timezone.now() - timedelta(hours=1))
    newcomer = corpus.publish("胃痛吃什么药效果好", vector=[1, 0.05])
    corpus.sync()  # the follower notes the change (outbox → related_changes_note)
    related_compute(question_ids=[newcomer.pk])
    stale = set(RelatedList.objects.filter(stale=True).values_list("question_id", flat=True))
    assert page.pk in stale  # computed before newcomer existed, now it has a new neighbour
    related_compute(question_ids=sorted(stale))
    assert newcomer.pk in related_stored_ids(question_id=page.pk)
    assert not RelatedList.objects.filter(stale=True).exists()  # no cascade


def test_marking_ignores_questions_that_do_not_exist():
    assert related_stale_mark(question_ids=[987654]) == 0


def test_densities_are_stored_for_questions_with_vectors(stomach):
    assert related_densities_fill() == 3
    assert RelatedList.objects.filter(density__isnull=False).count() == 3
    assert related_densities_fill() == 0


def test_rebuild_computes_what_is_missing_or_stale(stomach):
    _page, _near, far = stomach
    assert related_rebuild() == 3
    assert related_rebuild() == 0
    related_stale_mark(question_ids=[far.pk])
    assert related_rebuild() >= 1
    assert related_rebuild(everything=True) == 3
