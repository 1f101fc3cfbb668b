"""Screenshots of the public site with Debian's Chromium (``/usr/bin/chromium``) at 1280 and 375 px.

    python scripts/screenshots.py http://127.0.0.1:8200 /fr/ /fr/recherche?q=cacao --out docs/screenshots

Each path gives ``<slug>-1280.png`` and ``<slug>-375.png`` (full page). ``--no-js`` turns JavaScript off.
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("var/screenshots"))
    parser.add_argument("--widths", default="1280,375")
    parser.add_argument("--no-js", action="store_true")
    parser.add_argument("--viewport-only", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width in (int(w) for w in args.widths.split(",")):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, java_script_enabled=not args.no_js, locale="fr-FR"
            )
            page = context.new_page()
            for path in args.paths:
                page.goto(args.base.rstrip("/") + path, wait_until="networkidle")
                target = args.out / f"{slug(path)}-{width}.png"
                page.screenshot(path=str(target), full_page=not args.viewport_only)
                print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
