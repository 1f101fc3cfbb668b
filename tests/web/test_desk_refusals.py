"""The decisions an editor's audit found missing or misleading, on the desk's and the portal's pages: decline for
good (its organisation is told it will not be published, and cannot submit it again), take a published resource
off the site (its public page goes, the portal says why), « Send back for changes » named for what it does, an
unchanged resubmission flagged before approval, a partner's explicit « Withdraw from review » (the desk says so,
the editors mailed about the submission are told), and the reason box counted and kept by portal.js.

The new sentences are checked on the English pages (their French is in the catalogs once merged); mails go in each
person's language (French here), so only what does not depend on it is checked in them."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from app.services import review
from tests.helpers import WRITE, bearer, make_key
from tests.web.helpers import Mailbox, csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import ITEM, decide, resubmit
from tests.web.test_portal import GOOD

EDIT = f"/en/partner/resources/{RID}"


def decision_area(page: httpx.Response) -> str:
    return page.text.split('<h2 id="decision-title">')[1].split("<h2>")[0]


def test_the_decisions_say_what_they_do_and_the_final_ones_take_two_steps(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    page = editor.get(ITEM)
    area = decision_area(page)
    assert ">Send back for changes</button>" in area and ">Reject<" not in area
    assert '<button type="submit" name="decision" value="send_back" class="secondary"' in area
    # declining closes it: a summary first, then the button that says so, with what it means
    decline = area.split('<details class="two-step final">')[1].split("</details>")[0]
    assert '<summary class="button secondary">Decline for good</summary>' in decline
    assert '<button type="submit" name="decision" value="decline" aria-describedby="d-decline">' in decline
    assert "It will not be published, and its organisation cannot submit it again" in decline
    # the old name of sending back still does it (a page open since)
    assert (
        decide(editor, page, "reject", reason="Citez le rapport.")
        .headers["location"]
        .endswith(f"notice=rejected&item={RID}")
    )


def test_a_declined_first_submission_is_closed_and_its_organisation_told_why(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    blank = decide(editor, editor.get(ITEM), "decline", reason=" ")
    assert blank.status_code == 422 and '<p class="field-error" id="e-reason">A reason is required.</p>' in blank.text
    declined = decide(
        editor, editor.get(ITEM), "decline", reason="Hors du champ du centre : pas de travail des enfants."
    )
    assert declined.status_code == 303
    assert declined.headers["location"] == f"/en/editorial?notice=declined&item={RID}"
    assert (
        f'Declined: “<a href="{ITEM}" lang="fr">{GOOD["title"]}</a>”. Its organisation is told it will not be '
        "published, and why." in editor.get(declined.headers["location"]).text
    )
    [_received, told] = mailbox.to("awa@ong-a.org")
    assert "Hors du champ du centre : pas de travail des enfants." in mailbox.body(told)
    assert mailbox.link("awa@ong-a.org") == f"/fr/espace-partenaire/ressources/{RID}"
    # the desk says who declined it and why; the audit trail too
    later = editor.get(ITEM).text
    assert re.search(r"Declined by Elise: .* \(Paris time\), with this reason: “Hors du champ", later)
    assert "Declined for good" in later and "Approve and publish" not in later
    # the portal: declined, the reason, that it is closed; no button to save or submit it
    listing = partner.get("/en/partner").text
    assert '<span class="state">declined</span>' in listing and "Hors du champ du centre" in listing
    form = partner.get(EDIT)
    assert '<p class="caution" id="closed">The editors declined this resource: it will not be published' in form.text
    assert 'value="submit"' not in form.text and 'value="save"' not in form.text
    # sent all the same (a page open since): refused, said in the page's language, nothing written
    version = re.search(r'name="version" value="(\d+)"', form.text)
    assert version is not None
    data = {"csrf_token": csrf_of(form), "version": version.group(1), **dict(GOOD, action="submit", title="Autre")}
    refused = partner.post(EDIT, data=data, follow_redirects=False)
    assert refused.status_code == 422 and "The editors declined this resource" in refused.text
    assert "Autre" not in partner.get("/en/partner").text


def test_an_unchanged_resubmission_is_flagged_before_approval(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert 'id="d-unchanged"' not in editor.get(ITEM).text  # a first submission: nothing to compare with
    assert decide(editor, editor.get(ITEM), "send_back", reason="Citez le rapport de 2023.").status_code == 303
    resubmit(partner)  # submitted again without changing anything
    page = editor.get(ITEM)
    flagged = (
        '<p class="caution" id="d-unchanged"><strong>Approve it only if the reason it was sent back with no longer '
        "applies: nothing has changed since revision 1, sent back with this reason: “Citez le rapport de 2023.”"
        "</strong></p>"
    )
    assert flagged in page.text
    assert page.text.index(flagged) < page.text.index('<details class="approve two-step">')  # seen before opening it
    assert 'value="approve" aria-describedby="d-approve d-unchanged">Publish now</button>' in page.text
    assert decide(editor, page, "send_back", reason="Toujours pas.").status_code == 303
    resubmit(partner, body="## Démarche\n\nSelon le rapport 2023.\n")
    assert 'id="d-unchanged"' not in editor.get(ITEM).text


def test_an_editor_takes_a_published_resource_off_the_site(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    assert decide(elise, elise.get(ITEM), "approve").status_code == 303
    public = mailbox.link("awa@ong-a.org")
    assert TestClient(web.app).get(public).status_code == 200
    page = elise.get(ITEM)  # no longer awaits review: what became of it, and the way to take it down
    seen_by_marc = marc.get(ITEM)
    step = page.text.split('<details class="two-step final">')[1].split("</details>")[0]
    assert '<summary class="button secondary">Take it off the site</summary>' in step
    assert '<button type="submit" name="decision" value="unpublish" aria-describedby="d-unpublish">' in step
    assert re.search(r"<form [^>]*novalidate>", step)  # an empty reason: the server's message, not the browser's
    blank = elise.post(ITEM, data={**form_of(page), "decision": "unpublish", "reason": ""}, follow_redirects=False)
    assert blank.status_code == 422 and '<details class="two-step final" open>' in blank.text
    assert '<p class="field-error" id="e-reason">A reason is required.</p>' in blank.text
    reason = "La source principale a été retirée par son auteur."
    taken = elise.post(ITEM, data={**form_of(page), "decision": "unpublish", "reason": reason}, follow_redirects=False)
    assert taken.status_code == 303
    assert taken.headers["location"] == f"/en/editorial?notice=unpublished&item={RID}"
    assert TestClient(web.app).get(public).status_code == 410  # its page says it was taken off
    told = mailbox.to("awa@ong-a.org")[-1]
    assert reason in mailbox.body(told) and mailbox.link("awa@ong-a.org") == f"/fr/espace-partenaire/ressources/{RID}"
    # the desk says who took it down and why; no form left
    after = elise.get(ITEM).text
    assert re.search(r"Taken off the site by Elise: .* \(Paris time\), with this reason: “La source principale", after)
    assert 'value="unpublish"' not in after and "<td>Taken off the site<br>" in after  # the audit trail
    # a second editor's, from a page read before: not recorded, said, the reason kept to be copied
    late = marc.post(ITEM, data={**form_of(seen_by_marc), "decision": "unpublish", "reason": "Doublon."})
    assert late.status_code == 409 and "Taken off the site by Elise" in late.text
    assert "Your decision was not recorded" in late.text and "Doublon." in late.text
    # the portal says the editors took it off the site, and why; it may be changed and submitted again
    listing = partner.get("/en/partner").text
    assert '<span class="state">taken off the site by the editors</span>' in listing and reason in listing
    form = partner.get(EDIT).text
    assert "The editors took it off the public site, for the reason above." in form and 'value="submit"' in form


def form_of(page: httpx.Response) -> dict[str, str]:
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))
    return {name: fields[name] for name in ("csrf_token", "version")}


def test_a_partner_withdraws_a_submission_and_the_desk_says_so(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    seen = editor.get(ITEM)
    page = partner.get(EDIT)
    action = f'<form method="post" action="{EDIT}/withdraw" class="withdraw">'
    assert action in page.text and ">Withdraw from review</button>" in page.text
    withdrawal = page.text.split(action)[1].split("</form>")[0]
    token, version = csrf_of(page), re.findall(r'name="version" value="(\d+)"', withdrawal)[0]
    answer = partner.post(f"{EDIT}/withdraw", data={"csrf_token": token, "version": version}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"{EDIT}?notice=taken_back"
    after = partner.get(answer.headers["location"]).text
    assert "Withdrawn from review: it is a draft again, which you may change and submit again." in after
    assert '<span class="state">draft</span>' in after and "/withdraw" not in after
    [_submitted, told] = mailbox.to("elise@crv.org")  # mailed about the submission: told of its withdrawal
    assert mailbox.link("elise@crv.org") == f"/fr/redaction/{RID}"
    assert "Suivi communautaire" in str(told["Subject"])
    # the desk: it no longer awaits review, and says why; a decision from the page read before is not recorded
    assert "its organisation has withdrawn it from review" in editor.get(ITEM).text
    late = decide(editor, seen, "approve")
    assert late.status_code == 409 and "It no longer awaits review: its organisation has withdrawn it" in late.text
    assert "Withdrawn from review" in late.text  # the audit trail
    # withdrawn again from the page read before: nothing to withdraw, said on the resource's page
    again = partner.post(f"{EDIT}/withdraw", data={"csrf_token": token, "version": version}, follow_redirects=False)
    assert again.status_code == 409 and "Nothing was withdrawn" in again.text


def test_the_editors_are_told_of_the_withdrawal_of_a_submission_made_with_a_key(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """Submitted with an API key (mailed to the editors, as every submission is), withdrawn in the portal: told."""
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    key = make_key(session_factory, "ong-a", WRITE)
    created = partner.post(
        "/fr/espace-partenaire/nouvelle-ressource",
        data={"csrf_token": csrf_of(partner.get("/fr/espace-partenaire")), **dict(GOOD, action="save")},
        follow_redirects=False,
    )
    assert created.status_code == 303
    etag = web.get(f"/v1/my/resources/{RID}", headers=bearer(key)).headers["etag"]
    assert web.post(f"/v1/resources/{RID}/submit", headers=bearer(key, etag)).status_code == 200
    page = partner.get(EDIT)
    version = page.text.split(f'action="{EDIT}/withdraw"')[1].split('name="version" value="')[1].split('"')[0]
    answer = partner.post(f"{EDIT}/withdraw", data={"csrf_token": csrf_of(page), "version": version})
    assert answer.status_code == 200 and '<span class="state">draft</span>' in answer.text
    assert len(mailbox.to("elise@crv.org")) == 2  # submitted, then withdrawn


def test_the_reason_is_counted_and_kept_through_an_ended_session(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """portal.js counts it (the portal's fields' count) and keeps a copy of it in the tab, offered back when the
    page comes back without it (a decision refused as expired); the same mechanism and box as the portal's form."""
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    page = editor.get(ITEM).text
    textarea = re.search(r'<textarea id="f-reason"[^>]*>', page)
    assert textarea is not None
    assert f'maxlength="{review.REASON_LENGTH}"' in textarea.group()
    assert 'data-length-count="{count} / {limit} characters"' in textarea.group()
    # kept per submission (its revision), the version left out of the copy: an editor's correction keeps it
    revision = re.findall(r'name="revision" value="(\d+)"', page)[-1]
    assert re.search(
        rf'<form class="stacked" method="post" action="{ITEM}" data-keep="unsaved" data-keep-owner="\d+" '
        rf'data-keep-key="{revision}" novalidate>',
        page,
    )
    assert re.search(r'name="version" value="\d+" data-keep-skip>', page)
    assert '<div id="unsaved">' in page and ">Restore unsaved text</button>" in page
    assert '<script src="/static/web/portal.js" defer></script>' in page
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    decided = editor.get(ITEM).text  # the reason of a taking down too
    assert 'data-keep="unsaved"' in decided and "data-length-count" in decided
