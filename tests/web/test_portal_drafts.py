"""The partner portal's form as Awa met it (an NGO officer) and as a screen reader reads it: a refused draft says
that nothing was saved and how long a text is; a submission's draft says it leaves review, before and after; the
sign-in after a session ended does what she had clicked, her address already there; a form sent twice makes one
draft; English texts in French pages say so (lang); the preview is no live region and its headings sit under its
own.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, Role
from tests.web.helpers import PASSWORD, Mailbox, csrf_of, signed_in
from tests.web.test_portal import GOOD, end_sessions, version_of

NEW = "/en/partner/new-resource"
RID = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"
EDIT = f"/en/partner/resources/{RID}"


def send(client: TestClient, url: str, page: httpx.Response, **fields: object) -> httpx.Response:
    """Post the form of ``page`` (its token and version) with ``fields``."""
    data: dict[str, object] = {"csrf_token": csrf_of(page), **fields}
    if 'name="version"' in page.text:
        data["version"] = version_of(page.text)
    return client.post(url, data=data, follow_redirects=False)


def created(client: TestClient, action: str = "save", **changes: object) -> httpx.Response:
    answer = send(client, NEW, client.get(NEW), **dict(GOOD, action=action, **changes))
    assert answer.status_code == 303, answer.text
    return answer


def count_resources(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(Resource)) or 0


def test_a_refused_draft_says_nothing_was_saved_and_how_long_the_text_is(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """« Corrigez les champs signalés ci-dessous » alone: Awa thought the rest was saved; reopened, it was not."""
    awa = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    created(awa)
    answers = []
    for bad in ({"summary": "x" * 2100}, {"source_url": ["htp//x", ""]}):
        page = awa.get(EDIT)
        refused = send(awa, EDIT, page, **dict(GOOD, action="save", body="A new body, typed for an hour.", **bad))
        assert refused.status_code == 422
        alert = 'role="alert" tabindex="-1" autofocus>\n  <p>Nothing was saved: correct the fields marked'
        assert alert in refused.text
        assert "A new body, typed for an hour." in refused.text  # still in the form
        assert "A new body" not in awa.get(EDIT).text  # and not saved: a draft is one version
        answers.append(refused.text)
    # its count, as the desk's reason says it (app.web.routing.too_long)
    assert '<p class="field-error" id="e-summary">at most 600 characters (this text has 2,100)</p>' in answers[0]
    french = send(
        awa, f"/fr/espace-partenaire/ressources/{RID}", awa.get(EDIT), **dict(GOOD, action="save", summary="x" * 2100)
    )
    assert "600 caractères au plus (ce texte en compte 2\u202f100)" in french.text


def test_saving_a_draft_of_a_submission_says_it_leaves_review(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    awa = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    created(awa, "submit")
    assert len(mailbox.to("redac@crv.org")) == 1
    page = awa.get(EDIT)
    notice = (
        '<p class="caution" id="in-review">This resource is in review. Saving it as a draft takes it out of review; '
        "“Save and submit” sends it back to the editors.</p>"
    )
    assert notice in page.text and page.text.index(notice) < page.text.index('value="save"')
    assert 'value="save" aria-describedby="in-review">Save the draft</button>' in page.text
    # Sent again unchanged: still with the editors, who are not told twice (it was a 409 in developer English).
    again = send(awa, EDIT, page, **dict(GOOD, action="submit"))
    assert again.headers["location"].endswith("?notice=submitted") and len(mailbox.to("redac@crv.org")) == 1
    # Saved as a draft unchanged: out of review all the same, as the form said (it stayed with the editors while the
    # page said « Draft saved », and was published); the editors, mailed about it, are told.
    unchanged = send(awa, EDIT, awa.get(EDIT), **dict(GOOD, action="save"))
    assert unchanged.headers["location"] == f"{EDIT}?notice=withdrawn"
    after = awa.get(unchanged.headers["location"]).text
    assert 'id="in-review"' not in after and '<span class="state">draft</span>' in after
    [_submitted, told] = mailbox.to("redac@crv.org")  # in the editor's language (French): its words once merged
    assert "Suivi communautaire" in str(told["Subject"])  # its title (a long subject is folded)
    assert mailbox.link("redac@crv.org") == f"/fr/redaction/{RID}"  # the desk's page says it was withdrawn
    again = send(awa, EDIT, awa.get(EDIT), **dict(GOOD, action="submit"))
    assert again.headers["location"].endswith("?notice=submitted") and len(mailbox.to("redac@crv.org")) == 3
    # changed: a new draft takes the place of what the editors had
    withdrawn = send(awa, EDIT, awa.get(EDIT), **dict(GOOD, action="save", summary="Un autre résumé."))
    assert withdrawn.headers["location"] == f"{EDIT}?notice=withdrawn"
    after = awa.get(withdrawn.headers["location"]).text
    assert (
        '<p class="notice" role="status" tabindex="-1" autofocus>Draft saved; the resource is no longer in review.'
        in (after)
    )
    assert 'id="in-review"' not in after and '<span class="state">draft</span>' in after
    assert len(mailbox.to("redac@crv.org")) == 4  # told of this withdrawal too
    back = send(awa, EDIT, awa.get(EDIT), **dict(GOOD, action="submit", summary="Un autre résumé."))
    assert back.headers["location"].endswith("?notice=submitted") and len(mailbox.to("redac@crv.org")) == 5


def test_signing_in_again_does_what_was_clicked_with_the_address_filled_in(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """Her session ended while she wrote; she clicked « Save and submit »: the sign-in's button said « save the
    draft », and she had to type her address again."""
    signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    awa = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    form = awa.get(NEW)
    assert '<input type="hidden" name="signed_in_as" value="awa@ong-a.org">' in form.text
    end_sessions(session_factory)
    typed = dict(GOOD, action="submit", signed_in_as="awa@ong-a.org")
    ended = send(awa, NEW, form, **typed)
    assert ended.status_code == 401 and "Your session has ended" in ended.text
    assert '<button type="submit" name="action" value="submit">Sign in and submit</button>' in ended.text
    assert "Sign in and save the draft" not in ended.text
    assert re.search(r'<input id="f-email" name="email" type="email" value="awa@ong-a.org"', ended.text)
    wrong = send(awa, NEW, ended, **dict(typed, email="awa@ong-a.org", password="not the password"))
    assert wrong.status_code == 401 and 'value="submit">Sign in and submit</button>' in wrong.text
    done = send(awa, NEW, wrong, **dict(typed, email="awa@ong-a.org", password=PASSWORD))
    assert done.status_code == 303 and done.headers["location"].endswith("?notice=submitted"), done.text
    assert len(mailbox.to("redac@crv.org")) == 1
    # a preview asked for is kept as a draft, as before
    form = awa.get(NEW)
    end_sessions(session_factory)
    preview = send(awa, NEW, form, **dict(GOOD, title="Autre", action="preview"))
    assert 'value="save">Sign in and save the draft</button>' in preview.text


def test_a_new_resource_sent_twice_makes_one_draft(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """Without JavaScript a double click sends the form twice: the second got « Translation key: already used in
    this language » though the first had created the draft."""
    signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    awa = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    form = awa.get(NEW)
    first = send(awa, NEW, form, **dict(GOOD, action="save"))
    second = send(awa, NEW, form, **dict(GOOD, action="save"))
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"] == f"{EDIT}?notice=saved"
    assert count_resources(session_factory) == 1
    # submitted twice: one submission, one mail
    form = awa.get(NEW)
    title = "Un autre suivi"
    answers = [send(awa, NEW, form, **dict(GOOD, title=title, action="submit")) for _ in range(2)]
    assert [a.headers["location"].rsplit("=", 1)[1] for a in answers] == ["submitted", "submitted"]
    assert count_resources(session_factory) == 2 and len(mailbox.to("redac@crv.org")) == 1
    # The same title for another text: refused, and the form leads to the resource that has it.
    other = send(awa, NEW, awa.get(NEW), **dict(GOOD, summary="Un autre texte.", action="save"))
    assert other.status_code == 422 and count_resources(session_factory) == 2
    assert (
        '<p class="caution" id="taken-by">You already have a resource with this title: '
        f'<a href="/en/partner/resources/{RID}">open it</a></p>'
    ) in other.text
    # once it has changed since, it is another resource too: no draft is taken for another's send
    send(awa, EDIT, awa.get(EDIT), **dict(GOOD, action="save", body="Changé."))
    late = send(awa, NEW, form, **dict(GOOD, action="save"))
    assert late.status_code == 422 and 'id="taken-by"' in late.text


def test_english_texts_in_french_pages_say_their_language(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """WCAG 3.1.2: a screen reader read an English title, summary and body with French sounds."""
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    awa = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    english = dict(GOOD, language="en", title="Community monitoring", summary="Agents visit households.")
    created(awa, "submit", **dict(english, body="## Context\n\nAgents visit households."))
    rid = "community-monitoring.en"
    item = editor.get(f"/fr/redaction/{rid}").text
    assert '<h3 lang="en">Community monitoring</h3>' in item
    assert '<p class="summary" lang="en">Agents visit households.</p>' in item
    assert '<div class="body" lang="en">' in item
    assert f'<a href="/fr/redaction/{rid}" lang="en">Community monitoring</a>' in editor.get("/fr/redaction").text
    listing = awa.get("/fr/espace-partenaire").text
    assert f'<a href="/fr/espace-partenaire/ressources/{rid}" lang="en">Community monitoring</a>' in listing
    form = awa.get(f"/fr/espace-partenaire/ressources/{rid}").text
    assert '<h1 lang="en">Community monitoring</h1>' in form
    assert 'id="preview" lang="en"' in form and 'id="f-body" name="body" lang="en"' in form
    assert (
        '<div class="preview body" id="preview" lang="fr">' in awa.get("/fr/espace-partenaire/nouvelle-ressource").text
    )


def test_the_preview_is_no_live_region_and_its_headings_sit_under_its_own(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """WCAG 4.1.3 and 1.3.1: the preview, rewritten at each pause in the typing, was read whole again each time;
    the body's « ## » made H2s beside the page's, under no heading of the preview."""
    awa = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    form = awa.get(NEW).text
    preview = re.search(r'<div class="preview body" id="preview"[^>]*>', form)
    assert preview and "aria-live" not in preview.group(0)
    assert '<p class="visually-hidden" role="status" id="preview-status" data-updated="Preview updated"></p>' in form
    assert '<h2 id="preview-title"' in form
    live = send(awa, "/en/partner/preview", awa.get(NEW), body="## Context\n\n### Detail")
    assert live.text == "<h3>Context</h3>\n<h4>Detail</h4>\n"
    shown = send(awa, NEW, awa.get(NEW), **dict(GOOD, action="preview", body="## Context"))
    assert '<div class="preview body" id="preview" lang="fr"><h3>Context</h3>' in shown.text


def test_the_list_is_a_card_a_resource_on_a_phone(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    """At 375 px the list was a 481 px table in a 346 px box: its state cut, the editors' reason off-screen. Each
    cell now names its column, which a phone shows above it (layout.html's table.cards; tests/browser too)."""
    awa = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    created(awa)
    listing = awa.get("/en/partner").text
    assert '<table class="list cards">' in listing
    row = listing.split("<tbody>")[1].split("</tr>")[0]
    cells = re.findall(r"<td( data-label=\"[^\"]*\")?>", row)
    assert cells == ["", ' data-label="State: "', ' data-label="Editor\'s reason: "', ' data-label="Language: "',
                     ' data-label="Type: "']  # fmt: skip
    assert "table.cards td[data-label]::before { content: attr(data-label)" in listing
