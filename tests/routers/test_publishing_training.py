"""A training module's facts (duration, level, prerequisites) through the write API: the content format's rules and
messages, refused on the other types (a type changed away from them too), stored in revisions only when stated,
and carried to the public read, the page, the search hits, the diff and the exports."""

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from app.models import ResourceRevision
from tests.helpers import Parties, bearer, create, drain, good_practice, publish

RID = "cocoa-remediation.fr"
FACTS = {"duration": 90, "level": "intermediate", "prerequisites": "Avoir suivi le module d’initiation."}


def module(**overrides: Any) -> dict[str, Any]:
    """A training module of ong-a stating its facts."""
    return {"type": "training_module", **FACTS} | overrides


def etag_of(client: TestClient, token: str) -> str:
    return client.get(f"/v1/my/resources/{RID}", headers=bearer(token)).headers["etag"]


def problems(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_the_facts_are_stored_and_shown_to_the_owner(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    body = create(client, parties.partner, **module()).json()
    assert {name: body[name] for name in FACTS} == FACTS
    detail = client.get(f"/v1/resources/{RID}/revisions/1", headers=bearer(parties.partner)).json()
    assert {name: detail["data"][name] for name in FACTS} == FACTS


@pytest.mark.parametrize(
    ("facts", "field", "said"),
    [
        ({"duration": 0}, "duration", "a whole number from 1 to 12000"),
        ({"duration": 1.5}, "duration", "a whole number from 1 to 12000"),
        ({"duration": "6 h"}, "duration", "(6 hours: 360; 1 hour 30 minutes: 90)"),
        ({"duration": True}, "duration", "is the total length in minutes"),
        ({"duration": 12001}, "duration", "is the total length in minutes"),
        ({"level": "expert"}, "level", "'introduction', 'intermediate' or 'advanced'"),
        ({"prerequisites": "Une ligne\npuis une autre"}, "prerequisites", "must be one line"),
        ({"prerequisites": "x" * 301}, "prerequisites", "at most 300 characters"),
    ],
)
def test_bad_facts_are_422_naming_the_field_as_content_says(
    client: TestClient, session_factory: sessionmaker[Session], facts: dict[str, Any], field: str, said: str
) -> None:
    parties = Parties.create(session_factory)
    response = client.post("/v1/resources", json=good_practice(**module(**facts)), headers=bearer(parties.partner))
    found = problems(response)
    assert list(found) == [field] and said in found[field], found


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_another_type_stating_a_fact_is_refused(
    client: TestClient, session_factory: sessionmaker[Session], fact: str
) -> None:
    parties = Parties.create(session_factory)
    response = client.post("/v1/resources", json=good_practice(**{fact: FACTS[fact]}), headers=bearer(parties.partner))
    assert problems(response) == {
        fact: "only a training module (type: training_module) has a duration, level or prerequisites; this resource "
        "is a good_practice"
    }


def test_a_type_changed_away_from_training_refuses_stale_facts_until_they_are_dropped(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """PATCH: nothing is dropped unsaid; the same PATCH setting them to null changes the type. PUT sends every
    field: facts left out are no longer stated."""
    parties = Parties.create(session_factory)
    create(client, parties.partner, **module())
    token = parties.partner
    refused = client.patch(
        f"/v1/resources/{RID}", json={"type": "good_practice"}, headers=bearer(token, etag_of(client, token))
    )
    assert set(problems(refused)) == set(FACTS)
    changed = client.patch(
        f"/v1/resources/{RID}",
        json={"type": "good_practice", "duration": None, "level": None, "prerequisites": None},
        headers=bearer(token, etag_of(client, token)),
    )
    assert changed.status_code == 200, changed.text
    assert {name: changed.json()[name] for name in FACTS} == dict.fromkeys(FACTS)
    again = client.patch(f"/v1/resources/{RID}", json=module(), headers=bearer(token, etag_of(client, token)))
    assert again.status_code == 200 and again.json()["duration"] == 90
    replaced = client.put(f"/v1/resources/{RID}", json=good_practice(), headers=bearer(token, etag_of(client, token)))
    assert replaced.status_code == 200 and replaced.json()["level"] is None


def test_a_patch_changes_one_fact_and_the_diff_says_it(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner, **module())
    token = parties.partner
    bad = client.patch(f"/v1/resources/{RID}", json={"duration": "6 h"}, headers=bearer(token, etag_of(client, token)))
    assert "is the total length in minutes" in problems(bad)["duration"]
    patched = client.patch(
        f"/v1/resources/{RID}", json={"duration": 360}, headers=bearer(token, etag_of(client, token))
    )
    assert patched.status_code == 200 and patched.json()["level"] == "intermediate"  # the others kept
    diff = client.get(f"/v1/resources/{RID}/revisions/2/diff", headers=bearer(token)).json()["diff"]
    assert "-duration: 90\n" in diff and "+duration: 360\n" in diff and "-level" not in diff and "+level" not in diff


def test_a_revision_of_another_type_stores_no_fact(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Only what is stated is stored: a revision written before the facts existed reads the same, and sending it
    again is no change."""
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    with session_factory() as session:
        data = session.query(ResourceRevision.data).one()[0]
    assert not set(FACTS) & set(data)
    token = parties.partner
    again = client.put(f"/v1/resources/{RID}", json=good_practice(), headers=bearer(token, etag_of(client, token)))
    assert again.status_code == 200 and again.json()["revision"]["number"] == 1
    diff = client.get(f"/v1/resources/{RID}/revisions/1/diff", headers=bearer(token)).json()["diff"]
    assert "duration" not in diff and "prerequisites" not in diff


def test_a_published_module_carries_its_facts_to_every_reader(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    publish(client, parties, **module())
    publish(client, parties, translation_key="other-practice", slug="autre-pratique", title="Une autre pratique")
    drain(client, session_factory)
    read = client.get(f"/v1/resources/{RID}").json()
    assert {name: read[name] for name in FACTS} == FACTS
    page = client.get("/fr/ressources/remediation-cacao").text
    assert "1\u00a0h\u00a030" in page and "Intermédiaire" in page and "Avoir suivi le module d’initiation." in page
    hits = {hit["id"]: hit for hit in client.get("/v1/search", params={"publisher": "ong-a"}).json()["hits"]}
    assert {name: hits[RID][name] for name in FACTS} == FACTS
    assert {name: hits["other-practice.fr"][name] for name in FACTS} == dict.fromkeys(FACTS)
    schema = client.get("/openapi.json").json()["components"]["schemas"]["SearchHitRead"]["properties"]
    assert all(schema[name].get("description") for name in FACTS)

    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(client.get("/v1/export").content.decode("utf-8-sig")))}
    assert [rows[RID][name] for name in FACTS] == ["90", "intermediate", FACTS["prerequisites"]]
    assert [rows["other-practice.fr"][name] for name in FACTS] == ["", "", ""]
    lines = client.get("/v1/export", params={"format": "jsonl", "publisher": "ong-a"}).text.splitlines()
    records = {record["id"]: record for record in map(json.loads, lines)}
    assert {name: records[RID][name] for name in FACTS} == FACTS
    assert records["other-practice.fr"]["duration"] is None
    sheet = load_workbook(io.BytesIO(client.get("/v1/export", params={"format": "xlsx"}).content))["resources"]
    header = [cell.value for cell in sheet[1]]
    found = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == RID)
    assert found[header.index("duration")] == 90  # a number, which a spreadsheet adds up
    assert found[header.index("level")] == "intermediate"
