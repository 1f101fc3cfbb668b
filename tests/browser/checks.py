"""The checks every browser test makes of a page: axe-core against WCAG 2.2 AA, no sideways scroll at each width,
and screenshots for people to look at.

Screenshots are taken only when ``CRV_TEST_SCREENSHOTS`` is set (``CRV_TEST_SCREENSHOTS=1 make test``): nothing
compares them, and at two full-page captures a page they were a tenth of the browser tests' time.
``scripts/screenshots.py`` takes the same views of a running centre."""

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SHOTS = ROOT / "var" / "screenshots"  # looked at by people, not compared


def axe_violations(page: Any, rules: Sequence[str] = ()) -> list[dict[str, Any]]:
    """What axe-core finds in the page as it stands (its shadow roots too): against WCAG 2.2 AA, or only ``rules``
    (axe's rule ids, for a best practice that WCAG's tags leave out, such as heading-order). Axe is injected as an
    inline script, so the page's context must bypass the CSP; once a page (a load) is enough."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": WCAG}
    # resultTypes: the passes and the incomplete are summed up, not detailed node by node (a tenth to a third of a
    # run on this site's pages); the violations are detailed as ever.
    found: list[dict[str, Any]] = page.evaluate(
        "only => axe.run(document, {runOnly: only, resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)})))",
        only,
    )
    return found


def screenshot(target: Any, name: str, *, full_page: bool = True) -> None:
    """``var/screenshots/<name>.png`` of a page or of one of its elements, when screenshots are asked for."""
    if not os.environ.get("CRV_TEST_SCREENSHOTS"):
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    options = {"full_page": full_page} if hasattr(target, "goto") else {}
    target.screenshot(path=str(SHOTS / f"{name}.png"), **options)


def save_pdf(page: Any, name: str) -> None:
    """``var/screenshots/<name>.pdf``, the page printed on A4, when screenshots are asked for."""
    if os.environ.get("CRV_TEST_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(SHOTS / f"{name}.pdf"), format="A4")


def check_widths(
    page: Any,
    name: str,
    widths: Sequence[int] = (1280, 375),
    *,
    height: int = 900,
    axe_at: Collection[int] | None = None,
    reload: bool = False,
) -> None:
    """At each width in turn (the page left at the last): no WCAG 2.2 AA violation where the page runs scripts (at
    the widths of ``axe_at`` only, when given), no sideways scroll, a screenshot. ``reload`` loads the page afresh
    at each width, for a page whose scripts lay it out once, at load. A page made by a fixture that says
    ``page.scripts = False`` runs none, and axe with them."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        if reload:
            page.reload()
        if getattr(page, "scripts", True) and (axe_at is None or width in axe_at):
            assert axe_violations(page) == [], f"{name} at {width} px ({page.url})"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px ({page.url})"
        screenshot(page, f"{name}-{width}")
