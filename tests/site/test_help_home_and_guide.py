"""A person in France who suspects someone is exploited — a neighbour, a restaurant customer, a school nurse, the
worker themself — arriving on the home page, often on a phone. The home page spoke to companies, partners and sites;
front-line staff had a card of their own, fifth and last, below the companies' path. Now, under the search, a box
asks « Vous pensez qu’une personne est exploitée ? »: the guide of whom to call, then the numbers to tap (17, 112, 114
by text, 119) and the one thing not to do, confront the exploiter. The guide had nothing for someone outside those
professions: its second part now speaks to witnesses and to victims themselves, each fact with its source."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.paths import resource_path
from tests.helpers import add_content_sheet

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

GUIDE = "resources/methodologies/method-suspected-trafficking-france"
QUESTION = "You think someone is being exploited?"
WAY_IN = "What to do, whom to contact, how to report it"


def help_box(html: str) -> str:
    """The home page's help box, or "" when it has none."""
    found = re.search(r'<aside class="help-now".*?</aside>', html, re.S)
    return found.group(0) if found else ""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_home_page_asks_whether_someone_is_exploited_and_leads_to_whom_to_call(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    assert help_box(client.get(f"/{lang}/").text) == ""  # no guide published in the page's language: no box
    slugs = add_content_sheet(session_factory, GUIDE, [lang])
    home = client.get(f"/{lang}/").text
    box = help_box(home)
    assert f'<h2 id="help-now-title">{gettext(lang, QUESTION)}</h2>' in box
    # first the way in, then the numbers to tap on a phone, then what not to do
    way_in = f'<a href="{resource_path(lang, slugs[lang])}">{gettext(lang, WAY_IN)}</a>'
    numbers = ['href="tel:17"', 'href="tel:112"', 'href="sms:114"', 'href="tel:119"']
    assert box.index(way_in) < min(box.index(number) for number in numbers)
    assert box.index("tel:119") < box.index(gettext(lang, "Do not confront the employer or whoever controls the person"
                                                       ": it can put them, and you, in danger."))  # fmt: skip
    # in the hero, above the tasks for companies, partners and sites
    assert home.index(box) < home.index('<section class="tasks"')
    assert client.get(resource_path(lang, slugs[lang])).status_code == 200


@pytest.mark.parametrize(
    ("lang", "parts", "facts"),
    [
        (
            "fr",
            [
                "1. Si quelqu’un est en danger maintenant",
                "2. Vous êtes témoin, ou vous pensez être vous-même victime",
                "3. Qui appeler ensuite",
            ],
            [
                "sans enquêter vous-même ni confronter l’employeur",
                "voisins, de commerçants, de membres de la famille inquiets ou de simples passants",
                "relevés de téléphone et peut être anonyme",
                "SMS au 114",
                "Ma Sécurité",
                "en 130 langues",
                "traiter comme absolument confidentielle la source de toute plainte",
            ],
        ),
        (
            "en",
            [
                "1. If someone is in danger now",
                "2. You are a witness, or you think you are a victim yourself",
                "3. Whom to call next",
            ],
            [
                "without investigating yourself or confronting the employer",
                "neighbours, shopkeepers, worried family members and passers-by",
                "does not show on phone bills and can be anonymous",
                "text message to 114",
                "Ma Sécurité",
                "in 130 languages",
                "treat the source of any complaint as absolutely confidential",
            ],
        ),
    ],
)
def test_the_guide_speaks_to_witnesses_and_victims_after_the_emergency_numbers(
    client: TestClient, session_factory: sessionmaker[Session], lang: str, parts: list[str], facts: list[str]
) -> None:
    slugs = add_content_sheet(session_factory, GUIDE, [lang])
    page = client.get(resource_path(lang, slugs[lang])).text
    text = text_of(page)
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)  # urgency first, then witnesses and victims, then the professionals' route
    for fact in facts:
        assert fact in text, fact
    # every fact added names where it comes from: the sources listed on the page
    for url in [
        "https://radepont.fr/elections-et-citoyennete/?xml=F781",  # Service-Public.fr: anyone must report, 119
        "https://alfortville.fr/spip.php?id_document=8145&amp;page=document",  # the call can be anonymous
        "masecurite.interieur.gouv.fr",  # the ministry's site
        "https://www.amf.asso.fr/documents-masecuriteinterieurgouvfr-guichet-unique",  # chat, 24/7, 130 languages
        "P12100_ILO_CODE:C081",  # ILO Convention No. 81, article 15(c)
        "https://www.esclavagemoderne.org/signaler-une-situation/",  # the CCEM: who reports, do not act alone
    ]:
        assert url in page, url
