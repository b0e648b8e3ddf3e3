from pathlib import Path

import pytest

from tests.served import served_site
from tests.skips import skip_or_fail

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The demo site as `mingyi serve` runs it."""
    with served_site(tmp_path_factory.mktemp("site") / "data") as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A page in a phone-sized viewport: most readers arrive on a phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


BOTOX = "长期注射肉毒素会产生什么副作用"


@pytest.fixture(scope="module")
def pages(site, browser) -> dict[str, str]:
    """URLs of one page of each type, found the way a reader finds them."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/search/?q={BOTOX}")
    question = page.get_by_role("link", name=BOTOX).first.get_attribute("href")
    page.goto(site + question)
    doctor = page.locator('[data-element="doctor-card"] a.name').first.get_attribute("href")
    context.close()
    return {
        "home": site + "/",
        "question": site + question,
        "search": f"{site}/search/?q=肉毒素",
        "ask": site + "/ask/",
        "doctor": site + doctor,
        "question-hant": f"{site}/zh-hant{question}",
    }
