"""Small text helpers shared by pages and the API."""

import re

_SPACE = re.compile(r"\s+")
# C0 controls except tab/newline/carriage return, and DEL: never meaningful in user
# text, and PostgreSQL refuses NUL in text columns.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(text: str) -> str:
    return _CONTROL.sub("", text or "")


SNIPPET_LENGTH = 80


def one_line(text: str) -> str:
    """`text` with every run of whitespace one space, trimmed."""
    return _SPACE.sub(" ", text or "").strip()


def snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    """The first `length` characters of `text` on one line, with an ellipsis when cut."""
    flat = one_line(text)
    return flat if len(flat) <= length else flat[:length].rstrip() + "…"


def derive_title(question: str, length: int = 30) -> str:
    """A title for a question that came without one: its first sentence, shortened."""
    flat = _SPACE.sub(" ", question or "").strip()
    first = re.split(r"(?<=[。！？!?；;])", flat, maxsplit=1)[0].strip()
    first = first or flat
    return first if len(first) <= length else first[:length].rstrip() + "…"
