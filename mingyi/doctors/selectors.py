from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from mingyi.doctors.models import Doctor
from mingyi.questions.models import Answer, Question


def doctor_public_get(*, pk: int) -> Doctor | None:
    """A verified doctor with hospital, department and the number of published answers.
    Doctors who are not (or no longer) verified have no public profile."""
    published = Q(
        answers__status=Answer.Status.PUBLISHED,
        answers__question__status=Question.Status.PUBLISHED,
    )
    return (
        Doctor.objects.verified()
        .select_related("hospital", "department__parent")
        .annotate(answer_count=Count("answers", filter=published))
        .filter(pk=pk)
        .first()
    )


def doctor_answers_page(*, doctor: Doctor, page: int) -> Page:
    answers = (
        Answer.objects.filter(
            doctor=doctor,
            status=Answer.Status.PUBLISHED,
            question__status=Question.Status.PUBLISHED,
        )
        .select_related("question__department")
        .order_by("-published_at", "-id")
    )
    return Paginator(answers, settings.MINGYI_PAGE_SIZE).get_page(page)
