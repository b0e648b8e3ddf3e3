"""XSS payloads stored through the real services, then the pages that show them opened
in Chromium: no dialog ever opens, and the Content-Security-Policy blocks nothing of ours
(the inlined critical CSS, ask.js, the API docs' Swagger UI)."""

import json
from urllib.parse import quote

import pytest

from tests.security.hostile import PAYLOADS

pytestmark = pytest.mark.browser

STORE = """
import json
from tests.security.test_hostile_content import _hostile_site
made = []
for payload in json.loads({payloads!r}):
    s = _hostile_site(payload)
    made.append([s.question.get_absolute_url(), s.department.get_absolute_url(),
                 s.doctor.get_absolute_url(), "/ask/track/%s/" % s.question.private_token])
print(json.dumps(made))
"""


def test_pages_with_payloads_open_no_dialog_and_break_no_csp(site, browser):
    # Three kinds (script, handler, JSON-LD breakout) keep the served site's writes short;
    # every payload is covered page by page in tests/security/test_hostile_content.py.
    payloads = [PAYLOADS[name] for name in ("script", "img-onerror", "jsonld-breakout")]
    made = json.loads(site.run(STORE.format(payloads=json.dumps(payloads))).splitlines()[-1])
    urls = ["/", "/api/v1/docs"] + [url for urls in made for url in urls]
    urls += [f"/search/?q={quote(payload)}" for payload in payloads]
    page = browser.new_context().new_page()
    dialogs, violations = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for url in urls:
        response = page.goto(site + url)
        assert response is not None and response.status == 200, url
        page.mouse.move(10, 10)  # hover handlers, if any had survived
        page.mouse.move(200, 300)
    page.goto(site + "/api/v1/docs")
    page.locator(".swagger-ui .info").wait_for(timeout=15_000)
    assert dialogs == []
    assert violations == []
