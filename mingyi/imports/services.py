"""Importing Q&A archives: validate the whole file first, then write it in
transactional batches, idempotently by (source, source_id)."""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.db.models import Prefetch

from mingyi.departments.models import Department
from mingyi.departments.services import department_resolve
from mingyi.doctors.models import Doctor, Hospital
from mingyi.imports.readers import READERS, FileError, Reader, detect_format
from mingyi.imports.records import DoctorRecord, ImportRecord, RowError, build_record
from mingyi.questions.models import Answer, Question
from mingyi.search.services import search_outbox_record

DEFAULT_BATCH_SIZE = 1000
IMPORTED_ANSWERS = Prefetch(
    "answers", queryset=Answer.objects.order_by("id"), to_attr="imported_answers"
)
ERROR_DUPLICATE = "source_id {source_id} 与第 {line} 行重复"
ERROR_UNKNOWN_FORMAT = "未知格式 {name};可选:{choices}"


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


@dataclass
class ImportReport:
    path: str
    format: str
    valid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    departments_created: list[str] = field(default_factory=list)
    doctors_created: int = 0
    seconds: float = 0.0
    aborted: str = ""

    @property
    def written(self) -> int:
        return self.created + self.updated + self.unchanged


class ImportAborted(Exception):
    """Raised when nothing (strict mode) or no further batch could be written."""

    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message)
        self.report = report


def _records(
    reader: Reader, path: Path, *, source: str, department: str
) -> Iterator[tuple[int, ImportRecord | None, str | None]]:
    """Each row as (line, record, None) or (line, None, reason); a repeated id is a reason."""
    first_line: dict[tuple[str, str], int] = {}
    for row in reader.rows(path):
        if row.fields is None:
            yield row.line, None, row.error
            continue
        try:
            record = build_record(
                row.fields,
                default_source=source or reader.default_source,
                default_department=department or reader.default_department,
            )
        except RowError as exc:
            yield row.line, None, str(exc)
            continue
        key = (record.source, record.source_id)
        if key in first_line:
            reason = ERROR_DUPLICATE.format(source_id=record.source_id, line=first_line[key])
            yield row.line, None, reason
            continue
        first_line[key] = row.line
        yield row.line, record, None


