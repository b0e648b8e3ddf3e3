import pytest
from django.test import RequestFactory

from mingyi.core.text import derive_title, snippet


def test_404_page_is_in_chinese(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_500_page_is_in_chinese_and_renders_without_the_database(settings):
    settings.DEBUG = False
    from mingyi.core.views import server_error

    response = server_error(RequestFactory().get("/q/1/"))
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("短文本", "短文本"),
        ("一" * 100, "一" * 80 + "…"),
        ("多个\n\n空白  在这里", "多个 空白 在这里"),
    ],
)
def test_snippet(text, expected):
    assert snippet(text) == expected


def test_derive_title_takes_the_first_sentence():
    assert derive_title("孩子发烧39度怎么办?已经吃了退烧药") == "孩子发烧39度怎么办?"
    assert derive_title("没有标点" * 20).endswith("…")
