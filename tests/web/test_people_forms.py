"""What the people's forms and pages say: a field posted empty is told next to it (never the framework's English
problem document), the sign-in page leads to the account request, the language switch of a page in one language
says where it leads, limits are written as the page's language writes numbers, a source without its address is told
it is missing.

New words are checked on the English pages, or against the catalogs (their French is in them once merged)."""

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import FieldError
from app.i18n import N_, gettext
from app.models import AccountRequest, LoginAttempt, Role
from app.paths import resource_path
from tests.routers.test_pages import add_resource
from tests.web.helpers import Mailbox, csrf_of, make_person, post_form, sign_in
from tests.web.test_portal import GOOD, NEW


def test_a_sign_in_posted_empty_comes_back_with_the_problem_next_to_the_field(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Without the browser's check (an old browser, a script), an empty field answered « Field required » in JSON."""
    empty = post_form(web, "/fr/connexion", email="", password="")
    assert empty.status_code == 422 and empty.headers["content-type"].startswith("text/html")
    assert '<p class="field-error" id="e-email">obligatoire</p>' in empty.text
    assert '<p class="field-error" id="e-password">obligatoire</p>' in empty.text
    assert "Corrigez les champs signalés ci-dessous." in empty.text
    typed = post_form(web, "/en/sign-in", email="awa@ong-a.org", password=" ")
    assert typed.status_code == 422 and 'value="awa@ong-a.org"' in typed.text  # what was typed is kept
    assert '<p class="field-error" id="e-password">required</p>' in typed.text and 'id="e-email"' not in typed.text
    absent = web.post("/en/sign-in", data={"csrf_token": csrf_of(web.get("/en/sign-in"))})  # no field at all
    assert absent.status_code == 422 and '<p class="field-error" id="e-email">required</p>' in absent.text
    with session_factory() as session:  # no attempt counted: no account has an empty address
        assert session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_a_forgotten_password_posted_empty_comes_back_with_the_problem_next_to_the_field(
    web: TestClient, mailbox: Mailbox
) -> None:
    empty = post_form(web, "/fr/mot-de-passe-oublie", email="  ")
    assert empty.status_code == 422 and empty.headers["content-type"].startswith("text/html")
    assert '<p class="field-error" id="e-email">obligatoire</p>' in empty.text
    assert "un lien pour choisir un mot de passe" not in empty.text and not mailbox.messages


def test_an_address_left_empty_is_required_not_invalid_on_every_form_that_asks_for_one(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The account request (and the team page's « add a partner », which reads the same form) said « adresse
    électronique non valide » of an address nobody had typed; each form now says it is required, as the sign-in's,
    the forgotten password's and the team invitation's do."""
    invalid = "adresse électronique non valide"
    asked = {"org_name": "Collectif Mines Propres", "org_kind": "ngo", "admin_name": "Nadia"}
    for typed in ("", "   "):
        request = post_form(web, "/fr/publier/demande-de-compte", admin_email=typed, **asked)
        assert request.status_code == 422 and request.headers["content-type"].startswith("text/html")
        assert '<p class="field-error" id="e-admin_email">obligatoire</p>' in request.text
        assert invalid not in request.text
        assert "Votre adresse électronique\u00a0: obligatoire</a>" in request.text  # in the error summary too
    assert invalid in post_form(web, "/fr/publier/demande-de-compte", admin_email="nadia", **asked).text
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org")
    team = "/fr/espace-partenaire/equipe"
    partner = post_form(web, team, f"{team}/organisations", admin_email="", **asked)
    assert partner.status_code == 422
    assert '<p class="field-error" id="e-admin_email">obligatoire</p>' in partner.text and invalid not in partner.text
    invitation = post_form(web, team, name="Awa", email="", role="contributor", language="fr")
    assert invitation.status_code == 422 and '<p class="field-error" id="e-email">obligatoire</p>' in invitation.text
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AccountRequest)) == 0


def test_the_sign_in_page_leads_to_the_account_request(web: TestClient) -> None:
    english = web.get("/en/sign-in").text
    assert '<p>No account yet? <a href="/en/publish/account-request">Ask for an account</a></p>' in english
    french = web.get("/fr/connexion").text
    assert f'<a href="/fr/publier/demande-de-compte">{gettext("fr", "Ask for an account")}</a></p>' in french


def test_the_language_switch_says_what_it_leads_to_in_the_right_languages(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """« Cette page en English » was read all in English (the link was lang="en"), and a page in one language led to
    the other's home without a word."""
    add_resource(session_factory, translation_key="both", language="fr")
    add_resource(session_factory, translation_key="both", language="en")
    add_resource(session_factory, translation_key="seule", language="fr")
    add_resource(session_factory, translation_key="alone", language="en")
    translated = web.get(resource_path("fr", "both")).text
    assert (
        f'<a class="lang-switch" href="{resource_path("en", "both")}" hreflang="en"><span lang="en">English</span>'
        f'<span class="visually-hidden"> ({gettext("fr", "this page in English")})</span></a>'
    ) in translated
    french_only = web.get(resource_path("fr", "seule")).text
    note = gettext("fr", "English home page: this page exists in French only")
    assert (
        '<a class="lang-switch" href="/en/" hreflang="en"><span lang="en">English</span>'
        f'<span class="visually-hidden"> ({note})</span></a>'
    ) in french_only
    english_only = web.get(resource_path("en", "alone")).text
    assert (
        '<a class="lang-switch" href="/fr/" hreflang="fr"><span lang="fr">Français</span>'
        '<span class="visually-hidden"> (French home page: this page exists in English only)</span></a>'
    ) in english_only
    home = web.get("/fr/").text  # a page in both languages: its own, not a note
    assert '<a class="lang-switch" href="/en/" hreflang="en"><span lang="en">English</span><span class="visu' in home


def test_the_publish_page_says_what_is_below_and_what_the_editors_do(web: TestClient) -> None:
    page = web.get("/en/publish").text
    assert 'Ask the centre for an account with the <a href="/en/publish/account-request">account request form</a>' in (
        page
    )
    assert "The centre’s editors review your draft, then publish it or tell you what to change." in page
    assert "form below" not in page


def test_a_limit_is_written_as_the_page_s_language_writes_numbers() -> None:
    error = FieldError.translatable("body", N_("must have at most {max_length} characters"), max_length=200_000)
    assert error.message == "must have at most 200000 characters"  # the API's, as it was
    assert error.localized("en") == "must have at most 200,000 characters"
    assert error.localized("fr") == "doit compter au plus 200\u202f000 caractères"


def test_a_partner_form_s_limit_is_said_in_the_page_s_language(web: TestClient) -> None:
    """The account request's « at most N characters » was told in English on the French page."""
    refused = post_form(
        web,
        "/fr/publier/demande-de-compte",
        org_name="Collectif " + "M" * 200,
        org_kind="ngo",
        admin_name="Nadia",
        admin_email="nadia@example.org",
    )
    assert refused.status_code == 422
    assert '<p class="field-error" id="e-org_name">doit compter au plus 200 caractères</p>' in refused.text


def test_a_source_with_a_title_and_no_address_is_told_its_address_is_missing(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    token = csrf_of(web.get(NEW))
    without = dict(GOOD, source_title=["OIT", ""], source_url=["", ""], action="save")
    french = web.post(NEW, data={"csrf_token": token, **without})
    assert french.status_code == 422
    assert '<p class="field-error" id="e-sources.0.url">obligatoire</p>' in french.text
    assert "adresse web commence" not in french.text
    english = web.post("/en/partner/new-resource", data={"csrf_token": token, **dict(without, language="en")})
    assert '<a href="#f-sources.0.url">Source 1, address: required</a>' in english.text
