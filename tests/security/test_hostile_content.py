"""Every user-text field filled with XSS payloads through the real services, then every
page, API response and admin view that shows it parsed: no payload becomes live markup."""

import json
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from mingyi.core.sanitize import answer_html
from mingyi.departments.models import Department
from mingyi.departments.services import department_create
from mingyi.doctors.models import Doctor, Hospital
from mingyi.doctors.services import credential_verify, doctor_apply
from mingyi.questions.models import Answer, Question
from mingyi.questions.services import answer_review, answer_submit, question_ask, question_moderate
from tests import factories
from tests.security.hostile import PAYLOADS, live_markup

pytestmark = pytest.mark.django_db


@dataclass
class HostileSite:
    payload: str
    question: Question
    answer: Answer
    doctor: Doctor
    department: Department
    doctor_user: object
    editor: object
    admin: object


def _hostile_site(payload: str) -> HostileSite:
    cache.clear()  # rate limits of earlier parameters
    editor = factories.editor()
    top = Department.objects.filter(parent=None).order_by("position").first()
    department = department_create(name=payload[:32], parent=top)
    doctor_user = factories.user()
    credential = doctor_apply(
        user=doctor_user,
        name=payload[:32],
        title=Doctor.Title.CHIEF,
        department=department,
        hospital_name=payload,
        hospital_grade=Hospital.Grade.GRADE_3A,
        practising_certificate_no="110101199001011234",
        qualification_certificate_no="210101199001011234",
    )
    doctor = credential_verify(user=editor, credential=credential)
    # The profile text is written in the admin; there is no service for it.
    Doctor.objects.filter(pk=doctor.pk).update(bio=payload)
    doctor.refresh_from_db()
    outcome = question_ask(
        text=f"{payload}\n最近总是头痛,晚上睡不好,需要做什么检查?",
        title=payload,
        department=department,
        asker=factories.user(),
    )
    question = outcome.question
    if question.status == Question.Status.MODERATION:
        question = question_moderate(user=editor, question=question, allow=True)
    answer = answer_submit(
        user=doctor_user, question=question, body=f"{payload}\n\n建议先测量血压。\n注意休息。"
    )
    answer = answer_review(user=editor, answer=answer, approve=True, comment=payload)
    question.refresh_from_db()
    admin = get_user_model().objects.filter(username="root").first()
    admin = admin or get_user_model().objects.create_superuser("root", "r@example.org", "pw-r-1")
    return HostileSite(payload, question, answer, doctor, department, doctor_user, editor, admin)


@pytest.fixture(params=list(PAYLOADS.values()), ids=list(PAYLOADS))
def site(request) -> HostileSite:
    return _hostile_site(request.param)


def _as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _assert_inert(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), where
    problems = live_markup(response.content.decode())
    assert not problems, f"{where}: {problems}"


def test_public_pages_keep_payloads_inert(site):
    anonymous = _as(None)
    pages = [
        "/",
        site.question.get_absolute_url(),
        site.department.get_absolute_url(),
        site.doctor.get_absolute_url(),
        f"/search/?q={quote(site.payload)}",
        f"/ask/track/{site.question.private_token}/",
    ]
    for url in pages:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        _assert_inert(response, url)
    page = anonymous.get(site.question.get_absolute_url()).content.decode()
    assert "建议先测量血压。" in page  # the answer is shown, as paragraphs
    assert "<p>建议先测量血压。<br>注意休息。</p>" in page


def test_ask_and_signup_forms_echo_payloads_inert(site):
    anonymous = _as(None)
    asked = anonymous.post("/ask/", {"title": site.payload, "text": f"{site.payload} 头痛三天"})
    assert asked.status_code in (200, 201)
    _assert_inert(asked, "POST /ask/")
    signup = anonymous.post(
        "/accounts/signup/",
        {"username": site.payload, "password1": "x", "password2": "y"},
    )
    assert signup.status_code == 200  # the form comes back with its errors
    _assert_inert(signup, "POST /accounts/signup/")


def test_workspace_and_review_pages_keep_payloads_inert(site):
    doctor = _as(site.doctor_user)
    for url in ("/workspace/", f"/workspace/answer/{site.question.pk}/"):
        _assert_inert(doctor.get(url), url)
    preview = doctor.post(
        f"/workspace/answer/{site.question.pk}/", {"body": site.payload, "preview": "1"}
    )
    _assert_inert(preview, "answer preview")
    # A second answer waits for review, with the payload in it.
    answer_submit(user=site.doctor_user, question=site.question, body=site.payload)
    _assert_inert(_as(site.editor).get("/review/"), "/review/")


ADMIN_MODELS = [
    ("questions", "question", "question"),
    ("questions", "answer", "answer"),
    ("doctors", "doctor", "doctor"),
    ("doctors", "hospital", None),
    ("departments", "department", "department"),
]


def test_admin_change_lists_and_forms_keep_payloads_inert(site):
    admin = _as(site.admin)
    objects = {
        "question": site.question,
        "answer": site.answer,
        "doctor": site.doctor,
        "hospital": site.doctor.hospital,
        "department": site.department,
    }
    for app, model, _ in ADMIN_MODELS:
        changelist = f"/admin/{app}/{model}/"
        response = admin.get(changelist)
        assert response.status_code == 200, changelist
        _assert_inert(response, changelist)
        searched = admin.get(changelist, {"q": site.payload})
        _assert_inert(searched, f"{changelist}?q=")
        change = f"/admin/{app}/{model}/{objects[model].pk}/change/"
        response = admin.get(change)
        assert response.status_code == 200, change
        _assert_inert(response, change)


def _json(response, where: str):
    assert response.status_code < 500, where
    assert response["Content-Type"].startswith("application/json"), where
    return json.loads(response.content)


def test_api_returns_payloads_as_json_text_and_sanitized_html(site):
    api = _as(None)
    question = _json(api.get(f"/api/v1/questions/{site.question.pk}"), "question API")
    assert question["title"] == site.question.title  # data, exactly as stored
    answer = question["answers"][0]
    assert answer["body"] == site.answer.body
    assert answer["body_html"] == answer_html(site.answer.body)
    assert not live_markup(answer["body_html"])
    assert "<script" not in answer["body_html"] and "<iframe" not in answer["body_html"]
    doctor = _json(api.get(f"/api/v1/doctors/{site.doctor.pk}"), "doctor API")
    assert doctor["name"] == site.doctor.name
    _json(api.get("/api/v1/departments"), "departments API")
    _json(api.get("/api/v1/search", {"q": site.payload}), "search API")
    _json(api.get("/api/v1/suggest", {"q": site.payload}), "suggest API")


def test_json_ld_cannot_be_closed_by_user_text(site):
    page = _as(None).get(site.question.get_absolute_url()).content.decode()
    blocks = [part.split("</script>", 1)[0] for part in page.split("application/ld+json")[1:]]
    assert blocks
    for block in blocks:
        data = json.loads(block.split(">", 1)[1])
        assert "<" not in block.split(">", 1)[1], "a raw < inside JSON-LD"
        assert data
