"""Every engine failure is "unavailable", never a dead worker.

An engine's own errors (tantivy's ``ValueError``/``OSError``, a Rust panic surfacing as ``PanicException`` — a
``BaseException``, which ``except Exception`` lets through —, an HTTP client's errors) become
:class:`SearchUnavailable`, which the routes answer with a 503 and the outbox drain backs off on. The wrapper counts
them (metric ``crv_search_engine_errors_total``), logs one plain line each — with the error's cause, the engine
client's own message and the address it could not reach, which the public's 503 leaves out
(:mod:`app.search.failures`) —, drops the engine's open handles so the next call reopens, and reports the engine
unhealthy (``/readyz`` not ready) until a call succeeds again — after ``crv index rebuild``, typically.
"""

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import structlog

from app.observability import ENGINE_ERRORS
from app.search.base import EngineHealth, SearchDocument, SearchEngine, SearchQuery, SearchResult, SearchUnavailable
from app.search.failures import operator_detail

T = TypeVar("T")
log = structlog.get_logger(__name__)
PROBE = SearchQuery(q="", per_page=1)


def is_engine_failure(exc: BaseException) -> bool:
    """Failures of the engine itself; interpreter exits and interrupts are not."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        return False
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


class GuardedEngine:
    def __init__(self, inner: SearchEngine) -> None:
        self.inner = inner
        self.name = inner.name
        self._lock = threading.Lock()
        self._failure: str | None = None

    def __getattr__(self, attribute: str) -> Any:  # engine-specific helpers (tests, tools)
        return getattr(self.inner, attribute)

    def _call(self, operation: str, call: Callable[[], T], recovers: bool = True) -> T:
        try:
            result = call()
        except SearchUnavailable as exc:
            self._failed(operation, exc)
            raise
        except BaseException as exc:
            if not is_engine_failure(exc):
                raise
            self._failed(operation, exc)
            raise SearchUnavailable(
                f"the search engine failed ({type(exc).__name__}: {str(exc)[:300]}); "
                "if this persists, run `crv index rebuild`"
            ) from exc
        if recovers and self._failure is not None:
            with self._lock:
                self._failure = None
            log.info("search_engine_recovered", operation=operation)
        return result

    def _failed(self, operation: str, exc: BaseException) -> None:
        ENGINE_ERRORS.labels(operation).inc()
        with self._lock:
            self._failure = f"{type(exc).__name__}: {str(exc)[:300]}"
        # The error's message is also the public's (the 503, /readyz): free of the engine's address. Its cause, the
        # client's own error with the address it could not reach, is for the operator, in this line only.
        cause = operator_detail(exc)
        if cause:
            log.warning("search_engine_error", operation=operation, error=self._failure, cause=cause)
        else:
            log.warning("search_engine_error", operation=operation, error=self._failure)
        try:
            self.inner.close()  # reopen on the next call: a rebuild may have replaced what was open
        except BaseException as close_error:  # pragma: no cover - closing must never add a failure
            if not is_engine_failure(close_error):
                raise

    def apply_settings(self) -> None:
        self._call("apply_settings", self.inner.apply_settings)

    def index(self, documents: Iterable[SearchDocument]) -> None:
        self._call("index", lambda: self.inner.index(documents))

    def delete(self, ids: Sequence[str]) -> None:
        self._call("delete", lambda: self.inner.delete(ids))

    @contextmanager
    def writing(self) -> Iterator[None]:
        # Entered and left through the guard (closing the series' writer can fail as a write does), neither
        # counting as a recovery: the writes inside do.
        series = self._call("writing", self.inner.writing, recovers=False)
        self._call("writing", series.__enter__, recovers=False)
        try:
            yield
        except BaseException as exc:
            if not series.__exit__(type(exc), exc, exc.__traceback__):
                raise
        else:
            self._call("writing", lambda: series.__exit__(None, None, None), recovers=False)

    def search(self, query: SearchQuery) -> SearchResult:
        return self._call("search", lambda: self.inner.search(query))

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        return self._call("rebuild", lambda: self.inner.rebuild(documents))

    def health(self) -> EngineHealth:
        try:
            health = self._call("health", self.inner.health, recovers=False)
        except SearchUnavailable as exc:
            return EngineHealth(ok=False, engine=self.name, detail=str(exc))
        if health.ok and self._failure is not None:
            try:  # failed lately: healthy only if a real search works again
                self.search(PROBE)
            except SearchUnavailable as exc:
                return EngineHealth(ok=False, engine=self.name, documents=health.documents, detail=str(exc))
        return health

    def close(self) -> None:
        self.inner.close()
