"""Security headers of every profile: Content-Security-Policy (django-csp) and
Permissions-Policy. The production profile adds HTTPS-only settings (HSTS, secure cookies).

No inline script is ever allowed. Inline styles are allowed only by hash: the sha256 of
each <style> block our templates contain literally (the 500 page) and of each critical
CSS file a template tag inlines, computed once at startup, so editing the CSS cannot
break the page and no injected <style> could apply.
"""

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
# Static files whose whole text a template inlines into a <style> element.
INLINE_STYLE_FILES = [PACKAGE_DIR / "core" / "static" / "mingyi" / "critical.css"]


class _StyleBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "style":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def _sha256_source(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def inline_style_hashes() -> list[str]:
    """CSP sources for every inline style our pages may carry (sorted, unique)."""
    texts = [path.read_text(encoding="utf-8") for path in INLINE_STYLE_FILES if path.exists()]
    for template in sorted(PACKAGE_DIR.glob("*/templates/**/*.html")):
        parser = _StyleBlocks()
        parser.feed(template.read_text(encoding="utf-8"))
        # A block built by template code has no fixed hash; none exists today.
        texts += [block for block in parser.blocks if "{{" not in block and "{%" not in block]
    return sorted({_sha256_source(text) for text in texts})


def content_security_policy() -> dict:
    """django-csp 4 settings: same-origin everything, no inline or eval'd script."""
    return {
        "DIRECTIVES": {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'", *inline_style_hashes()],
            # Swagger UI's and the admin's icons are data: SVGs inside their CSS.
            "img-src": ["'self'", "data:"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "frame-ancestors": ["'none'"],
            "form-action": ["'self'"],
        }
    }


# Powerful browser features no page of ours uses; denied to every frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
