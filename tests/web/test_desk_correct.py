"""An editor corrects a submission before deciding: the partners' form, prefilled with what was submitted; saved,
a new revision awaiting review, written by the editor, in the submission's place in the queue; the desk's page shows
who corrected it, when, and what changed; approved, the corrected text is published and its organisation's mail
names the fields corrected. A correction that comes after a change is refused, the text typed kept; the form as
submitted is no correction; partners and strangers never reach it.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AuditEntry, Resource, ResourceRevision, RevisionState, Role, User
from tests.helpers import REVIEW, bearer, make_key
from tests.web.helpers import Mailbox, csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import decide, resubmit
from tests.web.test_portal import GOOD

ITEM = f"/en/editorial/{RID}"
CORRECT = f"{ITEM}/correct"
TYPO = "Suivi comunautaire des enfants dans les coopératives"  # what the organisation typed
FIXED = "Suivi communautaire des enfants dans les coopératives"
# its key and address, typed so: made from the title, they would carry the typo
TYPED = {"title": TYPO, "translation_key": RID[:-3], "slug": RID[:-3]}


def hidden(page: httpx.Response) -> dict[str, str]:
    """The correction form's CSRF token, the version and the revision it was opened on."""
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))
    return {name: fields[name] for name in ("csrf_token", "version", "revision")}


def save(editor: TestClient, page: httpx.Response, **changes: object) -> httpx.Response:
    """Post the correction form opened as ``page`` with what was submitted, ``changes`` over it."""
    data = {**hidden(page), **dict(GOOD, title=TYPO, action="save"), **changes}
    return editor.post(CORRECT, data=data, follow_redirects=False)


def revisions(session_factory: sessionmaker[Session]) -> list[ResourceRevision]:
    with session_factory() as session:
        rows = session.scalars(
            select(ResourceRevision).where(ResourceRevision.resource_id == RID).order_by(ResourceRevision.number)
        )
        return list(rows)


def corrections(session_factory: sessionmaker[Session]) -> list[AuditEntry]:
    with session_factory() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "resource.correct")))


