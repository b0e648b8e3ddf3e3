import pytest

from mingyi.trending.models import TrendingPin

pytestmark = pytest.mark.django_db


def test_trending_returns_terms_with_search_links(client):
    TrendingPin.objects.create(term="流感疫苗")
    body = client.get("/api/v1/trending?limit=3").json()
    assert body["terms"][0] == {
        "term": "流感疫苗",
        "url": "/search/?q=%E6%B5%81%E6%84%9F%E7%96%AB%E8%8B%97",
    }


@pytest.mark.parametrize("query", ["limit=0", "limit=21", "limit=x"])
def test_bad_parameters_are_invalid_requests(client, query):
    response = client.get(f"/api/v1/trending?{query}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_an_unknown_department_is_not_found(client):
    response = client.get("/api/v1/trending?department=nope")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
