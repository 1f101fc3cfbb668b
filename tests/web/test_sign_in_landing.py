"""Where a sign-in leads: an editor with submissions waiting lands on the desk (the partner area had shown them
« no resource » and a button to write one); anyone else, or an editor with nothing to review, on the partner area;
the page a person was sent from always wins."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import PASSWORD, make_person, post_form, sign_in, signed_in
from tests.web.test_security import create


def landing(client: TestClient, email: str, lang: str = "fr") -> str:
    return sign_in(client, email, lang=lang).headers["location"]


def test_an_editor_lands_on_the_desk_when_submissions_wait(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    assert landing(TestClient(web.app), "redac@crv.org") == "/fr/espace-partenaire"  # nothing to review
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    create(partner, action="save")
    assert landing(TestClient(web.app), "redac@crv.org") == "/fr/espace-partenaire"  # a draft is not submitted
    create(partner, action="submit", title="Registre des plaintes dans les coopératives")
    assert landing(TestClient(web.app), "redac@crv.org") == "/fr/redaction"
    assert landing(TestClient(web.app), "redac@crv.org", "en") == "/en/editorial"
    # who cannot review keeps the partner area: the centre's administrator, the partner who submitted
    assert landing(TestClient(web.app), "admin@crv.org") == "/fr/espace-partenaire"
    assert landing(TestClient(web.app), "awa@ong-a.org", "en") == "/en/partner"


def test_the_page_a_person_was_sent_from_wins(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    create(signed_in(web, session_factory, "ong-a", "awa@ong-a.org"), action="submit")
    editor = TestClient(web.app)
    back = "/fr/espace-partenaire/compte"
    answer = post_form(editor, f"/fr/connexion?next={back}", email="redac@crv.org", password=PASSWORD, next=back)
    assert answer.status_code == 303 and answer.headers["location"] == back
    # an address of another site is no page of this one: the landing, as without one
    elsewhere = post_form(
        TestClient(web.app), "/fr/connexion", email="redac@crv.org", password=PASSWORD, next="//evil.example/"
    )
    assert elsewhere.headers["location"] == "/fr/redaction"
