"""The search page says when its results are for a correction of words typed that no resource holds (« travial »
read as « travail »), and its ways to widen count searches that keep the query's words."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.search.base import SearchEngine
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies
from tests.routers.test_pages import add_resource

pytestmark = pytest.mark.usefixtures("loaded")


def count_line(html: str) -> str:
    """The count of the results: what the page says first of them, and what the script says once they settle."""
    found = re.search(r'<p id="result-count">(.*?)</p>', html)
    assert found, html
    return found.group(1)


def test_a_word_held_nowhere_is_said_corrected_with_a_link_to_the_correction(client: TestClient) -> None:
    """« travial » is in no resource: the results are those of « travail forcé », and the page says so."""
    french = client.get("/fr/recherche", params={"q": "travial forcé"}).text
    line = count_line(french)
    assert re.fullmatch(
        r'\d+ résultats? pour «\u00a0<a class="correction" href="/fr/recherche\?q=travail\+forc%C3%A9">travail forcé'
        r'</a>\u00a0»\. <span class="typed">Aucune ressource ne contient «\u00a0travial\u00a0»\.</span>',
        line,
    ), line
    assert french.index('<section id="results"') < french.index('class="correction"')  # replaced with the results
    english = count_line(client.get("/en/search", params={"q": "travial forcé"}).text)
    assert re.fullmatch(
        r'\d+ results? for “<a class="correction" href="/en/search\?q=travail\+forc%C3%A9">travail forcé</a>”\. '
        r'<span class="typed">No resource contains “travial”\.</span>',
        english,
    ), english
    # The link keeps the filters, the results are the same
    filtered = client.get("/fr/recherche", params={"q": "travial forcé", "country": "PK"}).text
    assert 'href="/fr/recherche?q=travail+forc%C3%A9&amp;country=PK">travail forcé</a>' in filtered
    corrected = client.get("/fr/recherche", params={"q": "travail forcé"}).text
    assert 'class="correction"' not in corrected
    assert count_line(corrected).split(" ")[0] == line.split(" ")[0]


def test_the_correction_is_written_in_the_page_s_language_with_its_accents_and_the_case_typed(
    client: TestClient,
) -> None:
    """« cacoa » is one letter from « cacao » and from « cocoa », its synonym; « forcce » is « force », which the
    vocabulary's French writes « forcé »."""
    french = count_line(client.get("/fr/recherche", params={"q": "Cacoa"}).text)
    assert '<a class="correction" href="/fr/recherche?q=Cacao">Cacao</a>' in french
    assert french.endswith("Aucune ressource ne contient «\u00a0Cacoa\u00a0».</span>")
    english = count_line(client.get("/en/search", params={"q": "cacoa"}).text)
    assert '<a class="correction" href="/en/search?q=cocoa">cocoa</a>' in english
    two = count_line(client.get("/fr/recherche", params={"q": "travial forcce"}).text)
    assert ">travail forcé</a>" in two
    assert two.endswith("Aucune ressource ne contient «\u00a0travial\u00a0» ni «\u00a0forcce\u00a0».</span>")
    assert count_line(client.get("/en/search", params={"q": "travial forcce"}).text).endswith(
        "No resource contains “travial” or “forcce”.</span>"
    )


@pytest.mark.parametrize(
    ("path", "q"),
    [
        ("/en/search", "farms"),  # held as typed (« cocoa farms »), though the vocabulary corrects it to « forms »
        ("/fr/recherche", "cacaos"),  # « cacao » in another number
        ("/fr/recherche", "cocoa"),  # a synonym of « cacao », a word of the vocabulary
        ("/fr/recherche", "cartographi"),  # still being typed: « cartographie » on its way, in a summary
        ("/en/search", "Pakista"),
        ("/fr/recherche", "enfants Pakistan"),
        ("/en/search", "P.A.K.I.T.S.A.N."),  # read as one word once folded, not as typed: left as it is
    ],
)
def test_a_word_held_as_typed_or_known_is_never_said_corrected(client: TestClient, path: str, q: str) -> None:
    html = client.get(path, params={"q": q}).text
    assert re.match(r"\d+ r", count_line(html)) and not count_line(html).startswith("0 ")
    assert 'class="correction"' not in html and "No resource contains" not in html
    assert "Aucune ressource ne contient" not in html


def test_the_other_language_is_not_offered_for_a_search_that_dropped_most_of_the_words(
    client: TestClient, session_factory: sessionmaker[Session], search_engine: SearchEngine, taxonomies: Taxonomies
) -> None:
    """In English « saisonniers » and « cueillette » are held nowhere: the engine left them out and counted the texts
    on Pakistan, which the page offered as the same search. A search that left out one word of two is offered, and
    says which."""
    add_resource(
        session_factory, translation_key="seasonal-pk", title="Saisonniers de la cueillette au Pakistan",
        countries=["PK"],
    )  # fmt: skip
    add_resource(session_factory, translation_key="pk-en", language="en", title="Pakistan: a second sheet")
    rebuild_index(session_factory, search_engine, taxonomies)
    most = client.get("/fr/recherche", params={"q": "saisonniers cueillette Pakistan"}).text
    assert 'id="result-count">1 résultat pour' in most
    assert "autre langue" not in most
    half = client.get("/fr/recherche", params={"q": "saisonniers Pakistan"}).text
    assert 'id="result-count">1 résultat pour' in half
    offer = '<a href="/en/search?q=saisonniers+Pakistan">La même recherche en anglais</a>'
    assert f"{offer} (2 résultats sans «\u00a0saisonniers\u00a0»)." in half
    english = client.get("/en/search", params={"q": "saisonniers Pakistan"}).text
    assert 'id="result-count">2 results for “saisonniers Pakistan”: no resource holds all these words' in english
