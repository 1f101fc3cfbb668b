"""GET /v1/search: the words left out to find something are those no document *under the query's filters* holds
(« judgment devoir de vigilance » in French found nothing: « judgment » is in English texts only)."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import WIDGET_SITE, widget_key

pytestmark = pytest.mark.usefixtures("loaded")


def test_a_word_only_english_texts_hold_is_left_out_of_a_french_search(client: TestClient) -> None:
    """« steps » is only in the English risk-mapping method (its « Steps »), « cartographie » in the French one."""
    anywhere = client.get("/v1/search", params={"q": "steps cartographie"}).json()
    assert anywhere["total"] and "steps" not in anywhere["left_out"]  # held: by an English text
    french = client.get("/v1/search", params={"q": "steps cartographie", "lang": "fr"}).json()
    assert french["left_out"] == ["steps"]
    assert [hit["id"] for hit in french["hits"]] == ["method-risk-mapping.fr"]


def test_a_keys_fixed_filters_count_too(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    key = widget_key(session_factory, filters={"lang": ["fr"]})
    answer = client.get("/v1/search", params={"q": "steps cartographie", "key": key}, headers={"Origin": WIDGET_SITE})
    assert answer.status_code == 200, answer.text
    assert answer.json()["left_out"] == ["steps"]
    assert [hit["id"] for hit in answer.json()["hits"]] == ["method-risk-mapping.fr"]
