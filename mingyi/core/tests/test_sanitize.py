import pytest

from mingyi.core.sanitize import answer_html, answer_plain


def test_plain_text_answers_render_as_paragraphs_and_line_breaks():
    assert answer_html("多喝水。\n注意休息。\n\n如有发热请就医。") == (
        "<p>多喝水。<br>注意休息。</p>\n<p>如有发热请就医。</p>"
    )


def test_the_formatting_subset_is_kept():
    text = "<p>建议:</p>\n\n<ol><li><strong>按时</strong>服药</li><li><em>少盐</em></li></ol>"
    assert answer_html(text) == (
        "<p>建议:</p>\n<ol><li><strong>按时</strong>服药</li><li><em>少盐</em></li></ol>"
    )
    assert answer_html("<ul><li>a</li></ul>") == "<ul><li>a</li></ul>"
    assert answer_html("<b>重点</b>") == "<p><b>重点</b></p>"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>多休息", "<p>多休息</p>"),
        ('<img src=x onerror="alert(1)">多休息', "<p>多休息</p>"),
        ('<a href="javascript:alert(1)">多休息</a>', "<p>多休息</p>"),
        ('<p style="color:red" onclick="x()">多休息</p>', "<p>多休息</p>"),
        ("<iframe src=//evil></iframe>多休息", "<p>多休息</p>"),
        ("<svg onload=alert(1)>", ""),
        ("血压<140 & 心率>100", "<p>血压&lt;140 &amp; 心率&gt;100</p>"),
        ("&lt;script&gt;", "<p>&lt;script&gt;</p>"),
        ("\u202e多休息", "<p>多休息</p>"),
    ],
)
def test_everything_else_is_dropped_or_escaped(text, shown):
    assert answer_html(text) == shown


def test_a_stray_tag_cannot_swallow_the_rest_of_the_answer():
    assert answer_html("<b onmouseover=x>注意<i\n\n后面的建议") == (
        "<p><b>注意</b></p>\n<p>后面的建议</p>"
    )


def test_plain_words_for_descriptions_have_no_markup():
    assert answer_plain("<p><b>多喝水</b></p><script>alert(1)</script>") == "多喝水"
    assert answer_plain("血压&lt;140") == "血压<140"