def test_the_editor_corrects_it_and_sees_the_correction_before_deciding(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    other = signed_in(web, session_factory, "ong-b", "bob@ong-b.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **TYPED)
    submit_one(other, title="Une autre ressource, soumise après")
    item = editor.get(ITEM)
    assert f'<a href="{CORRECT}" aria-describedby="d-correct">Correct it before deciding</a>' in item.text
    # the partners' form, prefilled with what was submitted, posting to the desk
    form = editor.get(CORRECT)
    assert form.status_code == 200
    assert f'<form class="stacked" method="post" action="{CORRECT}" id="resource-form"' in form.text
    assert f'value="{TYPO}"' in form.text and "Des agents visitent les ménages." in form.text
    assert 'value="https://example.org/clmrs"' in form.text and 'value="CC-BY-4.0" checked' in form.text
    assert re.search(r'value="cocoa"[^>]*checked', form.text)
    assert hidden(form)["revision"] == "1" and "Save the correction" in form.text
    assert "Save and submit" not in form.text and "Withdraw from review" not in form.text
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', form.text) == ["/en/editorial"]  # the desk's

    saved = save(editor, form, title=FIXED, sectors=["cocoa", "gold"])
    assert saved.status_code == 303 and saved.headers["location"] == f"{ITEM}?notice=corrected"
    first, second = revisions(session_factory)
    assert (first.number, first.state, second.number, second.state) == (
        1,
        RevisionState.superseded,
        2,
        RevisionState.submitted,
    )
    with session_factory() as session:
        elise = session.scalars(select(User).where(User.email == "elise@crv.org")).one()
        assert second.author_key_prefix == f"user:{elise.id}" != first.author_key_prefix
        assert session.get_one(Resource, RID).title == FIXED  # never published: the row mirrors its latest revision
    assert second.submitted_at == first.submitted_at  # its place in the queue
    assert second.organisation_id == first.organisation_id and second.data["sectors"] == ["cocoa", "gold"]
    [entry] = corrections(session_factory)
    assert (entry.revision, entry.details["corrected"], entry.details["fields"]) == (2, 1, ["title", "sectors"])

    queue = editor.get("/en/editorial").text
    assert queue.index(FIXED) < queue.index("Une autre ressource, soumise après")  # still first
    assert queue.count('<span class="state corrected">corrected by the editors</span>') == 1  # the queue says so
    page = editor.get(f"{ITEM}?notice=corrected")
    assert "Your correction is saved: it awaits your decision below" in page.text
    correction = page.text.split('<h2 id="correction-title">Corrected by the editors</h2>')[1].split("</section>")[0]
    assert re.search(r"Elise corrected what its organisation submitted \(revision 1\): \d{1,2} \w+ \d{4}", correction)
    assert f"<strong>Before:</strong> {TYPO}" in correction and f"<strong>After:</strong> {FIXED}" in correction
    assert "<strong>Added:</strong> Gold" in correction
    assert "Corrected by an editor" in page.text  # the audit trail
    # the organisation's portal says whose revision it is
    portal = partner.get(f"/en/partner/resources/{RID}").text
    assert re.search(r"<tr><td>2</td><td>submitted · corrected by the editors</td>", portal)
    assert re.search(r"<tr><td>1</td><td>superseded</td>", portal)


def test_approved_after_correction_the_corrected_text_is_published_and_the_mail_names_the_fields(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **TYPED)
    bad_link = ["https://example.org/clmrs-broken", ""]
    assert save(editor, editor.get(CORRECT), title=FIXED, source_url=bad_link).status_code == 303
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    assert [(r.number, r.state) for r in revisions(session_factory)] == [
        (1, RevisionState.superseded),
        (2, RevisionState.published),
    ]
    public = web.get("/fr/ressources/suivi-communautaire-des-enfants-dans-les-cooperatives")
    assert public.status_code == 200 and FIXED in public.text and TYPO not in public.text
    published = mailbox.to("awa@ong-a.org")[-1]
    assert mailbox.subject(published).startswith("Publiée")
    # her language's labels, whatever the sentence's translation
    text = mailbox.body(published).replace("\r\n", "\n")
    assert "ces champs\u00a0: titre, sources." in text  # her language's labels
    assert f"http://testserver/fr/espace-partenaire/ressources/{RID}" in text.split("titre, sources.")[1]


def test_approved_with_the_api_after_a_correction_the_mail_names_the_fields_too(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """The fields corrected are told however the approval comes: here an editor's key (``crv review approve``)."""
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **TYPED)
    assert save(editor, editor.get(CORRECT), title=FIXED).status_code == 303
    key = make_key(session_factory, "crv", REVIEW)
    version = web.get(f"/v1/review/{RID}", headers=bearer(key)).headers["etag"]
    assert web.post(f"/v1/review/{RID}/approve", headers=bearer(key, version)).status_code == 200
    published = mailbox.to("awa@ong-a.org")[-1]
    assert mailbox.subject(published).startswith("Publiée")
    assert "ces champs\u00a0: titre." in mailbox.body(published)


def test_a_correction_after_a_change_is_refused_and_the_text_typed_kept(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **TYPED)
    opened = editor.get(CORRECT)
    resubmit(partner, title=TYPO, body="## Démarche\n\nSelon le rapport 2023.\n")
    late = save(editor, opened, title=FIXED)
    assert late.status_code == 409
    assert "Nothing was saved: it changed since you opened this form" in late.text
    assert f'value="{FIXED}"' in late.text  # what the editor typed
    since = late.text.split('<h2 id="since-title">What changed since you opened this form</h2>')[1]
    assert "Selon le rapport 2023." in since.split("</section>")[0]
    assert [(r.number, r.state) for r in revisions(session_factory)] == [
        (1, RevisionState.superseded),
        (2, RevisionState.submitted),
    ]
    assert not corrections(session_factory)
    # the form now holds the version read: saved again knowingly, it is recorded
    again = save(editor, late, title=FIXED, body="## Démarche\n\nSelon le rapport 2023.\n")
    assert again.status_code == 303
    assert [r.state for r in revisions(session_factory)][-1] == RevisionState.submitted
    assert revisions(session_factory)[-1].data["title"] == FIXED


def test_every_problem_is_shown_at_once_and_the_same_text_is_no_correction(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **TYPED)
    refused = save(editor, editor.get(CORRECT), title="", summary="x" * 700, licence="")
    assert refused.status_code == 422 and "Nothing was saved: correct the fields marked below." in refused.text
    for name in ("title", "summary", "licence"):
        assert f'id="e-{name}"' in refused.text, name
    assert "this text has 700" in refused.text  # how long it is, as the partners' form says
    unchanged = save(editor, editor.get(CORRECT))
    assert unchanged.status_code == 303 and unchanged.headers["location"] == f"{ITEM}?notice=uncorrected"
    assert "Nothing was saved: the form held what was submitted" in editor.get(unchanged.headers["location"]).text
    assert [(r.number, r.state) for r in revisions(session_factory)] == [(1, RevisionState.submitted)]
    assert not corrections(session_factory)


def test_only_editors_reach_it_and_its_address_switches_language(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **TYPED)
    assert partner.get(CORRECT).status_code == 403
    token = csrf_of(partner.get("/en/partner"))
    posted = partner.post(CORRECT, data={**dict(GOOD, title=FIXED), "csrf_token": token, "version": "1"})
    assert posted.status_code == 403
    stranger = TestClient(web.app).get(CORRECT, follow_redirects=False)
    assert stranger.status_code in (302, 303) and stranger.headers["location"].startswith("/en/sign-in")
    forged = editor.post(CORRECT, data={**dict(GOOD, title=FIXED), "version": "1"}, follow_redirects=False)
    assert forged.status_code == 403  # no CSRF token
    assert [r.state for r in revisions(session_factory)] == [RevisionState.submitted]
    french = editor.get(f"/fr/redaction/{RID}/corriger")
    assert french.status_code == 200
    assert f'<a class="lang-switch" href="/en/editorial/{RID}/corriger" hreflang="en">' in french.text
    switched = editor.get(f"/en/editorial/{RID}/corriger", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == CORRECT


def test_a_decision_on_the_revision_before_a_correction_comes_too_late_and_says_so(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner, **TYPED)
    read_by_marc = marc.get(ITEM)
    assert save(elise, elise.get(CORRECT), title=FIXED).status_code == 303
    late = decide(marc, read_by_marc, "approve")
    assert late.status_code == 409
    assert "An editor has corrected it since you read it: the changes are shown below" in late.text
    assert f"<strong>After:</strong> {FIXED}" in late.text
    assert [r.state for r in revisions(session_factory)] == [RevisionState.superseded, RevisionState.submitted]
