"""Snippets that show the reader's own words, with the matched terms marked.

The analysis keeps each token's original offsets, so a query for 月经 marks 大姨妈 in
a text that says 大姨妈, and 頭痛 in a text written in traditional characters."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mingyi.search.analysis import analyze_matching

WINDOW = 90
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


def highlight(text: str, query_terms: list[str], window: int = WINDOW) -> SafeString:
    """A window of `text` around its first match, escaped, matches in <mark>."""
    text = " ".join((text or "")[:SCAN_CHARS].split())
    spans = _spans(text, set(query_terms))
    start = max(0, spans[0][0] - window // 4) if spans else 0
    end = min(len(text), start + window)
    parts, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    # Every piece of text above went through escape(); only <mark> is ours.
    return mark_safe(prefix + "".join(parts) + suffix)  # nosec B308, B703
