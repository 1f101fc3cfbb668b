"""The desk's queue narrowed without a script: by organisation (those with a submission waiting), by language, by
kind — new (never published), an update of a published resource, resubmitted after an editor sent it back (new or
an update too) — the choices in the address, each shown and removable, the count saying how many match of how many
wait. An unknown value is said beside its field (400), never dropped in silence.

The new sentences are checked through the catalogs (``gettext``): the English id until their French is merged."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.models import Role
from app.services import desk_queue
from tests.helpers import REVIEW, WRITE, approve, bearer, create, make_key, submit
from tests.web.helpers import signed_in

QUEUE = "/en/editorial"
# The four waiting: their titles by what they are (ong-a's first, then ong-b's).
UPDATE = "An update of a published one"
ENGLISH = "New, in English"
SENT_BACK = "Sent back once, then again"
NEW_B = "New, of the other partner"


def four_waiting(web: TestClient, session_factory: sessionmaker[Session]) -> TestClient:
    """ong-a: an update of a published resource (fr) and a new one (en); ong-b: a new one sent back then
    submitted again, and a new one (fr). The editor's browser."""
    ong_a, ong_b = make_key(session_factory, "ong-a", WRITE), make_key(session_factory, "ong-b", WRITE)
    editors = make_key(session_factory, "crv", REVIEW)

    def submitted(key: str, name: str, title: str, language: str = "fr") -> str:
        resource_id: str = create(web, key, translation_key=name, slug=name, title=title, language=language).json()[
            "id"
        ]
        submit(web, key, resource_id)
        return resource_id

    published = submitted(ong_a, "published", UPDATE)
    approve(web, editors, published)
    assert web.patch(f"/v1/resources/{published}", json={"summary": "Revu."}, headers=bearer(ong_a, "*")).is_success
    submit(web, ong_a, published)
    submitted(ong_a, "in-english", ENGLISH, "en")
    asked = submitted(ong_b, "sent-back", SENT_BACK)
    sent_back = web.post(f"/v1/review/{asked}/reject", json={"reason": "Citez."}, headers=bearer(editors, "*"))
    assert sent_back.status_code == 200, sent_back.text
    assert web.patch(f"/v1/resources/{asked}", json={"summary": "Cité."}, headers=bearer(ong_b, "*")).is_success
    submit(web, ong_b, asked)
    submitted(ong_b, "other-partner", NEW_B)
    return signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)


def titles(page: httpx.Response) -> set[str]:
    """The titles of the queue's rows (between its count and the list of what was sent back)."""
    queue = page.text.split('id="queue-count"')[1].split('<h2 id="sent-back">')[0]
    return set(re.findall(r'lang="\w\w">([^<]+)</a> <span class="state">', queue))


def count(page: httpx.Response) -> str:
    found = re.search(r'<p id="queue-count" role="status" tabindex="-1"[^>]*>([^<]*)</p>', page.text)
    assert found, page.text
    return found.group(1)


def matching(shown: int, total: int, lang: str = "en") -> str:
    return gettext(lang, "Submissions matching the filters: %(matching)s of %(total)s", matching=shown, total=total)


