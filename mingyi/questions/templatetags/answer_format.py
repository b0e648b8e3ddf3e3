from django import template
from django.utils.safestring import SafeString

from mingyi.core.sanitize import answer_html, answer_plain

register = template.Library()


@register.filter(name="answer_html")
def answer_html_filter(text: str) -> SafeString:
    """An answer's allowed formatting as sanitized HTML (mingyi.core.sanitize)."""
    return answer_html(text)


@register.filter(name="answer_plain")
def answer_plain_filter(text: str) -> str:
    """An answer's words without markup, escaped by the template as usual."""
    return answer_plain(text)
