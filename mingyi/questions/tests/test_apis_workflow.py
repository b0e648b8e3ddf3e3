"""The write API: who may ask, answer and review, and what each gets back."""

import pytest

from mingyi.questions.models import Answer
from mingyi.safety.tests.pii_samples import PII_SAMPLES
from tests import factories

pytestmark = pytest.mark.django_db


def post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def ask(client, text="我最近总是胃胀,没有胃痛,需要做胃镜吗", **extra):
    return post(client, "/api/v1/questions", {"question": text, "department": "消化内科", **extra})


def test_anyone_may_ask_and_gets_triage_and_a_private_link(client):
    response = ask(client)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "open" and body["triage"]["level"] == "routine"
    assert body["track_url"].startswith("/ask/track/")
    assert client.get(body["track_url"]).status_code == 200


def test_an_emergency_is_answered_with_120_not_a_queue_position(client):
    body = ask(client, "我老公突然胸口剧痛,满头冷汗,喘不上气").json()
    assert body["triage"]["level"] == "emergency"
    assert body["triage"]["advice"].startswith("请立即拨打120")
    assert "120" in body["triage"]["hotlines"]


def test_ask_rejects_bad_input_with_the_error_shape(client):
    for payload in ({}, {"question": ""}, {"question": "x" * 2001}, {"question": 5}):
        response = post(client, "/api/v1/questions", payload)
        assert response.status_code == 422, payload
        assert response.json()["error"]["code"] == "invalid_request"
    assert ask(client, department="不存在的科室").status_code == 404


def test_asking_too_often_gets_429_with_retry_after(client, settings):
    from mingyi.accounts import ratelimit

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}
    }
    limit, _ = ratelimit.LIMITS["ask"]
    statuses = [ask(client, f"问题{n}:最近总是头晕,血压正常").status_code for n in range(limit + 1)]
    assert statuses[:limit] == [201] * limit and statuses[-1] == 429
    response = ask(client, "再问一次")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def answer_url(client):
    question_id = ask(client).json()["id"]
    return f"/api/v1/questions/{question_id}/answers"


def test_anonymous_cannot_answer(client):
    assert post(client, answer_url(client), {"body": "回答"}).status_code == 401


def test_unverified_doctor_gets_403_from_the_answer_api(client):
    url = answer_url(client)
    client.force_login(factories.doctor_account(verified=False))
    response = post(client, url, {"body": "回答"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


def test_verified_doctor_answers_through_the_api(client):
    url = answer_url(client)
    client.force_login(factories.doctor_account())
    response = post(client, url, {"body": "建议先调整饮食。"})
    assert response.status_code == 201 and response.json()["status"] == "submitted"


def review(client, answer_id, decision="approve", comment=""):
    return post(
        client, f"/api/v1/answers/{answer_id}/review", {"decision": decision, "comment": comment}
    )


@pytest.fixture
def submitted(client):
    url = answer_url(client)
    client.force_login(factories.doctor_account())
    answer_id = post(client, url, {"body": "建议先调整饮食。"}).json()["id"]
    client.logout()
    return answer_id


def test_anonymous_visitor_cannot_review(client, submitted):
    assert review(client, submitted).status_code == 401


@pytest.mark.parametrize("role", ["asker", "doctor"])
def test_askers_and_doctors_cannot_review(client, submitted, role):
    client.force_login(factories.user() if role == "asker" else factories.doctor_account())
    assert review(client, submitted).status_code == 403
    assert Answer.objects.get(pk=submitted).status == "submitted"


def test_editor_publishes_and_the_question_becomes_public(client, submitted):
    client.force_login(factories.editor())
    assert review(client, submitted).json()["status"] == "published"
    question = Answer.objects.get(pk=submitted).question
    client.logout()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "建议先调整饮食" in page and "提示:本内容不能代替面诊" in page and "最后审核" in page


def test_editor_return_needs_a_comment(client, submitted):
    client.force_login(factories.editor())
    assert review(client, submitted, "return").status_code == 422
    assert review(client, submitted, "return", "请补充就医建议").json()["status"] == "returned"


@pytest.mark.parametrize(("text", "secret"), PII_SAMPLES)
def test_no_personal_data_survives_into_public_pages_or_the_api(client, text, secret):
    created = ask(client, f"我胃胀两周了。{text}")
    assert created.status_code == 201
    body = created.json()
    assert secret not in created.content.decode()
    editor = factories.editor()
    if body["status"] == "moderation":  # contact details look like solicitation: an editor
        client.force_login(editor)  # releases the question to the doctors first
        client.post(f"/review/question/{body['id']}/", {"allow": "1"})
    client.force_login(factories.doctor_account())
    answer = post(
        client, f"/api/v1/questions/{body['id']}/answers", {"body": "建议就医检查。"}
    ).json()
    client.force_login(editor)
    assert review(client, answer["id"]).status_code == 200
    client.logout()
    question_page = client.get(f"/q/{body['id']}/").content.decode()
    api = client.get(f"/api/v1/questions/{body['id']}").content.decode()
    track = client.get(body["track_url"]).content.decode()
    for shown in (question_page, api, track):
        assert secret not in shown


def test_control_characters_in_a_question_are_dropped_not_a_500(client):
    response = ask(client, "\x00\x01胃胀\x1f两周了")
    assert response.status_code == 201
    assert response.json()["question"] == "胃胀两周了"
