"""A live API (uvicorn on a free 127.0.0.1 port, migrated SQLite, fixture corpus loaded and indexed), two plain
static servers on other ports standing for third-party sites, and headless Chromium (Debian's, driven by
Playwright; never a downloaded browser)."""

import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker

from app import migrations
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.main import create_app
from app.models import OrganisationKind, Role
from app.search.factory import make_search_engine
from app.services import content as content_service
from app.services.sync import rebuild_index
from app.taxonomy import load_taxonomies
from tests.helpers import add_content_sheet, free_port, make_org, serving, widget_key
from tests.web.helpers import make_person


@contextmanager
def prepared_database(settings: Settings, content_dir: Path) -> Iterator[sessionmaker[Session]]:
    """The database of a site the browser tests serve: migrated, the content loaded and indexed."""
    migrations.upgrade(settings.database_url)
    db = make_engine(settings.database_url)
    try:
        factory = make_session_factory(db)
        taxonomies = load_taxonomies(content_dir)
        with factory() as session:
            content_service.load(session, content_dir)
            session.commit()
        engine = make_search_engine(settings, taxonomies)
        engine.apply_settings()
        rebuild_index(factory, engine, taxonomies)
        engine.close()
        yield factory
    finally:
        db.dispose()


ROOT = Path(__file__).resolve().parents[2]


def fixture_site(work: Path, **overrides: Any) -> Settings:
    """The settings of a site the browser tests serve from ``work`` on a free port: the fixture corpus and the real
    taxonomies copied into its content folder (which a test may add to before :func:`prepared_database`), SQLite,
    its own index and secret, and the index kept by the requests' own sync."""
    content_dir = work / "content"
    shutil.copytree(ROOT / "content" / "taxonomies", content_dir / "taxonomies")
    shutil.copytree(ROOT / "tests" / "fixtures" / "resources", content_dir / "resources")
    port = free_port()
    defaults: dict[str, Any] = {
        "database_url": f"sqlite:///{work / 'crv.db'}",
        "content_dir": content_dir,
        "index_dir": work / "index",
        "sync_in_process": False,
        "public_base_url": f"http://127.0.0.1:{port}",
        "secret_key_file": work / "secret_key",
    }
    return Settings(**(defaults | overrides))


def port_of(settings: Settings) -> int:
    return int(settings.public_base_url.rsplit(":", 1)[1])


