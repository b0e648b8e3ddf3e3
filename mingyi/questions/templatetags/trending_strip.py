"""大家都在搜 as pages show it. The strip's HTML is a function of its terms alone (the
same on every question of a department), so each list of terms is rendered once per
process; which terms a page shows is still read for every page (trending_list)."""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@lru_cache(maxsize=256)
def _strip(terms: tuple[str, ...]) -> SafeString:
    html = get_template("questions/_trending.html").render({"terms": terms})
    return mark_safe(html)  # nosec B308, B703 - an autoescaped template's output


@register.simple_tag
def trending_strip(terms: list[str]) -> SafeString:
    """{% include "questions/_trending.html" with terms=terms %}, remembered."""
    return _strip(tuple(terms))
