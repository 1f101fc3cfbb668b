"""The tests' one set of helpers: organisations and keys made straight through the key service (in the test
database), payloads, and small HTTP wrappers. Plain functions rather than fixtures, so each test says who it acts
as."""

import csv
import io
import re
import socket
import threading
import time
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import frontmatter
import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from app import cli, cli_data, migrations
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.models import Base, KeyKind, OrganisationKind, Resource, ResourceStatus, Scope
from app.models.base import utcnow
from app.search.base import SearchEngine
from app.search.factory import make_search_engine
from app.services import content as content_service
from app.services import keys
from app.services.sync import OutboxDrain, rebuild_index
from app.taxonomy import Taxonomies, load_taxonomies

WRITE = Scope.resources_write
REVIEW = Scope.resources_review
ADMIN = Scope.admin


WIDGET_SITE = "https://www.cocoa.example"
ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
ILAB_DATA = ROOT / "data" / "ilab-2022"


@cache
def content_taxonomies() -> Taxonomies:
    return load_taxonomies(CONTENT)


@cache
def corpus_report() -> content_service.ContentReport:
    """``content_service.check`` of the shipped content/, made once per process: it costs 4-12 s (parsing every
    Markdown file), and the modules that read the corpus's files each made it again on the same worker. Shared:
    a test reads it and never changes it."""
    return content_service.check(CONTENT)


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on (a server to start, or one to find unreachable)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def serving(app: Any, port: int, name: str, *, lifespan: str = "auto") -> Iterator[None]:
    """``app`` under uvicorn on 127.0.0.1:``port``, in a thread of that ``name``, until the block ends."""
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), f"{name} did not start"
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def rows_in_every_table(db_engine: Engine) -> int:
    """How many rows the database holds in all: what a test of « nothing stored » compares before and after."""
    with db_engine.connect() as connection:
        return sum(
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        )


