"""The question page's description: what |answer_plain|truncatechars:110 printed."""

import pytest
from django.template import engines

from mingyi.questions.selectors import question_public_get
from mingyi.seo.meta import question_description
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "{% load answer_format %}{% if answers %}{{ answers.0.body|answer_plain|truncatechars:110 }}"
    "{% else %}{{ question.body|truncatechars:110 }}{% endif %}"
)


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "<p>多喝水,<b>注意</b>休息 &amp; 复查</p>",
        "建议" * 100,
        "<script>x</script>" + "字" * 120,
    ],
)
def test_the_description_is_what_the_template_printed(answer):
    question = factories.question(answer=answer, body='我的问题 <"原文">' * 20)
    page = question_public_get(pk=question.pk)
    context = {"question": page, "answers": page.published_answers}
    expected = engines["django"].from_string(TEMPLATE).render(context)
    shown = (
        engines["django"]
        .from_string("{{ d }}")
        .render({"d": question_description(page, page.published_answers)})
    )
    assert shown == expected
