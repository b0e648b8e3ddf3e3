import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_doctor_profile_lists_their_answers(client):
    doctor = factories.doctor(name="周明")
    factories.question(title="高血压能吃党参吗", answered_by=doctor)
    page = client.get(doctor.get_absolute_url()).content.decode()
    assert "周明" in page and "高血压能吃党参吗" in page and "已认证" in page


def test_example_doctor_profile_is_marked_as_example(client):
    doctor = factories.doctor(is_example=True)
    page = client.get(doctor.get_absolute_url()).content.decode()
    assert "示例" in page and "并非真实人物" in page


def test_unverified_doctor_has_no_public_profile(client):
    doctor = factories.doctor(verified=False)
    assert client.get(doctor.get_absolute_url()).status_code == 404


def test_doctor_api_returns_profile_without_credentials(client):
    doctor = factories.doctor(name="周明")
    body = client.get(f"/api/v1/doctors/{doctor.pk}").json()
    assert body["name"] == "周明" and body["verified"] is True
    assert body["hospital"]["grade"] == "三甲"


def test_doctor_api_unknown_or_unverified_is_404_in_error_shape(client):
    unverified = factories.doctor(verified=False)
    for url in ["/api/v1/doctors/999999", f"/api/v1/doctors/{unverified.pk}"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
