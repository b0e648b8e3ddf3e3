"""The description a page gives search engines and link previews (meta description and
og:description, the same text)."""

from django.utils.text import Truncator

from mingyi.core.sanitize import answer_plain
from mingyi.questions.models import Answer, Question

DESCRIPTION_CHARS = 110


def question_description(question: Question, answers: list[Answer]) -> str:
    """The first answer's words (the question's while unanswered), shortened as
    |truncatechars does; computed once for both tags. Escaped by the template."""
    text = answer_plain(answers[0].body) if answers else question.body
    return Truncator(text).chars(DESCRIPTION_CHARS)
