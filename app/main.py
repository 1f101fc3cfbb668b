"""The application factory. Nothing connects at import time: the lifespan opens and closes everything."""

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import metadata

import structlog
from fastapi import APIRouter, FastAPI

from app.config import Settings, get_settings
from app.db import configured_engine, make_session_factory
from app.deps import SignInRequired
from app.errors import install_error_handlers
from app.logs import configure_logging
from app.middleware import install_middleware
from app.openapi import install_openapi
from app.routers import (
    accounts,
    admin,
    alerts,
    catalog,
    desk,
    desk_correct,
    desk_reads,
    desk_searches,
    docs,
    embed,
    exports,
    feeds,
    findings,
    glossary,
    glossary_api,
    health,
    key_requests,
    legal,
    metrics,
    oai,
    pages,
    partner_requests,
    portal,
    publishing,
    publishing_documents,
    resources,
    review,
    screening_page,
    screenings,
    search,
    site,
    taxonomies,
    team,
)
from app.search.base import SearchUnavailable
from app.search.factory import make_search_engine
from app.services.alert_digests import AlertDigests
from app.services.counters import Flusher
from app.services.ratelimit import make_rate_limiter
from app.services.read_counts import ReadCounts
from app.services.retention import DailyPurge
from app.services.search_statistics import SearchStatistics
from app.services.sync import OutboxDrain, chores
from app.signing import resolve_secret_key
from app.taxonomy import load_taxonomies
from app.templating import VersionedStaticFiles, environment
from app.web.sessions import sign_in_redirect

log = structlog.get_logger(__name__)

DESCRIPTION = """\
The virtual resource centre against child labour, forced labour and human trafficking (SDG target 8.7):
risk sheets per country, region, sector and commodity, methodologies, good practices, training modules and
legal references, in French and English. Errors are RFC 9457 `application/problem+json`.
"""


def add_routes(app: FastAPI, router: APIRouter) -> None:
    """The router's routes added to the app's own table as the router built them at import (its prefix, dependencies
    and route class already applied). ``include_router`` would wrap them to be built again for each app on its first
    request: about 0.3 s of every app's first answer, and of every test, which each makes an app. (So
    ``app.dependency_overrides`` does not reach them: a test makes its app from its own settings instead.)"""
    app.router.routes.extend(router.routes)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_format)  # before anything logs: plain tracebacks without locals, keys masked

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db_engine = configured_engine(settings)
        session_factory = make_session_factory(db_engine)
        taxonomy = load_taxonomies(settings.content_dir)
        engine = make_search_engine(settings, taxonomy)
        try:
            engine.apply_settings()
        except SearchUnavailable as exc:  # serve anyway: writes queue in the outbox, search answers 503
            log.warning("search_engine_unavailable_at_start", error=str(exc))
        app.state.settings = settings
        app.state.session_factory = session_factory
        app.state.taxonomies = taxonomy
        app.state.search = engine
        app.state.rate_limiter = make_rate_limiter(settings)
        statistics = SearchStatistics(enabled=settings.search_statistics)
        app.state.search_statistics = statistics
        flusher = Flusher.start(statistics, session_factory, "search-statistics") if statistics.enabled else None
        reads = app.state.read_counts = ReadCounts()  # counted by app.middleware.reads
        reads_flusher = Flusher.start(reads, session_factory, "read-counts")
        stop = threading.Event()
        worker: threading.Thread | None = None
        if settings.sync_in_process:
            drain = OutboxDrain(session_factory, engine, taxonomy, batch_size=settings.sync_batch_size)
            # as `crv sync` does: retention needs no other service; the alerts' digests, the search engine's
            purge = DailyPurge(session_factory, settings)
            digests = AlertDigests(session_factory, settings, taxonomy, engine, app.state.secret_key)
            worker = threading.Thread(
                target=drain.run_forever,
                args=(stop, settings.sync_interval_seconds, chores(purge, digests)),
                name="outbox-drain",
                daemon=True,
            )
            worker.start()
        try:
            yield
        finally:
            stop.set()
            if worker is not None:
                worker.join(timeout=10)
            if flusher is not None:
                flusher.close()  # its last write, before the database closes
            reads_flusher.close()
            engine.close()
            app.state.rate_limiter.close()
            db_engine.dispose()

    app = FastAPI(
        title="crv — virtual resource centre 8.7 / centre de ressources virtuel 8.7",
        version=metadata.version("crv"),  # the package's, one number to raise
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # app.routers.docs serves /docs and /redoc with local assets
        redoc_url=None,
    )
    app.state.secret_key = resolve_secret_key(settings)  # refuses to start without one outside the embedded default
    install_error_handlers(app)
    install_openapi(app, settings)
    environment().globals["contact_email"] = settings.contact_email  # every page's footer: where to ask for help
    install_middleware(app)
    open_data = (feeds, exports, oai, catalog, glossary_api)
    api = (
        search,
        resources,
        taxonomies,
        health,
        metrics,
        embed,
        publishing,
        publishing_documents,
        review,
        admin,
        findings,
    )
    # desk_searches before desk, whose /<resource id> would take its address for a resource's
    people = (
        accounts,
        team,
        partner_requests,
        key_requests,
        alerts,
        portal,
        desk_searches,
        desk_reads,
        desk,
        desk_correct,
    )
    for module in (*api, *open_data, screenings, screening_page, *people):
        add_routes(app, module.router)
    app.add_exception_handler(SignInRequired, sign_in_redirect)
    docs.mount_assets(app)
    add_routes(app, docs.router)
    add_routes(app, site.router)
    add_routes(app, glossary.router)
    add_routes(app, legal.router)
    add_routes(app, pages.router)  # last: its resource pages must not shadow /v1/…
    app.mount("/static/site", VersionedStaticFiles(directory=site.STATIC), name="site-static")
    return app
