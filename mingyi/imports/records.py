"""The import record of PRODUCT.md §3 and its validation, independent of file format."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from mingyi.core.text import derive_title, strip_control
from mingyi.doctors.models import Doctor, Hospital

TITLE_MAX = 200
SOURCE_MAX = 32
SOURCE_ID_MAX = 128
NAME_MAX = 32
HOSPITAL_MAX = 100
TEXT_MAX = 20_000


class RowError(ValueError):
    """A record that cannot be imported; the message says why, in the operator's words."""


@dataclass(frozen=True)
class DoctorRecord:
    name: str
    title: str
    department: str
    hospital: str
    hospital_grade: str


@dataclass(frozen=True)
class ImportRecord:
    source: str
    source_id: str
    title: str
    question: str
    answer: str
    department: str
    department_group: str
    published_at: datetime
    doctor: DoctorRecord | None


def clean_text(value: Any, field: str, limit: int = TEXT_MAX) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise RowError(f"字段 {field} 应为文本")
    text = strip_control(str(value)).strip()
    if len(text) > limit:
        raise RowError(f"字段 {field} 超过 {limit} 字")
    return text


def parse_published_at(value: Any) -> datetime:
    text = clean_text(value, "published_at", 40)
    if not text:
        return timezone.now()
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None:
                raise ValueError
            moment = datetime.combine(day, time(8, 0))
    except ValueError:
        raise RowError(f"published_at 不是有效日期:{text[:40]}") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_doctor(value: Any, department: str) -> DoctorRecord | None:
    if value in (None, "", {}):
        return None
    if not isinstance(value, dict):
        raise RowError("doctor 应为对象:{name, title, department, hospital, hospital_grade}")
    name = clean_text(value.get("name"), "doctor.name", NAME_MAX)
    if not name:
        return None
    title = clean_text(value.get("title"), "doctor.title", 8)
    if title not in Doctor.Title.values:
        raise RowError(
            f"doctor.title 应为 {'/'.join(Doctor.Title.values)} 之一,收到:{title or '空'}"
        )
    hospital = clean_text(value.get("hospital"), "doctor.hospital", HOSPITAL_MAX)
    if not hospital:
        raise RowError("doctor.hospital 为空")
    grade = clean_text(value.get("hospital_grade"), "doctor.hospital_grade", 8) or "未定级"
    if grade not in Hospital.Grade.values:
        raise RowError(f"doctor.hospital_grade 应为 {'/'.join(Hospital.Grade.values)} 之一")
    doctor_department = clean_text(value.get("department"), "doctor.department", NAME_MAX)
    return DoctorRecord(name, title, doctor_department or department, hospital, grade)


def content_source_id(*parts: str) -> str:
    """A stable id for records that carry none: the same text always gets the same id."""
    return (
        "h"
        + hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()[:20]
    )


def build_record(
    fields: dict[str, Any], *, default_source: str, default_department: str = ""
) -> ImportRecord:
    """Validate one record's fields (already mapped to the §3 names)."""
    question = clean_text(fields.get("question"), "question")
    title = clean_text(fields.get("title"), "title")
    if not title and not question:
        raise RowError("title 和 question 不能都为空")
    if len(title) > TITLE_MAX:
        raise RowError(f"title 超过 {TITLE_MAX} 字")
    title = title or derive_title(question)
    department = clean_text(fields.get("department"), "department", NAME_MAX) or default_department
    if not department:
        raise RowError("缺少 department(科室)")
    source = clean_text(fields.get("source"), "source", SOURCE_MAX) or default_source
    source_id = clean_text(fields.get("source_id"), "source_id", SOURCE_ID_MAX)
    return ImportRecord(
        source=source,
        source_id=source_id or content_source_id(title, question),
        title=title,
        question=question,
        answer=clean_text(fields.get("answer"), "answer"),
        department=department,
        department_group=clean_text(fields.get("department_group"), "department_group", NAME_MAX),
        published_at=parse_published_at(fields.get("published_at")),
        doctor=parse_doctor(fields.get("doctor"), department),
    )
