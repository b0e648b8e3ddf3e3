"""Pages in traditional Chinese for zh-Hant readers: the simplified HTML a view rendered,
converted by OpenCC at render time and cached by the simplified page's content hash.

Only reader-facing text changes: text between tags, a few text attributes (title, alt,
placeholder, aria-label, description meta) and the string values of JSON-LD. Never tags,
attribute names, URLs, form field names or values, <style> (its CSP hash must hold) or
code. Links to our own pages (root-relative or absolute on this site, canonical and
og:url included) gain the /zh-hant prefix so a reader stays in zh-Hant; hreflang
alternates keep theirs, and the 繁體 switch becomes a 简体 one. The conversion depends on
the simplified page and the site's origin only, so a cached simplified page (the
question page cache) converts to the right zh-Hant page.
"""

import hashlib
import json
import re
from functools import lru_cache

import opencc
from django.core.cache import cache
from django.utils.html import _json_script_escapes

PREFIX = "/zh-hant"
# s2t converts characters only (no Taiwan-specific vocabulary): right for every
# traditional-script reader (Hong Kong, Macau, Taiwan), and it never rewrites drug names.
OPENCC_CONFIG = "s2t"
CACHE_SECONDS = 24 * 3600
# Paths that are not reader pages and so have no zh-Hant version.
UNTRANSLATED = ("/static/", "/admin/", "/api/", "/media", "/metrics", "/healthz", "/readyz")
UNTRANSLATED += ("/sitemap", "/robots.txt", PREFIX + "/")
TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
TEXT_META = {"description", "og:title", "og:description", "og:site_name"}
JSONLD_KEEP = {"@context", "@type", "@id", "url", "sameAs", "image"}

_RAW_BLOCK = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"""(\s)([^\s"'=<>/]+)(\s*=\s*)("[^"]*"|'[^']*')""")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
# The switch every simplified page carries (templatetags/pagehead.py renders it).
SWITCH_TO_HANT = '<a href="{}" hreflang="zh-Hant" lang="zh-Hant" translate="no">繁體</a>'
SWITCH_TO_HANS = '<a href="{}" hreflang="zh-Hans" lang="zh-Hans" translate="no">简体</a>'
_SWITCH = re.compile(re.escape(SWITCH_TO_HANT).replace(re.escape("{}"), r'/zh-hant(/[^"]*)'))


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(OPENCC_CONFIG)


def to_hant(text: str) -> str:
    """Simplified to traditional characters; ASCII (markup, entities) is left alone."""
    return _converter().convert(text) if text else text


def hant_path(path: str) -> str | None:
    """The zh-Hant URL of a root-relative path, or None when it has no zh-Hant version."""
    if not path.startswith("/") or path.startswith("//") or path.startswith(UNTRANSLATED):
        return None
    return PREFIX + path


def hant_url(url: str, origin: str) -> str:
    """`url` in zh-Hant when it is one of our pages (root-relative or on `origin`)."""
    if url.startswith(origin + "/"):
        path = hant_path(url[len(origin) :])
        return origin + path if path else url
    return hant_path(url) or url


def _attributes(tag: str) -> dict[str, str]:
    return {m.group(2).lower(): m.group(4)[1:-1] for m in _ATTRIBUTE.finditer(tag)}


def _convert_tag(tag: str, origin: str) -> str:
    if tag.startswith(("</", "<!")):
        return tag
    attributes = _attributes(tag)
    is_meta_text = attributes.get("name", attributes.get("property")) in TEXT_META
    # A language switch link points at the other script on purpose.
    keeps_links = "hreflang" in attributes

    def attribute(match: re.Match) -> str:
        space, name, equals, quoted = match.groups()
        value, quote = quoted[1:-1], quoted[0]
        name_lower = name.lower()
        if name_lower in TEXT_ATTRIBUTES or (name_lower == "content" and is_meta_text):
            value = to_hant(value)
        elif name_lower in {"href", "action", "content"} and not keeps_links:
            value = hant_url(value, origin)
        elif name_lower == "lang" and value.lower().startswith("zh") and not keeps_links:
            value = "zh-Hant"
        elif name_lower == "content" and value == "zh_CN":
            value = "zh_TW"
        return f"{space}{name}{equals}{quote}{value}{quote}"

    return _ATTRIBUTE.sub(attribute, tag)


def _convert_markup(markup: str, origin: str) -> str:
    """Text and tags outside <script>/<style>. An element marked translate="no" (the
    language switch) keeps its text."""
    out: list[str] = []
    position = 0
    frozen: list[str] = []  # names of open translate="no" elements
    for match in _TAG.finditer(markup):
        text = markup[position : match.start()]
        out.append(text if frozen else to_hant(text))
        tag = match.group(0)
        name_match = _TAG_NAME.match(tag)
        name = name_match.group(1).lower() if name_match else ""
        if tag.startswith("</"):
            if frozen and frozen[-1] == name:
                frozen.pop()
        elif _attributes(tag).get("translate") == "no" and not tag.endswith("/>"):
            frozen.append(name)
        out.append(_convert_tag(tag, origin))
        position = match.end()
    tail = markup[position:]
    out.append(tail if frozen else to_hant(tail))
    return "".join(out)


def _convert_jsonld_value(value, origin: str, key: str | None = None):
    if isinstance(value, dict):
        return {k: _convert_jsonld_value(v, origin, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert_jsonld_value(v, origin, key) for v in value]
    if key == "inLanguage":
        return "zh-Hant"
    if key == "url" and isinstance(value, str):
        return hant_url(value, origin)
    if isinstance(value, str) and key not in JSONLD_KEEP and not value.startswith("http"):
        return to_hant(value)
    return value


def _convert_raw_block(match: re.Match, origin: str) -> str:
    name, attributes, body = match.group(1), match.group(2), match.group(3)
    if name.lower() == "script" and "application/ld+json" in attributes:
        try:
            data = json.loads(body)
        except ValueError:
            return match.group(0)
        text = json.dumps(_convert_jsonld_value(data, origin), ensure_ascii=False)
        return f"<{name}{attributes}>{text.translate(_json_script_escapes)}</{name}>"
    return match.group(0)


def convert_html(html: str, origin: str = "") -> str:
    """The zh-Hant version of a whole simplified page served from `origin`
    (scheme://host)."""
    html = _SWITCH.sub(lambda m: SWITCH_TO_HANS.format(m.group(1)), html)
    out: list[str] = []
    position = 0
    for match in _RAW_BLOCK.finditer(html):
        out.append(_convert_markup(html[position : match.start()], origin))
        out.append(_convert_raw_block(match, origin))
        position = match.end()
    out.append(_convert_markup(html[position:], origin))
    return "".join(out)


def cache_key(html: str, origin: str = "") -> str:
    return "hant:" + hashlib.sha256(f"{origin}\n{html}".encode()).hexdigest()


def convert_html_cached(html: str, origin: str = "") -> str:
    """convert_html, cached by the simplified page's hash: each distinct page is converted
    once per cache lifetime (pages with a CSRF token differ per visitor and so miss)."""
    key = cache_key(html, origin)
    converted = cache.get(key)
    if converted is None:
        converted = convert_html(html, origin)
        cache.set(key, converted, CACHE_SECONDS)
    return converted
