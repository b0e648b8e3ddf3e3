"""Every HTML form that posts carries Django's CSRF token, and a POST without it is
refused with 403, pages and the session-authenticated API alike."""

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from mingyi.questions.services import answer_submit, question_ask
from tests import factories

pytestmark = pytest.mark.django_db


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (values.get("method") or "get").lower(), **values})
            self.forms[-1]["fields"] = set()
        elif tag in ("input", "textarea", "select", "button") and self.forms:
            self.forms[-1]["fields"].add(values.get("name"))


def _post_forms(client: Client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Forms()
    parser.feed(response.content.decode())
    return [form for form in parser.forms if form["method"] == "post"]


@pytest.fixture
def people():
    editor = factories.editor()
    doctor_user = factories.doctor_account()
    question = question_ask(text="最近总是头痛,需要做什么检查?", title="头痛").question
    answer_submit(user=doctor_user, question=question, body="建议测量血压。")
    return {"editor": editor, "doctor": doctor_user, "asker": factories.user(), "q": question}


def _pages(people) -> list[tuple[object, str]]:
    q = people["q"]
    return [
        (None, "/ask/"),
        (None, "/accounts/login/"),
        (None, "/accounts/signup/"),
        (None, "/accounts/password_reset/"),
        (people["asker"], "/"),  # the header's logout form
        (people["asker"], "/doctor/apply/"),
        (people["doctor"], "/workspace/"),
        (people["doctor"], f"/workspace/answer/{q.pk}/"),
        (people["editor"], "/review/"),
    ]


def test_every_post_form_carries_a_csrf_token(people):
    seen = 0
    for user, url in _pages(people):
        client = Client()
        if user is not None:
            client.force_login(user)
        for form in _post_forms(client, url):
            assert "csrfmiddlewaretoken" in form["fields"], f"a form on {url} has no CSRF token"
            seen += 1
    assert seen >= len(_pages(people))


def test_a_post_without_the_token_is_refused(people):
    for user, url in _pages(people):
        client = Client(enforce_csrf_checks=True)
        if user is not None:
            client.force_login(user)
        for form in _post_forms(client, url):
            target = urljoin(url, form.get("action") or url)
            response = client.post(target, {"text": "头痛", "body": "x", "comment": "x"})
            assert response.status_code == 403, f"POST {target} (from {url}) without a token"


def test_the_session_authenticated_api_refuses_a_post_without_the_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["doctor"])
    response = client.post(
        f"/api/v1/questions/{people['q'].pk}/answers",
        {"body": "建议休息。"},
        content_type="application/json",
    )
    assert response.status_code == 403


def _views(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_page_is_csrf_exempt():
    # The API's views are exempt from Django's middleware because django-ninja checks
    # the token itself for cookie (session) authentication: see the test above.
    exempt = [
        route
        for route, view in _views(get_resolver())
        if getattr(view, "csrf_exempt", False) and not route.startswith("api/")
    ]
    assert exempt == []
