"""A partner translating their resource sees what the form is (« English version of “…” »), the original's text to
translate from, and a language and translation key they cannot break; they see their latest revision as its public
page will read (the editors' preview, theirs only); the portal names languages in its own and says what to do
first and what the states mean.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.web.helpers import PASSWORD, csrf_of, signed_in
from tests.web.test_portal import GOOD, NEW, end_sessions, post

KEY = "suivi-communautaire-des-enfants-dans-les-cooperatives"
RID = f"{KEY}.fr"
EN_NEW = "/en/partner/new-resource"
ENGLISH = {
    "type": "good_practice",
    "title": "Community monitoring of children in cooperatives",
    "summary": "Agents visit households.",
    "body": "## Approach\n\nAgents visit households.\n",
    "licence": "CC-BY-4.0",
    "action": "save",
}


def _french_draft(partner: TestClient, **changes: object) -> str:
    """A French draft of the partner's organisation; its form's address."""
    saved = post(partner, NEW, **dict(GOOD, action="save", **changes))
    assert saved.status_code == 303, saved.text
    return saved.headers["location"].split("?")[0]


def test_the_translation_form_says_what_it_translates_and_shows_the_original(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    _french_draft(partner)
    page = partner.get(f"{EN_NEW}?translation_of={RID}")
    assert page.status_code == 200
    text = page.text
    heading = re.search(r"<h1>(.*?)</h1>", text, re.S)
    assert heading and heading.group(1) == (
        'English version of “<span lang="fr">Suivi communautaire des enfants dans les coopératives</span>”'
    )
    assert "<title>English version of “Suivi communautaire" in text and "New resource</h1>" not in text
    # the original's title, summary and text to translate from, in its language, before the fields to fill
    original = text.split('<details class="advanced original" id="original">')[1].split("</details>")[0]
    assert "Read the French version: title, summary and text" in original and '<dl lang="fr">' in original
    assert "Des agents visitent les ménages et orientent les enfants vers l’école." in original
    # its « ## » a level below the form's own headings (the preview's H2): no section of the form
    assert "<h3>Démarche</h3>" in original and "<h2>" not in original
    assert text.index('id="original"') < text.index('id="f-title"')
    # the language and the key are the original's: said, not offered to change
    assert 'id="f-language"' not in text and 'id="f-translation_key"' not in text
    assert '<input type="hidden" name="translation_of" value="' + RID + '">' in text
    assert f'<input type="hidden" name="translation_key" value="{KEY}">' in text
    assert '<input type="hidden" name="language" value="en">' in text
    assert "<strong>Language:</strong> English</p>" in text and f"<code>{KEY}</code>" in text
    assert '<details class="advanced">' in text  # nothing to see there unless asked
    assert '<input id="f-title" name="title" type="text" value=""' in text  # to be written
    # in French: « Version anglaise de « … » » (the catalogs' once merged); the French original reads as before
    french = partner.get(f"{NEW}?translation_of={RID}").text
    assert 'lang="fr">Suivi communautaire des enfants dans les coopératives</span>' in french.split("</h1>")[0]


def test_a_translation_keeps_its_originals_key_and_language_whatever_is_posted(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    _french_draft(partner)
    form = partner.get(f"{EN_NEW}?translation_of={RID}")
    # a preview answers with the same translation form
    shown = partner.post(
        EN_NEW,
        data={"csrf_token": csrf_of(form), "translation_of": RID, **dict(ENGLISH, action="preview")},
        follow_redirects=False,
    )
    assert shown.status_code == 200 and 'id="original"' in shown.text and "English version of" in shown.text
    assert "<h3>Approach</h3>" in shown.text  # the body's preview
    # a changed key or language (an old page, a hand-made post) is not taken: the original's are
    tampered = {"translation_of": RID, "translation_key": "une-autre-cle", "language": "fr", **ENGLISH}
    made = partner.post(EN_NEW, data={"csrf_token": csrf_of(shown), **tampered}, follow_redirects=False)
    assert made.status_code == 303, made.text
    assert made.headers["location"] == f"/en/partner/resources/{KEY}.en?notice=saved"
    assert "Open the English version" in partner.get(f"/en/partner/resources/{RID}").text
    # a problem brings the translation form back, as it was
    again = partner.get(f"{EN_NEW}?translation_of={RID}")
    refused = partner.post(
        EN_NEW,
        data={"csrf_token": csrf_of(again), "translation_of": RID, **dict(ENGLISH, title="")},
        follow_redirects=False,
    )
    assert refused.status_code == 422 and 'id="original"' in refused.text and 'id="f-language"' not in refused.text


def test_a_translation_posted_after_the_session_ended_is_saved_as_a_translation(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    _french_draft(partner)
    form = partner.get(f"{EN_NEW}?translation_of={RID}")
    end_sessions(session_factory)
    typed = {"translation_of": RID, "translation_key": "une-autre-cle", "language": "en", **ENGLISH}
    ended = partner.post(EN_NEW, data={"csrf_token": csrf_of(form), **typed}, follow_redirects=False)
    assert ended.status_code == 401 and f'name="translation_of" value="{RID}"' in ended.text
    assert 'id="f-translation_key"' not in ended.text
    saved = partner.post(
        EN_NEW,
        data={"csrf_token": csrf_of(ended), **typed, "email": "awa@ong-a.org", "password": PASSWORD},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"].startswith(f"/en/partner/resources/{KEY}.en")


def test_only_its_organisation_translates_a_resource(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    other = signed_in(web, session_factory, "ong-b", "ben@ong-b.org")
    _french_draft(partner)
    assert other.get(f"{EN_NEW}?translation_of={RID}").status_code == 404
    form = other.get(EN_NEW)
    posted = other.post(
        EN_NEW, data={"csrf_token": csrf_of(form), "translation_of": RID, **ENGLISH}, follow_redirects=False
    )
    assert posted.status_code == 404


def test_a_partner_sees_their_latest_revision_as_its_public_page(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    # an unfinished draft: no summary, no licence, no source yet
    form_url = _french_draft(partner, summary="", licence="", source_title=["", ""], source_url=["", ""])
    form = partner.get(form_url).text
    preview_url = f"{form_url}/apercu"
    assert f'<a href="{preview_url}" aria-describedby="d-public-preview">Voir comme la page publique</a>' in form
    preview = partner.get(preview_url)
    assert preview.status_code == 200
    assert preview.headers["X-Robots-Tag"] == "noindex" and "no-store" in preview.headers["Cache-Control"]
    html = preview.text
    assert '<html lang="fr">' in html and '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html and "application/ld+json" not in html
    assert "<h1>Suivi communautaire des enfants dans les coopératives</h1>" in html
    banner = html.split('class="preview-banner"')[1].split("</div>")[0]
    assert f"http://testserver/fr/ressources/{KEY}" in banner and f'<a href="{form_url}">' in banner
    assert "Espace partenaire" in html.split('class="preview-banner"')[0]  # the breadcrumb: the portal's
    # the latest revision, as saved
    post(partner, form_url, **dict(GOOD, action="save", title="Un autre titre", version=_version(partner, form_url)))
    assert "<h1>Un autre titre</h1>" in partner.get(preview_url).text
    # from the English portal too: the public page is the resource's, in its language
    english = partner.get(f"/en/partner/resources/{RID}/preview")
    assert english.status_code == 200 and '<html lang="fr">' in english.text
    # nothing public, and nobody else's
    assert web.get(f"/fr/ressources/{KEY}").status_code == 404
    other = signed_in(web, session_factory, "ong-b", "ben@ong-b.org")
    assert other.get(preview_url).status_code == 404
    assert web.get(preview_url, follow_redirects=False).status_code == 303  # signed out: to the sign-in page


def _version(client: TestClient, url: str) -> str:
    return client.get(url).text.split('name="version" value="')[1].split('"')[0]


def test_the_portal_names_languages_in_its_own_and_explains_its_states(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    # nothing yet: what to do first, and what the editors check
    empty = partner.get("/en/partner").text
    assert "No resource yet." in empty and "To start, choose a type above and click “New resource”" in empty
    assert '<a href="/en/publish">What the editors check before publishing a resource</a>' in empty
    assert '<a href="/fr/publier">' in partner.get("/fr/espace-partenaire").text
    assert 'class="states"' not in empty
    _french_draft(partner)
    made = post(partner, EN_NEW, **dict(ENGLISH, language="en", title="Another one"))
    assert made.status_code == 303, made.text
    french = partner.get("/fr/espace-partenaire").text
    cells = re.findall(r'<td data-label="Langue\u00a0: ">(.*?)</td>', french)
    assert sorted(cells) == ["Anglais", "Français"] and "English" not in cells
    english = partner.get("/en/partner").text
    assert sorted(re.findall(r'<td data-label="Language: ">(.*?)</td>', english)) == ["English", "French"]
    legend = english.split('<details class="advanced states">')[1].split("</details>")[0]
    assert "<summary>What do the states mean?</summary>" in legend
    for state in ("draft", "submitted", "published", "changes requested", "superseded", "corrected by the editors"):
        assert f"<dt><strong>{state}</strong></dt>" in legend, state
