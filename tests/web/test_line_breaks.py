"""A textarea's line breaks against its limit. A browser counts a line break as one character for ``maxlength``
but sends it as CRLF (two), so a text exactly at the limit with line breaks must be taken, not refused as too long
(the account request's message, the desk's reason, the portal's texts), and kept with its line breaks as LF."""

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AccountRequest, ResourceRevision, RevisionState, Role
from app.services import partners, portal, review
from app.web.routing import typed_text
from tests.web.helpers import csrf_of, post_form, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import ITEM, decide
from tests.web.test_partner_requests import ASKED, FORM
from tests.web.test_portal import GOOD, NEW


def as_sent(limit: int, line: str = "Une ligne.") -> tuple[str, str]:
    """A text of ``limit`` characters as the browser counted it (a line break one), and as it posts it (CRLF)."""
    counted = ""
    while len(counted) + len(line) + 1 <= limit:
        counted += line + "\n"
    counted += "x" * (limit - len(counted))
    assert len(counted) == limit and counted.count("\n") > 10
    return counted, counted.replace("\n", "\r\n")


def test_line_breaks_are_counted_as_the_browser_counts_them() -> None:
    assert typed_text("a\r\nb\rc\nd\r\n\r\n") == "a\nb\nc\nd\n\n"


def test_an_account_request_s_message_at_its_limit_with_line_breaks_is_taken(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    counted, sent = as_sent(partners.MESSAGE_LENGTH)
    answer = post_form(web, FORM, **{**ASKED, "message": sent})
    assert answer.status_code == 200, answer.text  # was 422: « au plus 2 000 caractères »
    with session_factory() as session:
        kept = session.scalar(select(AccountRequest))
        assert kept is not None and kept.message == counted.strip()


def test_a_desk_reason_at_its_limit_with_line_breaks_is_sent(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    counted, sent = as_sent(review.REASON_LENGTH, "Précisez.")
    answer = decide(editor, editor.get(ITEM), "reject", reason=sent)
    assert answer.status_code == 303, answer.text  # was 422: at most 2,000 characters (this text has 2,2…)
    with session_factory() as session:
        revision = session.scalar(select(ResourceRevision).where(ResourceRevision.resource_id == RID))
        assert revision is not None and revision.state == RevisionState.rejected
        assert revision.reason == counted.strip()


def test_a_resource_s_summary_at_its_limit_with_line_breaks_is_saved(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    _, sent = as_sent(portal.TEXT_LIMITS["summary"], "Des agents.")
    page = partner.get(NEW)
    data = {"csrf_token": csrf_of(page), **dict(GOOD, summary=sent, action="save")}
    saved = partner.post(NEW, data=data, follow_redirects=False)
    assert saved.status_code == 303, saved.text


def test_the_preview_of_a_body_at_its_limit_with_line_breaks_is_shown(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    _, sent = as_sent(portal.TEXT_LIMITS["body"])
    token = csrf_of(partner.get(NEW))
    shown = partner.post("/fr/espace-partenaire/apercu", data={"body": sent}, headers={"X-CSRF-Token": token})
    assert shown.status_code == 200, shown.text[:300]  # was 422: the body over 200,000 characters
    assert "Une ligne." in shown.text
