import pytest
from django.db import transaction

from mingyi.search.models import SearchLog
from mingyi.search.services import search_outbox_record
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = [
    "x" * 10_000,
    "\x00\x01\x02头痛\x1f",
    '" OR *',
    "NEAR(",
    "col:title",
    "'; DROP TABLE questions_question; --",
    "1 OR 1=1",
    "😀🤒💊",
    "   ",
    "<script>alert(1)</script>",
    "\u202eRTL\u202c",
]


@pytest.fixture
def indexed(search_index):
    with transaction.atomic():
        questions = [
            factories.question(title="高血压患者能吃党参吗", answer="可以适量,注意监测血压。"),
            factories.question(
                title="胃痛怎么办",
                answer="规律饮食。",
                department=factories.department("消化内科"),
            ),
        ]
        search_outbox_record(question_ids=[q.pk for q in questions])
    search_index.sync()
    return questions


def test_search_page_shows_highlighted_results_and_department_facets(client, indexed):
    html = client.get("/search/", {"q": "党参"}).content.decode()
    assert "<mark>党参</mark>" in html
    assert "胃痛怎么办" not in html
    assert "心血管内科" in html  # facet


def test_department_filter_narrows_results(client, indexed):
    response = client.get("/search/", {"q": "胃痛 党参", "department": "xiaohuaneike"})
    html = response.content.decode().replace("<mark>", "").replace("</mark>", "")
    assert "胃痛怎么办" in html and "高血压患者能吃党参吗" not in html


def test_empty_result_page_helps(client, indexed):
    html = client.get("/search/", {"q": "完全不相关的词语组合"}).content.decode()
    assert "没有找到" in html and "120" in html


def test_every_search_is_logged_without_personal_data(client, indexed):
    client.get("/search/", {"q": "党参"})
    log = SearchLog.objects.get()
    assert (log.query, log.result_count) == ("党参", 1)
    assert len(log.session) == 22
    assert not hasattr(log, "ip") and not hasattr(log, "user")


def test_user_text_in_the_query_is_escaped(client, indexed):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_break_the_page(client, indexed, query):
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_200_or_422_from_the_api(client, indexed, query):
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert response.json()["error"]["message"]


def test_search_api_returns_the_contract_shape(client, indexed):
    body = client.get("/api/v1/search", {"q": "党参", "limit": 5}).json()
    assert body["query"] == "党参" and body["total"] == 1
    assert set(body["results"][0]) == {"id", "title", "snippet", "department", "url", "score"}
    assert body["results"][0]["title"] == "高血压患者能吃党参吗"
    assert isinstance(body["took_ms"], float)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),
        ({"q": ""}, 422),
        ({"q": "a", "limit": 0}, 422),
        ({"q": "a", "limit": 51}, 422),
        ({"q": "a", "offset": -1}, 422),
        ({"q": "a", "limit": "x"}, 422),
        ({"q": "a", "department": "nope"}, 404),
    ],
)
def test_bad_search_parameters_get_the_error_shape(client, indexed, params, status):
    response = client.get("/api/v1/search", params)
    assert response.status_code == status
    assert response.json()["error"]["code"]


def test_search_without_an_index_yet_is_empty_not_an_error(client, search_index):
    assert client.get("/api/v1/search", {"q": "党参"}).json()["total"] == 0