def ilab_rows(name: str) -> list[dict[str, str]]:
    """The rows of a file of data/ilab-2022, NFC-normalised as the reader normalises them."""
    with (ILAB_DATA / name).open(encoding="utf-8", newline="") as handle:
        return [{k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(handle)]


def resource_row(translation_key: str = "extra", language: str = "fr", **overrides: Any) -> dict[str, Any]:
    """The columns of a published resource written straight to the database (``Resource(**row)``, or a bulk
    insert); ``overrides`` replace any of them."""
    return {
        "id": f"{translation_key}.{language}",
        "translation_key": translation_key,
        "language": language,
        "slug": translation_key,
        "type": "good_practice",
        "title": f"Title of {translation_key}",
        "summary": f"Summary of {translation_key}",
        "body": "Body.",
        "countries": [],
        "regions": [],
        "sectors": [],
        "risks": [],
        "audiences": [],
        "publisher": "crv",
        "sources": [],
        "licence": "CC-BY-4.0",
        "published_at": date(2026, 1, 1),
        "updated_at": date(2026, 1, 1),
        "status": ResourceStatus.published,
    } | overrides


def add_content_sheet(
    target: Session | sessionmaker[Session], path: str, languages: Sequence[str] = ("fr", "en"), **overrides: Any
) -> dict[str, str]:
    """The real resource of ``content/<path>.<language>.md`` (a sheet with its long lists of facts) in each of
    ``languages``, written to the database as published unless it is there already: pages read it there, nothing
    indexes it. Its columns are the front matter's; ``overrides`` replace any of them (a narrower set of taxonomies).
    Given a session, the caller commits; given a factory, it is committed here. The slug of each language."""
    if not isinstance(target, Session):
        with target() as session:
            slugs = add_content_sheet(session, path, languages, **overrides)
            session.commit()
        return slugs
    slugs = {}
    for language in languages:
        post = frontmatter.load(CONTENT / f"{path}.{language}.md")
        meta = {name: value for name, value in post.metadata.items() if name not in ("language", "status")}
        meta.setdefault("updated_at", meta["published_at"])
        row = resource_row(str(meta.pop("translation_key")), language, **(meta | {"body": post.content} | overrides))
        if target.get(Resource, row["id"]) is None:
            target.add(Resource(**row))
        slugs[language] = str(row["slug"])
    return slugs


def make_org(
    session_factory: sessionmaker[Session], slug: str, kind: OrganisationKind = OrganisationKind.ngo, **extra: str
) -> None:
    """An organisation named after its slug; ``extra`` sets other columns (``website=...``)."""
    with session_factory() as session:
        organisation = keys.create_organisation(session, slug, slug.replace("-", " ").title(), kind)
        for name, value in extra.items():
            setattr(organisation, name, value)
        session.commit()


def make_key(
    session_factory: sessionmaker[Session],
    org: str = "cocoa-federation",
    *scopes: str,
    kind: KeyKind = KeyKind.secret,
    origins: Sequence[str] = (),
    filters: Mapping[str, Sequence[str]] | None = None,
    revoked: bool = False,
    expired: bool = False,
    **options: Any,
) -> str:
    """A new key's token, for ``org`` (created when missing). A secret key defaults to ``resources:write``, a
    publishable one to ``search``."""
    with session_factory() as session:
        try:
            organisation = keys.get_organisation(session, org)
        except Exception:
            organisation = keys.create_organisation(session, org, org.replace("-", " ").title(), OrganisationKind.ngo)
        default = [Scope.search] if kind == KeyKind.publishable else [WRITE]
        created = keys.create_key(
            session,
            organisation,
            scopes=scopes or default,
            kind=kind,
            allowed_origins=origins,
            fixed_filters=filters,
            taxonomies=content_taxonomies() if filters else None,
            **options,
        )
        if revoked:
            created.key.revoked_at = utcnow()
        if expired:
            created.key.expires_at = utcnow() - timedelta(days=1)
        session.commit()
        return created.token


def metrics_headers(session_factory: sessionmaker[Session]) -> dict[str, str]:
    """The header a monitoring system sends to read /metrics: a key of the centre with the ``metrics`` scope."""
    return {"Authorization": f"Bearer {make_key(session_factory, 'crv', Scope.metrics)}"}


def widget_key(
    session_factory: sessionmaker[Session],
    *,
    origins: Sequence[str] = (WIDGET_SITE,),
    org: str = "cocoa-federation",
    **options: Any,
) -> str:
    """A publishable key for a search widget on ``origins``."""
    return make_key(session_factory, org, kind=KeyKind.publishable, origins=origins, **options)


@dataclass(frozen=True)
class Parties:
    """Two partner NGOs, the centre's editors (review) and an administrator."""

    partner: str  # ong-a, resources:write
    other: str  # ong-b, resources:write
    editor: str  # crv-editors, resources:review
    admin: str  # crv-editors, admin

    @classmethod
    def create(cls, session_factory: sessionmaker[Session]) -> "Parties":
        make_org(session_factory, "ong-a")
        make_org(session_factory, "ong-b")
        make_org(session_factory, "crv-editors", OrganisationKind.public_body)
        return cls(
            partner=make_key(session_factory, "ong-a", WRITE),
            other=make_key(session_factory, "ong-b", WRITE),
            editor=make_key(session_factory, "crv-editors", REVIEW),
            admin=make_key(session_factory, "crv-editors", ADMIN),
        )


def bearer(token: str, etag: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if etag is not None:
        headers["If-Match"] = etag
    return headers


def good_practice(**overrides: Any) -> dict[str, Any]:
    return {
        "translation_key": "cocoa-remediation",
        "language": "fr",
        "slug": "remediation-cacao",
        "type": "good_practice",
        "title": "Remédiation du travail des enfants dans les coopératives de cacao",
        "summary": "Comment une coopérative identifie les enfants au travail et les accompagne vers l'école.",
        "body": "## Démarche\n\nDes agents de suivi visitent les ménages producteurs.\n",
        "countries": ["CI"],
        "sectors": ["cocoa"],
        "risks": ["child-labour"],
        "audiences": ["companies"],
        "sources": [{"title": "ICI, Child labour monitoring and remediation", "url": "https://example.org/clmrs"}],
        "licence": "CC-BY-4.0",
    } | overrides


def create(client: TestClient, token: str, **overrides: Any) -> httpx.Response:
    response = client.post("/v1/resources", json=good_practice(**overrides), headers=bearer(token))
    assert response.status_code == 201, response.text
    return response


def submit(client: TestClient, token: str, resource_id: str) -> httpx.Response:
    etag = client.get(f"/v1/my/resources/{resource_id}", headers=bearer(token)).headers["ETag"]
    response = client.post(f"/v1/resources/{resource_id}/submit", headers=bearer(token, etag))
    assert response.status_code == 200, response.text
    return response


def approve(client: TestClient, token: str, resource_id: str) -> httpx.Response:
    etag = client.get(f"/v1/review/{resource_id}", headers=bearer(token)).headers["ETag"]
    response = client.post(f"/v1/review/{resource_id}/approve", headers=bearer(token, etag))
    assert response.status_code == 200, response.text
    return response


def publish(client: TestClient, parties: Parties, **overrides: Any) -> str:
    """Create, submit and approve a resource of ong-a; its id."""
    resource_id: str = create(client, parties.partner, **overrides).json()["id"]
    submit(client, parties.partner, resource_id)
    approve(client, parties.editor, resource_id)
    return resource_id


def drain(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Index what the outbox holds, with the app's own engine."""
    state = client.app.state  # type: ignore[attr-defined]
    report = OutboxDrain(session_factory, state.search, state.taxonomies, holder="tests").drain_all()
    assert not report.failed and not report.busy


def search_ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 200, response.text
    return [hit["id"] for hit in response.json()["hits"]]


@dataclass(frozen=True)
class IndexedContent:
    """The real content/ in a SQLite database of its own, indexed by the embedded engine."""

    session_factory: sessionmaker[Session]
    engine: SearchEngine
    taxonomies: Taxonomies


@contextmanager
def indexed_content(work: Path) -> Iterator[IndexedContent]:
    """content/ (hundreds of resources) loaded into a database under ``work`` and indexed: for the tests that need a
    real corpus (its rankings, its costs); loading it on PostgreSQL is the loader's tests' concern."""
    settings = Settings(database_url=f"sqlite:///{work / 'crv.db'}", index_dir=work / "index", content_dir=CONTENT)
    migrations.upgrade(settings.database_url)
    db_engine = make_engine(settings.database_url)
    session_factory = make_session_factory(db_engine)
    with session_factory() as session:
        content_service.load(session, CONTENT)
        session.commit()
    taxonomies = load_taxonomies(CONTENT)
    engine = make_search_engine(settings, taxonomies)
    rebuild_index(session_factory, engine, taxonomies)
    try:
        yield IndexedContent(session_factory, engine, taxonomies)
    finally:
        engine.close()
        db_engine.dispose()


def cli_reads(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's commands read ``settings``: app.cli's and app.cli_data's (the database commands' unit of
    work) alike."""
    for module in (cli, cli_data):
        monkeypatch.setattr(module, "get_settings", lambda: settings)


def zipped(entries: Mapping[str, bytes]) -> bytes:
    """A ZIP archive of ``entries`` (name: content): an Office or OpenDocument file as a document's checks read it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Made once: a ZIP holds the time it was made, and a document sent again must be the same bytes.
DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def sources_section(html: str) -> str:
    """The « Sources » section of a resource page's HTML."""
    found = re.search(r'<section class="sources".*?</section>', html, re.S)
    assert found, html
    return found.group(0)
