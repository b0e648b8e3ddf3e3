import json
import re

import pytest

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
    section = client.get("/sitemap-questions.xml").content.decode()
    assert f"/q/{canonical.pk}/" in section and f"/q/{duplicate.pk}/" not in section
    assert "<lastmod>" in section


def test_sitemap_files_hold_at_most_50000_urls():
    assert sitemaps.QuestionSitemap.limit == 50_000


def test_robots_txt_points_at_the_sitemap_and_keeps_private_pages_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /ask/" in body and "Disallow: /review/" in body
