"""Erasing a person (GDPR, article 17; app/services/erasure.py): the centre's administrators erase a deactivated
account from the team page (two steps, CSRF, audited) or the operator from the command line; its name, address,
password, sessions, links, failed sign-ins and requests go, while the resources' audit trail keeps every row and names
it by its number; an active account is refused (422 next to the person, one line and exit 1 on the command line);
an organisation's administrator is offered no erasure and refused one."""

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.models import (
    AccountRequest,
    AuditEntry,
    LoginAttempt,
    Organisation,
    OrganisationKind,
    Role,
    User,
    UserSession,
    UserToken,
)
from app.services import audit, erasure, review
from tests.web.helpers import PASSWORD, csrf_of, make_person, post_form, sign_in

# In English, the source language: the new sentences read the same before and after their translation is merged.
TEAM = "/en/partner/team"
ONG_A = f"{TEAM}?organisation=ong-a"
RESOURCE = "bonne-pratique-cacao.fr"


def user_of(session_factory: sessionmaker[Session], email: str) -> int:
    with session_factory() as session:
        found = session.scalar(select(User.id).where(User.email == email))
        assert found is not None
        return found


def post(client: TestClient, target: int, action: str, page: str = ONG_A) -> Response:
    token = csrf_of(client.get(page))
    return client.post(f"{TEAM}/{target}", data={"csrf_token": token, "action": action}, follow_redirects=False)


def change(client: TestClient, target: int, action: str, page: str = ONG_A) -> int:
    return post(client, target, action, page).status_code


def one_line(output: str) -> str:
    """The command's output as one line (a terminal's width wraps it)."""
    return " ".join(output.split())


@pytest.fixture
def awa(web: TestClient, session_factory: sessionmaker[Session]) -> int:
    """Awa of ong-a, who submitted a resource, signed in, mistyped her password once, asked for a key's account…"""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    browser = TestClient(web.app)
    sign_in(browser, "awa@ong-a.org", lang="en")
    post_form(TestClient(web.app), "/en/sign-in", email="awa@ong-a.org", password="not her password")
    awa = user_of(session_factory, "awa@ong-a.org")
    with session_factory() as session:
        ong_a = session.scalar(select(Organisation.id).where(Organisation.slug == "ong-a"))
        session.add(
            AuditEntry(
                action="resource.submit", organisation_id=ong_a, key_prefix=f"user:{awa}", resource_id=RESOURCE,
                revision=1, details={},
            )
        )  # fmt: skip
        session.add(
            AccountRequest(
                contact_name="Awa", email="awa@ong-a.org", organisation_name="Autre ONG", kind=OrganisationKind.ngo
            )
        )
        session.commit()
    return awa


def personal_rows(session: Session, user_id: int) -> dict[str, int]:
    count = func.count()
    return {
        "sessions": session.scalar(select(count).where(UserSession.user_id == user_id)) or 0,
        "links": session.scalar(select(count).where(UserToken.user_id == user_id)) or 0,
        "failed": session.scalar(select(count).where(LoginAttempt.email == "awa@ong-a.org")) or 0,
        "requests": session.scalar(select(count).where(AccountRequest.email == "awa@ong-a.org")) or 0,
    }


