"""Liveness and readiness."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import migrations
from app.deps import SearchDep, SessionDep, SettingsDep
from app.policy import page
from app.services.sync import outbox_lag

router = APIRouter(tags=["health"], dependencies=[page()])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    # "ok", or why the database's schema is not this release's and what to run (e.g. `crv db upgrade`).
    database_schema: str | None = None
    search_engine: str
    search_ok: bool
    search_documents: int | None
    search_detail: str | None
    outbox_pending: int | None
    outbox_oldest_seconds: float | None
    outbox_lagging: bool = False


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(session: SessionDep, engine: SearchDep, settings: SettingsDep) -> JSONResponse:
    """Database reachable with this release's schema, search engine reachable, and the search index no further
    behind the database than ``CRV_READINESS_MAX_OUTBOX_LAG_SECONDS`` (else 503: the drain is stuck)."""
    engine_health = engine.health()
    schema: str | None = None
    pending: int | None = None
    oldest: float | None = None
    try:
        session.execute(text("SELECT 1"))
        database = "ok"
        # A release started on a database its migrations did not reach (migrate failed, or was skipped) answers
        # 500 on every page that reads a new column: not ready, and the body says what to run.
        state = migrations.schema_state(session.connection())
        schema = state.problem() or "ok"
        if state.ok:
            lag = outbox_lag(session)
            pending, oldest = lag.pending, lag.oldest_seconds
    except SQLAlchemyError as exc:
        database = f"unavailable: {type(exc).__name__}"
    lagging = oldest is not None and oldest > settings.readiness_max_outbox_lag_seconds
    ready = database == "ok" and schema == "ok" and engine_health.ok and not lagging
    body = Readiness(
        status="ready" if ready else "unavailable",
        database=database,
        database_schema=schema,
        search_engine=engine_health.engine,
        search_ok=engine_health.ok,
        search_documents=engine_health.documents,
        search_detail=engine_health.detail,
        outbox_pending=pending,
        outbox_oldest_seconds=oldest,
        outbox_lagging=lagging,
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
