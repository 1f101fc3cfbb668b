"""Liveness and readiness."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.deps import SearchDep, SessionDep, SettingsDep
from app.services.sync import outbox_lag

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
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
    """Database and search engine reachable, and the search index no further behind the database than
    ``CRV_READINESS_MAX_OUTBOX_LAG_SECONDS`` (else 503: the drain is stuck)."""
    engine_health = engine.health()
    try:
        session.execute(text("SELECT 1"))
        lag = outbox_lag(session)
        database, pending, oldest = "ok", lag.pending, lag.oldest_seconds
    except SQLAlchemyError as exc:
        database, pending, oldest = f"unavailable: {type(exc).__name__}", None, None
    lagging = oldest is not None and oldest > settings.readiness_max_outbox_lag_seconds
    ready = database == "ok" and engine_health.ok and not lagging
    body = Readiness(
        status="ready" if ready else "unavailable",
        database=database,
        search_engine=engine_health.engine,
        search_ok=engine_health.ok,
        search_documents=engine_health.documents,
        search_detail=engine_health.detail,
        outbox_pending=pending,
        outbox_oldest_seconds=oldest,
        outbox_lagging=lagging,
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
