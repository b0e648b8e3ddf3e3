"""The ask → answer → review → publish path, and who may do what."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mingyi.audit.models import AuditEvent
from mingyi.questions.models import Answer, Question
from mingyi.questions.selectors_workflow import answers_to_review, question_queue
from mingyi.questions.services import (
    ERROR_NOT_EDITOR,
    ERROR_NOT_VERIFIED,
    ERROR_RETURN_NEEDS_COMMENT,
    answer_review,
    answer_revise,
    answer_submit,
    question_ask,
)
from tests import factories

pytestmark = pytest.mark.django_db

ROUTINE = "我最近两周总是胃胀,吃完饭更明显,没有胃痛,请问需要做胃镜吗?"


def ask(text: str = ROUTINE, **kwargs) -> Question:
    return question_ask(text=text, department=factories.department("消化内科"), **kwargs).question


def test_a_routine_question_waits_for_a_doctor_with_a_private_link():
    question = ask()
    assert question.status == Question.Status.OPEN
    assert len(question.private_token) >= 16
    assert question.triage_level == "routine"


def test_a_verified_doctor_answers_and_an_editor_publishes():
    question = ask()
    doctor_user = factories.doctor_account(department=factories.department("消化内科"))
    answer = answer_submit(
        user=doctor_user, question=question, body="建议先调整饮食,必要时做胃镜。"
    )
    assert answer.status == Answer.Status.SUBMITTED
    editor = factories.editor()
    answer_review(user=editor, answer=answer, approve=True)
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.status == Answer.Status.PUBLISHED and answer.reviewed_by == editor
    assert answer.reviewed_at is not None
    assert question.status == Question.Status.PUBLISHED and question.published_at is not None


def test_unverified_doctor_cannot_answer():
    question = ask()
    with pytest.raises(PermissionDenied, match=ERROR_NOT_VERIFIED):
        answer_submit(user=factories.doctor_account(verified=False), question=question, body="x")


def test_doctor_whose_verification_lapsed_cannot_answer():
    lapsed = factories.doctor_account(verified_until=timezone.now() - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        answer_submit(user=lapsed, question=ask(), body="x")


def test_asker_cannot_answer_or_publish():
    asker = factories.user()
    question = ask(asker=asker)
    with pytest.raises(PermissionDenied):
        answer_submit(user=asker, question=question, body="x")
    answer = answer_submit(user=factories.doctor_account(), question=question, body="回答")
    with pytest.raises(PermissionDenied, match=ERROR_NOT_EDITOR):
        answer_review(user=asker, answer=answer, approve=True)


def test_doctor_cannot_publish_their_own_answer():
    doctor_user = factories.doctor_account()
    answer = answer_submit(user=doctor_user, question=ask(), body="回答")
    with pytest.raises(PermissionDenied):
        answer_review(user=doctor_user, answer=answer, approve=True)


def test_returning_needs_a_comment_and_the_doctor_can_revise():
    doctor_user = factories.doctor_account()
    answer = answer_submit(user=doctor_user, question=ask(), body="一定能根治")
    editor = factories.editor()
    with pytest.raises(ValidationError, match=ERROR_RETURN_NEEDS_COMMENT):
        answer_review(user=editor, answer=answer, approve=False)
    answer_review(user=editor, answer=answer, approve=False, comment="请删除疗效承诺")
    answer.refresh_from_db()
    assert answer.status == Answer.Status.RETURNED and answer.review_comment == "请删除疗效承诺"
    answer_revise(user=doctor_user, answer=answer, body="可以控制症状,需长期随访。")
    answer.refresh_from_db()
    assert answer.status == Answer.Status.SUBMITTED


def test_compliance_flags_are_stored_for_the_editor():
    answer = answer_submit(
        user=factories.doctor_account(), question=ask(), body="本院包治,治愈率99%"
    )
    kinds = {flag["kind"] for flag in answer.compliance_flags}
    assert {"cure_promise", "cure_rate"} <= kinds


def test_answers_past_the_review_period_return_to_the_queue_and_show_a_note(client, settings):
    settings.MINGYI_REVIEW_PERIOD_MONTHS = 24
    old = timezone.now() - timedelta(days=30 * 25)
    question = factories.question(answered_by=factories.doctor(), published_at=old)
    question.answers.update(reviewed_at=old, reviewed_by=factories.editor())
    assert question.answers.get() in answers_to_review()
    assert "待复核" in client.get(question.get_absolute_url()).content.decode()
    answer_review(user=factories.editor(), answer=question.answers.get(), approve=True)
    assert question.answers.get() not in answers_to_review()


def test_every_state_change_is_audited():
    question = ask()
    answer = answer_submit(user=factories.doctor_account(), question=question, body="回答")
    editor = factories.editor()
    answer_review(user=editor, answer=answer, approve=True)
    events = list(AuditEvent.objects.order_by("id").values_list("action", "from_state", "to_state"))
    assert events == [
        ("question.ask", "", "open"),
        ("answer.submit", "", "submitted"),
        ("answer.approve", "submitted", "published"),
        ("question.publish", "open", "published"),
    ]
    assert AuditEvent.objects.get(action="answer.approve").actor == editor


def test_spam_is_held_for_editors_not_doctors():
    question = ask("加我微信 abc123456 低价出售减肥药,包邮,点击 www.example.top")
    assert question.status == Question.Status.MODERATION
    doctor = factories.doctor(department=factories.department("消化内科"))
    assert question not in question_queue(doctor=doctor)


def test_doctor_queue_puts_emergencies_first():
    doctor = factories.doctor(department=factories.department("心血管内科"))
    department = factories.department("心血管内科")
    routine = question_ask(text="血压偏高平时要注意什么饮食", department=department).question
    emergency = question_ask(
        text="我爸胸口疼得厉害,一直出冷汗,喘不上气", department=department
    ).question
    assert list(question_queue(doctor=doctor))[:2] == [emergency, routine]
