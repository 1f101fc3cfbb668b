"""One email alert link a search page: a risk's « where to start » box offers its alert, and the line under the
results (next to the Atom feed) offers the page's own only when it is another (the words typed, more filters);
the personal data page says what the editors see of the alerts, never who."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext
from app.models import Resource
from tests.helpers import resource_row

ALERT_LINKS = re.compile(r'href="(/fr/alertes\?[^"]*)"')
BOX = "/fr/alertes?risk=forced-labour&amp;lang=fr"


def published_essential(session_factory: sessionmaker[Session]) -> None:
    """One of forced labour's essentials, published: the risk's « where to start » box shows."""
    with session_factory() as session:
        session.add(Resource(**resource_row("law-ilo-c029", "fr", title="C029", risks=["forced-labour"])))
        session.commit()


def test_a_risk_s_page_links_to_its_alert_once(
    loaded: None, web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The risk's filter alone: the box's link, not the same address again under the results; its name typed: the
    box's (the risk's filter) and, under the results, the words' own."""
    published_essential(session_factory)
    page = web.get("/fr/recherche", params={"risk": "forced-labour"}).text
    assert 'class="reuse"' in page and "/v1/feed.atom?risk=forced-labour&amp;lang=fr" in page  # the feed stays
    assert ALERT_LINKS.findall(page) == [BOX]  # the box's, under the risk's name
    assert gettext("fr", "receive the new ones by email") not in page
    typed = web.get("/fr/recherche", params={"q": "travail forcé"}).text
    box, below = ALERT_LINKS.findall(typed)
    assert box == BOX and below.startswith("/fr/alertes?q=travail") and below.endswith("&amp;lang=fr")


def test_the_personal_data_page_says_the_editors_count_alerts_never_who(web: TestClient, settings: Settings) -> None:
    settings.alerts_min_shown = 4
    page = web.get("/en/personal-data").text
    said = re.search(r'<p id="alerts-followed">([^<]*)</p>', page)
    assert said is not None
    assert "how many confirmed alerts follow each subject" in said.group(1) and "never who follows it" in said.group(1)
    assert "a subject is shown only once 4 readers follow it" in said.group(1)
    assert page.index('id="alerts"') < page.index('id="alerts-followed"') < page.index('id="cookies"')
