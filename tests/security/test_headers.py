"""Security headers on every response, the CSP's inline-style hashes, and the HTTPS-only
settings of the production profile."""

import base64
import hashlib
import json
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from tests import factories
from tests.security.hostile import live_markup

pytestmark = pytest.mark.django_db

URLS = ["/", "/ask/", "/search/?q=头痛", "/accounts/login/", "/api/v1/departments", "/nope/"]


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_a_csp_without_inline_script(client, url):
    factories.question(answer="多休息")
    response = client.get(url)
    policy = _directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


class _Styles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.inside, self.blocks = True, [*self.blocks, ""]

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "style"

    def handle_data(self, data):
        if self.inside:
            self.blocks[-1] += data


@pytest.mark.parametrize("url", ["/", "/ask/", "/accounts/login/", "/nope/"])
def test_every_inline_style_is_allowed_by_its_hash(client, url):
    response = client.get(url)
    parser = _Styles()
    parser.feed(response.content.decode())
    allowed = _directives(response)["style-src"]
    for block in parser.blocks:
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, f"inline <style> on {url} is not in style-src"


def test_the_api_docs_page_needs_no_inline_script(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert live_markup(response.content.decode()) == []
    assert _directives(response)["script-src"] == ["'self'"]


def test_the_production_profile_is_https_only_with_strict_cookies():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SECURE_HSTS_SECONDS','SECURE_HSTS_INCLUDE_SUBDOMAINS','SECURE_HSTS_PRELOAD',"
        "'SECURE_SSL_REDIRECT','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE',"
        "'SESSION_COOKIE_HTTPONLY','CSRF_COOKIE_HTTPONLY','SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SAMESITE','SECURE_CONTENT_TYPE_NOSNIFF','SECURE_REFERRER_POLICY',"
        "'CONTENT_SECURITY_POLICY','PERMISSIONS_POLICY','DEBUG')}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mingyi.config.django.production",
        "MINGYI_SECRET_KEY": "x" * 60,
        "MINGYI_HSTS_PRELOAD": "false",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    settings = json.loads(out.stdout.strip().splitlines()[-1])
    assert settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is False  # configurable
    assert settings["SECURE_SSL_REDIRECT"] is True
    for name in ("SESSION_COOKIE", "CSRF_COOKIE"):
        assert settings[f"{name}_SECURE"] is True
        assert settings[f"{name}_HTTPONLY"] is True
        assert settings[f"{name}_SAMESITE"] == "Lax"
    assert settings["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert settings["SECURE_REFERRER_POLICY"] == "same-origin"
    assert settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]
    assert "microphone=()" in settings["PERMISSIONS_POLICY"]
    assert settings["DEBUG"] is False
