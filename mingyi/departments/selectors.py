from django.db.models import Count, Prefetch, Q, QuerySet

from mingyi.departments.models import Department
from mingyi.questions.models import Question


def department_tree() -> list[Department]:
    """Top-level departments with their children, each annotated with published counts."""
    published = Q(questions__status=Question.Status.PUBLISHED)
    children = Department.objects.annotate(question_count=Count("questions", filter=published))
    tops = list(
        Department.objects.filter(parent=None)
        .annotate(question_count=Count("questions", filter=published))
        .prefetch_related(Prefetch("children", queryset=children))
    )
    # A top-level count includes its sub-departments, as its page lists them too.
    for top in tops:
        top.question_count += sum(child.question_count for child in top.children.all())
    return tops


def department_get(*, slug: str) -> Department | None:
    return Department.objects.select_related("parent").filter(slug=slug).first()


def department_list() -> QuerySet[Department]:
    return Department.objects.select_related("parent").order_by("parent_id", "position", "id")
