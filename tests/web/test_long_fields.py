"""Over-long text in the people's forms (a team invitation's name or address, the sign-in and forgotten-password
address): the form comes back, at its address, with the problem next to the field and every character typed —
never the API's problem document in English. Each input's ``maxlength`` is the server's limit, from one constant.

The problem's words are checked on the English pages (their French is in the catalogs once merged)."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AccountRequest, LoginAttempt, Role, User
from app.services.partners import FIELD_LENGTHS
from app.web.routing import EMAIL_LENGTH, NAME_LENGTH, PASSWORD_LENGTH
from tests.web.helpers import PASSWORD, make_person, post_form, sign_in

LONG_ADDRESS = "a" * 250 + "@ong-a.org"  # 260 characters


def input_named(html: str, name: str) -> str:
    found = re.search(rf'<input id="f-{name}" name="{name}"[^>]*>', html)
    assert found, html
    return found.group()


def test_a_team_invitation_with_a_name_too_long_keeps_it_next_to_its_problem(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    sign_in(web, "admin@ong-a.org", lang="en")
    page = web.get("/en/partner/team")
    assert f'maxlength="{NAME_LENGTH}"' in input_named(page.text, "name")
    assert f'maxlength="{EMAIL_LENGTH}"' in input_named(page.text, "email")
    name = "Awa " + "N" * 197  # 201 characters
    refused = post_form(web, "/en/partner/team", name=name, email="awa@ong-a.org", role="contributor", language="fr")
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")
    assert refused.url.path == "/en/partner/team"
    field = input_named(refused.text, "name")
    assert f'value="{name}"' in field and 'aria-invalid="true"' in field and "autofocus" in field
    assert '<p class="field-error" id="e-name">at most 200 characters (this text has 201)</p>' in refused.text
    assert 'value="awa@ong-a.org"' in input_named(refused.text, "email")
    too_long = post_form(web, "/en/partner/team", name="Awa", email=LONG_ADDRESS, role="contributor", language="fr")
    assert too_long.status_code == 422
    assert '<p class="field-error" id="e-email">at most 254 characters (this text has 260)</p>' in too_long.text
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1  # nobody invited


def test_sign_in_with_an_address_too_long_keeps_it_next_to_its_problem(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    page = web.get("/en/sign-in")
    assert f'maxlength="{EMAIL_LENGTH}"' in input_named(page.text, "email")
    assert f'maxlength="{PASSWORD_LENGTH}"' in input_named(page.text, "password")
    refused = post_form(web, "/en/sign-in", email=LONG_ADDRESS, password=PASSWORD)
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")
    field = input_named(refused.text, "email")
    assert f'value="{LONG_ADDRESS}"' in field and 'aria-describedby="e-email"' in field
    assert '<p class="field-error" id="e-email">at most 254 characters (this text has 260)</p>' in refused.text
    assert PASSWORD not in refused.text  # a password is never sent back
    long_password = post_form(web, "/en/sign-in", email="awa@ong-a.org", password="p" * (PASSWORD_LENGTH + 1))
    assert long_password.status_code == 422 and 'id="e-password"' in long_password.text
    with session_factory() as session:  # not an attempt on any account
        assert session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_a_forgotten_password_with_an_address_too_long_keeps_it_next_to_its_problem(web: TestClient) -> None:
    assert f'maxlength="{EMAIL_LENGTH}"' in input_named(web.get("/en/forgot-password").text, "email")
    refused = post_form(web, "/en/forgot-password", email=LONG_ADDRESS)
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")
    assert f'value="{LONG_ADDRESS}"' in input_named(refused.text, "email")
    assert '<p class="field-error" id="e-email">at most 254 characters (this text has 260)</p>' in refused.text
    assert "a link to choose a password is on its way" not in refused.text
    fits = post_form(web, "/en/forgot-password", email="nobody@ong-a.org")
    assert fits.status_code == 200 and "a link to choose a password is on its way" in fits.text
    assert 'value=""' in input_named(fits.text, "email")


def test_an_account_request_too_long_keeps_every_field_next_to_its_problem(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The account request (no account needed) and the team page's « add a partner » read one form: a name, a
    person's name or an address over its column's length came back as the API's problem document, all typed lost."""
    form = "/en/publish/account-request"
    page = web.get(form)
    assert f'maxlength="{FIELD_LENGTHS["org_name"]}"' in input_named(page.text, "org_name")
    assert f'maxlength="{FIELD_LENGTHS["admin_email"]}"' in input_named(page.text, "admin_email")
    name = "Collectif " + "M" * 200  # 210 characters
    message = "Guides on artisanal gold mining."
    refused = post_form(
        web, form, org_name=name, org_kind="ngo", admin_name="Nadia", admin_email=LONG_ADDRESS, message=message
    )
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")
    assert f'value="{name}"' in input_named(refused.text, "org_name") and message in refused.text
    assert '<p class="field-error" id="e-org_name">must have at most 200 characters</p>' in refused.text
    assert '<p class="field-error" id="e-admin_email">' in refused.text
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AccountRequest)) == 0
