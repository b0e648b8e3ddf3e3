"""zh-Hant pages: /zh-hant/<path> is the page at /<path> in traditional characters."""

import json
import re

import pytest
from django.core.cache import cache

from mingyi.seo import hant
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_question_page_in_traditional_characters(client):
    doctor = factories.doctor(name="王医生")
    question = factories.question(title="头疼医生怎么看问题", answered_by=doctor)
    html = page(client, "/zh-hant" + question.get_absolute_url())
    assert '<h1 data-element="title">頭疼醫生怎麼看問題</h1>' in html
    assert "醫生" in html and "問題" in html and "本內容不能代替面診" in html
    assert '<html lang="zh-Hant">' in html
    assert client.get("/zh-hant" + question.get_absolute_url())["Content-Language"] == "zh-Hant"


def test_links_stay_in_zh_hant_and_every_one_resolves(client):
    doctor = factories.doctor()
    question = factories.question(title="胃痛", answered_by=doctor)
    factories.question(title="胃胀", answer="少食多餐", department=question.department)
    html = page(client, "/zh-hant" + question.get_absolute_url())
    hrefs = set(re.findall(r'<a [^>]*href="(/[^"#]*)"', html))
    assert f"/zh-hant/doctor/{doctor.pk}/" in hrefs
    switch = [h for h in hrefs if not h.startswith("/zh-hant/")]
    assert switch == [question.get_absolute_url()], "only the 简体 switch leaves zh-Hant"
    for href in hrefs:
        assert client.get(href).status_code == 200, href
    assert 'action="/zh-hant/search/"' in html


def test_search_form_names_urls_and_json_ld_keys_are_not_converted(client):
    question = factories.question(title="头发掉得厉害", answer="这是医生的回答")
    html = page(client, "/zh-hant" + question.get_absolute_url())
    assert 'name="q"' in html and 'type="search"' in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    qa = json.loads(blocks[0])
    assert qa["@type"] == "QAPage" and qa["mainEntity"]["name"] == "頭髮掉得厲害"
    assert "這是醫生的回答" in qa["mainEntity"]["acceptedAnswer"]["text"]
    assert set(qa["mainEntity"]) >= {"@type", "name", "text", "answerCount", "acceptedAnswer"}


def test_user_text_stays_escaped_after_conversion(client):
    question = factories.question(
        title="<script>alert('头')</script>", answer="医<script>alert(2)</script>"
    )
    html = page(client, "/zh-hant" + question.get_absolute_url())
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;頭&#x27;)&lt;/script&gt;" in html


def test_every_page_offers_the_other_script_with_hreflang(client):
    question = factories.question(title="胃痛", answer="a")
    simplified = page(client, question.get_absolute_url())
    url = question.get_absolute_url()
    assert f'hreflang="zh-Hant" href="http://testserver/zh-hant{url}"' in simplified
    assert f'hreflang="zh-Hans" href="http://testserver{url}"' in simplified
    assert f'<a href="/zh-hant{url}" hreflang="zh-Hant" lang="zh-Hant"' in simplified
    traditional = page(client, "/zh-hant" + url)
    assert f'<a href="{url}" hreflang="zh-Hans" lang="zh-Hans" translate="no">简体</a>' in (
        traditional
    )
    assert '<link rel="canonical" href="http://testserver/zh-hant' in traditional


def test_home_search_and_ask_have_zh_hant_versions(client):
    factories.question(title="肉毒素副作用", answer="注射肉毒素后")
    assert "認證醫生回答的健康問題" in page(client, "/zh-hant/")
    assert "醫生" in page(client, "/zh-hant/ask/")
    assert "個結果" in page(client, "/zh-hant/search/?q=肉毒素")


def test_asking_through_zh_hant_keeps_the_reader_in_zh_hant(client):
    response = client.post(
        "/zh-hant/ask/", {"title": "最近胃不舒服", "text": "吃完饭胃胀,已经一周了,怎么办"}
    )
    html = response.content.decode()
    assert response.status_code == 201 and "問題已提交" in html
    track = re.search(r'<a href="(/[^"]+)">http', html).group(1)
    assert track.startswith("/zh-hant/ask/track/") and client.get(track).status_code == 200


@pytest.mark.parametrize(
    "path", ["/zh-hant/admin/", "/zh-hant/api/v1/departments", "/zh-hant/nope/"]
)
def test_pages_without_a_zh_hant_version_are_404(client, path):
    assert client.get(path).status_code == 404


def test_conversion_is_cached_by_the_simplified_page_hash():
    cache.clear()
    html = "<p>医生</p>"
    assert hant.convert_html_cached(html) == "<p>醫生</p>"
    assert cache.get(hant.cache_key(html)) == "<p>醫生</p>"
    assert cache.get(hant.cache_key("<p>医</p>")) is None


def test_style_blocks_are_left_byte_for_byte():
    css = "<style>.a>.b{content:'医'}</style>"
    assert hant.convert_html(css + "<p>医</p>") == css + "<p>醫</p>"
