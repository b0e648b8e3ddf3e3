"""Writes of the ask → answer → review → publish path. Every function checks who may do
it, records the change in the audit log and, when search must follow, in the outbox —
all in the transaction of the change."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mingyi.accounts.roles import answering_doctor, is_editor
from mingyi.audit.services import audit_record
from mingyi.core.text import derive_title, strip_control
from mingyi.departments.models import Department
from mingyi.questions.models import Answer, Question
from mingyi.safety.compliance import compliance_check
from mingyi.safety.moderation import spam_check
from mingyi.safety.redaction import redact
from mingyi.safety.triage import TriageResult, triage
from mingyi.search.services import search_outbox_record

ERROR_EMPTY_QUESTION = "请描述您的问题。"
ERROR_TOO_LONG = "问题描述请不超过 2000 字。"
ERROR_NOT_VERIFIED = "只有通过认证且在有效期内的医生才能回答问题。"
ERROR_NOT_EDITOR = "只有编辑可以审核。"
ERROR_NOT_ANSWERABLE = "这个问题当前不能回答。"
ERROR_EMPTY_ANSWER = "回答内容不能为空。"
ERROR_RETURN_NEEDS_COMMENT = "退回时请写明修改意见。"
ERROR_NOT_REVIEWABLE = "这个回答不在待审核状态。"
FALLBACK_DEPARTMENT = "全科"
QUESTION_MAX = 2000
ANSWER_MAX = 10_000
RECENT_FOR_REPEATS = 50


@dataclass(frozen=True)
class AskOutcome:
    question: Question
    triage: TriageResult
    redacted: list[str]  # kinds of personal data removed
    held_for_moderation: bool


def _recent_texts(asker) -> list[str]:
    since = timezone.now() - timedelta(days=1)
    recent = Question.objects.filter(created_at__gte=since, source="mingyi")
    if asker is not None and asker.is_authenticated:
        recent = recent.filter(asker=asker)
    return list(recent.order_by("-id").values_list("body", flat=True)[:RECENT_FOR_REPEATS])


@transaction.atomic
def question_ask(
    *, text: str, title: str = "", department: Department | None = None, asker=None
) -> AskOutcome:
    """Triage first (on the asker's own words, in memory), then keep only the redacted
    text; spam goes to the editors' moderation queue instead of the doctors' queue."""
    text, title = strip_control(text).strip(), strip_control(title)
    if not text:
        raise ValidationError(ERROR_EMPTY_QUESTION)
    if len(text) > QUESTION_MAX:
        raise ValidationError(ERROR_TOO_LONG)
    result = triage(f"{title}\n{text}")
    body = redact(text)
    clean_title = redact(title.strip()).text[:200] if title.strip() else derive_title(body.text)
    verdict = spam_check(body.text, recent_texts=_recent_texts(asker))
    if department is None:
        from mingyi.questions.suggest import department_suggest

        department = department_suggest(text=body.text) or Department.objects.get(
            name=FALLBACK_DEPARTMENT
        )
    question = Question.objects.create(
        title=clean_title or derive_title(body.text),
        body=body.text,
        department=department,
        status=Question.Status.MODERATION if verdict.is_spam else Question.Status.OPEN,
        asker=asker if asker is not None and asker.is_authenticated else None,
        private_token=secrets.token_urlsafe(16)[:22],
        triage_level=result.level,
        moderation_reasons="、".join(verdict.reasons)[:200],
    )
    audit_record(
        actor=asker,
        action="question.ask",
        target=question,
        to_state=question.status,
        detail={"triage": result.level, "redacted": [*dict.fromkeys(body.kinds)]},
    )
    return AskOutcome(question, result, list(dict.fromkeys(body.kinds)), verdict.is_spam)


@transaction.atomic
def question_moderate(*, user, question: Question, allow: bool) -> Question:
    """An editor releases a held question to the doctors, or hides it."""
    if not is_editor(user):
        raise PermissionDenied(ERROR_NOT_EDITOR)
    before = question.status
    question.status = Question.Status.OPEN if allow else Question.Status.HIDDEN
    question.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=user,
        action="question.moderate",
        target=question,
        from_state=before,
        to_state=question.status,
    )
    return question


@transaction.atomic
def answer_submit(*, user, question: Question, body: str) -> Answer:
    doctor = answering_doctor(user)
    if doctor is None:
        raise PermissionDenied(ERROR_NOT_VERIFIED)
    if question.status not in (Question.Status.OPEN, Question.Status.PUBLISHED):
        raise ValidationError(ERROR_NOT_ANSWERABLE)
    body = strip_control(body).strip()
    if not body:
        raise ValidationError(ERROR_EMPTY_ANSWER)
    answer = Answer.objects.create(
        question=question,
        doctor=doctor,
        body=body[:ANSWER_MAX],
        status=Answer.Status.SUBMITTED,
        compliance_flags=[flag.__dict__ for flag in compliance_check(body)],
    )
    audit_record(actor=user, action="answer.submit", target=answer, to_state=answer.status)
    return answer


@transaction.atomic
def answer_revise(*, user, answer: Answer, body: str) -> Answer:
    """The doctor reworks a returned answer and submits it again."""
    doctor = answering_doctor(user)
    if doctor is None or answer.doctor_id != doctor.pk:
        raise PermissionDenied(ERROR_NOT_VERIFIED)
    body = strip_control(body).strip()
    if not body:
        raise ValidationError(ERROR_EMPTY_ANSWER)
    before = answer.status
    answer.body = body[:ANSWER_MAX]
    answer.status = Answer.Status.SUBMITTED
    answer.compliance_flags = [flag.__dict__ for flag in compliance_check(body)]
    answer.save(update_fields=["body", "status", "compliance_flags"])
    audit_record(
        actor=user, action="answer.revise", target=answer, from_state=before, to_state=answer.status
    )
    if before == Answer.Status.PUBLISHED:
        search_outbox_record(question_ids=[answer.question_id])
    return answer


def review_due_before():
    """Published answers reviewed before this moment are due for another review."""
    return timezone.now() - timedelta(days=30 * settings.MINGYI_REVIEW_PERIOD_MONTHS)


@transaction.atomic
def answer_review(*, user, answer: Answer, approve: bool, comment: str = "") -> Answer:
    """Approve (publish, and the question with it) or return with comments. A published
    answer that is due for review can be approved again, which renews its review date."""
    if not is_editor(user):
        raise PermissionDenied(ERROR_NOT_EDITOR)
    due = answer.status == Answer.Status.PUBLISHED and (
        answer.reviewed_at is None or answer.reviewed_at < review_due_before()
    )
    if answer.status != Answer.Status.SUBMITTED and not due:
        raise ValidationError(ERROR_NOT_REVIEWABLE)
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationError(ERROR_RETURN_NEEDS_COMMENT)
    now = timezone.now()
    before = answer.status
    answer.review_comment = comment
    answer.reviewed_by, answer.reviewed_at = user, now
    if approve:
        answer.status = Answer.Status.PUBLISHED
        answer.published_at = answer.published_at or now
    else:
        answer.status = Answer.Status.RETURNED
    answer.save()
    audit_record(
        actor=user,
        action="answer.approve" if approve else "answer.return",
        target=answer,
        from_state=before,
        to_state=answer.status,
        detail={"comment": comment} if comment else {},
    )
    question = answer.question
    if approve and question.status != Question.Status.PUBLISHED:
        question_before = question.status
        question.status = Question.Status.PUBLISHED
        question.published_at = question.published_at or now
        question.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=user,
            action="question.publish",
            target=question,
            from_state=question_before,
            to_state=question.status,
        )
    if approve or before == Answer.Status.PUBLISHED:
        search_outbox_record(question_ids=[question.pk])
    return answer
