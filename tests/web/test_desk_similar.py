"""The desk's « Similar published resources »: what shares the submission's subject, and nothing when nothing does.

The fixture corpus: Côte d'Ivoire's sheet (cocoa), Pakistan's (bricks) and a risk-mapping methodology. The partner's
good practice is a community monitoring of children in Ivorian cocoa cooperatives (tests.web.test_portal.GOOD):
the engine's search on its title found nothing with every word and left words out till « enfants » alone, which
every text holds: the desk listed Pakistan's brick kilns and the methodology too."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import signed_in
from tests.web.test_desk import RID, submit_one


def _alike(web: TestClient, session_factory: sessionmaker[Session], rid: str, **changes: object) -> str:
    """The desk page's block of similar resources for a submission of tests.web.test_portal.GOOD with ``changes``."""
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, **changes)
    page = editor.get(f"/fr/redaction/{rid}").text
    return page.split('id="alike-title"')[1].split('id="decision-title"')[0]


@pytest.mark.usefixtures("loaded")
def test_the_sheet_of_the_submissions_country_and_commodity_is_listed_not_pakistans_brick_kilns(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alike = _alike(web, session_factory, RID)
    assert re.findall(r'<a href="([^"]+)"', alike) == ["/fr/ressources/cote-d-ivoire"], alike
    assert "Pakistan" not in alike and "Cartographier" not in alike


@pytest.mark.usefixtures("loaded")
def test_a_submission_like_nothing_published_says_so_rather_than_list_what_shares_a_word(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """« Suivi des enfants … » in Nepal, on no sector: the texts that speak of « suivi » and « enfants » somewhere
    are about other countries and other things."""
    title = "Suivi des enfants dans les villages de montagne"
    alike = _alike(web, session_factory, "suivi-des-enfants-dans-les-villages-de-montagne.fr", title=title,
                   countries=["NP"], sectors=[])  # fmt: skip
    assert '<ul class="alike"' not in alike
    assert "Aucune ressource publiée ne lui ressemble." in alike
