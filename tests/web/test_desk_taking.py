"""« I'm reviewing this » on the desk's pages: an editor takes a submission from its page; the queue says who took
each one and since when, and narrows to one's own, another editor's or nobody's; another editor's page says who
has it and offers to take it over (the audit trail records it); a taking posted from a page read before another
editor took it changes nothing and says so; a correction keeps it taken, a decision gives it back. Forms without
a script, CSRF-protected.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import ResourceRevision, Role, User
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_correct import CORRECT, save
from tests.web.test_desk_decisions import decide

QUEUE = "/en/editorial"
ITEM = f"{QUEUE}/{RID}"
TAKE = f"{ITEM}/take"


def taking_form(page: httpx.Response) -> dict[str, str]:
    """The fields of the item page's taking form: its CSRF token, and whose taking it takes over, since when."""
    form = page.text.split(f'<form method="post" action="{TAKE}"')[1].split("</form>")[0]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    return fields | {"action": re.findall(r'name="action" value="(\w+)"', form)[0]}


def post(browser: TestClient, page: httpx.Response) -> httpx.Response:
    """Send the taking form of ``page`` as it was read."""
    return browser.post(TAKE, data=taking_form(page), follow_redirects=False)


def taken(session_factory: sessionmaker[Session]) -> tuple[str | None, str | None]:
    """Who has the revision awaiting review (its ``taken_by``), as whose name."""
    with session_factory() as session:
        revision = session.scalars(
            select(ResourceRevision).where(ResourceRevision.resource_id == RID).order_by(ResourceRevision.number)
        ).all()[-1]
        if revision.taken_by is None:
            return None, None
        name = session.get_one(User, int(revision.taken_by.removeprefix("user:"))).name
        return revision.taken_by, name


def queue_cell(page: httpx.Response) -> str:
    """The queue's « taken for review » cell of the submission, its markup removed."""
    cell = page.text.split('class="taken">')[1].split("</td>")[0]
    return re.sub(r"<[^>]+>", "", cell)


def test_taken_from_its_page_the_queue_and_the_other_editors_page_say_who_since_when(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    assert queue_cell(elise.get(QUEUE)) == "Not taken"
    page = elise.get(ITEM)
    assert "Nobody is reviewing it." in page.text
    assert taking_form(page) == {"csrf_token": csrf_of(page), "action": "take"}
    assert '<button type="submit" name="action" value="take" class="secondary" aria-describedby="d-take">' in page.text
    answer = post(elise, page)
    assert answer.status_code == 303 and answer.headers["location"] == f"{ITEM}?notice=taken"
    assert taken(session_factory)[1] == "Elise"
    mine = elise.get(answer.headers["location"])
    assert "It is yours to review" in mine.text
    assert re.search(r"You are reviewing it, since <time datetime=\"[^\"]+Z\">[^<]+</time> \(Paris time\)\.", mine.text)
    assert taking_form(mine)["action"] == "give_back" and "Give it back" in mine.text
    assert "Taken for review" in mine.text.split("<h2>Audit trail</h2>")[1]
    # the queue: hers stands out as hers, and Marc reads whose it is
    assert queue_cell(elise.get(QUEUE)).startswith("You, since ")
    assert re.fullmatch(r"Elise, since \d{1,2} \w+ \d{4}, \d\d:\d\d", queue_cell(marc.get(QUEUE)))
    # his page warns before anything else, and offers to take it over from the taking it shows
    theirs = marc.get(ITEM)
    warning = theirs.text.split('<section class="caution taking" aria-labelledby="taken-title">')[1]
    agree = 'agree it with <a href="mailto:elise@crv.org?subject='  # to write to her (test_desk_before_deciding.py)
    assert warning.index("Taken for review by Elise: ") < warning.index(agree)
    assert theirs.text.index("taken-title") < theirs.text.index("Submitted version")
    with session_factory() as session:
        revision = session.scalars(select(ResourceRevision).where(ResourceRevision.resource_id == RID)).one()
        assert revision.taken_at is not None
        assert taking_form(theirs) == {
            "csrf_token": csrf_of(theirs),
            "holder": revision.taken_by,
            "since": revision.taken_at.isoformat(),
            "action": "take",
        }
    assert "Nobody is reviewing it." not in theirs.text and "Give it back" not in theirs.text
    # the decision forms are still there: the warning informs, it does not lock
    assert 'name="decision" value="approve"' in theirs.text


def test_the_queue_narrows_to_mine_another_editors_or_nobodys(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    submit_one(partner, title="Une autre ressource, que personne ne relit")
    assert post(elise, elise.get(ITEM)).status_code == 303

    def rows(browser: TestClient, taken: str) -> list[str]:
        page = browser.get(QUEUE, params={"taken": taken})
        assert page.status_code == 200 and f'<option value="{taken}" selected>' in page.text
        return re.findall(rf'<a href="{QUEUE}/([^"]+)" lang="fr">[^<]+</a> <span class="state">', page.text)

    other = "une-autre-ressource-que-personne-ne-relit.fr"
    assert rows(elise, "mine") == [RID] and rows(marc, "mine") == []
    assert rows(marc, "others") == [RID] and rows(elise, "others") == []
    assert rows(marc, "free") == rows(elise, "free") == [other]
    page = marc.get(QUEUE)
    options = page.text.split('<select id="f-taken" name="taken">')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]+)</option>', options) == [
        ("", "Taken or not"),
        ("mine", "Taken by me"),
        ("others", "Taken by another editor"),
        ("free", "Not taken"),
    ]
    chips = marc.get(QUEUE, params={"taken": "others"}).text.split('<ul class="chips"')[1].split("</ul>")[0]
    assert "Taken for review: Taken by another editor" in chips
    unknown = marc.get(QUEUE, params={"taken": "theirs"})
    assert unknown.status_code == 400 and "Unknown value “theirs”: choose one in the list." in unknown.text


