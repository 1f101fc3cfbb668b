"""The accessibility statement, the personal data notice and the legal notice, in French and English: each answers
in its language and is linked from every page's footer, whose accessibility status is the statement's; the notice
names exactly the cookies a browser gets from the centre (a new cookie fails here until it is listed); the operator's
settings show when set, and the pages say they are not given when unset — never an invented organisation."""

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import OrganisationKind
from app.paths import page_path
from app.services.site.legal import COOKIES
from tests.helpers import make_org
from tests.web.helpers import make_person, post_form, sign_in

pytestmark = pytest.mark.database_agnostic

LEGAL_PAGES = ("accessibility", "personal_data", "legal_notice")
PATHS = {
    ("accessibility", "fr"): "/fr/accessibilite",
    ("accessibility", "en"): "/en/accessibility",
    ("personal_data", "fr"): "/fr/donnees-personnelles",
    ("personal_data", "en"): "/en/personal-data",
    ("legal_notice", "fr"): "/fr/mentions-legales",
    ("legal_notice", "en"): "/en/legal-notice",
}


def page(client: TestClient, path: str) -> lxml_html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml_html.fromstring(response.text)


def text(element: lxml_html.HtmlElement) -> str:
    """Its text, runs of ASCII white space as one space (a no-break space is French typography: kept)."""
    return re.sub(r"[ \t\n]+", " ", element.text_content()).strip()


@pytest.mark.parametrize(("name", "lang"), list(PATHS))
def test_each_page_answers_in_its_language_with_the_other_one_as_alternate(
    client: TestClient, name: str, lang: str
) -> None:
    path = PATHS[(name, lang)]
    assert page_path(name, lang) == path
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-language"] == lang
    tree = lxml_html.fromstring(response.text)
    assert tree.get("lang") == lang
    assert len(tree.findall(".//h1")) == 1
    other = "en" if lang == "fr" else "fr"
    assert tree.find(".//a[@class='lang-switch']").get("href") == PATHS[(name, other)]
    assert tree.find(".//link[@rel='canonical']").get("href") == f"http://testserver{path}"


@pytest.mark.parametrize("path", ["/fr/a-propos", "/en/glossary", "/fr/connexion", "/en/legal-notice"])
def test_every_page_s_footer_leads_to_the_three_pages_and_says_the_statement_s_status(
    client: TestClient, path: str
) -> None:
    lang = path.split("/")[1]
    footer = page(client, path).find(".//footer")
    links = {link.get("href"): text(link) for link in footer.iterfind(".//p[@class='wrap legal']/a")}
    assert list(links) == [page_path(name, lang) for name in ("legal_notice", "personal_data", "accessibility")]
    status = text(page(client, page_path("accessibility", lang)).find(".//main//strong"))
    assert links[page_path("accessibility", lang)] == status


def test_without_an_audit_the_status_is_the_rgaa_s_non_conforme(client: TestClient) -> None:
    """The RGAA's words for a site without a valid audit result, on the French footer and statement."""
    assert text(page(client, "/fr/accessibilite").find(".//main//strong")) == "Accessibilité\u00a0: non conforme"
    assert text(page(client, "/en/accessibility").find(".//main//strong")) == "Accessibility: not compliant"