def test_the_centre_s_admin_erases_a_deactivated_account_and_the_trail_names_it_by_its_number(
    web: TestClient, session_factory: sessionmaker[Session], awa: int
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org", lang="en")
    assert 'value="erase"' not in web.get(ONG_A).text  # active: deactivate first
    refused = post(web, awa, "erase")
    assert refused.status_code == 422
    assert "only a deactivated account can be erased: deactivate it first" in refused.text
    with session_factory() as session:
        assert personal_rows(session, awa)["failed"] == 1 and session.get(User, awa).name == "Awa"  # type: ignore[union-attr]
    assert change(web, awa, "deactivate") == 303
    page = web.get(ONG_A).text
    assert '<button type="submit" name="action" value="erase"' in page and "Erase the account of Awa" in page
    with session_factory() as session:
        entries_before = session.scalar(select(func.count()).select_from(AuditEntry))
    assert change(web, awa, "erase") == 303
    done = web.get(f"{ONG_A}&notice=erased").text
    assert "The account is erased, for good" in done and "If the person asked for it, tell them it is done." in done
    with session_factory() as session:
        user = session.get(User, awa)
        assert user is not None and user.erased_at is not None and user.disabled_at is not None
        assert (user.name, user.email, user.password_hash) == (
            f"compte effacé n°\u00a0{awa}",
            f"{awa}@erased.invalid",
            None,
        )
        assert user.last_login_at is None
        assert personal_rows(session, awa) == {"sessions": 0, "links": 0, "failed": 0, "requests": 0}
        # every audit row stays, one more says the erasure without naming anyone
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries_before + 1
        erased = session.scalar(select(AuditEntry).where(AuditEntry.action == "user.erase"))
        assert erased is not None and erased.details == {"user": awa}
        (submitted,) = audit.trail(session, RESOURCE, "en")
        assert submitted.who == f"erased account no. {awa} (Ong A)"  # the stored name is the centre's French one
    assert "awa@ong-a.org" not in web.get(ONG_A).text and f"person-{awa}" not in web.get(ONG_A).text
    assert change(web, awa, "reactivate") == 404  # nothing left to bring back
    assert change(web, awa, "erase") == 404
    signing_in = post_form(TestClient(web.app), "/en/sign-in", email="awa@ong-a.org", password=PASSWORD)
    assert signing_in.status_code == 401  # no account has that address any more …
    make_person(session_factory, "ong-a", "awa@ong-a.org")  # … and it may be invited again


def test_the_centre_s_admin_finds_the_person_of_an_erasure_request_by_their_address(
    web: TestClient, session_factory: sessionmaker[Session], awa: int
) -> None:
    """A request to erase an account, written to the centre, names an address, not an organisation: the team page
    leads from the address to the person's row; an address nobody has is said next to the field."""
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org", lang="en")
    assert 'id="f-address"' in web.get(TEAM).text
    found = web.get(f"{TEAM}?address=+Awa@ONG-A.org", follow_redirects=False)
    assert (found.status_code, found.headers["location"]) == (303, f"{ONG_A}#person-{awa}")
    nobody = web.get(f"{TEAM}?address=awa@ong-b.org")
    assert nobody.status_code == 422
    assert 'aria-invalid="true" aria-describedby="e-address"' in nobody.text
    assert 'id="e-address">nobody has this address: check it against the mail that names it</p>' in nobody.text
    assert 'value="awa@ong-b.org"' in nobody.text  # typed, kept to be corrected


def test_an_organisation_s_admin_is_offered_no_erasure_and_refused_one(
    web: TestClient, session_factory: sessionmaker[Session], awa: int
) -> None:
    make_person(session_factory, "ong-a", "boss@ong-a.org", Role.admin)
    sign_in(web, "boss@ong-a.org", lang="en")
    assert change(web, awa, "deactivate", TEAM) == 303
    assert 'value="erase"' not in web.get(TEAM).text and 'id="f-address"' not in web.get(TEAM).text
    assert change(web, awa, "erase", TEAM) == 403
    assert web.get(f"{TEAM}?address=awa@ong-a.org").status_code == 403  # nor a look-up across organisations
    with session_factory() as session:
        assert session.get(User, awa).erased_at is None  # type: ignore[union-attr]


def test_an_erased_account_is_named_in_the_reader_s_language_wherever_a_page_names_a_person(
    session_factory: sessionmaker[Session], awa: int
) -> None:
    """The name stored is French (the command line prints it); an English page, the desk's or the trail's, says
    it in English, from ``erased_at``: a person named « compte effacé » by chance keeps their name."""
    make_person(session_factory, "ong-a", "elise@ong-a.org")
    elise = user_of(session_factory, "elise@ong-a.org")
    with session_factory() as session:
        namesake, user = session.get(User, elise), session.get(User, awa)
        assert namesake is not None and user is not None
        namesake.name = "compte effacé n°\u00a01"
        user.disabled_at = user.created_at
        erasure.erase(session, None, awa)
        session.commit()
        prefixes = [f"user:{awa}", f"user:{elise}"]
        assert review.person_names(session, prefixes, "en") == {
            f"user:{awa}": f"erased account no. {awa}",
            f"user:{elise}": "compte effacé n°\u00a01",
        }
        assert review.people(session, prefixes, "en")[f"user:{awa}"].name == f"erased account no. {awa}"
        (submitted,) = audit.trail(session, RESOURCE, "en")
        assert submitted.who == f"erased account no. {awa} (Ong A)"
        assert session.get(User, awa).name == f"compte effacé n°\u00a0{awa}"  # type: ignore[union-attr]


# crv users erase


def test_the_command_line_erases_a_deactivated_account_and_refuses_an_active_one_in_one_line(
    web: TestClient, session_factory: sessionmaker[Session], awa: int, cli_database: None
) -> None:
    runner = CliRunner()
    refused = runner.invoke(cli.app, ["users", "erase", "Awa@ong-a.org"])
    assert refused.exit_code == 1
    assert (
        one_line(refused.output) == "Invalid parameters: only a deactivated account can be erased: deactivate it first"
    )
    with session_factory() as session:
        user = session.get(User, awa)
        assert user is not None
        user.disabled_at = user.created_at
        session.commit()
    done = runner.invoke(cli.app, ["users", "erase", "awa@ong-a.org"])
    assert done.exit_code == 0, done.output
    assert one_line(done.output) == f'account {awa} erased: the audit log names it "compte effacé n° {awa}"'
    with session_factory() as session:
        assert personal_rows(session, awa) == {"sessions": 0, "links": 0, "failed": 0, "requests": 0}
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "user.erase"))
        assert entry is not None and entry.details == {"via": "cli", "user": awa}
    again = runner.invoke(cli.app, ["users", "erase", "awa@ong-a.org"])
    assert (again.exit_code, one_line(again.output)) == (1, "Not found: No such person.")
