"""Reading related lists for pages and the API."""

import pytest
from django.core.cache import cache

from mingyi.questions.models import Question
from mingyi.related.models import RelatedItem
from mingyi.related.selectors import FALLBACK_KEY, related_list
from mingyi.related.services import related_compute
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_stored_list_is_read_in_its_order(corpus):
    page = corpus.publish("胃痛吃什么药好")
    a = corpus.publish("胃痛反复发作怎么办", answer="饮食规律。")
    b = corpus.publish("胃胀气怎么缓解")
    corpus.sync()
    RelatedItem.objects.bulk_create(
        [
            RelatedItem(question=page, related=b, rank=0, score=2),
            RelatedItem(question=page, related=a, rank=1, score=1),
        ]
    )
    cards = related_list(question=page, limit=2)
    assert [c.id for c in cards] == [b.pk, a.pk]
    assert cards[1].snippet == "饮食规律。" and cards[1].source == "名医问答"
    assert cards[1].url == a.get_absolute_url() and cards[1].published_at


def test_without_a_stored_list_a_cached_fallback_is_shown(corpus):
    page = corpus.publish("胃痛吃什么药好")
    corpus.publish("胃痛反复发作怎么办")
    corpus.sync()
    assert next(c.title for c in related_list(question=page)) == "胃痛反复发作怎么办"
    assert cache.get(FALLBACK_KEY.format(pk=page.pk))


def test_a_short_list_is_filled_from_the_department(corpus):
    page = corpus.publish("胃痛吃什么药好")
    other = factories.question(title="高血压能喝咖啡吗")  # same department, never indexed
    corpus.sync()
    assert other.pk in [c.id for c in related_list(question=page)]


def test_clusters_formed_after_the_list_was_computed_are_respected(corpus):
    page = corpus.publish("乳房缩小手术有哪些后遗症", vector=[1, 0])
    a = corpus.publish("巨乳缩小术存在什么风险", vector=[1, 0.05])
    b = corpus.publish("缩胸手术会带来哪些影响", vector=[1, 0.06])
    corpus.sync()
    related_compute(question_ids=[page.pk])
    assert {a.pk, b.pk} <= {c.id for c in related_list(question=page)}
    Question.objects.filter(pk=b.pk).update(canonical=a)  # b joins a's cluster
    shown = [c.id for c in related_list(question=page)]
    assert a.pk in shown and b.pk not in shown
    Question.objects.filter(pk__in=[a.pk, b.pk]).update(canonical=page)  # the page's own
    assert not {a.pk, b.pk} & {c.id for c in related_list(question=page)}
