"""The botox question page in headless Chromium: every §1 element visible, in order."""

import re

import pytest

pytestmark = pytest.mark.browser

BOTOX = "长期注射肉毒素会产生什么副作用"
ORDER = [
    "title",
    "ask",
    "doctor-card",
    "answer",
    "disclaimer",
    "date",
    "trending",
    "related",
    "footer",
]


def open_botox_question(page, site: str) -> None:
    page.goto(f"{site}/search/?q={BOTOX}")
    page.get_by_role("link", name=BOTOX).first.click()
    page.wait_for_selector('[data-element="title"]')


def test_botox_page_shows_every_element_in_order(phone, site, artifacts):
    open_botox_question(phone, site)
    tops = []
    for name in ORDER:
        element = phone.locator(f'[data-element="{name}"]').first
        assert element.is_visible(), f"{name} is not visible"
        tops.append(element.bounding_box()["y"])
    assert tops == sorted(tops), dict(zip(ORDER, tops, strict=True))
    assert phone.locator('[data-element="title"]').inner_text() == BOTOX
    assert (
        "提示:本内容不能代替面诊" in phone.locator('[data-element="disclaimer"]').first.inner_text()
    )
    card = phone.locator('[data-element="doctor-card"]').first.inner_text()
    assert "示例" in card and re.search(r"[一二三][甲乙丙]", card)
    assert phone.locator('[data-element="related"] li').count() >= 3
    assert phone.locator('[data-element="trending"] a').count() >= 1
    phone.screenshot(path=str(artifacts / "question-page.png"), full_page=True)


def test_top_link_returns_to_the_top(phone, site):
    open_botox_question(phone, site)
    phone.evaluate("window.scrollTo({top: document.body.scrollHeight, behavior: 'instant'})")
    assert wait_for_scroll(phone, lambda y: y > 300)
    phone.get_by_role("link", name="顶部").click()
    assert wait_for_scroll(phone, lambda y: y == 0)


def wait_for_scroll(page, done, attempts: int = 50) -> bool:
    """Poll window.scrollY through evaluate: wait_for_function compiles its predicate
    with eval, which the site's Content-Security-Policy (rightly) forbids."""
    for _ in range(attempts):
        if done(page.evaluate("window.scrollY")):
            return True
        page.wait_for_timeout(100)
    return False


def test_page_is_usable_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/")
    page.fill("#home-q", "肉毒素")
    page.press("#home-q", "Enter")
    page.get_by_role("link", name=BOTOX).first.click()
    assert page.locator('[data-element="disclaimer"]').first.is_visible()
    context.close()


def test_text_fits_a_phone_screen(phone, site):
    open_botox_question(phone, site)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