@contextmanager
def editor_and_partner_site(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """The app on a free port: the fixture corpus, the centre with an editor (redac@crv.org), an NGO (ong-cacao)
    with Awa (awa@ong-cacao.org), both with the helpers' password."""
    work = tmp_path_factory.mktemp(name)
    settings = fixture_site(work, mail_dir=work / "mail", anonymous_requests_per_minute=1000)
    with prepared_database(settings, settings.content_dir) as factory:
        make_org(factory, "crv", OrganisationKind.resource_centre)
        make_org(factory, "ong-cacao", OrganisationKind.ngo)
        make_person(factory, "crv", "redac@crv.org", Role.editor)
        make_person(factory, "ong-cacao", "awa@ong-cacao.org")
    with serving(create_app(settings), port_of(settings), f"{name}-api"):
        yield settings.public_base_url


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = """---
translation_key: hostile
language: fr
slug: hostile
type: tool
title: "Cacao <img src=x onerror=\\"window.__pwned=1\\"> & outil"
summary: "Outil <script>window.__pwned=2</script> pour le cacao."
sectors: [cocoa]
countries: [GH]
publisher: crv
licence: CC-BY-4.0
published_at: 2026-01-05
---
Le cacao <b onclick="window.__pwned=3">sans danger</b>.
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(
                        reason="/usr/bin/chromium is absent: apt-get install chromium to run browser tests"
                    )
                )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class StaticSite:
    origin: str
    root: Path

    def url(self, name: str) -> str:
        return f"{self.origin}/{name}"


def with_content_resources(api: "LiveApi", *paths: str) -> "LiveApi":
    """``api`` with the resources of ``content/<path>`` (:func:`tests.helpers.add_content_sheet`) in its database."""
    factory = make_session_factory(engine := make_engine(api.database_url))
    with factory() as session:
        for path in paths:
            add_content_sheet(session, path)
        session.commit()
    engine.dispose()
    return api


@contextmanager
def page_with_or_without_scripts(browser: Any, scripts: bool, width: int) -> Iterator[Any]:
    """A French page ``width`` px wide that runs scripts or not (``page.scripts`` says which, for the checks of
    tests/browser/checks.py); axe is injected as an inline script, so the CSP is bypassed. No uncaught error
    allowed."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=scripts, locale="fr-FR", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.scripts = scripts
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture
def small_phone(browser: Any) -> Iterator[Any]:
    """A page on a low-end phone: 360 × 740, touch, French; axe is injected as an inline script (the CSP bypassed);
    no uncaught error allowed."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="fr-FR", bypass_csp=True, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(30_000)  # the first page of a busy machine
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture(scope="session")
def static_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StaticSite, StaticSite]]:
    """Two third-party sites: the one the cocoa key allows, and another one."""
    sites, servers = [], []
    for name in ("allowed", "other"):
        root = tmp_path_factory.mktemp(f"site-{name}")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
        threading.Thread(target=server.serve_forever, name=f"site-{name}", daemon=True).start()
        servers.append(server)
        sites.append(StaticSite(f"http://127.0.0.1:{server.server_address[1]}", root))
    yield sites[0], sites[1]
    for server in servers:
        server.shutdown()
        server.server_close()


@dataclass
class LiveApi:
    url: str
    cocoa_key: str
    tight_key: str
    database_url: str = ""


@pytest.fixture(scope="session")
def live_api(
    tmp_path_factory: pytest.TempPathFactory, static_sites: tuple[StaticSite, StaticSite]
) -> Iterator[LiveApi]:
    allowed, _ = static_sites
    settings = fixture_site(
        tmp_path_factory.mktemp("live"), anonymous_requests_per_minute=1000, visitor_requests_per_minute=1000
    )
    content_dir = settings.content_dir
    for language in ("fr", "en"):
        hostile = HOSTILE.replace("language: fr", f"language: {language}")
        (content_dir / "resources" / f"hostile.{language}.md").write_text(hostile, encoding="utf-8")
    # The tools page groups the tools by step, as the real content does (content/tool-steps.yaml).
    (content_dir / "tool-steps.yaml").write_text("- {fr: Réparer, en: Remediate, tools: [hostile]}\n", encoding="utf-8")
    with prepared_database(settings, content_dir) as factory:
        cocoa_key = widget_key(factory, origins=[allowed.origin], filters={"sector": ["cocoa"]})
        tight_key = widget_key(factory, origins=[allowed.origin], rate_limit_per_minute=3, org="tight")

    # The glossary page's terms; after the load, which would check their resources against this small tree.
    shutil.copy(ROOT / "content" / "glossary.yaml", content_dir / "glossary.yaml")
    with serving(create_app(settings), port_of(settings), "live-api", lifespan="on"):
        yield LiveApi(settings.public_base_url, cocoa_key, tight_key, settings.database_url)


def publish_demo(api: LiveApi, site: StaticSite, name: str, **params: str) -> str:
    """Publishes the widget of the API's own demo page (its script tag and element, which load the widget from the
    API) in a bare page of a third-party site, as a partner pastes the snippet into their own page."""
    response = httpx.get(f"{api.url}/embed/demo", params=params)
    response.raise_for_status()
    start = response.text.index('<section class="demo"')
    widget = response.text[start : response.text.index("</section>", start) + len("</section>")]
    lang = params.get("lang", "fr")
    page = f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
    page += '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Partner</title>\n</head>\n'
    (site.root / name).write_text(f"{page}<body>\n<main>\n{widget}\n</main>\n</body>\n</html>\n", encoding="utf-8")
    return site.url(name)


@pytest.fixture(scope="session")
def browser(live_api: LiveApi) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    uncaught: list[str] = []
    page.on("pageerror", lambda error: uncaught.append(str(error)))
    yield page
    context.close()
    assert not uncaught, f"uncaught errors in the page: {uncaught}"


@pytest.fixture
def axe_page(browser: Any) -> Iterator[Any]:
    """A French page at 1280 px for axe, injected as an inline script (the CSP bypassed); no uncaught error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """An English browser under the pages' Content Security Policy, reporting any violation or uncaught error."""
    context = browser.new_context(locale="en-GB")
    problems: list[str] = []
    context.on("weberror", lambda error: problems.append(str(error.error)))
    context.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield context
    context.close()
    assert not problems