class _Resolver:
    """Departments, hospitals and doctors met during one import, looked up once each."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.departments: dict[tuple[str, str], Department] = {}
        self.hospitals: dict[str, Hospital] = {}
        self.doctors: dict[tuple[str, str], Doctor] = {}

    def department(self, name: str, group: str = "") -> Department:
        key = (name, group)
        if key not in self.departments:
            resolved = department_resolve(name=name, group=group)
            if resolved.created:
                self.report.departments_created.append(str(resolved.department))
            self.departments[key] = resolved.department
        return self.departments[key]

    def doctor(self, record: DoctorRecord) -> Doctor:
        key = (record.name, record.hospital)
        if key not in self.doctors:
            hospital = self.hospitals.get(record.hospital)
            if hospital is None:
                hospital, _ = Hospital.objects.get_or_create(
                    name=record.hospital, defaults={"grade": record.hospital_grade}
                )
                self.hospitals[record.hospital] = hospital
            # An archive's doctor is not verified by us: created as pending, an editor
            # verifies before the name is shown as an answerer.
            doctor, created = Doctor.objects.get_or_create(
                name=record.name,
                hospital=hospital,
                defaults={"title": record.title, "department": self.department(record.department)},
            )
            self.report.doctors_created += int(created)
            self.doctors[key] = doctor
        return self.doctors[key]


def _new_question(record: ImportRecord, department: Department) -> Question:
    answered = bool(record.answer)
    return Question(
        title=record.title,
        body=record.question,
        department=department,
        status=Question.Status.PUBLISHED if answered else Question.Status.OPEN,
        created_at=record.published_at,
        published_at=record.published_at if answered else None,
        source=record.source,
        source_id=record.source_id,
    )


def _new_answer(record: ImportRecord, question: Question, doctor: Doctor | None) -> Answer:
    return Answer(
        question=question,
        doctor=doctor,
        body=record.answer,
        status=Answer.Status.PUBLISHED,
        created_at=record.published_at,
        published_at=record.published_at,
    )


def _update_existing(
    question: Question, record: ImportRecord, department: Department, doctor: Doctor | None
) -> bool:
    """Bring an already imported question in line with its record; True if it changed."""
    changed = False
    for name, value in (
        ("title", record.title),
        ("body", record.question),
        ("department_id", department.pk),
    ):
        if getattr(question, name) != value:
            setattr(question, name, value)
            changed = True
    answer = next(iter(question.imported_answers), None)
    doctor_id = doctor.pk if doctor else None
    if record.answer and answer is None:
        _new_answer(record, question, doctor).save()
        if question.status == Question.Status.OPEN:
            question.status = Question.Status.PUBLISHED
            question.published_at = record.published_at
        changed = True
    elif record.answer and (answer.body != record.answer or answer.doctor_id != doctor_id):
        answer.body, answer.doctor_id = record.answer, doctor_id
        answer.save(update_fields=["body", "doctor"])
        changed = True
    if changed:
        question.save()
    return changed


def _write_batch(batch: list[ImportRecord], resolver: _Resolver, report: ImportReport) -> None:
    by_source: dict[str, list[ImportRecord]] = {}
    for record in batch:
        by_source.setdefault(record.source, []).append(record)
    for source, records in by_source.items():
        existing = {
            q.source_id: q
            for q in Question.objects.filter(
                source=source, source_id__in=[r.source_id for r in records]
            ).prefetch_related(IMPORTED_ANSWERS)
        }
        new_questions, new_records, changed = [], [], []
        for record in records:
            department = resolver.department(record.department, record.department_group)
            doctor = resolver.doctor(record.doctor) if record.doctor else None
            current = existing.get(record.source_id)
            if current is None:
                new_questions.append(_new_question(record, department))
                new_records.append((record, doctor))
            elif _update_existing(current, record, department, doctor):
                report.updated += 1
                changed.append(current.pk)
            else:
                report.unchanged += 1
        Question.objects.bulk_create(new_questions)
        Answer.objects.bulk_create(
            _new_answer(record, question, doctor)
            for question, (record, doctor) in zip(new_questions, new_records, strict=True)
            if record.answer
        )
        report.created += len(new_questions)
        # In this batch's transaction: the search index follows exactly what committed.
        search_outbox_record(question_ids=[*changed, *(q.pk for q in new_questions)])


def import_file(
    *,
    path: Path,
    format: str | None = None,
    source: str = "",
    department: str = "",
    batch_size: int = DEFAULT_BATCH_SIZE,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import one file. Raises FileError (nothing written) for a broken file, and
    ImportAborted when strict mode meets a bad row or a batch cannot be written."""
    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise FileError(f"文件不存在:{path}")
    name = format or detect_format(path)
    if name not in READERS:
        raise FileError(ERROR_UNKNOWN_FORMAT.format(name=name, choices="/".join(READERS)))
    reader = READERS[name]
    report = ImportReport(path=str(path), format=name)

    # Pass 1: read and validate everything, so a broken file writes nothing at all.
    for line, record, reason in _records(reader, path, source=source, department=department):
        if record is None:
            report.rejected.append(Rejection(line, reason or ""))
        else:
            report.valid += 1
    if strict and report.rejected:
        raise ImportAborted(f"{len(report.rejected)} 行有错误,严格模式下未导入任何内容", report)

    # Pass 2: write in batches, each batch all-or-nothing.
    resolver = _Resolver(report)
    batch: list[ImportRecord] = []
    first_line = 0

    def flush() -> None:
        try:
            with transaction.atomic():
                _write_batch(batch, resolver, report)
        except DatabaseError as exc:
            report.aborted = (
                f"从第 {first_line} 行开始的批次写入失败({exc});之前的 {report.written} 行已提交,"
                "重新运行会跳过已导入的记录"
            )
            raise ImportAborted(report.aborted, report) from exc
        if progress:
            progress(len(batch), report.valid)
        batch.clear()

    for line, record, _ in _records(reader, path, source=source, department=department):
        if record is None:
            continue
        if not batch:
            first_line = line
        batch.append(record)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.seconds = time.perf_counter() - started
    _count(report)
    return report


def _count(report: ImportReport) -> None:
    from mingyi.ops.metrics import IMPORTED_ROWS

    for outcome in ("created", "updated", "unchanged"):
        IMPORTED_ROWS.labels(outcome).inc(getattr(report, outcome))
    IMPORTED_ROWS.labels("rejected").inc(len(report.rejected))
