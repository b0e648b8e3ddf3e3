"""Small text helpers shared by pages and the API."""

import re

_SPACE = re.compile(r"\s+")


def snippet(text: str, length: int = 80) -> str:
    """The first `length` characters of `text` on one line, with an ellipsis when cut."""
    flat = _SPACE.sub(" ", text or "").strip()
    return flat if len(flat) <= length else flat[:length].rstrip() + "…"


def derive_title(question: str, length: int = 30) -> str:
    """A title for a question that came without one: its first sentence, shortened."""
    flat = _SPACE.sub(" ", question or "").strip()
    first = re.split(r"(?<=[。！？!?；;])", flat, maxsplit=1)[0].strip()
    first = first or flat
    return first if len(first) <= length else first[:length].rstrip() + "…"
