"""The desk when a decision comes too late or is refused: two editors on one submission, a page left open while its
organisation submits again, a blank or over-long reason. The editor gets the item's page back, at its address,
saying what happened in their language (who decided, when; or what changed), what they typed kept — never the
API's problem in developer English. And the comparison after several submissions starts from the one sent back.

The new sentences are checked on the English pages (their French is in the catalogs once merged); the French pages
are checked for what was already translated."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, ResourceRevision, ResourceStatus, RevisionState, Role
from app.services import review
from tests.web.helpers import Mailbox, csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_portal import GOOD

ITEM = f"/en/editorial/{RID}"
FR_ITEM = f"/fr/redaction/{RID}"


def form_of(page: httpx.Response) -> dict[str, str]:
    """The hidden fields of the item page's decision forms (the same in both)."""
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))
    return {name: fields[name] for name in ("csrf_token", "version", "revision")}


def decide(client: TestClient, page: httpx.Response, decision: str, url: str = ITEM, **data: str) -> httpx.Response:
    """Post ``decision`` from ``page`` as it was read (its version and revision), to the item's address."""
    return client.post(url, data={**form_of(page), "decision": decision, **data}, follow_redirects=False)


def resubmit(partner: TestClient, **changes: object) -> None:
    """The organisation edits its resource and submits it again (a new revision)."""
    page = partner.get(f"/fr/espace-partenaire/ressources/{RID}")
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "version": version, **dict(GOOD, action="submit", **changes)}
    answer = partner.post(f"/fr/espace-partenaire/ressources/{RID}", data=data, follow_redirects=False)
    assert answer.status_code == 303, answer.text


def stored(session_factory: sessionmaker[Session]) -> tuple[ResourceStatus, list[tuple[int, RevisionState]]]:
    with session_factory() as session:
        resource = session.get_one(Resource, RID)
        revisions = session.scalars(select(ResourceRevision).where(ResourceRevision.resource_id == RID)).all()
        return resource.status, sorted((r.number, r.state) for r in revisions)


