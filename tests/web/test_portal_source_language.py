"""The partner portal's sources: each has an optional language, a labelled select (« the resource's » by default), kept
when saved and shown again; a form posting none (an older page) keeps its sources."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource
from app.services import portal
from tests.web.helpers import csrf_of, make_person, sign_in
from tests.web.test_portal import GOOD, NEW

NEW_EN = "/en/partner/new-resource"
GOODS_URL = "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"


def _save(web: TestClient, **data: object) -> str:
    response = web.post(NEW, data={"csrf_token": csrf_of(web.get(NEW)), **data}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def test_each_source_has_a_labelled_language_select(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    text = web.get(NEW_EN).text
    for number in (0, 1):  # the blank rows
        assert f'<label for="f-sources.{number}.language">Source {number + 1}: language' in text
        assert re.search(f'<select id="f-sources.{number}.language" name="source_language">', text)
    assert '<option value="">Same as the resource</option>' in text
    assert '<option value="en">English</option>' in text and '<option value="es">Spanish</option>' in text
    # in the reading order: its title, its address, then its language
    assert (
        text.index('id="f-sources.0.title"')
        < text.index('id="f-sources.0.url"')
        < text.index('id="f-sources.0.language"')
    )
    # the languages named in the page's (ISO 639's names, as pycountry translates them)
    french = web.get(NEW).text
    assert '<option value="en">Anglais</option>' in french and '<option value="es">Espagnol</option>' in french


def test_a_sources_language_is_saved_and_shown_again(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    location = _save(
        web,
        **dict(
            GOOD,
            action="save",
            source_title=["US DOL ILAB, List of Goods", "ICI, CLMRS", ""],
            source_url=[GOODS_URL, "https://example.org/clmrs", ""],
            source_language=["en", "", ""],
        ),
    )
    with session_factory() as session:
        [resource] = session.query(Resource).all()
        assert resource.sources == [
            {"title": "US DOL ILAB, List of Goods", "url": GOODS_URL, "language": "en"},
            {"title": "ICI, CLMRS", "url": "https://example.org/clmrs"},
        ]
    page = web.get(location).text
    selects = re.findall(r'<select id="f-sources\.(\d)\.language".*?</select>', page, re.S)
    assert len(selects) == 4  # two sources, two blank rows
    chosen = re.findall(r'<select id="f-sources\.(\d)\.language"[^>]*>(.*?)</select>', page, re.S)
    assert '<option value="en" selected>' in chosen[0][1]
    assert " selected" not in chosen[1][1]


def test_a_form_without_languages_keeps_its_sources() -> None:
    raw = portal.from_form({}, {"source_title": ["ICI", "OIT"], "source_url": ["https://a.org", "https://b.org"]})
    assert raw["sources"] == [{"title": "ICI", "url": "https://a.org"}, {"title": "OIT", "url": "https://b.org"}]


def test_a_code_the_list_lacks_stays_chosen(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    location = _save(web, **dict(GOOD, action="save", source_language=["sw", ""]))
    page = web.get(location).text
    assert '<option value="sw" selected>sw</option>' in page


def test_an_unknown_code_is_told_under_its_select(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    page = web.get(NEW_EN)
    bad = dict(GOOD, action="save", source_language=["en-GB", ""])
    response = web.post(NEW_EN, data={"csrf_token": csrf_of(page), **bad})
    assert response.status_code == 422
    assert 'aria-describedby="e-sources.0.language"' in response.text
    problem = "unknown language code “en-GB” → en: give a code such as en, fr or es"
    assert f'<p class="field-error" id="e-sources.0.language">{problem}</p>' in response.text
    assert f'<a href="#f-sources.0.language">Source 1, language: {problem}</a>' in response.text
