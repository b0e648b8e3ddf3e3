"""`mingyi export`: questions as import records (PRODUCT.md §3), one JSON object per
line, so that `mingyi import` reads them back unchanged."""

import json
from collections.abc import Iterator
from typing import IO

from django.db.models import Prefetch

from mingyi.questions.models import Answer, Question

CHUNK = 2000


def _record(question: Question) -> dict:
    answer = next(iter(question.export_answers), None)
    record = {
        "source_id": question.source_id or f"{question.source}-{question.pk}",
        "source": question.source,
        "title": question.title,
        "question": question.body,
        "answer": answer.body if answer else "",
        "department": question.department.name,
        "published_at": (question.published_at or question.created_at).isoformat(),
    }
    doctor = answer.doctor if answer else None
    if doctor is not None:
        record["doctor"] = {
            "name": doctor.name,
            "title": doctor.title,
            "department": doctor.department.name,
            "hospital": doctor.hospital.name,
            "hospital_grade": doctor.hospital.grade,
        }
    return record


def export_records(*, source: str = "") -> Iterator[dict]:
    """Published and open questions with their first published answer, in id order,
    a chunk at a time."""
    answers = (
        Answer.objects.filter(status=Answer.Status.PUBLISHED)
        .select_related("doctor__department", "doctor__hospital")
        .order_by("published_at", "id")
    )
    queryset = (
        Question.objects.filter(status__in=[Question.Status.PUBLISHED, Question.Status.OPEN])
        .select_related("department")
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="export_answers"))
        .order_by("id")
    )
    if source:
        queryset = queryset.filter(source=source)
    last = 0
    while chunk := list(queryset.filter(pk__gt=last)[:CHUNK]):
        yield from (_record(question) for question in chunk)
        last = chunk[-1].pk


def export_write(*, out: IO[str], source: str = "") -> int:
    count = 0
    for record in export_records(source=source):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
