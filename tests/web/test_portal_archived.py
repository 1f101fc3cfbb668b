"""The portal's list of an organisation's resources: one it archived itself (through the API) says « archivée »,
never « publiée », in lower case as the other states; one the editors took off the site says so, who did and why."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.models import Role
from tests.helpers import WRITE, bearer, make_key
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import ITEM, decide

ARCHIVED = gettext("fr", "archived")  # « archivée », a state as the others are (« Archivée » stood out)


def state_cell(page: str) -> str:
    row = page.split(f'href="/fr/espace-partenaire/ressources/{RID}"')[1].split("</tr>")[0]
    return row.split('data-label="État\u00a0: ">')[1].split("</td>")[0]


def publish(web: TestClient, session_factory: sessionmaker[Session]) -> tuple[TestClient, TestClient]:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    assert state_cell(partner.get("/fr/espace-partenaire").text) == '<span class="state">publiée</span>'
    return partner, editor


def test_a_resource_its_organisation_archived_is_archived_in_the_portal(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner, _ = publish(web, session_factory)
    key = make_key(session_factory, "ong-a", WRITE)
    etag = web.get(f"/v1/my/resources/{RID}", headers=bearer(key)).headers["etag"]
    assert web.post(f"/v1/resources/{RID}/archive", headers=bearer(key, etag)).status_code == 200
    cell = state_cell(partner.get("/fr/espace-partenaire").text)
    assert cell == f'<span class="state archived">{ARCHIVED}</span>', cell


def test_a_resource_the_editors_took_off_the_site_says_who_did(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner, editor = publish(web, session_factory)
    page = editor.get(ITEM)
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "version": version, "decision": "unpublish", "reason": "La source a disparu."}
    taken = editor.post(ITEM, data=data, follow_redirects=False)
    assert taken.status_code == 303, taken.text
    page = partner.get("/fr/espace-partenaire").text
    cell = state_cell(page)
    assert (
        cell.startswith(f'<span class="state archived">{ARCHIVED}</span> <span class="state">')
        and "publiée" not in cell
    )
    assert cell.endswith(" (Elise)"), cell
    assert "La source a disparu." in page.split(f'/ressources/{RID}"')[1].split("</tr>")[0]
