"""The mail that tells the editors a submission arrived says which it is, in its subject and its first sentence: a
new resource (never published), an update of a published one, or a resubmission after an editor sent it back — who
sent it back, and when. Each editor reads it in their language; the centre's contact address, when no editor is
told, in the resource's.

The new sentences are checked through the catalogs (``gettext``): the English id until their French is merged."""

from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import format_moment, gettext
from app.models import ResourceRevision, Role
from app.services.desk_queue import Kind
from app.web.notifications import EDITOR_MAILS
from tests.helpers import REVIEW, WRITE, bearer, create, good_practice, make_key, submit
from tests.web.helpers import Mailbox, signed_in
from tests.web.test_api_mails import person
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import ITEM, decide, resubmit
from tests.web.test_portal import GOOD

TITLE = GOOD["title"]


def decided_last(session_factory: sessionmaker[Session], resource_id: str) -> ResourceRevision:
    """The revision of ``resource_id`` an editor decided on last."""
    with session_factory() as session:
        query = (
            select(ResourceRevision)
            .where(ResourceRevision.resource_id == resource_id, ResourceRevision.reviewed_at.is_not(None))
            .order_by(ResourceRevision.number.desc())
        )
        found = session.scalars(query).first()
        assert found is not None and found.reviewed_at is not None
        return found


def last(mailbox: Mailbox, address: str) -> tuple[str, str]:
    """The subject (on one line) and body of the last mail to ``address``."""
    message = mailbox.to(address)[-1]
    return " ".join(mailbox.subject(message).split()), mailbox.body(message).replace("\r\n", "\n")


def test_the_editors_are_told_a_new_resource_a_resubmission_and_an_update_apart(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)  # reads French
    marc = person(session_factory, "crv", "marc@crv.org", Role.editor, "en")
    link = {"fr": f"http://testserver/fr/redaction/{RID}", "en": f"http://testserver/en/editorial/{RID}"}
    told = {"publisher": "Ong A", "title": TITLE}

    def mailed(kind: Kind, sent_back: datetime | None = None) -> None:
        """Each editor got ``kind``'s mail in their language (``sent_back``: when Elise sent it back)."""
        subject, to_editor, _ = EDITOR_MAILS[kind]
        for lang, address, name in (("fr", "elise@crv.org", "Elise"), ("en", marc, "Marc")):
            said = {"who": "Elise", "when": format_moment(sent_back, lang)} if sent_back else {}
            got = last(mailbox, address)
            assert got[0] == " ".join(gettext(lang, subject, title=TITLE).split()), (kind, lang)
            assert got[1] == gettext(lang, to_editor, name=name, link=link[lang], **told, **said), (kind, lang)

    submit_one(partner)
    mailed(Kind.new)
    subject, body = last(mailbox, marc)
    assert subject == f"New resource to review: {TITLE}"
    assert f"Ong A submitted a new resource for review, never published before: “{TITLE}”." in body

    assert decide(elise, elise.get(ITEM), "reject", reason="Citez le rapport de 2023.").status_code == 303
    resubmit(partner, summary="Selon le rapport 2023, des agents visitent les ménages.")
    asked = decided_last(session_factory, RID)
    mailed(Kind.resubmitted, asked.reviewed_at)
    subject, body = last(mailbox, marc)
    assert subject == f"Resubmitted after being sent back: {TITLE}"
    when = format_moment(asked.reviewed_at, "en")  # in the reader's language
    assert f"Ong A submitted “{TITLE}” again, after Elise sent it back on {when} (Paris time)." in body

    assert decide(elise, elise.get(ITEM), "approve").status_code == 303
    resubmit(partner, summary="Des agents visitent les ménages chaque mois.")
    mailed(Kind.update)
    subject, body = last(mailbox, marc)
    assert subject == f"Update to review: {TITLE}"
    assert f"Ong A submitted changes to “{TITLE}”, which is published: its public page stays" in body


def test_the_contact_address_hears_of_a_resubmission_sent_back_with_an_api_key(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    """No editor to tell: the centre's contact address, in the resource's language; the key that sent it back is
    named as the desk names it."""
    partner, editors = make_key(session_factory, "ong-a", WRITE), make_key(session_factory, "crv", REVIEW)
    resource_id = create(web, partner).json()["id"]
    submit(web, partner, resource_id)
    sent_back = web.post(f"/v1/review/{resource_id}/reject", json={"reason": "Citez."}, headers=bearer(editors, "*"))
    assert sent_back.status_code == 200, sent_back.text
    assert web.patch(f"/v1/resources/{resource_id}", json={"summary": "Cité."}, headers=bearer(partner, "*")).is_success
    submit(web, partner, resource_id)
    asked = decided_last(session_factory, resource_id)
    assert asked.reviewed_at is not None and asked.reviewer_key_prefix
    subject, body = last(mailbox, settings.contact_email)
    title = good_practice()["title"]
    assert subject == " ".join(gettext("fr", EDITOR_MAILS[Kind.resubmitted][0], title=title).split())
    said = {
        "publisher": "Ong A",
        "title": title,
        "who": gettext("fr", "API key %(prefix)s", prefix=asked.reviewer_key_prefix),
        "when": format_moment(asked.reviewed_at, "fr"),
        "link": f"http://testserver/fr/redaction/{resource_id}",
    }
    assert body.startswith(gettext("fr", EDITOR_MAILS[Kind.resubmitted][2], **said))
    assert asked.reviewer_key_prefix in body
