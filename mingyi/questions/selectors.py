"""Reads for question pages, lists and the API. Each returns what a page shows, in a
bounded number of queries."""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr

from mingyi.core.links import reverse_remembered
from mingyi.core.text import SNIPPET_LENGTH, one_line, snippet
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
    """Questions with their department and first answer's whole body (search highlights
    anywhere in it)."""
    return queryset.select_related("department").annotate(answer_body=_first_answer_body())


# A card's snippet is cut from the opening of its answer: SQL sends this many characters,
# plenty for SNIPPET_LENGTH once whitespace runs are collapsed (see _card_snippet).
OPENING_CHARS = 4 * SNIPPET_LENGTH


def card_values() -> QuerySet[Question]:
    """Published questions as the rows cards are made of, in one query: plain dicts, the
    department's name joined, only the opening of the first published answer.
    Unordered; callers filter, order and annotate it."""
    return _card_values().all()  # a clone: the built query itself is never changed


@lru_cache(maxsize=1)
def _card_values() -> QuerySet[Question]:
    # Built once per process: building this query (the subquery, the join, the columns)
    # costs more than compiling and running it. Never evaluated itself, only cloned.
    first_answer_opening = Subquery(
        Answer.objects.filter(question=OuterRef("pk"), status=Answer.Status.PUBLISHED)
        .order_by("published_at", "id")
        .values(opening=Substr("body", 1, OPENING_CHARS))[:1]
    )
    return (
        Question.objects.published()
        .order_by()
        .values(
            "id",
            "title",
            "body",
            "source",
            "published_at",
            "canonical_id",
            department_name=F("department__name"),
            answer_opening=first_answer_opening,
        )
    )


def _card_snippet(row: dict) -> str:
    """snippet() of the first answer (the question when unanswered), from the answer's
    opening. Exact: collapsed, an opening longer than the snippet starts like the whole
    answer; a shorter one is the whole answer unless it was cut, and only then
    (whitespace-heavy text) is the whole answer read."""
    text = row["answer_opening"]
    if text is None:
        return snippet(row["body"])
    if len(text) >= OPENING_CHARS and len(one_line(text)) <= SNIPPET_LENGTH:
        answers = Answer.objects.filter(question_id=row["id"], status=Answer.Status.PUBLISHED)
        text = answers.order_by("published_at", "id").values_list("body", flat=True)[0]
    return snippet(text)


def question_url_format() -> str:
    """The question page's URL with "{}" for the id, reversed once per process (reverse()
    per row costs more than the rest of a card)."""
    return reverse_remembered("questions:detail", pk=_URL_SENTINEL).replace(
        str(_URL_SENTINEL), "{}"
    )


_URL_SENTINEL = 918273645  # an id no URL prefix contains


def to_cards(rows) -> list[QuestionCard]:
    """Cards from card_values() rows."""
    url = question_url_format()
    return [
        QuestionCard(
            id=row["id"],
            title=row["title"],
            snippet=_card_snippet(row),
            source=source_label(row["source"]),
            published_at=row["published_at"],
            department=row["department_name"],
            url=url.format(row["id"]),
        )
        for row in rows
    ]


def _in_department(queryset: QuerySet[Question], department: Department) -> QuerySet[Question]:
    """A top-level department shows its own questions and its children's."""
    if department.parent_id is None:
        return queryset.filter(Q(department=department) | Q(department__parent=department))
    return queryset.filter(department=department)


def question_latest(*, limit: int, department: Department | None = None) -> list[QuestionCard]:
    queryset = card_values()
    if department is not None:
        queryset = _in_department(queryset, department)
    return to_cards(queryset.order_by("-published_at", "-id")[:limit])


def question_public_get(*, pk: int) -> Question | None:
    """A published question with its department (and its parent) and, in
    `published_answers`, its published answers (with doctors and reviewers) in
    publication order. Two queries, neither with an ORDER BY: the question is one row by
    its key, and a question's few answers sort in Python for less than compiling the
    clause costs."""
    public, answers = _public_querysets()
    rows = list(public.filter(pk=pk)[:1])
    if not rows:
        return None
    question = rows[0]
    # A published answer always has a publication date (a check constraint).
    question.published_answers = sorted(
        answers.filter(question_id=pk), key=lambda a: (a.published_at, a.pk)
    )
    return question


@lru_cache(maxsize=1)
def _public_querysets() -> tuple[QuerySet[Question], QuerySet[Answer]]:
    # Built once per process, as _card_values; filter() clones them.
    public = Question.objects.published().select_related("department__parent").order_by()
    answers = (
        Answer.objects.filter(status=Answer.Status.PUBLISHED)
        .select_related("doctor__hospital", "doctor__department", "reviewed_by")
        .order_by()
    )
    return public, answers


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
    queryset = _in_department(card_values(), department)
    paginator = Paginator(queryset.order_by("-published_at", "-id"), settings.MINGYI_PAGE_SIZE)
    current = paginator.get_page(page)
    current.object_list = to_cards(current.object_list)
    return current
