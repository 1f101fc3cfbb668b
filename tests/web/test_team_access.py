"""The team page as the coordinator of a small NGO uses it when people come and go: an invitation sent to a mistyped
address is cancelled (its link dies, the address may be invited again), the organisation's API key a departing
colleague pushed with is revoked there at once, the roles are said in plain words before one is chosen, the
coordinator is told how to hand over before leaving, and on a phone each person is a card whose status and actions
are on the screen."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.models import ApiKey, KeyKind, Role, User
from app.routers.team import INVITED_NEXT, KEY_AFTER_LEAVING
from app.services import organisation_keys
from tests.helpers import bearer, make_key
from tests.web.helpers import Mailbox, csrf_of, invite, make_person, post_form, sign_in
from tests.web.test_team import TEAM, act, audited, user_id

KEYS = f"{TEAM}/cles"


def row_of(html: str, element_id: str) -> str:
    return html.split(f'<tr id="{element_id}">')[1].split("</tr>")[0]


def test_a_mistyped_invitation_is_cancelled_and_the_right_address_invited(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "sophie@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "marc@ong-a.org")
    sign_in(web, "sophie@ong-a.org")
    posted = post_form(web, TEAM, name="Karim Benali", email="karim@ong-a.fe", role="contributor", language="fr")
    # redirected, as every other change: reloading the page no longer posts the invitation again
    karim = user_id(session_factory, "karim@ong-a.fe")
    assert posted.status_code == 303 and posted.headers["location"].endswith(f"&notice=invited&person={karim}")
    invited = web.get(posted.headers["location"])
    # the notice says what comes next: how long the link works, and that it can be sent again or cancelled
    sent = gettext("fr", "Invitation sent to %(email)s.", email="karim@ong-a.fe")
    assert f"{sent} {gettext('fr', INVITED_NEXT)}" in invited.text
    link = mailbox.link("karim@ong-a.fe")
    row = row_of(web.get(TEAM).text, f"person-{karim}")
    # an invitation is cancelled (or deactivated, which keeps the person listed: said as it is, no mail goes out)
    assert 'value="cancel"' in row
    assert gettext("fr", "Cancel the invitation of %(name)s", name="Karim Benali") in row
    invited_hint = (
        "Their invitation link stops working and they stay listed as deactivated, until an administrator reactivates "
        "the account; no mail is sent."
    )
    assert gettext("fr", invited_hint) in row
    active_hint = (
        "Their sessions end at once and they can no longer sign in, until an administrator reactivates the account. "
        "A mail tells them so, and whom to ask."
    )
    assert gettext("fr", active_hint) not in row  # no session to end, no mail: not said

    cancelled = act(web, session_factory, "karim@ong-a.fe", "cancel")
    assert cancelled.status_code == 303 and cancelled.headers["location"].endswith("&notice=cancelled")
    page = web.get(cancelled.headers["location"]).text
    notice = "The invitation is cancelled: its link no longer works, and the address may be invited again."
    assert gettext("fr", notice) in page and "karim@ong-a.fe" not in page
    assert web.get(link).status_code == 404  # the link mailed to the wrong address is dead
    with session_factory() as session:
        assert session.scalar(select(User).where(User.email == "karim@ong-a.fe")) is None
    [entry] = audited(session_factory, "user.invite.cancel")
    assert entry.details["email"] == "karim@ong-a.fe" and entry.details["user"] == karim
    assert entry.key_prefix == f"user:{user_id(session_factory, 'sophie@ong-a.org')}"
    assert len(mailbox.to("karim@ong-a.fe")) == 1  # the invitation only: nobody is told of its cancellation

    # the address is free again, and the right one is invited
    again = invite(web, TEAM, name="Karim Benali", email="karim@ong-a.fe", role="contributor")
    assert again.status_code == 200 and "already has an account" not in again.text
    right = invite(web, TEAM, name="Karim Benali", email="karim@ong-a.org", role="contributor")
    assert right.status_code == 200 and mailbox.to("karim@ong-a.org")
    # someone who chose a password has an account: deactivated, never cancelled
    refused = act(web, session_factory, "marc@ong-a.org", "cancel")
    assert refused.status_code == 422
    assert gettext("fr", "only an invitation nobody has accepted yet can be cancelled") in refused.text
    with session_factory() as session:
        assert session.scalar(select(User.id).where(User.email == "marc@ong-a.org")) is not None


def test_another_organisation_cannot_cancel_an_invitation(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "kofi@ong-a.org", password=None)
    make_person(session_factory, "ong-b", "admin@ong-b.org", Role.admin)
    sign_in(web, "admin@ong-b.org")
    assert act(web, session_factory, "kofi@ong-a.org", "cancel").status_code == 404
    with session_factory() as session:
        assert session.scalar(select(User.id).where(User.email == "kofi@ong-a.org")) is not None


def key_state(session_factory: sessionmaker[Session], token: str) -> bool:
    """Whether the key ``token`` is still unrevoked."""
    with session_factory() as session:
        key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix_of(token)))
        assert key is not None
        return key.revoked_at is None


def prefix_of(token: str) -> str:
    found = re.match(r"crv_(?:sk|pk)_[0-9a-f]{8}", token)
    assert found
    return found.group(0)


def test_the_coordinator_revokes_the_key_a_departing_colleague_pushed_with(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Marc published with the organisation's key (``crv push``): deactivating his account leaves the key working,
    so the coordinator revokes it on the team page, and it stops working at once."""
    make_person(session_factory, "ong-a", "sophie@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "marc@ong-a.org")
    token = make_key(session_factory, "ong-a", name="Poste de Marc")
    make_key(session_factory, "ong-a", kind=KeyKind.publishable, origins=["https://ong-a.example.org"], name="Widget")
    other = make_key(session_factory, "ong-b", name="Ong B")
    assert web.get("/v1/my/resources", headers=bearer(token)).status_code == 200
    sign_in(web, "sophie@ong-a.org")
    deactivated = act(web, session_factory, "marc@ong-a.org", "deactivate")
    assert deactivated.status_code == 303
    assert web.get("/v1/my/resources", headers=bearer(token)).status_code == 200  # his account's end is not the key's
    assert gettext("fr", KEY_AFTER_LEAVING) in web.get(deactivated.headers["location"]).text  # so the page says

    page = web.get(TEAM).text
    prefix = prefix_of(token)
    row = row_of(page, f"key-{prefix}")
    assert "Poste de Marc" in row and prefix in row and token not in page  # never the secret
    assert gettext("fr", organisation_keys.USES["resources:write"]) in row  # what it allows, in plain words
    assert gettext("fr", organisation_keys.WIDGET) in page and "https://ong-a.example.org" in page
    assert "Ong B" not in page and prefix_of(other) not in page  # another organisation's keys stay unseen

    revoked = post_form(web, TEAM, f"{KEYS}/{prefix}")
    assert revoked.status_code == 303 and revoked.headers["location"].endswith("?organisation=ong-a&notice=key_revoked")
    assert web.get("/v1/my/resources", headers=bearer(token)).status_code == 401  # at once
    done = web.get(revoked.headers["location"]).text
    assert gettext("fr", "The key is revoked: it no longer works, for anyone.") in done
    assert f'action="{KEYS}/{prefix}"' not in done  # nothing more to revoke on it
    assert gettext("fr", "revoked") in row_of(done, f"key-{prefix}")
    # no secret key left (the widget's is in public pages anyway): a deactivation says nothing of keys
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    later = act(web, session_factory, "awa@ong-a.org", "deactivate")
    assert gettext("fr", KEY_AFTER_LEAVING) not in web.get(later.headers["location"]).text
    [entry] = audited(session_factory, "key.revoke")
    assert entry.details["prefix"] == prefix
    assert entry.key_prefix == f"user:{user_id(session_factory, 'sophie@ong-a.org')}"

    # another organisation's key is nobody's business here; a contributor revokes nothing
    assert post_form(web, TEAM, f"{KEYS}/{prefix_of(other)}").status_code == 404
    assert key_state(session_factory, other)
    contributor = TestClient(web.app)
    make_person(session_factory, "ong-b", "bob@ong-b.org")
    sign_in(contributor, "bob@ong-b.org")
    forged = contributor.post(
        f"{KEYS}/{prefix_of(other)}", data={"csrf_token": csrf_of(contributor.get("/fr/espace-partenaire"))}
    )
    assert forged.status_code == 403 and key_state(session_factory, other)


def test_the_centre_revokes_a_partner_s_key_and_keeps_its_own_last_admin_key(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    partner = make_key(session_factory, "ong-b", name="Ong B push")
    centre = make_key(session_factory, "crv", "admin", name="Centre admin")
    sign_in(web, "admin@crv.org", lang="en")
    page = web.get("/en/partner/team?organisation=ong-b").text
    assert prefix_of(partner) in page
    revoked = post_form(web, "/en/partner/team?organisation=ong-b", f"/en/partner/team/keys/{prefix_of(partner)}")
    assert revoked.status_code == 303 and revoked.headers["location"].endswith("?organisation=ong-b&notice=key_revoked")
    assert not key_state(session_factory, partner)
    # the centre's API would lock itself out: refused next to the key, nothing revoked
    kept = post_form(web, "/en/partner/team", f"/en/partner/team/keys/{prefix_of(centre)}")
    assert kept.status_code == 422 and f'id="e-key-{prefix_of(centre)}"' in kept.text
    assert gettext("en", organisation_keys.LAST_ADMIN_KEY) in kept.text
    assert key_state(session_factory, centre)


def test_roles_are_said_in_plain_words_and_the_coordinator_how_to_hand_over(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "sophie@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "lea@ong-a.org")
    sign_in(web, "sophie@ong-a.org")
    page = web.get(TEAM).text
    for said in (
        "writes the organisation’s resources, saves them as drafts and submits them to the centre.",
        "does the same, and manages this page: invites people, changes their role, deactivates an account, revokes a "
        "key.",
        "Every role may submit: nothing is published before the centre’s editors have reviewed it.",
    ):
        assert gettext("fr", said) in page
    assert 'id="d-roles"' in page and 'aria-describedby="d-roles"' in page  # read with the role's select
    assert gettext("fr", "the centre’s people only") not in page  # editors: the centre's page only
    only = gettext(
        "fr",
        "You are its only administrator: before you leave, make an active colleague administrator; they will then "
        "deactivate your account.",
    )
    me = row_of(page, f"person-{user_id(session_factory, 'sophie@ong-a.org')}")
    assert only in me
    # Léa becomes an administrator: Sophie may now leave, Léa deactivating her account
    assert act(web, session_factory, "lea@ong-a.org", "role", role="admin").status_code == 303
    page = web.get(TEAM).text
    assert only not in page
    assert gettext("fr", "To leave the organisation, ask another administrator to deactivate your account.") in page


def test_on_a_phone_each_person_is_a_card_with_every_cell_labelled(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Scrolled sideways, a 375 px screen showed names, addresses and roles, the status and the actions off it: the
    table becomes cards there (the site's ``stack-narrow``), each cell under its heading."""
    make_person(session_factory, "ong-a", "sophie@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "marc@ong-a.org")
    sign_in(web, "sophie@ong-a.org")
    page = web.get(TEAM).text
    members = page.split('<table class="list stack-narrow">')[1].split("</table>")[0]
    row = row_of(members, f"person-{user_id(session_factory, 'marc@ong-a.org')}")
    for heading in ("Email address", "Role", "Status", "Actions"):
        assert f'data-label="{gettext("fr", heading)}"' in row
    css = web.get("/static/site/site.css").text
    assert "table.stack-narrow td select { min-width: 0; width: 100%; }" in css
