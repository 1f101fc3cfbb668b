"""A communications officer's two language versions of a resource: withdrawing changes to a published resource from
review says its public page stays online; a translation's type is its original's, shown fixed and refused otherwise;
the portal lists the two versions together.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.web.helpers import csrf_of, signed_in
from tests.web.test_desk import RID
from tests.web.test_portal import GOOD, NEW, post
from tests.web.test_portal_archived import publish
from tests.web.test_portal_translation import EN_NEW, ENGLISH, KEY

FORM = f"/en/partner/resources/{RID}"
TRANSLATION = f"/en/partner/resources/{KEY}.en"
STAYS = "The public page stays online as it was."


def _version(client: TestClient, url: str) -> str:
    return client.get(url).text.split('name="version" value="')[1].split('"')[0]


def _withdraw(client: TestClient, url: str) -> str:
    """Withdraw the resource of the form at ``url`` from review; where the portal leads."""
    page = client.get(url)
    version = page.text.split('class="withdraw"')[1].split('name="version" value="')[1].split('"')[0]
    answer = client.post(
        f"{url}/withdraw", data={"csrf_token": csrf_of(page), "version": version}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


def _translate(partner: TestClient, **changes: object) -> object:
    return post(partner, EN_NEW, f"{EN_NEW}?translation_of={RID}", translation_of=RID, **dict(ENGLISH, **changes))


def test_withdrawing_changes_to_a_published_resource_says_its_page_stays_online(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner, _ = publish(web, session_factory)
    changed = dict(GOOD, summary="Des agents visitent 41 ménages.", action="submit", version=_version(partner, FORM))
    assert post(partner, FORM, **changed).status_code == 303
    hint = partner.get(FORM).text.split('id="d-withdraw">')[1].split("</p>")[0]
    assert hint.startswith("Your changes become a draft again") and STAYS in hint
    location = _withdraw(partner, FORM)
    assert location == f"{FORM}?notice=taken_back_update"
    notice = partner.get(location).text
    assert "Withdrawn from review: your changes are a draft again" in notice and STAYS in notice
    assert web.get(f"/fr/ressources/{KEY}").status_code == 200  # what the sentence says: still online
    # never published: « a draft again » is all there is to say
    other = signed_in(web, session_factory, "ong-b", "ben@ong-b.org")
    made = post(other, NEW, **dict(GOOD, title="Une autre pratique", action="submit"))
    assert made.status_code == 303, made.text
    draft = made.headers["location"].split("?")[0]
    assert STAYS not in other.get(draft).text
    assert _withdraw(other, draft).endswith("?notice=taken_back")


def test_a_translations_type_is_its_originals(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    partner, _ = publish(web, session_factory)  # a French good practice
    form = partner.get(f"{EN_NEW}?translation_of={RID}").text
    assert 'id="f-type"' in form and "<select" not in form.split('id="f-type"')[1].split("</p>")[0]
    assert '<input type="hidden" name="type" value="good_practice">' in form
    assert "<strong>Type:</strong> Good practice<br>" in form and "both versions have the same type" in form
    # a different type posted (an old page, a hand-made post): refused next to the field, nothing written
    refused = _translate(partner, type="methodology")
    assert refused.status_code == 422, refused.text
    error = refused.text.split('id="e-type">')[1].split("</p>")[0]
    assert error == "the original, in the other language, is a good practice: a translation has the same type"
    assert 'aria-describedby="e-type"' in refused.text and 'href="#f-type"' in refused.text
    assert partner.get(TRANSLATION).status_code == 404
    assert _translate(partner).status_code == 303
    # an existing translation's form too, and its service
    edit = partner.get(TRANSLATION).text
    assert "<strong>Type:</strong> Good practice<br>" in edit and '<select id="f-type"' not in edit
    again = post(partner, TRANSLATION, **dict(ENGLISH, type="methodology", version=_version(partner, TRANSLATION)))
    assert again.status_code == 422 and 'id="e-type"' in again.text
    # the original's form still changes it (the translation takes it when next saved)
    assert '<select id="f-type" name="type">' in partner.get(FORM).text


def test_the_portal_lists_a_resource_with_its_translation(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner, _ = publish(web, session_factory)
    made = post(partner, NEW, **dict(GOOD, title="Une autre pratique", action="save"))
    assert made.status_code == 303, made.text
    assert _translate(partner).status_code == 303  # the last changed: listed first, its original right after
    page = partner.get("/en/partner").text.split('id="readership-title"')[0]  # the list, not how each is read
    titles = re.findall(r'<a href="/en/partner/resources/[^"]+" lang="\w\w">([^<]+)</a>', page)
    assert titles == [ENGLISH["title"], GOOD["title"], "Une autre pratique"]
    assert page.count("<tbody>") == 2  # a row group per resource
    original = page.split(f'href="{FORM}"')[1].split("</td>")[0]
    assert f'(French version of “<span lang="en">{ENGLISH["title"]}</span>”)' in original
