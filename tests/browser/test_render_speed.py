"""Largest Contentful Paint and Cumulative Layout Shift, read from the page's own
Performance API on a throttled phone (slow 4G, CPU slowed four times), held to the
"good" thresholds of Core Web Vitals; and what makes them hold: critical CSS inline,
no render-blocking script or stylesheet."""

import pytest

pytestmark = pytest.mark.browser

LCP_BUDGET_MS = 2500
CLS_BUDGET = 0.1
# Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4

READ_VITALS = """() => new Promise(resolve => {
    let lcp = 0, cls = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) lcp = entry.startTime;
    }).observe({type: "largest-contentful-paint", buffered: true});
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) cls += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    // Observers deliver buffered entries asynchronously (later still on a slowed CPU):
    // read once an LCP entry has arrived and two more frames have passed, or give up
    // after 10 s (then lcp stays 0 and the test says so).
    const started = performance.now();
    const settle = () => {
        if (lcp > 0 || performance.now() - started > 10000) {
            requestAnimationFrame(() => requestAnimationFrame(() => resolve({lcp, cls})));
        } else {
            setTimeout(settle, 50);
        }
    };
    settle();
})"""


@pytest.fixture
def throttled(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    yield page
    context.close()


def question_url(browser, site: str) -> str:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/search/?q=肉毒素")
    href = page.locator(".results a.title").first.get_attribute("href")
    context.close()
    return site + href


@pytest.mark.parametrize("kind", ["home", "question"])
def test_lcp_and_cls_within_budget_on_a_slow_phone(throttled, browser, site, kind):
    url = site + "/" if kind == "home" else question_url(browser, site)
    throttled.goto(url, wait_until="load")
    vitals = throttled.evaluate(READ_VITALS)
    print(f"{kind}: LCP {vitals['lcp']:.0f} ms, CLS {vitals['cls']:.3f}")  # shown with -s
    assert 0 < vitals["lcp"] <= LCP_BUDGET_MS, vitals
    assert vitals["cls"] <= CLS_BUDGET, vitals


@pytest.mark.parametrize("path", ["/", "/ask/", "/search/?q=肉毒素"])
def test_nothing_blocks_the_first_render(phone, site, path):
    phone.goto(site + path)
    head = phone.evaluate(
        """() => ({
            blockingScripts: [...document.head.querySelectorAll("script[src]")]
                .filter(s => !s.defer && !s.async && s.type !== "module").map(s => s.src),
            inlineScripts: [...document.querySelectorAll("script:not([src])")]
                .filter(s => s.type !== "application/ld+json").length,
            headStylesheets: [...document.head.querySelectorAll("link[rel=stylesheet]")]
                .map(l => l.href),
            inlineCss: [...document.head.querySelectorAll("style")]
                .map(s => s.textContent.length).reduce((a, b) => a + b, 0),
        })"""
    )
    assert head["blockingScripts"] == [] and head["inlineScripts"] == 0, head
    assert head["headStylesheets"] == [], "a stylesheet in <head> delays the first paint"
    assert head["inlineCss"] > 1000, "the critical CSS is not inlined"
    # The page is styled before any stylesheet request: the header is already blue.
    assert (
        phone.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        == "rgb(11, 87, 208)"
    )
