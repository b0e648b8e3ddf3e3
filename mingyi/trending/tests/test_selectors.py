"""What the strip shows: pins, then trending, then real content — never nothing."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from mingyi.questions.models import Question
from mingyi.trending import selectors
from mingyi.trending.models import GLOBAL_SCOPE, TrendingBlock, TrendingPin, TrendingSnapshot
from mingyi.trending.selectors import trending_fallback, trending_list, trending_url
from mingyi.trending.services import trending_cache_clear
from tests import factories

pytestmark = pytest.mark.django_db


def test_with_no_traffic_at_all_editors_picks_come_first():
    factories.question(title="高血压能喝咖啡吗")
    TrendingPin.objects.create(term="流感疫苗", position=1)
    TrendingPin.objects.create(term="HPV疫苗", position=0)
    terms = trending_list(limit=8)
    assert terms[:2] == ["HPV疫苗", "流感疫苗"]
    assert len(terms) > 2  # then terms from real content


def test_with_no_traffic_and_no_picks_the_strip_is_not_empty():
    for title in ("高血压能喝咖啡吗", "高血压需要终身服药吗", "轻度高血压怎么办"):
        factories.question(title=title)
    terms = trending_list(limit=8)
    assert terms and terms[0] == "高血压"


def test_expired_and_future_pins_are_not_shown():
    now = timezone.now()
    TrendingPin.objects.create(term="过期", ends_at=now - timedelta(days=1))
    TrendingPin.objects.create(term="未来", starts_at=now + timedelta(days=1))
    factories.question(title="高血压能喝咖啡吗")
    assert not {"过期", "未来"} & set(trending_list(limit=8))


def test_a_departments_picks_and_terms_come_before_everyones():
    pediatrics = factories.department("小儿内科")
    TrendingPin.objects.create(term="全站词", position=0)
    TrendingPin.objects.create(term="儿科词", position=5, department=pediatrics)
    TrendingSnapshot.objects.create(scope=GLOBAL_SCOPE, terms=[{"term": "感冒吃什么药"}])
    TrendingSnapshot.objects.create(scope=str(pediatrics.parent_id), terms=[{"term": "手足口病"}])
    terms = trending_list(department=pediatrics, limit=4)
    assert terms[:4] == ["儿科词", "全站词", "手足口病", "感冒吃什么药"]
    assert "儿科词" not in trending_list(department=factories.department("妇科"), limit=4)


def test_a_block_applies_at_once_to_the_stored_snapshot():
    TrendingSnapshot.objects.create(
        scope=GLOBAL_SCOPE, terms=[{"term": "减肥药哪种好"}, {"term": "感冒吃什么药"}]
    )
    assert trending_list(limit=2)[0] == "减肥药哪种好"
    TrendingBlock.objects.create(term="减肥药")
    trending_cache_clear()
    assert "减肥药哪种好" not in trending_list(limit=2)


def test_fallback_terms_are_medical_words_of_recent_titles():
    for title in ("宝宝发烧怎么办", "宝宝发烧能吃退烧药吗", "感冒咳嗽怎么办"):
        factories.question(title=title)
    assert "发烧" in trending_fallback(department=None, limit=4)


def test_the_link_searches_for_the_term():
    assert trending_url("月经 头痛&x") == "/search/?q=%E6%9C%88%E7%BB%8F%20%E5%A4%B4%E7%97%9B%26x"


def test_the_fallback_reads_the_newest_titles_of_the_whole_department_tree(monkeypatch):
    monkeypatch.setattr(selectors, "FALLBACK_TITLES", 5)
    child = factories.department("心血管内科")
    root = child.parent
    sibling = root.children.exclude(pk=child.pk).first()
    outside = factories.department("整形外科")
    now = timezone.now()
    for n, where in enumerate([root, child, sibling, outside] * 3):
        factories.question(title=f"问题{n}", department=where, published_at=now - timedelta(n))
    factories.question(title="同时发布", department=child, published_at=now)
    factories.question(title="同时发布", department=sibling, published_at=now)
    expected = list(
        Question.objects.published()
        .filter(Q(department_id=root.pk) | Q(department__parent_id=root.pk))
        .order_by("-published_at", "-id")
        .values_list("title", flat=True)[:5]
    )
    for department in (root, child, sibling):
        assert selectors._recent_titles(department) == expected
    assert "问题3" not in expected and len(expected) == 5
