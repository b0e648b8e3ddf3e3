"""axe-core on the five page types readers use: zero serious or critical violations;
plus what axe cannot judge alone: heading order, the skip link, keyboard reach."""

import itertools

import pytest

from tests.browser.axe import BLOCKING, axe_source, axe_violations
from tests.browser.conftest import BOTOX

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("kind", ["home", "question", "search", "ask", "doctor", "question-hant"])
def test_no_serious_or_critical_axe_violations(phone, pages, kind):
    source = axe_source()
    phone.goto(pages[kind])
    violations = axe_violations(phone, source)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], blocking


@pytest.mark.parametrize("kind", ["home", "question", "search", "ask", "doctor"])
def test_headings_start_at_one_h1_and_never_skip_a_level(phone, pages, kind):
    phone.goto(pages[kind])
    levels = phone.evaluate(
        "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


@pytest.mark.parametrize("kind", ["home", "question", "search", "ask", "doctor"])
def test_landmarks_banner_main_contentinfo_and_a_search_form(phone, pages, kind):
    phone.goto(pages[kind])
    assert phone.get_by_role("banner").count() == 1
    assert phone.get_by_role("main").count() == 1
    assert phone.get_by_role("contentinfo").count() == 1
    assert phone.get_by_role("search").first.is_visible()
    assert phone.get_by_role("searchbox", name="搜索健康问题").first.is_visible()


def test_first_tab_shows_the_skip_link_and_it_jumps_past_the_header(phone, pages):
    phone.goto(pages["home"])
    phone.keyboard.press("Tab")
    focused = phone.evaluate(
        "() => { const a = document.activeElement, r = a.getBoundingClientRect();"
        " return {text: a.textContent, left: r.left, top: r.top}; }"
    )
    assert focused["text"] == "跳到正文"
    assert focused["left"] >= 0 and focused["top"] >= 0, "the focused skip link is off screen"
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('main') !== null")


def test_keyboard_alone_searches_and_opens_a_question(phone, pages):
    phone.goto(pages["home"])
    for _ in range(12):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.id") == "site-q":
            break
    assert phone.evaluate("document.activeElement.id") == "site-q"
    phone.keyboard.type("肉毒素")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/search/**")
    link = phone.get_by_role("link", name=BOTOX).first
    link.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_selector('[data-element="disclaimer"]')
