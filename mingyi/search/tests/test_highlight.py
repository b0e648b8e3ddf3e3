"""Snippets mark the reader's own words for what they searched, escaped."""

import html

import pytest
from django.utils.html import strip_tags

from mingyi.search.analysis import query_terms
from mingyi.search.highlight import TITLE_WINDOW, WINDOW, excerpt, highlight


def marked(text: str, query: str) -> str:
    return str(highlight(text, query_terms(query)))


def test_a_colloquial_word_in_the_text_is_marked_for_the_canonical_query():
    assert "<mark>大姨妈</mark>" in marked("大姨妈来了肚子疼", "月经")


def test_a_word_inside_a_longer_word_is_marked():
    assert "人工<mark>流产</mark>" in marked("做了人工流产以后要注意什么", "流产")


def test_traditional_characters_are_marked_as_written():
    assert "<mark>頭痛</mark>" in marked("經常頭痛怎麼辦", "头痛")


def test_a_text_without_the_terms_is_shown_from_its_start_unmarked():
    assert marked("孩子咳嗽三天了,夜里加重", "头痛") == "孩子咳嗽三天了,夜里加重"


def test_the_window_is_centred_on_the_first_match():
    text = "无关的话" * 40 + "最近头痛得厉害"
    shown = marked(text, "头痛")
    assert shown.startswith("…")
    assert "<mark>头痛</mark>" in shown


def test_markup_in_the_text_is_escaped_around_the_marks():
    shown = marked("<script>alert(1)</script>头痛<b>", "头痛")
    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;/script&gt;" in shown and "<mark>头痛</mark>" in shown


def test_a_text_that_fits_the_window_is_shown_whole_whatever_its_first_match():
    text = "孩子三岁了，最近两天咳嗽，晚上睡觉的时候咳得厉害，伴有低烧和流鼻涕，今天开始说头痛"
    assert marked(text, "头痛").startswith("孩子三岁了")
    assert excerpt(text, query_terms("头痛")) == text


def test_a_match_near_the_end_still_gets_a_full_window():
    text = "无关的话" * 40 + "最近头痛"
    shown = marked(text, "头痛")
    assert shown.startswith("…") and shown.endswith("<mark>头痛</mark>")
    assert len(shown.replace("<mark>", "").replace("</mark>", "")) == WINDOW + 1


TEXTS = [
    "大姨妈来了肚子疼，还头痛，吃布洛芬可以吗",
    "做了人工流产以后要注意什么？" * 12,
    "經常頭痛怎麼辦" + "，醫生說要多休息" * 20,
    "<script>alert(1)</script>头痛<b>&amp;" * 8,
    "孩子咳嗽三天了,夜里加重",
    "   多余的   空格\n\n和换行  头痛  " * 10,
]


@pytest.mark.parametrize("window", [WINDOW, TITLE_WINDOW])
@pytest.mark.parametrize("text", TEXTS)
def test_the_plain_excerpt_is_the_highlight_without_marks(text, window):
    # The JSON API shows the same words as the search page.
    terms = query_terms("头痛 流产 月经")
    shown = str(highlight(text, terms, window=window))
    assert excerpt(text, terms, window=window) == html.unescape(strip_tags(shown))
