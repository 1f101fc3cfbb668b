"""A source's ``original_title`` (set through content/ or the API) through the partners' form, which does not show
it: each source's row carries it in a hidden field, so that saving the form — the organisation's edit, an editor's
correction — keeps it while the title still holds it, and drops it, refusing nothing, once its words are changed."""

import html
import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, ResourceRevision, Role
from app.services import portal
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_correct import CORRECT, hidden
from tests.web.test_portal import GOOD, NEW

BEFORE, ORIGINAL, AFTER = (
    "Bureau de l’OIT pour la Turquie, ",
    'Elimination of the worst forms of child labour in "seasonal" hazelnut agriculture',
    " (projet, en anglais)",
)
TITLE = BEFORE + ORIGINAL + AFTER
URL = "https://www.ilo.org/projects/hazelnut"
MARKED = {"title": TITLE, "url": URL, "language": "en", "original_title": ORIGINAL}
# the rows as the form posts them, the hidden field as the page carries it (content/ and the API set it)
ROWS = {
    "source_title": [TITLE, ""],
    "source_url": [URL, ""],
    "source_language": ["en", ""],
    "source_original_title": [ORIGINAL, ""],
}
EDIT = f"/fr/espace-partenaire/ressources/{RID}"


def rows_of(page: httpx.Response) -> dict[str, list[str]]:
    """The sources' rows of a resource form, as a browser posts them."""
    text = page.text
    languages = re.findall(
        r'<select id="f-sources\.\d+\.language" name="source_language"[^>]*>(.*?)</select>', text, re.S
    )
    chosen = [re.search(r'<option value="([^"]*)" selected>', options) for options in languages]
    found = {
        name: [html.unescape(value) for value in re.findall(f'name="{name}"[^>]* value="([^"]*)"', text)]
        for name in ("source_title", "source_url", "source_original_title")
    }
    return found | {"source_language": [match.group(1) if match else "" for match in chosen]}


def stored_sources(session_factory: sessionmaker[Session]) -> list[dict[str, str]]:
    with session_factory() as session:
        return list(session.get_one(Resource, RID).sources)


def test_the_organisations_edit_keeps_it_while_the_title_holds_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    created = partner.post(NEW, data={"csrf_token": csrf_of(partner.get(NEW)), **GOOD, **ROWS, "action": "save"})
    assert created.status_code == 200, created.text  # followed to the form
    assert stored_sources(session_factory) == [MARKED]
    page = partner.get(EDIT)
    escaped = ORIGINAL.replace('"', "&#34;")
    assert f'<input type="hidden" name="source_original_title" value="{escaped}">' in page.text
    assert rows_of(page) == {name: [*values, ""] for name, values in ROWS.items()}  # its row, two blank ones

    def save(page: httpx.Response, **rows: list[str]) -> httpx.Response:
        version = re.findall(r'name="version" value="(\d+)"', page.text)[0]
        data = {**GOOD, **rows_of(page), **rows, "csrf_token": csrf_of(page), "version": version, "action": "save"}
        return partner.post(EDIT, data=data)

    # another field changed: the form's rows as shown keep it
    assert save(page, summary="Un autre résumé.").status_code == 200
    assert stored_sources(session_factory) == [MARKED]
    # the title corrected around it: kept
    around = TITLE.replace("(projet, en anglais)", "(projet 2019, en anglais)")
    assert save(partner.get(EDIT), source_title=[around, "", ""]).status_code == 200
    assert stored_sources(session_factory) == [MARKED | {"title": around}]
    # its words changed: dropped, nothing refused for a field the person cannot see
    changed = around.replace("labour", "labor")
    saved = save(partner.get(EDIT), source_title=[changed, "", ""])
    assert saved.status_code == 200 and 'class="field-error"' not in saved.text
    assert stored_sources(session_factory) == [{"title": changed, "url": URL, "language": "en"}]


def test_an_editors_correction_keeps_it(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **ROWS)
    form = editor.get(CORRECT)
    data = {**hidden(form), **GOOD, **rows_of(form), "title": "Suivi communautaire corrigé", "action": "save"}
    assert editor.post(CORRECT, data=data, follow_redirects=False).status_code == 303
    with session_factory() as session:
        latest = session.scalars(
            select(ResourceRevision).where(ResourceRevision.resource_id == RID).order_by(ResourceRevision.number)
        ).all()[-1]
        assert latest.number == 2 and latest.data["sources"] == [MARKED]


def test_a_row_keeps_it_only_with_a_language_and_inside_its_title() -> None:
    def sources(language: str, original: str) -> object:
        lists = {"source_title": [TITLE], "source_url": [URL], "source_language": [language]}
        return portal.from_form({}, lists | {"source_original_title": [original]})["sources"]

    assert sources("en", f" {ORIGINAL} ") == [MARKED]
    assert sources("", ORIGINAL) == [{"title": TITLE, "url": URL}]  # « same as the resource »: the whole title is
    assert sources("en", "Elimination of child labour") == [{"title": TITLE, "url": URL, "language": "en"}]
    assert sources("en", " ") == [{"title": TITLE, "url": URL, "language": "en"}]
    # an older page, posting no such field: its sources as before
    without = portal.from_form({}, {"source_title": [TITLE], "source_url": [URL], "source_language": ["en"]})
    assert without["sources"] == [{"title": TITLE, "url": URL, "language": "en"}]
