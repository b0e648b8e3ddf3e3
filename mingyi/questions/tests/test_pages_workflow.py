"""The ask, workspace and review pages: what each role is offered and refused."""

import pytest

from mingyi.questions.models import Question
from mingyi.questions.services import question_ask
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_question():
    return question_ask(
        text="最近总是胃胀,没有胃痛", department=factories.department("消化内科")
    ).question


def test_ask_page_shows_an_emergency_banner_after_submission_without_javascript(client):
    response = client.post("/ask/", {"text": "我妈突然说话不清楚,嘴歪了,右手抬不起来"})
    html = response.content.decode()
    assert response.status_code == 201
    assert "请立即拨打120" in html
    assert "排" not in html.split("请立即拨打120")[0]  # nothing before the 120 banner


def test_ask_page_redacts_before_showing_and_storing(client):
    client.post("/ask/", {"text": "我叫王小明,电话13812345678,最近胃痛"})
    stored = Question.objects.get().body
    assert "13812345678" not in stored and "王小明" not in stored


def test_anonymous_visitor_is_sent_to_log_in_for_workspace_and_review(client):
    for url in ("/workspace/", "/review/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_asker_cannot_open_the_review_desk(client):
    client.force_login(factories.user())
    assert client.get("/review/").status_code == 403


def test_unverified_doctor_is_offered_no_answer_editor(client, open_question):
    client.force_login(factories.doctor_account(verified=False))
    workspace = client.get("/workspace/")
    assert workspace.status_code == 403
    assert 'name="body"' not in workspace.content.decode()
    assert client.get(f"/workspace/answer/{open_question.pk}/").status_code == 403
    assert client.post(f"/workspace/answer/{open_question.pk}/", {"body": "x"}).status_code == 403


def test_verified_doctor_sees_the_queue_previews_and_submits(client, open_question):
    client.force_login(factories.doctor_account(department=factories.department("消化内科")))
    assert open_question.title in client.get("/workspace/").content.decode()
    url = f"/workspace/answer/{open_question.pk}/"
    preview = client.post(url, {"body": "保证根治", "preview": "1"}).content.decode()
    assert "预览" in preview and "合规提示" in preview
    assert client.post(url, {"body": "建议调整饮食", "submit": "1"}).status_code == 302
    assert open_question.answers.get().status == "submitted"


def test_editor_desk_lists_answers_held_questions_and_credentials(client, open_question):
    factories.doctor_account()
    client.force_login(factories.editor())
    assert client.get("/review/").status_code == 200


def test_login_is_rate_limited(client):
    statuses = [
        client.post("/accounts/login/", {"username": "x", "password": "wrong"}).status_code
        for _ in range(12)
    ]
    assert statuses[-1] == 429


def test_privacy_page_says_what_is_kept(client):
    html = client.get("/privacy/").content.decode()
    assert "不会保存" in html and "IP" in html
