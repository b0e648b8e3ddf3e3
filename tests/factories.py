"""Objects for tests, in one place. Each takes keyword overrides."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from mingyi.departments.models import Department, DepartmentAlias
from mingyi.departments.tree import tree_ensure
from mingyi.doctors.models import Doctor, Hospital
from mingyi.questions.models import Answer, Question

_seq = count(1)


def department(name: str = "心血管内科") -> Department:
    if not Department.objects.exists():
        # Transactional tests flush the tree the data migration created.
        tree_ensure(Department, DepartmentAlias)
    return Department.objects.get(name=name)


def hospital(**overrides) -> Hospital:
    n = next(_seq)
    values = {"name": f"测试医院{n}", "grade": Hospital.Grade.GRADE_3A}
    return Hospital.objects.create(**{**values, **overrides})


def doctor(*, verified: bool = True, **overrides) -> Doctor:
    n = next(_seq)
    values = {
        "name": f"医生{n}",
        "title": Doctor.Title.CHIEF,
        "department": overrides.pop("department", None) or department(),
        "hospital": overrides.pop("hospital", None) or hospital(),
    }
    if verified:
        values |= {
            "verification_status": Doctor.Verification.VERIFIED,
            "verified_at": timezone.now(),
        }
    return Doctor.objects.create(**{**values, **overrides})


def question(*, answered_by: Doctor | None = None, answer: str = "", **overrides) -> Question:
    """A published question; with `answered_by` or `answer`, also a published answer."""
    n = next(_seq)
    published_at = overrides.pop("published_at", timezone.now() - timedelta(minutes=n))
    values = {
        "title": f"测试问题{n}",
        "body": f"我的问题原文{n}",
        "department": overrides.pop("department", None) or department(),
        "status": Question.Status.PUBLISHED,
        "published_at": published_at,
        "created_at": published_at or timezone.now(),
    }
    created = Question.objects.create(**{**values, **overrides})
    if answered_by is not None or answer:
        Answer.objects.create(
            question=created,
            doctor=answered_by,
            body=answer or f"回答内容{n}",
            status=Answer.Status.PUBLISHED,
            published_at=published_at,
        )
    return created


def user(username: str | None = None, **overrides):
    from django.contrib.auth import get_user_model

    n = next(_seq)
    return get_user_model().objects.create_user(
        username=username or f"user{n}", password="pw-123456", **overrides
    )


def editor(username: str | None = None):
    from mingyi.accounts.roles import editor_grant

    account = user(username)
    editor_grant(user=account)
    return account


def doctor_account(*, verified: bool = True, **overrides):
    """A user with a linked doctor profile (verified unless told otherwise)."""
    account = user()
    doctor(verified=verified, user=account, **overrides)
    return account


def question_vector(question: Question, vector) -> None:
    """A stored e5 vector for `question` without running the model (tests pass a
    direction; it is normalized here)."""
    import numpy as np

    from mingyi.search.models import QuestionVector
    from mingyi.search.vectors import DIM, MODEL, passage_text, text_hash

    values = np.zeros(DIM, dtype="<f4")
    values[: len(vector)] = vector
    values /= np.linalg.norm(values) or 1.0
    QuestionVector.objects.update_or_create(
        question=question,
        defaults={
            "model": MODEL,
            "vector": values.astype("<f4").tobytes(),
            "text_hash": text_hash(passage_text(question.title, question.body)),
        },
    )


def search_log(query: str, *, at=None, session: str = "", results: int = 3, department=None):
    """One logged search, analysed the way search() analyses it."""
    from mingyi.search.analysis import query_terms
    from mingyi.search.models import SearchLog

    return SearchLog.objects.create(
        query=query,
        normalized=" ".join(query_terms(query)),
        department_id=department.pk if department else None,
        result_count=results,
        took_ms=1.0,
        session=session or f"s{next(_seq)}",
        created_at=at or timezone.now(),
    )
