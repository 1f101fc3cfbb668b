"""``/metrics`` in the Prometheus text format (see :mod:`app.observability`), for a key with the ``metrics`` scope:
route names, error counts and the outbox's lag are for the centre's operators, not for whoever reaches its port."""

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.exc import SQLAlchemyError

from app.deps import MetricsKey, SessionDep
from app.observability import OUTBOX_OLDEST, OUTBOX_PENDING, REGISTRY
from app.policy import keyed
from app.services.sync import outbox_lag

router = APIRouter(tags=["health"], dependencies=[keyed(quota=False)])


@router.get("/metrics", include_in_schema=False)
def metrics(session: SessionDep, _key: MetricsKey) -> Response:
    """Requests, latency, outbox lag, search engine errors, quota refusals: this process's counters."""
    try:
        lag = outbox_lag(session)
        OUTBOX_PENDING.set(lag.pending)
        OUTBOX_OLDEST.set(lag.oldest_seconds or 0)
    except SQLAlchemyError:
        OUTBOX_PENDING.set(float("nan"))
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
