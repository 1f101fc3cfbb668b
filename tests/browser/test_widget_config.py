"""The <crv-search> widget as a web developer first sets it up: from a page opened as a file, with attribute values
it does not know, its results' dates and their heading level — in headless Chromium, against the live API."""

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi, StaticSite

Sites = tuple[StaticSite, StaticSite]


def host_page(live_api: LiveApi, attributes: str, lang: str = "fr") -> str:
    """A partner's page: its own h1, then the widget as the demo's snippet puts it."""
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>Partner</title>\n</head>\n'
        f"<body>\n<main>\n<h1>Notre centre de documentation</h1>\n"
        f'<script src="{live_api.url}/embed/v1/widget.js" defer></script>\n'
        f'<crv-search lang="{lang}" {attributes}></crv-search>\n</main>\n</body>\n</html>\n'
    )


def publish(site: StaticSite, name: str, html: str) -> str:
    (site.root / name).write_text(html, encoding="utf-8")
    return site.url(name)


def console_warnings(page: Any) -> list[str]:
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    return warnings


def searches(page: Any, live_api: LiveApi) -> list[str]:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.startswith(f"{live_api.url}/v1/search") else None)
    return sent


def test_a_page_opened_as_a_file_searches_without_a_key(page: Any, live_api: LiveApi, tmp_path: Path) -> None:
    """The browser sends ``Origin: null``: anonymous reads answer it (public data), so the widget works from a
    file on the developer's disk, as it will on their site."""
    file = tmp_path / "essai.html"
    file.write_text(host_page(live_api, 'per-page="10"'), encoding="utf-8")
    page.goto(file.as_uri())
    page.locator("crv-search li.hit").first.wait_for()
    assert page.locator("crv-search [role='alert']").is_hidden()


def test_a_page_opened_as_a_file_is_told_why_its_key_is_refused(page: Any, live_api: LiveApi, tmp_path: Path) -> None:
    """No key can list a page without an origin: the widget says the page is opened as a file and must be served
    over http(s) — not that the centre is unreachable, nor that « this site » is not allowed —, the API's detail
    in the console."""
    warnings = console_warnings(page)
    file = tmp_path / "cle.html"
    file.write_text(host_page(live_api, f'key="{live_api.cocoa_key}"'), encoding="utf-8")
    page.goto(file.as_uri())
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    first = alert.locator("p").first.inner_text()
    assert first.startswith("Cette page est ouverte comme un fichier\u00a0:") and "http(s)" in first, first
    assert "injoignable" not in alert.inner_text() and "n’est pas autorisé" not in alert.inner_text()
    assert any("403" in w and "(Origin: null)" in w and "opened as a file" in w for w in warnings), warnings


