"""The editors' audit of the desk, continued: the reason box says which language the organisation's mail goes out
in when it is not the page's, and the desk lists, under its queue, what it sent back and its organisation has not
submitted again, and what it published these 30 days.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app import migrations
from app.db import make_engine
from app.models import ResourceRevision, Role, User
from app.models.base import utcnow
from app.services import desk_queue
from tests.models.test_query_plans import plan
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import FR_ITEM, ITEM, decide, resubmit
from tests.web.test_portal import GOOD

FRENCH = "The mail goes out in French: write the reason in French."


def test_the_reason_box_says_the_language_of_the_mail_when_it_is_not_the_pages(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")  # reads her mails in French
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    page = editor.get(ITEM).text
    assert f'<p class="hint mail-language" id="h-reason">{FRENCH}</p>' in page
    textarea = re.search(r'<textarea id="f-reason"[^>]*>', page)
    assert textarea and 'aria-describedby="h-reason"' in textarea.group()
    assert 'id="h-reason"' not in editor.get(FR_ITEM).text  # the page's language: nothing to say
    # a refused reason: its problem and the language both describe the box
    blank = decide(editor, editor.get(ITEM), "send_back", reason=" ")
    assert blank.status_code == 422 and 'aria-describedby="e-reason h-reason"' in blank.text
    # some read English, some French: both, on either page
    signed_in(web, session_factory, "ong-a", "bob@ong-a.org")
    with session_factory() as session:
        session.execute(update(User).where(User.email == "bob@ong-a.org").values(language="en"))
        session.commit()
    assert "in English to others: write the reason in both languages." in editor.get(ITEM).text
    # taking a published resource off the site: its reason box says it too
    with session_factory() as session:
        session.execute(update(User).where(User.email == "bob@ong-a.org").values(disabled_at=utcnow()))
        session.commit()
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    assert FRENCH in editor.get(ITEM).text and 'name="decision" value="unpublish"' in editor.get(ITEM).text


def lists(page: str) -> tuple[str, str]:
    sent_back = page.split('<h2 id="sent-back">')[1].split("<h2")[0]
    return sent_back, page.split('<h2 id="published-lately">')[1]


def test_the_desk_lists_what_waits_for_its_organisation_and_what_it_published_lately(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    desk = editor.get("/en/editorial").text
    assert '<a href="#sent-back">' in desk and '<a href="#published-lately">' in desk
    sent_back, published = lists(desk)
    assert "Nothing sent back waits for its organisation." in sent_back
    assert "Nothing was published in the last 30 days." in published
    submit_one(partner)
    assert decide(editor, editor.get(ITEM), "send_back", reason="Cite the 2023 report.").status_code == 303
    sent_back, published = lists(editor.get("/en/editorial").text)
    assert f'<a href="/en/editorial/{RID}" lang="fr">Suivi communautaire' in sent_back
    assert ">Ong A</td>" in sent_back and ">Elise</td>" in sent_back and "(Paris time)" in sent_back
    assert RID not in published
    # edited, not submitted again: it still waits for its organisation
    page = partner.get(f"/fr/espace-partenaire/ressources/{RID}")
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "version": version, **dict(GOOD, action="save", summary="Rapport 2023.")}
    saved = partner.post(f"/fr/espace-partenaire/ressources/{RID}", data=data, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert f'<a href="/en/editorial/{RID}" lang="fr">' in lists(editor.get("/en/editorial").text)[0]
    resubmit(partner, title="Suivi communautaire des enfants, rapport 2023")
    sent_back, _ = lists(editor.get("/en/editorial").text)
    assert RID not in sent_back  # submitted again: back in the queue
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    sent_back, published = lists(editor.get("/en/editorial").text)
    assert RID not in sent_back
    assert f'<a href="/en/editorial/{RID}" lang="fr">Suivi communautaire des enfants, rapport 2023</a>' in published
    assert ">Ong A</td>" in published
    # its desk page offers to take it off the site
    assert 'value="unpublish"' in editor.get(f"/en/editorial/{RID}").text
    # approved 31 days ago: no longer listed
    with session_factory() as session:
        session.execute(update(ResourceRevision).values(reviewed_at=utcnow() - timedelta(days=31)))
        session.commit()
    assert "Nothing was published in the last 30 days." in lists(editor.get("/en/editorial").text)[1]


@pytest.mark.parametrize(
    "run",
    [lambda session: desk_queue.sent_back(session, "en"), lambda session: desk_queue.published_lately(session, "en")],
    ids=["sent back", "published"],
)
def test_the_lists_under_the_queue_read_the_revisions_by_their_state(
    tmp_path: Path, run: Callable[[Session], object]
) -> None:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        details = plan(engine, run)
    finally:
        engine.dispose()
    assert any("USING INDEX ix_resource_revisions_state" in detail for detail in details), details
    assert not any(detail.startswith("SCAN") for detail in details), details  # never every row
