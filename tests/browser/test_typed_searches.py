"""In Chromium, the search page and the widget mark the searches they send as the person types (``typing=1``), which
the editors' statistics do not count (« trav », « travai » were counted as searches that found nothing:
tests/services/test_search_statistics.py counts them on the server); Enter sends the words unmarked. The mark is
never in the page's address."""

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import LiveApi, StaticSite, publish_demo


def searches(page: Any, prefix: str) -> list[dict[str, list[str]]]:
    """The query parameters of each request the page sends to ``prefix``, as they come."""
    sent: list[dict[str, list[str]]] = []
    page.on("request", lambda r: sent.append(parse_qs(urlsplit(r.url).query)) if r.url.startswith(prefix) else None)
    return sent


def test_the_search_page_marks_the_searches_sent_as_one_types(page: Any, live_api: LiveApi) -> None:
    page.goto(live_api.url + "/fr/recherche")
    sent = searches(page, live_api.url + "/fr/recherche?")
    box = page.get_by_role("searchbox", name="Mots à rechercher")
    with page.expect_request(lambda r: "q=briques" in r.url):
        box.press_sequentially("briques", delay=40)
    assert sent and all(params["typing"] == ["1"] for params in sent), sent
    page.wait_for_url(re.compile(r"/fr/recherche\?q=briques$"))  # the address shown: without the mark
    sent.clear()
    with page.expect_request(lambda r: "q=briques" in r.url):
        box.press("Enter")
    assert sent == [{"q": ["briques"]}]


def test_the_widget_marks_the_searches_sent_as_one_types(
    page: Any, live_api: LiveApi, static_sites: tuple[StaticSite, StaticSite]
) -> None:
    _, other = static_sites
    page.goto(publish_demo(live_api, other, "typing.html", lang="fr"))
    page.locator("crv-search li.hit").first.wait_for()  # the first list, unmarked: nothing typed
    sent = searches(page, live_api.url + "/v1/search?")
    box = page.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    offer = "lang=en"  # « briques » finds one French resource: the English count is asked for next, the last request
    with page.expect_request(lambda r: "q=briques" in r.url and offer in r.url):
        box.press_sequentially("briques", delay=40)
    assert sent and all(params["typing"] == ["1"] for params in sent), sent  # the offer's count, too
    sent.clear()
    with page.expect_request(lambda r: "q=briques" in r.url and offer in r.url):
        box.press("Enter")
    assert [(params["lang"], "typing" in params) for params in sent] == [(["fr"], False), (["en"], False)]
