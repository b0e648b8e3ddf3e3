"""Every page type readers land on carries JSON-LD that the schema.org vocabulary
accepts (the browser test checks the same on the served site)."""

import pytest

from mingyi.seo.tests.test_seo import ld_blocks
from tests import factories
from tests.schema_org import schema_violations

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    editor = factories.editor()
    doctor = factories.doctor(name="王示明")
    question = factories.question(title="胃痛怎么办", answered_by=doctor)
    question.answers.update(reviewed_by=editor, reviewed_at=question.published_at)
    return {
        "home": "/",
        "search": "/search/?q=胃痛",
        "ask": "/ask/",
        "question": question.get_absolute_url(),
        "doctor": doctor.get_absolute_url(),
    }


@pytest.mark.parametrize("kind", ["home", "search", "ask", "question", "doctor"])
def test_every_page_type_has_structured_data_in_the_schema_org_vocabulary(client, pages, kind):
    blocks = ld_blocks(client.get(pages[kind]).content.decode())
    assert blocks, f"no JSON-LD on the {kind} page"
    for block in blocks:
        assert block["@context"] == "https://schema.org"
        assert schema_violations(block) == []


def test_the_home_page_tells_search_engines_how_to_search(client):
    (site,) = ld_blocks(client.get("/").content.decode())
    assert site["@type"] == "WebSite"
    template = site["potentialAction"]["target"]["urlTemplate"]
    assert template.endswith("/search/?q={search_term_string}")


def test_a_search_page_names_the_query_without_letting_it_out(client):
    (page,) = ld_blocks(client.get("/search/", {"q": "</script><b>肉毒"}).content.decode())
    assert page["@type"] == "SearchResultsPage" and page["name"] == "搜索:</script><b>肉毒"


def test_the_checker_catches_what_schema_org_does_not_define():
    assert schema_violations({"@type": "Physician", "colour": "red"}) == [
        "$.colour: not a schema.org property"
    ]
    assert schema_violations({"@type": "MedicalWebPage", "answerCount": 1}) == [
        "$.answerCount: not a property of MedicalWebPage"
    ]
    assert schema_violations({"@type": "Doctorish"}) == ["$: unknown type Doctorish"]
