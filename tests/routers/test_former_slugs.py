"""A public resource whose slug changes keeps its old address: the page answers there with a 301 to the new one,
until another resource takes the slug or the resource is no longer public."""

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.services import content as content_service
from app.services import former_slugs
from tests.helpers import Parties, approve, bearer, publish, submit


def _etag(client: TestClient, token: str, resource_id: str) -> str:
    return client.get(f"/v1/my/resources/{resource_id}", headers=bearer(token)).headers["etag"]


def test_an_approved_new_slug_keeps_the_old_address(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    rid = publish(client, parties)
    assert client.get("/fr/ressources/remediation-cacao").status_code == 200
    renamed = client.patch(
        f"/v1/resources/{rid}",
        json={"slug": "remediation-cacao-cooperatives"},
        headers=bearer(parties.partner, _etag(client, parties.partner, rid)),
    )
    assert renamed.status_code == 200, renamed.text
    assert client.get("/fr/ressources/remediation-cacao").status_code == 200  # pending: the live page is unchanged
    submit(client, parties.partner, rid)
    approve(client, parties.editor, rid)

    moved = client.get("/fr/ressources/remediation-cacao", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == "/fr/ressources/remediation-cacao-cooperatives"
    assert client.get(moved.headers["location"]).status_code == 200
    assert client.get("/en/resources/remediation-cacao", follow_redirects=False).status_code == 404  # its language

    # Another resource may take the slug: its page is then what the address shows.
    publish(client, parties, translation_key="other-practice", slug="remediation-cacao", title="Une autre pratique")
    taken = client.get("/fr/ressources/remediation-cacao", follow_redirects=False)
    assert taken.status_code == 200 and "Une autre pratique" in taken.text

    # A resource taken off sends nowhere: its own address says it is gone (410).
    archived = client.post(
        f"/v1/resources/{rid}/archive", headers=bearer(parties.partner, _etag(client, parties.partner, rid))
    )
    assert archived.status_code == 200, archived.text
    assert client.get("/fr/ressources/remediation-cacao-cooperatives").status_code == 410


def test_a_content_file_s_new_slug_keeps_the_old_address(session: Session, content_dir: Path) -> None:
    content_service.load(session, content_dir)
    session.commit()
    path = content_dir / "resources" / "country-pk.en.md"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("slug:")).split(":", 1)[1].strip()
    path.write_text(text.replace(f"slug: {old}", "slug: pakistan-bricks-and-bonded-labour"), encoding="utf-8")
    content_service.load(session, content_dir)
    session.commit()
    assert former_slugs.current_slug(session, "en", old) == "pakistan-bricks-and-bonded-labour"
    assert former_slugs.current_slug(session, "fr", old) is None
    content_service.load(session, content_dir)  # unchanged: nothing retired again, nothing fails
    session.commit()
    assert former_slugs.current_slug(session, "en", old) == "pakistan-bricks-and-bonded-labour"
