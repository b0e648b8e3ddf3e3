"""Cards (lists, related questions) and the question page's reads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mingyi.core.text import snippet
from mingyi.questions.models import Answer, Question
from mingyi.questions.selectors import (
    OPENING_CHARS,
    card_values,
    question_public_get,
    question_url_format,
    to_cards,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _card(question: Question):
    (card,) = to_cards(card_values().filter(pk=question.pk))
    return card


@pytest.mark.parametrize(
    "answer",
    [
        "短回答。",
        "多喝水" * 200,  # longer than the opening SQL sends
        "建议" + " \n\t" * OPENING_CHARS + "及时就医" * 40,  # whitespace beyond the opening
        "注意" + "\n" * (OPENING_CHARS - 2),  # cut exactly at the opening, then nothing
        "要点" * 39 + " " + "x" * 200,  # the snippet ends just before a space
    ],
)
def test_a_card_snippet_is_the_snippet_of_the_whole_first_answer(answer):
    question = factories.question(answer=answer)
    assert _card(question).snippet == snippet(answer)


def test_a_card_snippet_comes_from_the_first_published_answer():
    question = factories.question(answer="先发布的回答")
    Answer.objects.create(
        question=question, body="后发布的回答", status="published", published_at=timezone.now()
    )
    Answer.objects.create(question=question, body="草稿", status="draft")
    assert _card(question).snippet == "先发布的回答"


def test_an_unanswered_card_shows_the_question():
    question = factories.question(body="我的问题  原文")
    card = _card(question)
    assert card.snippet == "我的问题 原文"
    assert card.url == question.get_absolute_url() == question_url_format().format(question.pk)
    assert card.department == question.department.name


def test_the_page_reads_answers_in_publication_order_in_two_queries(django_assert_num_queries):
    question = factories.question(answer="第一")
    later = timezone.now()
    Answer.objects.create(question=question, body="第三", status="published", published_at=later)
    Answer.objects.create(
        question=question,
        body="第二",
        status="published",
        published_at=later - timedelta(seconds=1),
    )
    with django_assert_num_queries(2):
        page = question_public_get(pk=question.pk)
        assert [a.body for a in page.published_answers] == ["第一", "第二", "第三"]
        assert page.department.name


def test_an_unpublished_question_has_no_page():
    question = factories.question(status=Question.Status.HIDDEN)
    assert question_public_get(pk=question.pk) is None
