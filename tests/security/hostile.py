"""Hostile payloads and the check that none of them reaches a page as live markup."""

import json
from html.parser import HTMLParser

# Each at most 32 characters, so it fits every user-text column whole (doctor and
# department names are the shortest).
PAYLOADS = {
    "script": "<script>alert('x1')</script>",
    "img-onerror": "<img src=x onerror=alert(2)>",
    "js-url": '<a href="javascript:alert(3)">x</a>',
    "svg-onload": "<svg onload=alert(4)>",
    "attr-breakout": '"><script>alert(5)</script>',
    "style": '<p style="color:red">x6</p>',
    "iframe": "<iframe src=javascript:alert(7)>",
    "rtl-override": "\u202e<script>alert(8)</script>",
    "entities": "&lt;script&gt;alert(9)&lt;/",
    "jsonld-breakout": "</script><script>alert(10)//",
    "broken-markup": "<b onmouseover=alert(11)>x<i",
    "nested": "<scr<script>ipt>alert(12)</sc",
}

# Elements no page of ours renders (the admin's own inline SVG icons are fine: an SVG
# payload is dangerous through its event handlers, which are checked on every element).
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
JSON_TYPES = {"application/ld+json", "application/json"}


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            if "src" in values:
                src = values["src"]
                if not src.startswith("/") or src.startswith("//"):  # same origin only
                    self.problems.append(f"<script src={src!r}>")
            elif values.get("type") not in JSON_TYPES:
                self.problems.append("inline executable <script>")
            self._script = {"type": values.get("type"), "text": ""}

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if self._script["type"] in JSON_TYPES and self._script["text"].strip():
                try:
                    json.loads(self._script["text"])
                except ValueError:
                    self.problems.append("a JSON data block that is no longer JSON")
            self._script = None


def live_markup(html: str) -> list[str]:
    """What in `html` could run script: event handlers, javascript: URLs, inline or
    foreign scripts, frames and SVG, broken JSON-LD."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.problems
