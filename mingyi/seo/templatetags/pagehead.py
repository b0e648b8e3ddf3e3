"""Head and header pieces of every page: inlined critical CSS, hreflang alternates and the
simplified/traditional switch."""

from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from mingyi.seo.hant import SWITCH_TO_HANT, hant_path

register = template.Library()


@lru_cache(maxsize=8)
def _static_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path} not found")
    with open(found, encoding="utf-8") as handle:
        text = handle.read()
    if "</" in text:
        raise ValueError(f"{path} may not contain '</' (it is inlined into <style>)")
    return text


@register.simple_tag
def inline_static(path: str) -> SafeString:
    """The exact text of a static file, read once per process: the CSP's style-src carries
    the sha256 of this text, so the inlined bytes must be the file's bytes."""
    return mark_safe(_static_text(path))  # nosec B308, B703 - our own static file


def _versions(request: HttpRequest) -> tuple[str, str | None]:
    """(simplified URL, traditional URL or None) of the current page, query included."""
    query = request.META.get("QUERY_STRING", "")
    path = request.path_info + (f"?{query}" if query else "")
    return path, hant_path(path)


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> SafeString:
    request = context.get("request")
    if request is None:
        return ""
    simplified, traditional = _versions(request)
    if traditional is None:
        return ""
    absolute = request.build_absolute_uri
    return format_html(
        '<link rel="alternate" hreflang="zh-Hans" href="{}">\n'
        '<link rel="alternate" hreflang="zh-Hant" href="{}">\n'
        '<link rel="alternate" hreflang="x-default" href="{}">',
        absolute(simplified),
        absolute(traditional),
        absolute(simplified),
    )


@register.simple_tag(takes_context=True)
def language_switch(context) -> SafeString:
    """A link to the same page in traditional characters (the zh-Hant conversion turns
    it into a link back to simplified); its text is never converted."""
    request = context.get("request")
    if request is None:
        return ""
    traditional = _versions(request)[1]
    return format_html(SWITCH_TO_HANT, traditional) if traditional else ""