@pytest.fixture
def cookie_jar_names(client: TestClient, session_factory: sessionmaker[Session]) -> Iterator[set[str]]:
    """The names of every cookie the centre sends ``client`` from now on (``Set-Cookie``, deletions included)."""
    names: set[str] = set()

    def record(response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            names.add(header.split("=", 1)[0].strip())

    client.event_hooks["response"].append(record)
    yield names
    client.event_hooks["response"].remove(record)


def test_the_notice_names_every_cookie_the_centre_sets(
    client: TestClient, session_factory: sessionmaker[Session], cookie_jar_names: set[str]
) -> None:
    """A browser's whole round: public pages and forms in both languages, a sign-in, the partner area, sign-outs.
    A cookie added to the centre without its line in app.services.site.legal.COOKIES fails here, and so does a
    line left for a cookie no longer set."""
    make_org(session_factory, "ong-cacao", OrganisationKind.ngo)
    make_person(session_factory, "ong-cacao", "awa@ong-cacao.org")
    for lang in ("fr", "en"):
        for name in ("home", "about", "glossary", "screening", "account_request", "key_request", "login", "forgot"):
            assert client.get(page_path(name, lang)).status_code == 200, name
        sign_in(client, "awa@ong-cacao.org", lang=lang)
        assert client.get(page_path("portal", lang)).status_code == 200
        assert post_form(client, page_path("account", lang), page_path("logout", lang)).status_code == 303
    assert {"crv_csrf", "crv_session"} <= cookie_jar_names  # the round did set them
    listed = {cookie.name for cookie in COOKIES}
    assert cookie_jar_names == listed
    for lang in ("fr", "en"):
        notice = page(client, page_path("personal_data", lang))
        assert {code.text for code in notice.xpath("//h2[@id='cookies']/following-sibling::ul[1]//code")} == listed


def test_the_lifetimes_said_are_the_settings(content_dir: Path, settings: Settings) -> None:
    shorter = settings.model_copy(
        update={
            "session_hours": 3,
            "session_idle_minutes": 45,
            "login_window_minutes": 10,
            "ended_sessions_kept_days": 20,
            "failed_sign_ins_kept_days": 2,
            "decided_requests_kept_days": 200,
            "sign_in_log_kept_days": 180,
        }
    )
    with TestClient(create_app(shorter)) as client:
        body = text(page(client, "/en/personal-data").find(".//main"))
    assert "3 hours at most; the session ends after 45 minutes without use" in body
    assert "(the last 10 minutes count)" in body
    # what app.services.retention deletes, and when
    assert "Its record is deleted when you sign out, else 20 days after it ended" in body
    assert "A failed sign-in is deleted 2 days after it stopped counting" in body
    assert "then 200 days, then deleted;" in body
    assert "they are deleted after 180 days (the CNIL recommends" in body
    assert "does not yet" not in body and "deletes no entry" not in body  # the gaps it closed


def test_unset_operator_details_are_said_to_be_unset_and_nothing_is_invented(client: TestClient) -> None:
    notice = page(client, "/en/legal-notice")
    facts = {text(dt): text(dt.getnext()) for dt in notice.iterfind(".//main//dl/dt")}
    unset = "not given by the operator of this instance yet"
    assert facts == {
        "Name": unset,
        "Address and phone": unset,
        "Director of publication": unset,
        "Contact": "crv@localhost",
    }
    assert text(notice.xpath("//h2[@id='host']/following-sibling::p[1]")[0]) == unset
    privacy = page(client, "/en/personal-data")
    facts = {text(dt): text(dt.getnext()) for dt in privacy.iterfind(".//main//dl/dt")}
    assert facts == {"Controller": "the operator of this instance", "Contact for your personal data": "crv@localhost"}


def test_the_operator_s_settings_show_on_the_three_pages(settings: Settings) -> None:
    given = settings.model_copy(
        update={
            "operator_name": "Ministère du Travail — DGT",
            "operator_address": "39-43 quai André-Citroën, 75015 Paris",
            "publication_director": "Camille Martin",
            "host_details": "Hébergeur Exemple, 1 rue de l’Exemple, 75000 Paris",
            "dpo_email": "dpd@example.org",
            "contact_email": "centre@example.org",
        }
    )
    with TestClient(create_app(given)) as client:
        notice = page(client, "/fr/mentions-legales")
        privacy = page(client, "/en/personal-data")
        statement = page(client, "/en/accessibility")
    facts = [text(dd) for dd in notice.iterfind(".//main//dl/dd")]
    assert facts == [
        "Ministère du Travail — DGT",
        "39-43 quai André-Citroën, 75015 Paris",
        "Camille Martin",
        "centre@example.org",
    ]
    assert "Hébergeur Exemple, 1 rue de l’Exemple, 75000 Paris" in text(notice.find(".//main"))
    facts = {text(dt): text(dt.getnext()) for dt in privacy.iterfind(".//main//dl/dt")}
    assert facts == {
        "Controller": "Ministère du Travail — DGT, 39-43 quai André-Citroën, 75015 Paris",
        "Data protection officer": "dpd@example.org",
    }
    assert privacy.xpath("//h2[@id='rights']/following-sibling::p[1]/a")[0].get("href") == "mailto:dpd@example.org"
    assert text(statement.find(".//main//dl/dd")) == "Ministère du Travail — DGT"
    feedback = statement.xpath("//h2[@id='feedback']/following-sibling::p[1]/a")[0]
    assert feedback.get("href") == "mailto:centre@example.org"


def test_the_sitemap_lists_the_three_pages_in_both_languages(client: TestClient) -> None:
    xml = client.get("/sitemap.xml").text
    for path in PATHS.values():
        assert f"<loc>http://testserver{path}</loc>" in xml


def test_a_page_s_address_in_the_other_language_s_words_leads_to_it(client: TestClient) -> None:
    """/en/mentions-legales: the English page (app.services.site.not_found.in_this_language)."""
    response = client.get("/en/mentions-legales", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == "/en/legal-notice"
