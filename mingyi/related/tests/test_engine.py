"""Computing a related list: candidates from both sides of the hybrid engine, then a
pick that keeps duplicate clusters and near-identical items out."""

from dataclasses import replace

import pytest

from mingyi.questions.models import Question
from mingyi.related.engine import related_candidates, related_rank
from mingyi.related.features import related_weights
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def titles(items) -> list[str]:
    rows = Question.objects.in_bulk([item.id for item in items])
    return [rows[item.id].title for item in items]


def test_lexical_candidates_rank_without_vectors(corpus):
    page = corpus.publish("胃痛吃什么药好")
    corpus.publish("胃痛反复发作怎么办")
    corpus.publish("失眠多梦怎么调理")
    corpus.sync()
    table = related_candidates(question=page)
    assert table.mode == "lexical"
    assert titles(related_rank(question=page))[0] == "胃痛反复发作怎么办"


def test_vectors_bring_candidates_that_share_no_words(corpus):
    page = corpus.publish("缩胸手术会带来哪些影响", vector=[1, 0.1])
    corpus.publish("巨乳缩小术存在什么风险", vector=[1, 0.12])
    corpus.publish("失眠多梦怎么调理", vector=[0, 1])
    corpus.sync()
    table = related_candidates(question=page)
    assert table.mode == "hybrid" and table.density is not None
    assert titles(related_rank(question=page))[0] == "巨乳缩小术存在什么风险"


def test_never_the_page_itself_nor_its_own_duplicate_cluster(corpus):
    canonical = corpus.publish("乳房缩小手术有哪些后遗症", vector=[1, 0])
    page = corpus.publish("巨乳缩小术有哪些后遗症", vector=[1, 0.01], canonical=canonical)
    sibling = corpus.publish("乳房缩小术有什么后遗症", vector=[1, 0.02], canonical=canonical)
    corpus.publish("隆胸手术有哪些后遗症", vector=[1, 0.3])
    corpus.sync()
    shown = {item.id for item in related_rank(question=page)}
    assert not shown & {page.pk, canonical.pk, sibling.pk}
    shown = {item.id for item in related_rank(question=canonical)}
    assert not shown & {page.pk, sibling.pk, canonical.pk}


def test_at_most_one_member_of_another_cluster(corpus):
    page = corpus.publish("激光祛斑后注意什么", vector=[0, 1])
    head = corpus.publish("激光祛痣后会不会留疤", vector=[0.2, 1])
    corpus.publish("激光点痣是否会留瘢痕", vector=[0.21, 1], canonical=head)
    corpus.sync()
    roots = [
        Question.objects.get(pk=item.id).canonical_id or item.id
        for item in related_rank(question=page)
    ]
    assert roots.count(head.pk) == 1


def test_an_item_nearly_the_same_as_one_already_chosen_is_folded(corpus):
    page = corpus.publish("胃痛吃什么药好", vector=[1, 0])
    corpus.publish("胃疼吃什么药", vector=[1, 0.1])
    corpus.publish("胃疼吃什么药呢", vector=[1, 0.1])
    corpus.sync()
    loose = replace(related_weights(), fold=False)
    strict = replace(related_weights(), fold=True, fold_threshold=0.2)
    assert len(related_rank(question=page, weights=loose)) == 2
    assert len(related_rank(question=page, weights=strict)) == 1


def test_a_copy_of_the_page_with_identical_wording_is_never_related(corpus):
    page = corpus.publish("胃痛吃什么药好")
    corpus.publish("胃痛吃什么药好？")
    corpus.publish("胃痛反复发作怎么办")
    corpus.sync()
    assert titles(related_rank(question=page)) == ["胃痛反复发作怎么办"]


def test_the_same_department_is_preferred_when_all_else_is_equal(corpus):
    page = corpus.publish("宝宝发烧怎么办", department=factories.department("小儿内科"))
    corpus.publish("宝宝发烧怎么办呢", department=factories.department("心血管内科"))
    corpus.publish("宝宝发烧怎么办啊", department=factories.department("小儿内科"))
    corpus.sync()
    assert titles(related_rank(question=page))[0] == "宝宝发烧怎么办啊"
