"""A social auditor had no way in from the home page: once the site-visit checklist is published in the page's
language, a card leads to it, and to the worker interview guide when that is published too."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.paths import resource_path
from tests.helpers import add_content_sheet

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

CHECKLIST = "resources/tools/tool-site-visit-checklist"
INTERVIEWS = "resources/tools/tool-worker-interview-guide"
AUDIENCE = "Social auditors and supplier quality teams"


def auditors_card(client: TestClient, lang: str) -> str | None:
    tasks = client.get(f"/{lang}/").text.split('<section class="tasks"')[1].split("</section>")[0]
    cards = re.split(r'<li[^>]*>\n      <p class="meta-line">', tasks)
    return next((card for card in cards if gettext(lang, AUDIENCE) in card), None)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_auditors_card_leads_to_the_checklist_and_the_interview_guide(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    assert auditors_card(client, lang) is None  # nothing to lead to: no card
    checklist = add_content_sheet(session_factory, CHECKLIST, [lang])[lang]
    card = auditors_card(client, lang)
    assert card is not None and re.findall(r'<a href="([^"]+)"', card) == [resource_path(lang, checklist)]
    assert gettext(lang, "Check at a supplier’s site") in card
    guide = add_content_sheet(session_factory, INTERVIEWS, [lang])[lang]
    card = auditors_card(client, lang)
    assert card is not None
    assert re.findall(r'<a href="([^"]+)"', card) == [resource_path(lang, checklist), resource_path(lang, guide)]
    assert gettext(lang, "Interviewing workers without putting them at risk") in card
    for url in re.findall(r'<a href="([^"]+)"', card):
        assert client.get(url).status_code == 200
