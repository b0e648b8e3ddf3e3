from datetime import datetime

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema, Status
from ninja.security import django_auth
from pydantic import Field

from mingyi.accounts.ratelimit import client_key, rate_limit_hit
from mingyi.core.errors import ErrorOut
from mingyi.core.sanitize import answer_html
from mingyi.departments.models import Department
from mingyi.doctors.apis import DoctorCardOut, doctor_card
from mingyi.questions.models import Answer, Question
from mingyi.questions.selectors import question_public_get, source_label
from mingyi.questions.services import answer_review, answer_submit, question_ask

router = Router(tags=["questions"])


class DepartmentRefOut(Schema):
    id: int
    name: str
    slug: str
    parent: str | None


class AnswerOut(Schema):
    id: int
    body: str = Field(description="The answer as the doctor wrote it: escape it before display.")
    body_html: str = Field(
        description="The answer's allowed formatting (p, br, ul, ol, li, strong, b, em) as "
        "sanitized HTML, safe to insert into a page."
    )
    published_at: datetime | None
    reviewed_at: datetime | None
    reviewer: str | None
    doctor: DoctorCardOut | None = Field(
        description="The answering doctor, present only when credential-verified."
    )


class QuestionOut(Schema):
    id: int
    title: str
    question: str = Field(description="The asker's own words, with personal data removed.")
    department: DepartmentRefOut
    created_at: datetime
    published_at: datetime | None
    url: str
    canonical_id: int | None
    source: str
    answers: list[AnswerOut]
    disclaimer: str


class QuestionPath(Schema):
    id: int = Field(..., ge=1, le=2**63 - 1)


def _question_out(question: Question) -> dict:
    department = question.department
    return {
        "id": question.pk,
        "title": question.title,
        "question": question.body,
        "department": {
            "id": department.pk,
            "name": department.name,
            "slug": department.slug,
            "parent": department.parent.name if department.parent_id else None,
        },
        "created_at": question.created_at,
        "published_at": question.published_at,
        "url": question.get_absolute_url(),
        "canonical_id": question.canonical_id,
        "source": source_label(question.source),
        "answers": [
            {
                "id": answer.pk,
                "body": answer.body,
                "body_html": answer_html(answer.body),
                "published_at": answer.published_at,
                "reviewed_at": answer.reviewed_at,
                "reviewer": (
                    answer.reviewed_by.get_full_name() or answer.reviewed_by.get_username()
                    if answer.reviewed_by
                    else None
                ),
                "doctor": doctor_card(answer.doctor)
                if answer.doctor and answer.doctor.is_verified
                else None,
            }
            for answer in question.published_answers
        ],
        "disclaimer": settings.MINGYI_DISCLAIMER,
    }


@router.get(
    "/{id}",
    response={200: QuestionOut, frozenset({404, 422}): ErrorOut},
    summary="A published question with its answers",
)
def questions_get(request: HttpRequest, path: Path[QuestionPath]):
    question = question_public_get(pk=path.id)
    if question is None:
        raise Http404("问题不存在")
    return _question_out(question)


class AskIn(Schema):
    title: str = Field("", max_length=100)
    question: str = Field(..., min_length=1, max_length=2000)
    department: str = Field("", max_length=32, description="department name or slug")


class TriageOut(Schema):
    level: str
    reasons: list[str]
    advice: str
    hotlines: list[str]


class AskOut(Schema):
    id: int
    title: str
    question: str = Field(description="the stored text, personal data removed")
    department: str
    status: str
    triage: TriageOut
    track_url: str = Field(description="the asker's private link to follow the question")


# 400: a body that is not JSON; 404: an unknown department; 429: the ask rate limit.
@router.post(
    "",
    response={201: AskOut, frozenset({400, 404, 422, 429}): ErrorOut},
    summary="Ask a question (triage first)",
)
def questions_create(request: HttpRequest, payload: AskIn):
    rate_limit_hit(action="ask", who=client_key(request))
    department = None
    if payload.department.strip():
        name = payload.department.strip()
        department = (
            Department.objects.filter(name=name).first()
            or Department.objects.filter(slug=name).first()
        )
        if department is None:
            raise Http404(f"科室不存在:{name}")
    outcome = question_ask(
        text=payload.question, title=payload.title, department=department, asker=request.user
    )
    question, triage = outcome.question, outcome.triage
    return Status(
        201,
        {
            "id": question.pk,
            "title": question.title,
            "question": question.body,
            "department": question.department.name,
            "status": question.status,
            "triage": {
                "level": triage.level,
                "reasons": triage.reasons,
                "advice": triage.advice,
                "hotlines": triage.hotlines,
            },
            "track_url": f"/ask/track/{question.private_token}/",
        },
    )


class AnswerIn(Schema):
    body: str = Field(..., min_length=1, max_length=10_000)


class AnswerStateOut(Schema):
    id: int
    question_id: int
    status: str
    compliance_flags: list[dict]


def _answer_state(answer: Answer) -> dict:
    return {
        "id": answer.pk,
        "question_id": answer.question_id,
        "status": answer.status,
        "compliance_flags": answer.compliance_flags,
    }


@router.post(
    "/{id}/answers",
    # 401 signed out, 403 not a verified doctor (or no CSRF token), 429 rate limit.
    response={201: AnswerStateOut, frozenset({400, 401, 403, 404, 422, 429}): ErrorOut},
    auth=django_auth,
    summary="A verified doctor answers (goes to editor review)",
)
def answers_create(request: HttpRequest, path: Path[QuestionPath], payload: AnswerIn):
    question = get_object_or_404(Question, pk=path.id)
    rate_limit_hit(action="answer", who=client_key(request))
    answer = answer_submit(user=request.user, question=question, body=payload.body)
    return Status(201, _answer_state(answer))


class ReviewIn(Schema):
    decision: str = Field(..., pattern="^(approve|return)$")
    comment: str = Field("", max_length=2000)


reviews = Router(tags=["review"])


class AnswerPath(Schema):
    id: int = Field(..., ge=1, le=2**63 - 1)


@reviews.post(
    "/{id}/review",
    response={200: AnswerStateOut, frozenset({400, 401, 403, 404, 422}): ErrorOut},
    auth=django_auth,
    summary="An editor reviews",
)
def answers_review(request: HttpRequest, path: Path[AnswerPath], payload: ReviewIn):
    answer = get_object_or_404(Answer, pk=path.id)
    answer = answer_review(
        user=request.user,
        answer=answer,
        approve=payload.decision == "approve",
        comment=payload.comment,
    )
    return _answer_state(answer)
