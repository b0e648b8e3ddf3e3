"""Snippets that show the reader's own words, with the matched terms marked.

The analysis keeps each token's original offsets, so a query for 月经 marks 大姨妈 in
a text that says 大姨妈, and 頭痛 in a text written in traditional characters."""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mingyi.search.analysis import analyze_matching

WINDOW = 90
TITLE_WINDOW = 200
SCAN_CHARS = 400  # a snippet comes from the start of a text: analyse no more than that


def _spans(text: str, wanted: set[str]) -> list[tuple[int, int]]:
    tokens = analyze_matching(text, wanted)
    spans = sorted({(t.start, t.end) for t in tokens if t.text in wanted and t.end > t.start})
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _scanned(text: str) -> str:
    return " ".join((text or "")[:SCAN_CHARS].split())


def _window(text: str, spans: list[tuple[int, int]], window: int) -> tuple[int, int]:
    """[start, end) of `text` to show: from a little before the first match, but never
    less than a full window when the text has one."""
    start = max(0, min(spans[0][0] - window // 4, len(text) - window)) if spans else 0
    return start, min(len(text), start + window)


def _ellipses(text: str, start: int, end: int, shown: str) -> str:
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")


def highlight(text: str, query_terms: Iterable[str], window: int = WINDOW) -> SafeString:
    """A window of `text` around its first match, escaped, matches in <mark>."""
    text = _scanned(text)
    spans = _spans(text, set(query_terms))
    start, end = _window(text, spans, window)
    parts, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    # Every piece of text above went through escape(); only <mark> is ours.
    return mark_safe(_ellipses(text, start, end, "".join(parts)))  # nosec B308, B703


def excerpt(text: str, query_terms: Iterable[str], window: int = WINDOW) -> str:
    """The same window of `text` as `highlight` shows, as plain text (the JSON API).
    A text that fits the window is shown whole, so it needs no analysis."""
    text = _scanned(text)
    spans = _spans(text, set(query_terms)) if len(text) > window else []
    start, end = _window(text, spans, window)
    return _ellipses(text, start, end, text[start:end])
