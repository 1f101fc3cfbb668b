"""The desk's pages as an editor reads them: approving takes two steps (publishing is public and immediate), a
first publication takes the whole width and says so once, an update shows both versions, each source shows its
site, the queue is a table when wide (its cards on a phone are CSS), the desk is not the site's « Publish ».

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from app.routers.desk_item import domain
from tests.web.helpers import signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import ITEM, decide, resubmit


def test_a_sources_site_is_its_host_without_www() -> None:
    assert domain("https://www.dol.gov/agencies/ilab/reports") == "dol.gov"
    assert domain("http://ILO.org:8080/x?y=1") == "ilo.org"
    assert domain("https://wwwx.example.org/") == "wwwx.example.org"


def test_approving_takes_a_second_step_that_says_it_publishes_at_once(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    page = editor.get(ITEM)
    approval = page.text.split('<details class="approve two-step">')[1].split("</details>")[0]
    # closed at first: the summary opens the form, whose one button publishes; no script needed
    assert approval.lstrip().startswith('<summary class="button">Approve and publish</summary>')
    assert approval.count("<button") == 1 and ">Publish now</button>" in approval
    hint = '<p class="hint" id="d-approve">It goes on the public site at once, under the name of Ong A, and its '
    assert hint + "organisation is told by mail.</p>" in approval
    assert '<details class="approve two-step" open' not in page.text
    assert page.text.count('value="approve"') == 1  # no one-click approval left elsewhere on the page


def test_a_first_publication_takes_the_whole_width_and_an_update_shows_both_versions(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    first = editor.get(ITEM).text
    assert "Published version" not in first and "Not published yet" not in first
    assert re.search(r'<div class="columns">\s*<section', first) is None  # no half-empty page
    assert first.count("First publication") == 1
    assert "there is nothing to compare it with" not in first  # said once, by « First publication »
    assert "<h2>Changes</h2>" not in first
    queue = editor.get("/en/editorial").text
    assert '</a> <span class="state">new</span></td>' in queue

    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    resubmit(partner, summary="Des agents visitent les ménages chaque mois.")
    update = editor.get(ITEM).text
    assert re.search(r'<div class="columns">\s*<section aria-labelledby="published-title">', update)
    assert "Published version" in update and "Submitted version" in update
    assert "First publication" not in update and "<h2>Changes</h2>" in update
    assert '</a> <span class="state">update</span></td>' in editor.get("/en/editorial").text


def test_the_desk_highlights_its_own_entry_not_the_sites_publish(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    seen = editor.get(ITEM)
    assert decide(editor, seen, "approve").status_code == 303
    decided = editor.get(f"/en/editorial/{RID}")  # no longer waits: what became of it
    for page in (editor.get("/en/editorial").text, seen.text, decided.text):
        assert re.findall(r'<a href="([^"]+)" aria-current="page">', page) == ["/en/editorial"]
        assert 'href="/en/publish" aria-current' not in page
    # the partners' pages keep theirs (the site's « Publish »)
    assert 'href="/en/publish" aria-current="page"' in partner.get("/en/partner").text
