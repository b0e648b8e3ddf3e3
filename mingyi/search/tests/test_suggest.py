import pytest
from django.db import transaction

from mingyi.search.models import SearchLog
from mingyi.search.services import search_outbox_record
from mingyi.search.suggest import Suggester, did_you_mean, pinyin_full, pinyin_initials
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggester(search_index):
    factories.question(title="长期注射肉毒素会产生什么副作用", answer="x")
    for session in ("a" * 22, "b" * 22):
        SearchLog.objects.create(
            query="肉毒素瘦脸", normalized="肉毒素 瘦脸", result_count=3, took_ms=1, session=session
        )
    return Suggester().build()


def test_pinyin_helpers():
    assert (pinyin_full("肉毒素"), pinyin_initials("肉毒素")) == ("roudusu", "rds")


@pytest.mark.parametrize("prefix", ["肉毒", "roudu", "rds", "RouDu"])
def test_prefix_in_characters_pinyin_or_initials_suggests_botulinum_toxin(suggester, prefix):
    assert "肉毒素" in suggester.suggest(prefix, 20)


def test_popular_searches_from_several_sessions_come_first(suggester):
    assert suggester.suggest("肉毒素")[0] == "肉毒素瘦脸"


def test_recent_titles_are_suggested(suggester):
    assert "长期注射肉毒素会产生什么副作用" in suggester.suggest("changqi", 50)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("肉读素", "肉毒素"), ("肉读素副作用", "肉毒素副作用"), ("高学压", "高血压")],
)
def test_homophone_typos_are_corrected(suggester, typed, meant):
    assert suggester.correct(typed) == meant


@pytest.mark.parametrize("query", ["肉毒素", "头痛", "月经不调", "abc", ""])
def test_correct_queries_are_left_alone(suggester, query):
    assert suggester.correct(query) is None


def test_suggest_api(client, suggester):
    body = client.get("/api/v1/suggest", {"q": "rds"}).json()
    assert "肉毒素" in body["suggestions"]
    assert client.get("/api/v1/suggest", {"q": ""}).json() == {"suggestions": []}
    assert client.get("/api/v1/suggest", {"q": "x" * 101}).status_code == 422


def test_search_page_searches_the_corrected_query_when_nothing_matches(client, search_index):
    with transaction.atomic():
        question = factories.question(
            title="长期注射肉毒素会产生什么副作用", answer="可能出现肌肉萎缩"
        )
        search_outbox_record(question_ids=[question.pk])
    search_index.sync()
    html = client.get("/search/", {"q": "肉读素"}).content.decode()
    assert "已为您显示“" in html and "肉毒素" in html
    assert did_you_mean("肉读素") == "肉毒素"
