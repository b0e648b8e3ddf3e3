"""The 大家都在搜 strip, rendered once per list of terms, prints what the include printed."""

import pytest
from django.template import engines


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("terms", [["打肉毒", "面部 提升"], ['<script>"x"&', "a/b?c=d"], []])
def test_the_strip_is_the_included_template(terms):
    included = render('{% include "questions/_trending.html" with terms=terms %}', terms=terms)
    ours = render("{% load trending_strip %}{% trending_strip terms %}", terms=terms)
    assert ours == included
    assert render("{% load trending_strip %}{% trending_strip terms %}", terms=terms) == ours


def test_other_terms_make_another_strip():
    first = render("{% load trending_strip %}{% trending_strip terms %}", terms=["胃痛"])
    second = render("{% load trending_strip %}{% trending_strip terms %}", terms=["头痛"])
    assert "胃痛" in first and "头痛" in second and "胃痛" not in second
