"""The <crv-search> widget where the words name a region no text names (« Abidjan »): it said « Aucun résultat »
only, where the centre's search page offered the country's resources; it now offers them too, from the answer's
``places`` — in headless Chromium, against the live API."""

from typing import Any

from tests.browser.conftest import LiveApi, StaticSite


def widget_page(live_api: LiveApi, site: StaticSite, name: str, lang: str, query: str) -> str:
    html = (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>Partner</title>\n</head>\n'
        f'<body>\n<main>\n<h1>Partner</h1>\n<script src="{live_api.url}/embed/v1/widget.js" defer></script>\n'
        f'<crv-search lang="{lang}" query="{query}"></crv-search>\n</main>\n</body>\n</html>\n'
    )
    (site.root / name).write_text(html, encoding="utf-8")
    return site.url(name)


def test_a_region_no_text_names_links_to_its_country_s_resources(
    page: Any, live_api: LiveApi, static_sites: tuple[StaticSite, StaticSite]
) -> None:
    _, other = static_sites
    page.goto(widget_page(live_api, other, "places-fr.html", "fr", "Abidjan"))
    offer = page.locator("crv-search li.places")
    offer.wait_for()
    assert offer.inner_text() == (
        "«\u00a0Abidjan\u00a0» est une région de ce pays, dont vous pouvez parcourir les ressources\u00a0: "
        "Côte d’Ivoire (1 résultat)"
    )
    link = offer.get_by_role("link", name="Côte d’Ivoire")
    assert link.get_attribute("href") == f"{live_api.url}/fr/recherche?country=CI"
    link.click()
    page.wait_for_url(f"{live_api.url}/fr/recherche?country=CI")
    assert "1 résultat" in page.locator("main").inner_text()

    page.goto(widget_page(live_api, other, "places-en.html", "en", "Sindh"))
    offer.wait_for()
    assert offer.inner_text() == (
        "“Sindh” is a region of this country, whose resources you can browse: Pakistan (1 result)"
    )
    page.get_by_role("searchbox", name="Search the resource centre").fill("briques")
    page.locator("crv-search li.hit").first.wait_for()
    assert offer.count() == 0  # results: no offer