def test_taking_what_another_editor_took_since_the_page_was_read_changes_nothing_and_says_so(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    read_by_marc = marc.get(ITEM)  # nobody's, when he read it
    assert post(elise, elise.get(ITEM)).status_code == 303
    late = post(marc, read_by_marc)
    assert late.status_code == 303 and late.headers["location"] == f"{ITEM}?notice=taken_first"
    assert taken(session_factory)[1] == "Elise"  # never overwritten
    told = marc.get(late.headers["location"])
    assert "Not taken: another editor took it for review first." in told.text
    assert "Taken for review by Elise: " in told.text
    # Elise gives it back and takes it again: Marc's take-over, from the taking he saw, is refused too
    seen_by_marc = told
    assert post(elise, elise.get(ITEM)).headers["location"] == f"{ITEM}?notice=given_back"
    assert taken(session_factory) == (None, None)
    assert post(elise, elise.get(ITEM)).headers["location"] == f"{ITEM}?notice=taken"
    assert post(marc, seen_by_marc).headers["location"] == f"{ITEM}?notice=taken_first"
    assert taken(session_factory)[1] == "Elise"
    # from the page as it is now, he takes it over: the trail says from whom
    over = post(marc, marc.get(ITEM))
    assert over.headers["location"] == f"{ITEM}?notice=taken" and taken(session_factory)[1] == "Marc"
    trail = marc.get(ITEM).text.split("<h2>Audit trail</h2>")[1]
    assert "Taken over for review from Elise" in trail and "Given back: no longer being reviewed" in trail
    # Elise's page, read while it was hers, gives back nothing now
    stale = elise.post(
        TAKE, data={"csrf_token": csrf_of(elise.get(ITEM)), "action": "give_back"}, follow_redirects=False
    )
    assert stale.headers["location"] == f"{ITEM}?notice=not_yours" and taken(session_factory)[1] == "Marc"
    assert "Taken for review by Marc: " in elise.get(stale.headers["location"]).text


def test_a_correction_keeps_it_taken_and_a_decision_gives_it_back(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert post(elise, elise.get(ITEM)).status_code == 303
    before = taken(session_factory)
    assert save(elise, elise.get(CORRECT), title="Suivi communautaire, corrigé").status_code == 303
    assert taken(session_factory) == before  # the correction's revision is hers too
    assert "You are reviewing it" in elise.get(ITEM).text
    assert decide(elise, elise.get(ITEM), "reject", reason="Citez le rapport.").status_code == 303
    with session_factory() as session:
        revisions = session.scalars(select(ResourceRevision).where(ResourceRevision.resource_id == RID)).all()
        assert [(r.taken_by, r.taken_at) for r in revisions] == [(None, None), (None, None)]
    # nothing awaits review: taking it now leads to its page, which says what became of it
    gone = elise.post(TAKE, data={"csrf_token": csrf_of(elise.get(QUEUE)), "action": "take"}, follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == ITEM
    assert "Sent back by Elise" in elise.get(ITEM).text


def test_the_taking_form_is_csrf_protected_and_for_editors_only(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert elise.post(TAKE, data={"action": "take"}, follow_redirects=False).status_code == 403
    forged = {"csrf_token": csrf_of(partner.get("/en/partner")), "action": "take"}
    assert partner.post(TAKE, data=forged, follow_redirects=False).status_code == 403  # a partner is no editor
    unknown = elise.post(TAKE, data={"csrf_token": csrf_of(elise.get(ITEM)), "action": "grab"})
    assert unknown.status_code == 422
    assert taken(session_factory) == (None, None)
