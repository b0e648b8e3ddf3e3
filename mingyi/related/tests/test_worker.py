"""The related lists' share of the worker loop."""

import pytest

from mingyi.related.models import RelatedList
from mingyi.related.selectors import related_stored_ids
from mingyi.related.worker import RelatedTasks
from mingyi.search.follower import Follower
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def drain(tasks: RelatedTasks) -> int:
    total = 0
    while done := tasks.step():
        total += done
    return total


def test_published_questions_get_lists_in_the_background(corpus):
    page = corpus.publish("胃痛吃什么药好")
    near = corpus.publish("胃痛反复发作怎么办")
    corpus.sync()
    tasks = RelatedTasks()
    assert drain(tasks) == 2
    assert related_stored_ids(question_id=page.pk) == [near.pk]


def test_a_new_question_reaches_its_neighbours_lists(corpus):
    page = corpus.publish("胃痛吃什么药好")
    corpus.sync()
    tasks = RelatedTasks()
    drain(tasks)
    newcomer = corpus.publish("胃痛反复发作怎么办")
    follower = Follower()
    try:
        follower.step()  # applies the outbox and notes the change
    finally:
        follower.close()
    drain(tasks)
    assert related_stored_ids(question_id=page.pk) == [newcomer.pk]


def test_a_list_computed_before_its_vector_existed_is_redone(corpus):
    page = corpus.publish("胃痛吃什么药好")
    corpus.publish("胃痛反复发作怎么办")
    corpus.sync()
    tasks = RelatedTasks()
    drain(tasks)
    assert RelatedList.objects.get(question=page).mode == "lexical"
    factories.question_vector(page, [1, 0])
    corpus.sync()  # the local vector file takes it in
    tasks.vectors_at = 0.0
    drain(tasks)
    assert RelatedList.objects.get(question=page).mode == "hybrid"
