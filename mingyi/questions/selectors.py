"""Reads for question pages, lists and the API. Each returns what a page shows, in a
bounded number of queries."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from mingyi.core.text import snippet
from mingyi.departments.models import Department
from mingyi.questions.models import Answer, Question

# Content written on this platform (and its demo) carries the site's own label.
OWN_SOURCES = {"mingyi", "demo"}


def source_label(source: str) -> str:
    return settings.MINGYI_SITE_NAME if source in OWN_SOURCES else source


@dataclass(frozen=True)
class QuestionCard:
    """A question in a list: title, a snippet of its answer, where it is from, when."""

    id: int
    title: str
    snippet: str
    source: str
    published_at: datetime | None
    department: str
    url: str


def _first_answer_body() -> Subquery:
    return Subquery(
        Answer.objects.filter(question=OuterRef("pk"), status=Answer.Status.PUBLISHED)
        .order_by("published_at", "id")
        .values("body")[:1]
    )


def card_rows(queryset: QuerySet[Question]) -> QuerySet[Question]:
    return queryset.select_related("department").annotate(answer_body=_first_answer_body())


def to_cards(rows) -> list[QuestionCard]:
    return [
        QuestionCard(
            id=q.pk,
            title=q.title,
            snippet=snippet(q.answer_body or q.body),
            source=source_label(q.source),
            published_at=q.published_at,
            department=q.department.name,
            url=q.get_absolute_url(),
        )
        for q in rows
    ]


def _in_department(queryset: QuerySet[Question], department: Department) -> QuerySet[Question]:
    """A top-level department shows its own questions and its children's."""
    if department.parent_id is None:
        return queryset.filter(Q(department=department) | Q(department__parent=department))
    return queryset.filter(department=department)


def question_latest(*, limit: int, department: Department | None = None) -> list[QuestionCard]:
    queryset = Question.objects.published()
    if department is not None:
        queryset = _in_department(queryset, department)
    return to_cards(card_rows(queryset).order_by("-published_at", "-id")[:limit])


def question_public_get(*, pk: int) -> Question | None:
    """A published question with its department and published answers (with doctors)."""
    answers = Answer.objects.filter(status=Answer.Status.PUBLISHED).select_related(
        "doctor__hospital", "doctor__department", "reviewed_by"
    )
    return (
        Question.objects.published()
        .select_related("department__parent", "canonical")
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="published_answers"))
        .filter(pk=pk)
        .first()
    )


def question_related(*, question: Question, limit: int = 6) -> list[QuestionCard]:
    """相关推荐: the related list the worker computed (a cheap cached fallback until it
    has), never the page's own duplicate cluster (mingyi.related)."""
    from mingyi.related.selectors import related_list

    return related_list(question=question, limit=limit)


def trending_terms(*, department: Department | None, limit: int = 8) -> list[str]:
    """大家都在搜: editors' picks, then what is trending in the search log (the
    department's, then everyone's), then terms from real content (mingyi.trending)."""
    from mingyi.trending.selectors import trending_list

    return trending_list(department=department, limit=limit)


def question_department_page(*, department: Department, page: int) -> Page:
    queryset = _in_department(Question.objects.published(), department)
    paginator = Paginator(
        card_rows(queryset).order_by("-published_at", "-id"), settings.MINGYI_PAGE_SIZE
    )
    current = paginator.get_page(page)
    current.object_list = to_cards(current.object_list)
    return current
