"""The desk as an editor reads it from one submission to the next: what changed comes before the versions it was
read from (on a phone, two whole versions stood between the editor and it); after a decision, the queue names what
was decided and leads back to it, and to its public page once published; the page of a submission decided, visited
from the lists under the queue, says who decided plainly — « Already … » is for a decision that came too late; and a
resubmission in the queue names the editor who sent it back, whose it is to read again. The page of one sent back
shows the text sent back, as the desk showed it: the editor answering its organisation reads what they sent back.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import ITEM, decide, resubmit
from tests.web.test_portal import GOOD

QUEUE = "/en/editorial"
TITLE = GOOD["title"]
PUBLIC = "/fr/ressources/suivi-communautaire-des-enfants-dans-les-cooperatives"


def _before(page: str, first: str, then: str) -> bool:
    assert first in page and then in page
    return page.index(first) < page.index(then)


def test_what_changed_comes_before_the_versions(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert decide(editor, editor.get(ITEM), "send_back", reason="Cite the 2023 report.").status_code == 303
    resubmit(partner, summary="Des agents visitent les ménages chaque mois.")
    resubmitted = editor.get(ITEM).text
    assert _before(resubmitted, "<h2>Changes</h2>", 'id="submitted-title"')
    # an update of a published resource: the changes before the two versions side by side
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    resubmit(partner, summary="Des agents visitent les ménages chaque semaine.")
    update = editor.get(ITEM).text
    assert _before(update, "<h2>Changes</h2>", 'id="published-title"')
    # a decision from an older page: what changed since it was read, first too
    stale = editor.get(ITEM)
    resubmit(partner, summary="Des agents visitent les ménages chaque jour.")
    late = decide(editor, stale, "approve")
    assert late.status_code == 409
    assert _before(late.text, 'id="since-seen-title"', 'id="published-title"')


def test_the_queue_names_what_was_just_decided_and_leads_back_to_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    sent = decide(editor, editor.get(ITEM), "send_back", reason="Cite the 2023 report.")
    assert sent.headers["location"] == f"{QUEUE}?notice=rejected&item={RID}"
    queue = editor.get(sent.headers["location"]).text
    linked = f'<a href="{ITEM}" lang="fr">{TITLE}</a>'
    notice = re.search(r'<p class="notice" role="status" tabindex="-1" autofocus>(.*?)</p>', queue, re.S)
    assert notice is not None
    assert notice.group(1) == f"Sent back to its organisation: “{linked}”."  # not published: no public page
    assert queue.count('class="notice"') == 1 and "autofocus" not in queue.split('id="queue-count"')[1][:80]
    resubmit(partner)
    published = decide(editor, editor.get(ITEM), "approve")
    notice = re.search(r'<p class="notice"[^>]*>(.*?)</p>', editor.get(published.headers["location"]).text, re.S)
    assert notice is not None
    assert notice.group(1) == f'Published: “{linked}”. <a href="{PUBLIC}">See its public page</a>'
    # an address without the resource, or naming none (a page open from before): the notice alone, as it was
    for address in (f"{QUEUE}?notice=approved", f"{QUEUE}?notice=approved&item=nothing-here.fr"):
        assert '<p class="notice" role="status" tabindex="-1" autofocus>Published.</p>' in editor.get(address).text
    # a notice that is no decision's names nothing, whatever the address says
    assert f'href="{ITEM}" lang="fr">{TITLE}</a>”' not in editor.get(f"{QUEUE}?notice=welcome&item={RID}").text


def test_a_decided_submission_visited_says_who_decided_plainly(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    elise = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    marc = signed_in(web, session_factory, "crv", "marc@crv.org", Role.editor)
    submit_one(partner)
    seen_by_marc = marc.get(ITEM)
    assert decide(elise, elise.get(ITEM), "send_back", reason="Cite the 2023 report.").status_code == 303
    visited = elise.get(ITEM).text  # from « Sent back, waiting for their organisation »
    assert "Sent back by Elise: " in visited and "Cite the 2023 report." in visited
    assert "Already" not in visited and "was not recorded" not in visited
    late = decide(marc, seen_by_marc, "approve")  # the page Marc read before
    assert late.status_code == 409 and "Already sent back by Elise: " in late.text
    resubmit(partner)
    assert decide(elise, elise.get(ITEM), "approve").status_code == 303
    visited = marc.get(ITEM).text  # from « Published in the last 30 days »
    assert "Approved and published by Elise: " in visited and "Already" not in visited


def test_a_resubmission_in_the_queue_names_who_sent_it_back(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert '<span class="muted sent-back-by">' not in editor.get(QUEUE).text  # new: nobody asked for anything
    assert decide(editor, editor.get(ITEM), "send_back", reason="Cite the 2023 report.").status_code == 303
    resubmit(partner)
    row = editor.get(QUEUE).text.split(f'<a href="{ITEM}"')[1].split("</td>")[0]
    assert '<span class="state resubmitted unchanged">resubmitted unchanged</span>' in row
    assert '<span class="muted sent-back-by">sent back by Elise</span>' in row


def test_a_submission_sent_back_shows_the_text_sent_back(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert decide(editor, editor.get(ITEM), "send_back", reason="Cite the 2023 report.").status_code == 303
    # its organisation edits it, not submitted yet: it still waits on it, and the page shows what was sent back
    page = partner.get(f"/fr/espace-partenaire/ressources/{RID}")
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "version": version, **dict(GOOD, action="save", summary="Un brouillon.")}
    assert partner.post(page.url.path, data=data, follow_redirects=False).status_code == 303
    visited = editor.get(ITEM).text  # from « Sent back, waiting for their organisation »
    assert f'<a href="{ITEM}"' in editor.get(QUEUE).text.split('id="sent-back"')[1].split('id="published-lately"')[0]
    sent_back = visited.split('<h2 id="refused-title">Version sent back</h2>')[1].split("</section>")[0]
    assert f'<h3 lang="fr">{TITLE}</h3>' in sent_back  # the desk's rendering of a version (web/_version.html)
    assert f'<p class="summary" lang="fr">{GOOD["summary"]}</p>' in sent_back and "Un brouillon." not in visited
    assert "Des agents visitent les ménages.</p>" in sent_back and ">ICI, CLMRS</a>" in sent_back
    assert _before(visited, "Sent back by Elise: ", 'id="refused-title"')
    resubmit(partner)
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    assert 'id="refused-title"' not in editor.get(ITEM).text  # published: its public page shows it
