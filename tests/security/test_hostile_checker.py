"""The checker the hostile-content tests rely on does catch live markup."""

import pytest

from tests.security.hostile import live_markup


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert(1)</script></p>",
        "<img src=x onerror=alert(2)>",
        '<a href=" JavaScript:alert(3)">x</a>',
        "<svg onload=alert(4)></svg>",
        "<iframe src=/x></iframe>",
        '<script src="https://evil.example/x.js"></script>',
        '<script type="application/ld+json">{"a": "</script><script>alert(5)//"}</script>',
    ],
)
def test_live_markup_is_reported(html):
    assert live_markup(html)


def test_escaped_text_and_our_own_scripts_pass():
    html = (
        '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script src="/static/mingyi/ask.js" defer>'
        '</script><script type="application/ld+json">{"a": "\\u003C/script\\u003E"}</script>'
    )
    assert live_markup(html) == []
