"""Answer text → safe HTML, in one place: pages, JSON-LD and the API all call this.

Answers are stored as the doctor wrote them. At render time a small formatting subset
(paragraphs, line breaks, lists, bold, emphasis) passes through nh3 (the Ammonia
sanitizer); every other tag is dropped, every attribute removed, and text escaped.
Plain-text answers keep their shape: blank lines make paragraphs, single newlines
line breaks.
"""

import html

import nh3
from django.utils.safestring import SafeString, mark_safe

ANSWER_TAGS = frozenset({"p", "br", "ul", "ol", "li", "strong", "b", "em"})
# Blocks the doctor wrote as markup stay as they are; any other block becomes a <p>.
_BLOCK_OPENERS = ("<p>", "<p ", "<ul", "<ol")
# Bidirectional overrides and isolates can make escaped text read backwards (a
# "reversed" phone number or link); they never belong in an answer.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ANSWER_TAGS),
        attributes={},
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


def answer_html(text: str) -> SafeString:
    """The answer as sanitized HTML: only ANSWER_TAGS, no attributes, no URLs.

    Each blank-line-separated block is cleaned on its own, so a stray unclosed tag
    (an <iframe> or <b>) cannot swallow or restyle the rest of the answer.
    """
    text = (text or "").translate(_BIDI_CONTROLS).replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for block in text.split("\n\n"):
        block = block.strip("\n")
        if not block.strip():
            continue
        if not block.lstrip().lower().startswith(_BLOCK_OPENERS):
            block = "<p>" + block.replace("\n", "<br>") + "</p>"
        # A block whose every word was markup leaves empty paragraphs behind.
        cleaned = _clean(block).replace("<p></p>", "")
        if cleaned:
            blocks.append(cleaned)
    # nh3's output: only ANSWER_TAGS survive, without attributes.
    return mark_safe("\n".join(blocks))  # nosec B308, B703


def answer_plain(text: str) -> str:
    """The answer's words without markup (meta descriptions, snippets); still to be
    escaped by whoever outputs it."""
    words = nh3.clean((text or "").translate(_BIDI_CONTROLS), tags=set(), attributes={})
    return html.unescape(words)