def test_each_kind_of_submission_narrows_the_queue(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    editor = four_waiting(web, session_factory)
    everything = editor.get(QUEUE)
    assert titles(everything) == {UPDATE, ENGLISH, SENT_BACK, NEW_B}
    assert count(everything) == gettext("en", "Submissions waiting: %(total)s", total=4)
    assert " autofocus" not in everything.text.split('id="queue-count"')[1].split(">")[0]  # nothing asked yet
    expected = {
        desk_queue.Kind.new: {ENGLISH, SENT_BACK, NEW_B},  # never published, sent back or not
        desk_queue.Kind.update: {UPDATE},
        desk_queue.Kind.resubmitted: {SENT_BACK},
    }
    assert set(expected) == set(desk_queue.KINDS)  # every kind of the table is offered and checked
    for kind, rows in expected.items():
        page = editor.get(QUEUE, params={"kind": kind.value})
        assert page.status_code == 200 and titles(page) == rows, kind
        assert count(page) == matching(len(rows), 4)
        # the focus starts on the count, a status: read out once the narrowed page has loaded
        assert re.search(r'<p id="queue-count" role="status" tabindex="-1" autofocus>', page.text)
        assert f'<option value="{kind.value}" selected>' in page.text
    french = editor.get("/fr/redaction", params={"kind": "update"})
    assert count(french) == matching(1, 4, "fr")
    assert f'<label for="f-kind">{gettext("fr", "Kind of submission")}</label>' in french.text


def test_organisation_and_language_narrow_it_alone_or_together(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    editor = four_waiting(web, session_factory)
    page = editor.get(QUEUE)
    organisations = page.text.split('<select id="f-organisation" name="organisation">')[1].split("</select>")[0]
    # the partners with a submission waiting, by name; not the centre, which has none
    assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]+)</option>', organisations) == [
        ("", "All organisations"),
        ("ong-a", "Ong A"),
        ("ong-b", "Ong B"),
    ]
    assert '<label for="f-language">Language</label>' in page.text
    assert '<option value="en">English</option>' in page.text
    by_ong_b = editor.get(QUEUE, params={"organisation": "ong-b"})
    assert titles(by_ong_b) == {SENT_BACK, NEW_B} and count(by_ong_b) == matching(2, 4)
    in_english = editor.get(QUEUE, params={"language": "en"})
    assert titles(in_english) == {ENGLISH} and count(in_english) == matching(1, 4)
    assert titles(editor.get(QUEUE, params={"organisation": "ong-a", "kind": "new"})) == {ENGLISH}
    together = editor.get(QUEUE, params={"organisation": "ong-b", "language": "fr", "kind": "resubmitted", "q": "x"})
    assert titles(together) == {SENT_BACK} and count(together) == matching(1, 4)
    # each choice shown, a link that removes it and keeps the others (and the search below)
    chips = together.text.split('<ul class="chips" aria-label="Active filters">')[1].split("</ul>")[0]
    removals = re.findall(
        r'<a class="chip" href="([^"]+)"><span class="visually-hidden">Remove the filter </span>'
        r"([^<]+) <span",
        chips,
    )
    assert [(href.replace("&amp;", "&"), said) for href, said in removals] == [
        (f"{QUEUE}?language=fr&kind=resubmitted&q=x", "Organisation: Ong B"),
        (f"{QUEUE}?organisation=ong-b&kind=resubmitted&q=x", "Language: French"),
        (f"{QUEUE}?organisation=ong-b&language=fr&q=x", "Kind of submission: resubmitted"),
    ]
    assert f'<a href="{QUEUE}?q=x">Clear all filters</a>' in chips
    # the form keeps the search, the search keeps the filters
    assert '<input type="hidden" name="q" value="x">' in together.text
    search = together.text.split('role="search"')[1].split("</form>")[0]
    assert '<input type="hidden" name="organisation" value="ong-b">' in search
    assert '<input type="hidden" name="kind" value="resubmitted">' in search
    # a partner with nothing waiting (a link kept from yesterday): nothing matches, said
    none = editor.get(QUEUE, params={"organisation": "crv"})
    assert none.status_code == 200 and titles(none) == set() and count(none) == matching(0, 4)
    assert gettext("en", "No submission waiting matches these filters.") in none.text
    assert '<option value="crv" selected>' in none.text  # shown chosen, by its name


def test_an_unknown_value_is_said_beside_its_field(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    editor = four_waiting(web, session_factory)
    for name, value in (("kind", "draft"), ("organisation", "nobody"), ("language", "de")):
        page = editor.get(QUEUE, params={name: value})
        assert page.status_code == 400, name
        said = gettext("en", desk_queue.UNKNOWN, value=value)
        assert f'<p class="field-error" id="e-{name}">{said}</p>' in page.text
        assert re.search(
            rf'<select id="f-{name}" name="{name}" aria-invalid="true" aria-describedby="[^"]*e-{name}"', page.text
        )
        # the alert lists it, a link to its field; the queue is not narrowed by it
        assert f'<a href="#f-{name}">' in page.text.split('class="alert error-summary"')[1].split("</div>")[0]
        assert titles(page) == {UPDATE, ENGLISH, SENT_BACK, NEW_B}
    # the known ones still narrow it
    mixed = editor.get(QUEUE, params={"kind": "nonsense", "organisation": "ong-a"})
    assert mixed.status_code == 400 and titles(mixed) == {UPDATE, ENGLISH} and count(mixed) == matching(2, 4)
