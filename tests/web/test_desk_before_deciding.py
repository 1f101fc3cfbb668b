"""What a submission's page tells the editor before they decide: who sent the version under review, for which
organisation and when, in its header; that another editor is reviewing it, beside the decision buttons too, with
a link to write to them; and an empty reason gets the server's message next to its box, not the browser's bubble.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re
from urllib.parse import quote

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import signed_in
from tests.web.test_desk import submit_one
from tests.web.test_desk_decisions import decide
from tests.web.test_desk_taking import ITEM, post

TITLE = "Suivi communautaire des enfants dans les coopératives"  # the submission's (tests/web/test_portal.py GOOD)
MOMENT = r'<time datetime="[^"]+Z">[^<]+</time>'


def test_the_header_says_who_submitted_it_for_which_organisation_and_when(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    page = elise.get(ITEM)
    header = page.text.split("<h1>")[1].split("<h2")[0]
    when = rf"{MOMENT} \(Paris time\), (\d+ seconds?|now)[^<]*\."  # and how long it has waited, as the queue says
    said = rf'<p class="submitted-by">Submitted by Awa for Ong A: {when}</p>'
    assert re.search(said, header), header


def test_another_editors_taking_is_said_beside_the_decisions_with_a_link_to_write_to_them(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    assert "d-taken" not in marc.get(ITEM).text  # nobody has it: nothing to say
    assert post(elise, elise.get(ITEM)).status_code == 303
    assert "d-taken" not in elise.get(ITEM).text  # hers: nothing to warn her of
    page = marc.get(ITEM)
    link = f'<a href="mailto:elise@crv.org?subject={quote(TITLE)}">Elise</a>'
    assert f"agree it with {link} before taking it over" in page.text
    decisions = page.text.split('<h2 id="decision-title">')[1]
    said = rf'<p class="caution" id="d-taken"><strong>{re.escape(link)} is reviewing it, since {MOMENT} \(Paris time\)'
    assert re.search(said + r": agree it with them before deciding\.</strong></p>", decisions)
    for button in ("approve", "send_back", "decline"):  # read with each button, which still decides
        tag = re.search(rf'<button type="submit" name="decision" value="{button}"[^>]*>', decisions)
        assert tag is not None and re.search(r'aria-describedby="[^"]*\bd-taken"', tag[0]), button
    assert decide(marc, page, "send_back", reason="Citez le rapport.").status_code == 303


def test_an_empty_reason_gets_the_servers_message_next_to_its_box(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    page = elise.get(ITEM)
    # the browser does not stop it with a bubble of its own: the form goes to the server, which says what is wrong
    form = re.search(r'<form class="stacked" method="post" action="[^"]+"[^>]*>', page.text)
    assert form is not None and " novalidate" in form[0]
    assert 'name="reason"' in page.text.split(form[0])[1].split("</form>")[0]
    for decision, typed in (("send_back", ""), ("decline", "  \n ")):
        answer = decide(elise, page, decision, reason=typed)
        assert answer.status_code == 422
        box = re.search(r'<textarea id="f-reason"[^>]*>([^<]*)</textarea></label>', answer.text)
        assert box is not None and box[1] == typed  # what was typed kept, as it was
        assert 'aria-invalid="true"' in box[0] and "e-reason" in box[0]
        # next to its box: only the mail's language said between them
        after = answer.text.split(box[0])[1]
        hint = r'<p class="hint mail-language"[^>]*>[^<]*</p>'
        assert re.match(rf'\s*({hint}\s*)?<p class="field-error" id="e-reason">', after)
        assert after.split('id="e-reason">')[1].startswith("A reason is required.</p>")
        assert re.search(r"<form [^>]*novalidate", answer.text)