def test_without_words_the_newest_come_dated(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """type="risk_sheet" and no words: the newest first, each with its publication date (the answer's
    ``published_at``), in the reader's words; words typed rank by relevance, and the dates go."""
    _, other = static_sites
    page.goto(publish(other, "sheets.html", host_page(live_api, 'type="risk_sheet"')))
    page.locator("crv-search li.hit .date").first.wait_for()
    dates = page.locator("crv-search li.hit .date")
    assert dates.all_inner_texts() == ["Publication\u00a0: 1 février 2026", "Publication\u00a0: 10 janvier 2026"]
    times = page.locator("crv-search li.hit .date time")
    assert [times.nth(i).get_attribute("datetime") for i in range(times.count())] == ["2026-02-01", "2026-01-10"]
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("briques")
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 1")
    assert page.locator("crv-search li.hit .date").count() == 0


@pytest.mark.parametrize(
    ("attribute", "said"),
    [
        ('type="good-practice"', "type: unknown value 'good-practice' (did you mean 'good_practice'?"),
        ('country="Ghana"', "country: unknown value 'Ghana'"),
    ],
)
def test_an_attribute_value_the_api_refuses_is_shown_with_its_correction(
    page: Any, live_api: LiveApi, static_sites: Sites, attribute: str, said: str
) -> None:
    """The API's own problem, which names the attribute and suggests the code, shown under the plain message on a
    page being set up (served from 127.0.0.1): the webmaster testing the page reads it there first. Visitors of a
    site do not (tests/browser/test_embed_builder.py)."""
    _, other = static_sites
    page.goto(publish(other, "mistake.html", host_page(live_api, attribute)))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    plain, setting, where = alert.locator("p").all_inner_texts()
    assert plain == "La recherche n’a pas pu aboutir."
    assert setting.startswith("Réglage du composant à corriger\u00a0: ") and said in setting, setting
    assert "console" not in setting and where.startswith("Ce détail ne s’affiche que pendant la mise en place")


def test_values_the_widget_ignores_or_clamps_are_said_in_the_console(
    page: Any, live_api: LiveApi, static_sites: Sites
) -> None:
    """facets="pays" (French for country) and per-page="200": the widget works, with the facets it knows and 50
    results a page, and says so once each in the console."""
    _, other = static_sites
    warnings = console_warnings(page)
    sent = searches(page, live_api)
    page.goto(publish(other, "clamped.html", host_page(live_api, 'facets="pays,risk" per-page="200" theme="sombre"')))
    page.locator("crv-search li.hit").first.wait_for()
    assert parse_qs(urlsplit(sent[0]).query)["per_page"] == ["50"]
    assert parse_qs(urlsplit(sent[0]).query)["facets"] == ["risk"]
    assert page.locator("crv-search [role='alert']").is_hidden()
    expected = [
        'crv-search: per-page="200" is not a whole number from 1 to 50: 50 is used.',
        'crv-search: facets="pays,risk": "pays" is not a facet, ignored (type, country, sector, risk, or "none").',
        'crv-search: theme="sombre" is not light, dark, auto: light is used.',
    ]
    for warning in expected:
        assert warnings.count(warning) == 1, (warning, warnings)


def test_an_unreachable_centre_is_said_to_be_unreachable_or_blocked(
    page: Any, live_api: LiveApi, static_sites: Sites
) -> None:
    _, other = static_sites
    warnings = console_warnings(page)
    page.goto(publish(other, "blocked.html", host_page(live_api, 'api="http://127.0.0.1:9"')))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    assert alert.locator("p").all_inner_texts()[:2] == [
        "Le centre de ressources est injoignable ou bloqué. Réessayez plus tard.",
        "Détails dans la console du navigateur.",  # a page being set up (127.0.0.1): where to look
    ]
    assert any(w.startswith("crv-search: no answer from http://127.0.0.1:9/v1/search") for w in warnings), warnings


def heading_order(page: Any) -> list[str]:
    """axe's heading-order rule (a best practice: WCAG's tags leave it out) on the whole page, shadow DOM
    included."""
    return [violation["id"] for violation in axe_violations(page, rules=["heading-order"])]


def result_headings(page: Any) -> list[str]:
    tags: list[str] = page.evaluate(
        "Array.from(document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit .title'))"
        ".map(h => h.tagName)"
    )
    return tags


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_the_results_heading_level_follows_the_host_page(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """Under a host page's h1, h3 results skip a level (axe's heading-order); heading-level="2" puts them right
    under it, and changing the attribute re-renders the headings without a new search."""
    _, other = static_sites
    page.goto(publish(other, "default-level.html", host_page(live_api, "")))
    page.locator("crv-search li.hit").first.wait_for()
    assert set(result_headings(page)) == {"H3"}  # the default, as before
    assert heading_order(page) == ["heading-order"]
    sent = searches(page, live_api)
    page.goto(publish(other, "level.html", host_page(live_api, 'heading-level="2"')))
    page.locator("crv-search li.hit").first.wait_for()
    assert set(result_headings(page)) == {"H2"}
    assert heading_order(page) == []
    before = len(sent)
    page.locator("crv-search").evaluate("widget => widget.setAttribute('heading-level', '4')")
    assert set(result_headings(page)) == {"H4"} and len(sent) == before
