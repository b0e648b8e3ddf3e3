"""The search API's limits: what the schema accepts fits in one HTTP request line."""

from urllib.parse import urlencode

import pytest

from mingyi.search.selectors import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db

# gunicorn's default limit_request_line: longer request lines get its HTML 414.
REQUEST_LINE_LIMIT = 4094


def test_the_longest_valid_search_fits_in_a_request_line(client):
    params = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/search"]["get"]
    limits = {p["name"]: p["schema"].get("maxLength") for p in params["parameters"]}
    assert limits["q"] == MAX_QUERY_CHARS
    # 4-byte characters are the worst case: 12 bytes each once percent-encoded.
    query = urlencode(
        {"q": "😀" * limits["q"], "limit": 50, "offset": 1000, "department": "😀" * 64}
    )
    assert len(f"GET /api/v1/search?{query} HTTP/1.1") < REQUEST_LINE_LIMIT


def test_a_query_longer_than_is_searched_is_a_422_not_a_414(client):
    response = client.get("/api/v1/search", {"q": "头" * (MAX_QUERY_CHARS + 1)})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
