"""Regressions found by the schemathesis run (tests/fuzz): every 4xx the write API gives
is documented in /api/v1/openapi.json with the error shape, and a malformed body is a
400, never a 500."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

ERROR_REF = "#/components/schemas/ErrorOut"


def documented(client, path: str, method: str) -> dict:
    operation = client.get("/api/v1/openapi.json").json()["paths"][path][method]
    return {
        status: spec["content"]["application/json"]["schema"].get("$ref")
        for status, spec in operation["responses"].items()
    }


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/api/v1/questions/{id}", "get", {"404", "422"}),
        ("/api/v1/questions", "post", {"400", "404", "422", "429"}),
        ("/api/v1/questions/{id}/answers", "post", {"400", "401", "403", "404", "422", "429"}),
        ("/api/v1/answers/{id}/review", "post", {"400", "401", "403", "404", "422"}),
    ],
)
def test_every_error_the_question_api_gives_is_documented(client, path, method, statuses):
    responses = documented(client, path, method)
    assert {status: responses.get(status) for status in statuses} == dict.fromkeys(
        statuses, ERROR_REF
    )


def test_a_non_number_id_is_a_documented_422(client):
    response = client.get("/api/v1/questions/null,null")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_multipart_without_a_boundary_is_a_400_not_a_500():
    doctor = factories.doctor_account()
    question = factories.question()
    client = Client(enforce_csrf_checks=True)
    client.force_login(doctor)
    client.get("/ask/")  # sets the CSRF cookie
    response = client.post(
        f"/api/v1/questions/{question.pk}/answers",
        data=b'{"body": "0"}',
        content_type="multipart/form-data",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"
    assert not question.answers.exists()


def test_a_body_that_is_not_json_is_a_documented_400(client):
    response = client.post("/api/v1/questions", data=b"\x00", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"


def test_a_stale_session_cookie_without_csrf_is_403_forbidden():
    question = factories.question()
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "not-a-session"
    response = client.post(
        f"/api/v1/questions/{question.pk}/answers",
        {"body": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
