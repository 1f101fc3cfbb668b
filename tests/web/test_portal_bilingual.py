"""A communications officer publishing a good practice in French, then its English translation, then correcting a
figure in the French: the portal's list offers the translation where she looks; the translation's form keeps the
sources in the language they are written in; changes to a published resource say that its public page stays online
meanwhile, and that the other language's version is not changed by them.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.web.test_desk import RID
from tests.web.test_portal import GOOD, post
from tests.web.test_portal_archived import publish
from tests.web.test_portal_translation import EN_NEW, ENGLISH, KEY

FORM = f"/en/partner/resources/{RID}"
OFFER = f'<a href="{EN_NEW}?translation_of={RID}"'


def _version(client: TestClient, url: str) -> str:
    return client.get(url).text.split('name="version" value="')[1].split('"')[0]


def _translate(partner: TestClient) -> None:
    made = post(partner, EN_NEW, f"{EN_NEW}?translation_of={RID}", translation_of=RID, **ENGLISH)
    assert made.status_code == 303, made.text


def test_the_portal_offers_the_translation_where_people_look(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner, _ = publish(web, session_factory)
    listed = partner.get("/en/partner").text
    row = listed.split(f'href="/en/partner/resources/{RID}"')[1].split("</tr>")[0]
    assert OFFER in row and "Add the English version" in row
    # on the resource's page, before the form (it was under it: thousands of pixels down on a phone)
    page = partner.get(FORM).text
    assert OFFER in page and page.index(OFFER) < page.index('id="resource-form"')
    _translate(partner)
    assert OFFER not in partner.get("/en/partner").text  # both versions are listed: nothing to offer
    page = partner.get(FORM).text
    opened = f'<a href="/en/partner/resources/{KEY}.en" hreflang="en">Open the English version</a>'
    assert OFFER not in page and page.index(opened) < page.index('id="resource-form"')


def test_a_translation_keeps_each_source_in_the_language_it_is_written_in(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner, _ = publish(web, session_factory)  # its source « in the resource's language »: French
    form = partner.get(f"{EN_NEW}?translation_of={RID}").text
    chosen = form.split('name="source_language"')[1].split("</select>")[0]
    # French, said so: « same as the resource » would have the French title read as English on the English page
    assert '<option value="fr" selected>' in chosen, chosen


def test_changes_to_a_published_resource_say_its_page_stays_online(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner, _ = publish(web, session_factory)
    before = partner.get(FORM).text
    assert 'id="d-update"' in before and "the public page stays online as it was until they approve" in before
    _translate(partner)
    changed = dict(GOOD, summary="Des agents visitent 41 ménages.", action="submit", version=_version(partner, FORM))
    sent = post(partner, FORM, **changed)
    assert sent.status_code == 303 and sent.headers["location"].endswith("?notice=submitted_update")
    page = partner.get(sent.headers["location"]).text
    assert "Until they approve them, the public page stays online as it was." in page
    assert '<span class="state">submitted</span> <span class="state">published</span>' in page
    caution = page.split('id="stays-online">')[1].split("</p>")[0]
    assert "They do not change the English version: if it says the same, correct it too." in caution
    assert f'href="/en/partner/resources/{KEY}.en"' in caution
    assert "41 ménages" not in web.get(f"/fr/ressources/{KEY}").text  # the published version, still online
