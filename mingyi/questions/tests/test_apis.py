import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_question_api_returns_question_answers_doctor_and_disclaimer(client):
    doctor = factories.doctor(name="王示明")
    question = factories.question(title="胃痛怎么办", body="最近老是胃痛", answered_by=doctor)
    body = client.get(f"/api/v1/questions/{question.pk}").json()
    assert (body["title"], body["question"]) == ("胃痛怎么办", "最近老是胃痛")
    assert body["department"]["name"] == "心血管内科" and body["department"]["parent"] == "内科"
    assert body["answers"][0]["doctor"]["name"] == "王示明"
    assert body["disclaimer"] == "提示:本内容不能代替面诊,如有不适请尽快就医。"


def test_question_api_hides_unverified_doctors(client):
    question = factories.question(answered_by=factories.doctor(verified=False))
    assert client.get(f"/api/v1/questions/{question.pk}").json()["answers"][0]["doctor"] is None


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/questions/999999", 404, "not_found"),
        ("/api/v1/questions/abc", 422, "invalid_request"),
        ("/api/v1/questions/0", 422, "invalid_request"),
        ("/api/v1/questions/-1", 422, "invalid_request"),
        ("/api/v1/questions/99999999999999999999999", 422, "invalid_request"),
        ("/api/v1/doctors/abc", 422, "invalid_request"),
        ("/api/v1/no-such-endpoint", 404, "not_found"),
    ],
)
def test_bad_ids_and_unknown_paths_get_the_error_shape(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


def test_departments_api_lists_the_tree_with_counts(client):
    factories.question(answer="x")
    departments = client.get("/api/v1/departments").json()["departments"]
    internal = next(d for d in departments if d["name"] == "内科")
    cardiology = next(c for c in internal["children"] if c["name"] == "心血管内科")
    assert cardiology["question_count"] == 1 and internal["question_count"] == 1


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/questions/{id}" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
