"""What the search index holds for a question: its analysed fields, read from the database."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch

from mingyi.questions.models import Answer, Question
from mingyi.search.analysis import terms


@dataclass(frozen=True)
class IndexDocument:
    id: int
    title: str  # analysed terms joined by spaces
    body: str
    answer: str
    departments: list[int]  # the department and its parent, for the department filter
    published: int  # unix seconds


def _published_questions():
    answers = Answer.objects.filter(status=Answer.Status.PUBLISHED).only("question_id", "body")
    return (
        Question.objects.published()
        .select_related("department")
        .only("id", "title", "body", "published_at", "department__id", "department__parent_id")
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="index_answers"))
    )


# A question's raw fields, plain data that a process pool can analyse.
RawDocument = tuple[int, str, str, str, list[int], int]


def raw_document(question: Question) -> RawDocument:
    department = question.department
    return (
        question.pk,
        question.title,
        question.body if question.body != question.title else "",
        "\n".join(answer.body for answer in question.index_answers),
        [department.pk, *([department.parent_id] if department.parent_id else [])],
        int(question.published_at.timestamp()),
    )


def analyse_document(raw: RawDocument) -> IndexDocument:
    pk, title, body, answer, departments, published = raw
    return IndexDocument(
        id=pk,
        title=" ".join(terms(title)),
        body=" ".join(terms(body)),
        answer=" ".join(terms(answer)),
        departments=departments,
        published=published,
    )


def to_document(question: Question) -> IndexDocument:
    return analyse_document(raw_document(question))


def index_documents(*, question_ids: list[int]) -> list[IndexDocument]:
    """The documents of those questions that are published; the others have none."""
    return [to_document(q) for q in _published_questions().filter(pk__in=question_ids)]


def index_documents_all(*, chunk: int = 2000) -> Iterator[list[Question]]:
    """Every published question, in id order, a chunk at a time (never the whole table)."""
    last = 0
    while True:
        rows = list(_published_questions().filter(pk__gt=last).order_by("pk")[:chunk])
        if not rows:
            return
        yield rows
        last = rows[-1].pk