def test_the_decision_forms_post_to_the_items_address(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    page = editor.get(FR_ITEM)
    assert page.text.count(f'<form method="post" action="{FR_ITEM}">') == 1
    assert page.text.count(f'<form class="stacked" method="post" action="{FR_ITEM}"') == 1
    assert f'maxlength="{review.REASON_LENGTH}"' in page.text  # the server's own limit, from one constant
    # publishing is public and immediate: the approval's form opens from a summary, its button says so
    approval = page.text.split('<details class="approve two-step">')[1].split("</details>")[0]
    assert f'<form method="post" action="{FR_ITEM}">' in approval
    assert '<button type="submit" name="decision" value="approve" aria-describedby="d-approve">' in approval


def test_a_second_editor_is_told_who_approved_it_and_nothing_changes(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    seen_by_marc = marc.get(ITEM)
    assert decide(elise, elise.get(ITEM), "approve").status_code == 303
    late = decide(marc, seen_by_marc, "reject", reason="Cite the 2023 report.")
    assert late.status_code == 409 and late.headers["content-type"].startswith("text/html")
    assert late.url.path == ITEM  # the item's address, not …/reject
    assert "GET /v1/review/queue" not in late.text and "ETag" not in late.text
    assert re.search(
        r"Already approved and published by Elise: \d{1,2} \w+ \d{4}, \d\d:\d\d \(Paris time\)\. "
        r"Your decision was not recorded: nothing was changed\.",
        late.text,
    ), late.text
    assert "Your reason, which was not sent:" in late.text and "Cite the 2023 report." in late.text  # to copy
    assert '<a href="/en/editorial">' in late.text and "Public page" in late.text
    assert stored(session_factory) == (ResourceStatus.published, [(1, RevisionState.published)])
    # after her submission's acknowledgement: one decision, one mail
    assert [str(m["Subject"])[:7] for m in mailbox.to("awa@ong-a.org")][1:] == ["Publiée"]
    # a page (or a mail's link) opened afterwards says the same, without a refusal
    later = marc.get(ITEM)
    assert later.status_code == 200 and "Approved and published by Elise: " in later.text  # no « Already »: no refusal
    assert "not recorded" not in later.text and "Approve and publish" not in later.text
    # the address an approval was posted to before (a page open since a deployment) answers the same way
    old = marc.post(f"{ITEM}/approve", data={**form_of(seen_by_marc)}, follow_redirects=False)
    assert old.status_code == 409 and "Already approved and published by Elise" in old.text


def test_a_second_editor_is_told_who_sent_it_back_with_which_reason(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    seen_by_marc = marc.get(ITEM)
    assert decide(elise, elise.get(ITEM), "reject", reason="Cite the 2023 report.").status_code == 303
    late = decide(marc, seen_by_marc, "approve")
    assert late.status_code == 409
    sent_back = r"Already sent back by Elise: .* \(Paris time\), with this reason: “Cite the 2023 report.”"
    assert re.search(sent_back, late.text)
    assert "Your decision was not recorded" in late.text and "Your reason, which was not sent" not in late.text
    assert stored(session_factory) == (ResourceStatus.rejected, [(1, RevisionState.rejected)])
    # French: the page in the editor's language, the audit trail already translated
    french = marc.get(FR_ITEM)
    assert french.status_code == 200 and "Renvoyée à l’organisation" in french.text
    # its organisation took it back to edit it: nothing awaits review
    resubmit(partner, body="## Démarche\n\nSelon le rapport 2023.\n")
    seen_by_marc = marc.get(ITEM)
    page = partner.get(f"/fr/espace-partenaire/ressources/{RID}")
    version = page.text.split('name="version" value="')[1].split('"')[0]
    draft = {"csrf_token": csrf_of(page), "version": version, **dict(GOOD, action="save", summary="Encore.")}
    assert partner.post(f"/fr/espace-partenaire/ressources/{RID}", data=draft).status_code == 200
    taken_back = decide(marc, seen_by_marc, "approve")
    assert taken_back.status_code == 409
    assert "It no longer awaits review: its organisation has taken it back to edit it." in taken_back.text


def test_a_submission_changed_while_the_editor_read_it_shows_the_new_changes_and_keeps_the_reason(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    read = editor.get(ITEM)
    resubmit(partner, body="## Démarche\n\nDes agents formés visitent les ménages.\n")
    late = decide(editor, read, "reject", reason="Name the cooperatives.\nAnd cite the report.")
    assert late.status_code == 409 and late.url.path == ITEM
    assert "has changed since you read it" not in late.text  # the API's words
    assert (
        "Its organisation has changed it since you read it: its new changes are shown below, and nothing was "
        "decided. Your reason is kept in its box below." in late.text
    )
    since = late.text.split("Changes since you read it (revision 1)")[1].split("</section>")[0]
    assert '<span aria-hidden="true">+</span>Des agents formés visitent les ménages.</ins>' in since
    assert ">Name the cooperatives.\nAnd cite the report.</textarea>" in late.text
    assert stored(session_factory)[1] == [(1, RevisionState.superseded), (2, RevisionState.submitted)]
    # decided again from the page it got back: recorded
    assert decide(editor, late, "reject", reason="Name the cooperatives.").status_code == 303
    assert stored(session_factory)[1][-1] == (2, RevisionState.rejected)


def test_an_editor_is_told_when_a_namespaced_submission_was_published_under_its_public_id(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    bob = signed_in(web, session_factory, "ong-b", "bob@ong-b.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(alice)
    submit_one(bob)  # stored as RID~ong-b, until its publication moves it to RID
    item = f"{ITEM}~ong-b"
    seen_by_marc = marc.get(item)
    assert decide(elise, elise.get(item), "approve", url=item).status_code == 303
    late = decide(marc, seen_by_marc, "approve", url=item)
    assert late.status_code == 409 and "Already approved and published by Elise" in late.text


def test_an_unknown_item_is_a_page_not_found_in_words_people_read(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    missing = editor.get("/en/editorial/nothing-here.fr")
    assert missing.status_code == 404 and "There is no submission at this address." in missing.text
    assert "/v1/review" not in missing.text


def test_a_refusal_without_reason_is_shown_next_to_the_reason_at_the_items_address(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    empty = decide(editor, editor.get(FR_ITEM), "reject", url=FR_ITEM, reason="  ")
    assert empty.status_code == 422 and empty.url.path == FR_ITEM
    textarea = re.search(r"<textarea id=\"f-reason\"[^>]*>", empty.text)
    assert textarea is not None
    assert 'aria-invalid="true"' in textarea.group() and 'aria-describedby="e-reason"' in textarea.group()
    assert "autofocus" in textarea.group()  # the focus goes to the field, its problem read with it
    assert '<p class="field-error" id="e-reason">Un motif est nécessaire.</p>' in empty.text
    assert '<p class="alert"' not in empty.text  # next to the field, not a banner
    assert "autofocus" not in editor.get(FR_ITEM).text  # only when there is a problem


def test_an_over_long_reason_comes_back_with_its_problem_and_every_character(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    reason = "Précisez. " * 201  # 2,010 characters
    long = decide(editor, editor.get(ITEM), "reject", reason=reason)
    assert long.status_code == 422 and long.headers["content-type"].startswith("text/html")
    assert '<p class="field-error" id="e-reason">at most 2,000 characters (this text has 2,010)</p>' in long.text
    assert f">{reason}</textarea>" in long.text
    assert stored(session_factory)[1] == [(1, RevisionState.submitted)]
    fits = decide(editor, long, "reject", reason=reason[: review.REASON_LENGTH])
    assert fits.status_code == 303


def test_after_several_submissions_the_editor_compares_with_the_one_sent_back_and_its_reason(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert decide(editor, editor.get(FR_ITEM), "reject", url=FR_ITEM, reason="Citez le rapport.").status_code == 303
    resubmit(partner, body="## Démarche\n\nSelon le rapport 2023, des agents visitent.\n")  # revision 2
    resubmit(  # revision 3, before any decision: a small edit
        partner,
        body="## Démarche\n\nSelon le rapport 2023, des agents visitent.\n",
        summary="Des agents visitent les ménages.",
    )
    item = editor.get(FR_ITEM)
    said = item.text.split("<h2>Modifications</h2>")[1].split("<dl")[0]
    assert "Depuis la révision 1, renvoyée avec ce motif\u00a0: «\u00a0Citez le rapport.\u00a0»" in said
    changes = item.text.split('<dl class="changes">')[1].split("</dl>")[0]
    assert re.findall(r"<dt>(.*?)</dt>", changes) == ["Résumé", "Texte de la page"]  # both, since 1
    assert '<span aria-hidden="true">+</span>Selon le rapport 2023, des agents visitent.</ins>' in changes
