"""Structured data as a search engine's renderer sees it on the served site: every
JSON-LD block on the five page types parses and keeps to the schema.org vocabulary."""

import json

import pytest

from tests.schema_org import schema_violations

pytestmark = pytest.mark.browser

EXPECTED = {
    "home": {"WebSite"},
    "search": {"SearchResultsPage"},
    "ask": {"WebPage"},
    "question": {"QAPage", "MedicalWebPage"},
    "doctor": {"Physician"},
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_structured_data_on_each_page_type(phone, pages, kind):
    phone.goto(pages[kind])
    scripts = phone.locator('script[type="application/ld+json"]').all_text_contents()
    blocks = [json.loads(text) for text in scripts]
    assert {block["@type"] for block in blocks} == EXPECTED[kind]
    for block in blocks:
        assert schema_violations(block) == [], kind
    if kind == "question":
        qa = next(b for b in blocks if b["@type"] == "QAPage")
        assert qa["mainEntity"]["acceptedAnswer"]["author"]["@type"] == "Physician"
