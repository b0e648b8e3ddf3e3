import json
import re
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from mingyi.seo import sitemaps
from tests import factories

pytestmark = pytest.mark.django_db


def ld_blocks(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


def test_question_page_carries_qapage_and_medical_webpage(client):
    editor = factories.editor()
    doctor = factories.doctor(name="王示明")
    question = factories.question(title="胃痛怎么办", answered_by=doctor)
    question.answers.update(reviewed_by=editor, reviewed_at=question.published_at)
    qa, page = ld_blocks(client.get(question.get_absolute_url()).content.decode())
    assert qa["@type"] == "QAPage" and qa["mainEntity"]["@type"] == "Question"
    assert qa["mainEntity"]["name"] == "胃痛怎么办" and qa["mainEntity"]["answerCount"] == 1
    answer = qa["mainEntity"]["acceptedAnswer"]
    assert answer["author"]["@type"] == "Physician" and answer["author"]["name"] == "王示明"
    assert page["@type"] == "MedicalWebPage" and page["lastReviewed"]
    assert page["reviewedBy"]["name"] == editor.get_username()


def test_user_text_cannot_break_out_of_the_json_ld_block(client):
    question = factories.question(title="</script><script>alert(1)</script>", answer="x")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert ld_blocks(html)[0]["mainEntity"]["name"] == "</script><script>alert(1)</script>"


def test_doctor_page_carries_physician(client):
    doctor = factories.doctor()
    (block,) = ld_blocks(client.get(doctor.get_absolute_url()).content.decode())
    assert block["@type"] == "Physician"
    assert block["medicalSpecialty"] == doctor.department.name
    assert block["hospitalAffiliation"]["name"] == doctor.hospital.name


def test_open_graph_and_verification_meta(client, settings):
    settings.MINGYI_VERIFICATION_META = {"baidu-site-verification": "code-123"}
    question = factories.question(title="胃痛怎么办", answer="规律饮食")
    html = client.get(question.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="胃痛怎么办">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="baidu-site-verification" content="code-123">' in html


def test_sitemap_index_and_sections_list_canonical_questions_with_lastmod(client, monkeypatch):
    canonical = factories.question(answer="a")
    duplicate = factories.question(answer="b", canonical=canonical)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-questions.xml" in index and "sitemap-doctors.xml" in index
    section = streamed(client.get("/sitemap-questions.xml"))
    assert f"/q/{canonical.pk}/" in section and f"/q/{duplicate.pk}/" not in section
    assert "<lastmod>" in section


def test_sitemap_files_hold_at_most_50000_urls():
    assert sitemaps.QuestionSitemap.limit == 50_000


def streamed(response) -> str:
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode()


def test_sitemap_splits_into_files_of_limit_urls_each(client, monkeypatch):
    monkeypatch.setattr(sitemaps.QuestionSitemap, "limit", 2)
    ids = sorted(factories.question(answer="a").pk for _ in range(5))
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-questions.xml?p=3" in index and "sitemap-questions.xml?p=4" not in index
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    found = []
    for page in (1, 2, 3):
        root = ElementTree.fromstring(streamed(client.get(f"/sitemap-questions.xml?p={page}")))
        locs = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
        assert len(locs) == (2 if page < 3 else 1)
        assert len(root.findall("s:url/s:lastmod", namespace)) == len(locs)
        found += locs
    assert found == [f"http://testserver/q/{pk}/" for pk in ids]


@pytest.mark.parametrize("query", ["?p=9", "?p=0", "?p=x"])
def test_sitemap_pages_out_of_range_or_malformed_are_404(client, query):
    factories.question(answer="a")
    assert client.get(f"/sitemap-questions.xml{query}").status_code == 404


def test_unknown_sitemap_section_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_index_lastmod_is_the_newest_question_change(client):
    factories.question(answer="a")
    newest = factories.question(answer="b")
    index = client.get("/sitemap.xml").content.decode()
    # In the site's time zone (Asia/Shanghai): between 16:00 and 24:00 UTC it is already
    # the next day there.
    assert f"<lastmod>{timezone.localdate(newest.updated_at).isoformat()}" in index


def test_robots_txt_points_at_the_sitemap_and_keeps_private_pages_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /ask/" in body and "Disallow: /review/" in body
