"""Reads for the doctors' and editors' queues."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from mingyi.doctors.models import Doctor
from mingyi.questions.models import Answer, Question
from mingyi.questions.services import review_due_before

# Emergencies and urgent cases first: they are the ones a doctor should see at once.
TRIAGE_ORDER = Case(
    When(triage_level="emergency", then=Value(0)),
    When(triage_level="urgent", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def question_queue(*, doctor: Doctor) -> QuerySet[Question]:
    """Open questions in the doctor's department (or its sibling sub-departments) that
    the doctor has not answered yet."""
    department = doctor.department
    root = department.parent_id or department.pk
    scope = Q(department_id=root) | Q(department__parent_id=root)
    return (
        Question.objects.filter(scope, status=Question.Status.OPEN)
        .exclude(answers__doctor=doctor)
        .select_related("department")
        .order_by(TRIAGE_ORDER, "created_at")
    )


def answers_of_doctor(*, doctor: Doctor) -> QuerySet[Answer]:
    return Answer.objects.filter(doctor=doctor).select_related("question").order_by("-created_at")


def answers_to_review() -> QuerySet[Answer]:
    """Submitted answers, then published answers whose review has lapsed (待复核)."""
    due = Q(status=Answer.Status.PUBLISHED) & (
        Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=review_due_before())
    )
    return (
        Answer.objects.filter(Q(status=Answer.Status.SUBMITTED) | due)
        .exclude(doctor__isnull=True)
        .select_related("question", "doctor__hospital")
        .order_by("created_at")
    )


def questions_held() -> QuerySet[Question]:
    return Question.objects.filter(status=Question.Status.MODERATION).order_by("created_at")


def question_by_token(*, token: str) -> Question | None:
    if not token or len(token) > 32:
        return None
    return Question.objects.select_related("department").filter(private_token=token).first()
