"""axe-core (npm, pinned in package-lock.json) run inside a page by Playwright."""

from pathlib import Path

from tests.skips import skip_or_fail

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# What a user of a screen reader or a keyboard cannot get past.
BLOCKING = {"serious", "critical"}


def axe_source() -> str:
    if not AXE.exists():
        skip_or_fail(f"{AXE} is missing (npm ci installs axe-core)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, source: str) -> list[dict]:
    """Violations of the WCAG 2.x A/AA rules and best practices on the loaded page.
    Evaluated through the DevTools protocol, so the page's CSP (no inline script) holds."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )
