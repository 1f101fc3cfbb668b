"""``crv push``: Markdown files in the content format, sent over HTTP — to the app in process, and to a live
uvicorn server through the command line."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.config import Settings
from app.main import create_app
from app.services import push
from tests.helpers import WRITE, Parties, bearer, make_key

FILE = """\
---
translation_key: {key}
language: {language}
slug: {slug}
type: good_practice
title: "{title}"
summary: "Des agents communautaires visitent les ménages et orientent les enfants vers l'école."
sectors: [cocoa]
risks: [child-labour]
publisher: whoever
licence: CC-BY-SA-4.0
published_at: 2026-01-01
status: published
sources:
  - title: "ICI, CLMRS"
    url: https://example.org/clmrs
---
## Démarche

{body}
"""


def write(
    folder: Path,
    key: str = "clmrs",
    language: str = "fr",
    slug: str = "suivi-clmrs",
    title: str = "Suivi et remédiation",
    body: str = "Des agents visitent les ménages.",
) -> Path:
    path = folder / f"{key}.{language}.md"
    path.write_text(FILE.format(key=key, language=language, slug=slug, title=title, body=body), encoding="utf-8")
    return path


@pytest.fixture
def as_partner(client: TestClient, session_factory: sessionmaker[Session]) -> Iterator[tuple[TestClient, Parties]]:
    parties = Parties.create(session_factory)
    client.headers["Authorization"] = f"Bearer {parties.partner}"
    yield client, parties
    del client.headers["Authorization"]


def test_push_creates_submits_updates_and_skips_unchanged(
    as_partner: tuple[TestClient, Parties], tmp_path: Path
) -> None:
    client, parties = as_partner
    path = write(tmp_path)
    [first] = push.push_files(client, [path])
    assert first.ok, first.errors
    assert (first.resource_id, first.actions) == ("clmrs.fr", ["created", "submitted"])
    mine = client.get("/v1/my/resources/clmrs.fr").json()
    assert mine["status"] == "submitted" and mine["publisher"] == "ong-a"  # the file's publisher is ignored
    assert mine["body"] == "## Démarche\n\nDes agents visitent les ménages.\n"

    [again] = push.push_files(client, [path])
    assert again.actions == ["unchanged", "awaiting review"]

    write(tmp_path, title="Suivi et remédiation (2e édition)")
    [changed] = push.push_files(client, [path])
    assert changed.actions == ["updated", "submitted"]
    revisions = client.get("/v1/resources/clmrs.fr/revisions").json()
    assert [(r["number"], r["state"]) for r in revisions] == [(1, "superseded"), (2, "submitted")]

    # once published, pushing the same file is a no-op; a change waits for review while the old one stays live
    etag = client.get("/v1/review/clmrs.fr", headers=bearer(parties.editor)).headers["etag"]
    assert client.post("/v1/review/clmrs.fr/approve", headers=bearer(parties.editor, etag)).status_code == 200
    assert push.push_files(client, [path])[0].actions == ["unchanged", "published"]
    write(tmp_path, body="Une nouvelle version.")
    assert push.push_files(client, [path])[0].actions == ["updated", "submitted"]
    assert "Des agents visitent" in client.get("/v1/resources/clmrs.fr").json()["body"]


def test_push_reports_each_failing_file_and_carries_on(
    as_partner: tuple[TestClient, Parties], tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    client, _ = as_partner
    good = write(tmp_path, key="good")
    unknown_code = write(tmp_path, key="unknown-code", slug="code-inconnu")
    unknown_code.write_text(unknown_code.read_text().replace("[cocoa]", "[unobtainium]"))
    broken_yaml = tmp_path / "broken.fr.md"
    broken_yaml.write_text("---\ntitle: [unclosed\n---\nBody\n")
    no_sources = write(tmp_path, key="no-sources", slug="sans-source")
    no_sources.write_text(no_sources.read_text().split("sources:")[0] + "---\nCorps.\n")
    other_org = write(tmp_path, key="taken", slug="pris")
    other_key = make_key(session_factory, "ong-b", WRITE)
    taken = client.post(
        "/v1/resources",
        json={
            "translation_key": "taken",
            "language": "fr",
            "slug": "pris-par-b",
            "type": "tool",
            "title": "Pris",
            "summary": "Par ong-b.",
            "body": "Corps.",
            "licence": "CC-BY-4.0",
        },
        headers=bearer(other_key),
    )
    assert taken.status_code == 201

    results = {r.path: r for r in push.push_files(client, [good, unknown_code, broken_yaml, no_sources, other_org])}
    assert results[str(good)].ok
    assert results[str(unknown_code)].errors == [
        "sectors: unknown code 'unobtainium'; the codes are in /v1/taxonomies/sectors"
    ]
    assert results[str(broken_yaml)].errors[0].startswith(f"{broken_yaml}:2:8: front matter: invalid YAML")
    assert results[str(no_sources)].errors == ["sources: a good_practice must cite at least one source with a URL"]
    # ong-b's draft of the same key is neither revealed nor overwritten: each organisation has its own
    assert results[str(other_org)].ok and results[str(other_org)].actions == ["created", "submitted"]
    assert client.get("/v1/resources/taken.fr", headers=bearer(other_key)).json()["title"] == "Pris"


def test_push_with_a_bad_key(client: TestClient, session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    Parties.create(session_factory)
    client.headers["Authorization"] = "Bearer crv_sk_00000000_" + "0" * 64
    [result] = push.push_files(client, [write(tmp_path)])
    assert not result.ok and "401" in result.errors[0]


@pytest.fixture
def live_server(settings: Settings, session_factory: sessionmaker[Session]) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_crv_push_command_against_a_live_server(
    live_server: str, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    parties = Parties.create(session_factory)
    runner = CliRunner()
    good = write(tmp_path)
    ok = runner.invoke(
        cli.app, ["push", str(good), "--server", live_server, "--draft"], env={"CRV_API_KEY": parties.partner}
    )
    assert ok.exit_code == 0, ok.output
    assert "clmrs.fr: created, draft" in ok.output

    bad = write(tmp_path, key="bad", slug="mauvais")
    bad.write_text(bad.read_text().replace("[cocoa]", "[unobtainium]"))
    failed = runner.invoke(cli.app, ["push", str(good), str(bad), "--server", live_server, "--key", parties.partner])
    assert failed.exit_code == 1
    assert "clmrs.fr: unchanged, submitted" in failed.output
    assert "unknown code 'unobtainium'" in failed.output
    assert "1 of 2 file(s) failed" in failed.output
    for output in (ok.output, failed.output):
        assert parties.partner.rsplit("_", 1)[1] not in output

    unreachable = runner.invoke(
        cli.app, ["push", str(good), "--server", "http://127.0.0.1:9", "--key", parties.partner]
    )
    assert unreachable.exit_code == 1 and "cannot reach the server" in unreachable.output


def test_re_pushing_an_edited_file_without_a_slug_updates_it_in_place(
    as_partner: tuple[TestClient, Parties], tmp_path: Path
) -> None:
    client, _ = as_partner
    path = write(tmp_path)
    path.write_text(path.read_text().replace("slug: suivi-clmrs\n", ""))  # the server derives it from the title
    [first] = push.push_files(client, [path], draft=True)
    assert first.ok and first.actions == ["created", "draft"], first.errors
    slug = client.get("/v1/my/resources/clmrs.fr").json()["slug"]
    assert slug == "suivi-et-remediation"
    path.write_text(path.read_text().replace("Des agents visitent", "Des agentes visitent"))
    [again] = push.push_files(client, [path], draft=True)
    assert again.ok and again.actions == ["updated", "draft"], again.errors
    mine = client.get("/v1/my/resources/clmrs.fr").json()
    assert mine["slug"] == slug and "agentes" in mine["body"] and mine["revision"]["number"] == 2


def test_push_check_validates_on_the_server_and_writes_nothing(
    as_partner: tuple[TestClient, Parties], tmp_path: Path
) -> None:
    client, _ = as_partner
    good = write(tmp_path)
    bad = write(tmp_path, key="bad", slug="mauvais")
    text = bad.read_text().replace("[cocoa]", "[cacao]").replace("[child-labour]", '["Côte d\'Ivoire"]')
    bad.write_text(
        text.replace("sectors:", 'countries: ["Côte d\'Ivoire"]\nsectors:').split("sources:")[0] + "---\nx\n"
    )
    results = push.push_files(client, [good, bad], check=True)
    assert results[0].ok and results[0].actions == ["valid (create)"]
    errors = results[1].errors
    assert (
        "countries: unknown code \"Côte d'Ivoire\" (did you mean 'CI'?); the codes are in /v1/taxonomies/countries"
        in errors
    )
    assert any(e.startswith("sectors: unknown code 'cacao' (did you mean 'cocoa'?)") for e in errors)
    assert any(e.startswith("risks:") for e in errors)
    assert "sources: a good_practice must cite at least one source with a URL" in errors  # all at once
    assert client.get("/v1/my/resources").json()["total"] == 0
    push.push_files(client, [good], draft=True)
    [update] = push.push_files(client, [good], check=True)
    assert update.actions == ["valid (update)"]


def test_the_slug_derived_from_a_long_title_is_cut_on_a_word_boundary() -> None:
    from app.services.publishing import slugify

    title = (
        "Remédiation communautaire du travail des enfants dans les coopératives de cacao de Côte d'Ivoire et du Ghana"
    )
    slug = slugify(title, max_length=60)
    assert len(slug) <= 60 and title.lower().startswith("remédiation")
    words = slugify(title, max_length=1000).split("-")
    assert slug.split("-") == words[: len(slug.split("-"))]  # whole words only
    assert slugify("abc-def", max_length=3) == "abc" and slugify("abc-def", max_length=5) == "abc"


def test_crv_review_commands_decide_without_curl(
    live_server: str, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    parties = Parties.create(session_factory)
    runner = CliRunner()
    path = write(tmp_path)
    pushed = runner.invoke(cli.app, ["push", str(path), "--server", live_server, "--key", parties.partner])
    assert pushed.exit_code == 0, pushed.output
    editor = {"CRV_API_KEY": parties.editor, "CRV_SERVER": live_server, "COLUMNS": "200"}
    listed = runner.invoke(cli.app, ["review", "list"], env=editor)
    assert listed.exit_code == 0 and "clmrs.fr" in listed.output and "1 waiting" in listed.output
    shown = runner.invoke(cli.app, ["review", "show", "clmrs.fr"], env=editor)
    assert shown.exit_code == 0 and "Des agents visitent les ménages." in shown.output and "ong-a" in shown.output
    rejected = runner.invoke(cli.app, ["review", "reject", "clmrs.fr", "--reason", "Citez le rapport."], env=editor)
    assert rejected.exit_code == 0, rejected.output
    mine = runner.invoke(cli.app, ["review", "approve", "clmrs.fr"], env=editor)
    assert mine.exit_code == 1 and "404" in mine.output  # nothing waits any more
    write(tmp_path, body="Des agents visitent les ménages (rapport ICI 2024).")
    assert runner.invoke(cli.app, ["push", str(path), "--server", live_server, "--key", parties.partner]).exit_code == 0
    diff = runner.invoke(cli.app, ["review", "diff", "clmrs.fr"], env=editor)
    assert diff.exit_code == 0, diff.output
    assert "+Des agents visitent les ménages (rapport ICI 2024)." in diff.output
    approved = runner.invoke(cli.app, ["review", "approve", "clmrs.fr"], env=editor)
    assert approved.exit_code == 0 and "published: http" in approved.output
    partner = runner.invoke(cli.app, ["review", "list"], env=editor | {"CRV_API_KEY": parties.partner})
    assert partner.exit_code == 1 and "403" in partner.output


def test_setup_creates_the_centre_organisation_once(session_factory: sessionmaker[Session]) -> None:
    from app.services import keys

    with session_factory() as session:
        centre, created = keys.ensure_centre(session)
        again, created_again = keys.ensure_centre(session)
        session.commit()
        assert created and not created_again and centre.id == again.id
        assert (centre.slug, centre.kind) == ("crv", "resource-centre")


def test_content_check_with_the_taxonomies_of_a_server(live_server: str, tmp_path: Path) -> None:
    bad = write(tmp_path, key="bad", slug="mauvais")
    bad.write_text(bad.read_text().replace("[cocoa]", "[cacao]"))
    result = CliRunner().invoke(cli.app, ["content", "check", str(bad), "--server", live_server])
    assert result.exit_code == 1
    assert "sectors: unknown code 'cacao' (did you mean 'cocoa'?)" in result.output
    down = CliRunner().invoke(cli.app, ["content", "check", str(bad), "--server", "http://127.0.0.1:9"])
    assert down.exit_code == 2 and "cannot read the taxonomies" in down.output
