"""The API page's « Sync nightly » recipe: a developer pulling the resources about textiles in Bangladesh into his
CMS every night found no route saying which one a harvester should use. Each of its examples, pasted, answers with
what the recipe says: the first run's resources, the night's changes, the withdrawals."""

import html
import json
import re

import feedparser
import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, ResourceStatus
from app.services import oai
from tests.helpers import resource_row

pytestmark = pytest.mark.usefixtures("loaded")
TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}deleted-entry"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_api_page_s_sync_recipe_works_when_pasted(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    textiles = {"countries": ["BD"], "sectors": ["textiles"]}
    with session_factory() as session:  # changed now, after the examples' since
        session.add(Resource(**resource_row("garment-audits", "en", **textiles)))
        session.add(Resource(**resource_row("old-audits", "en", status=ResourceStatus.archived, **textiles)))
        session.commit()
    page = client.get(f"/{lang}/api").text
    section = page.split('<h2 id="sync">', 1)[1].split("<h2", 1)[0]
    for words in ("<code>since</code>", "<code>from</code>", "<code>at:deleted-entry</code>", "If-None-Match"):
        assert words in section, words
    examples = [html.unescape(path) for path in re.findall(r'<a href="([^"]+)"><code>GET ', section)]
    first_feed, first_export, nightly_feed, nightly_oai = examples
    answers = {path: client.get(path) for path in examples}
    assert all(response.status_code == 200 for response in answers.values()), answers

    def entry_ids(path: str) -> list[str]:
        return [entry.id.rsplit("/", 1)[-1] for entry in feedparser.parse(answers[path].content).entries]

    assert entry_ids(first_feed) == entry_ids(nightly_feed) == ["garment-audits.en"]
    assert [json.loads(line)["id"] for line in answers[first_export].text.splitlines()] == ["garment-audits.en"]
    tombstones = etree.fromstring(answers[nightly_feed].content).findall(TOMBSTONE)
    assert [t.get("ref") for t in tombstones] == ["http://testserver/v1/resources/old-audits.en"]
    headers = etree.fromstring(answers[nightly_oai].content).findall(".//oai:header", {"oai": oai.OAI})
    listed = {(h.findtext(f"{{{oai.OAI}}}identifier"), h.get("status")) for h in headers}
    assert listed == {("oai:testserver:garment-audits.en", None), ("oai:testserver:old-audits.en", "deleted")}
    etag = answers[first_export].headers["etag"]
    assert client.get(first_export, headers={"If-None-Match": etag}).status_code == 304
