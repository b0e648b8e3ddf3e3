from datetime import datetime

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Path, Router, Schema
from pydantic import Field

from mingyi.doctors.apis import DoctorCardOut, doctor_card
from mingyi.questions.models import Question
from mingyi.questions.selectors import question_public_get, source_label

router = Router(tags=["questions"])


class DepartmentRefOut(Schema):
    id: int
    name: str
    slug: str
    parent: str | None


class AnswerOut(Schema):
    id: int
    body: str
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


@router.get("/{id}", response=QuestionOut, summary="A published question with its answers")
def questions_get(request: HttpRequest, path: Path[QuestionPath]):
    question = question_public_get(pk=path.id)
    if question is None:
        raise Http404("问题不存在")
    return _question_out(question)
