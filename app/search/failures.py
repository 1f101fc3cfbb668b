"""What an engine's failure tells the public, and what it tells the operator.

The message of a :class:`~app.search.base.SearchUnavailable` reaches the public: it is the ``detail`` of the search
routes' 503 problem and the ``search_detail`` of ``/readyz`` (a page anyone may ask for). It must never carry the
engine's internal address, which an HTTP client's own errors repeat (« HTTPConnectionPool(host='meilisearch',
port=7700): Max retries exceeded with url: /multi-search », « 502 Server Error: Bad Gateway for url:
http://meilisearch:7700/… »). So an engine names a network failure by its kind alone (:func:`network_reason`:
« Connection refused », never the peer) and keeps the client's error as the cause (``raise … from exc``), which the
guard's log line writes out for the operator (:func:`operator_detail`), address included.
"""

import os
import socket
import ssl
from collections.abc import Iterator

MAX_CAUSE_LENGTH = 600


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it was caused by or wraps: ``__cause__``, ``__context__``, urllib3's ``reason``
    and exceptions passed as arguments (requests' ``ConnectionError(MaxRetryError(…))``), each once."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = (current.__cause__, current.__context__, getattr(current, "reason", None), *current.args)
        pending.extend(link for link in linked if isinstance(link, BaseException))


def network_reason(exc: BaseException) -> str | None:
    """Why a connection failed, in words that name no host, port nor URL: the C library's text for the socket
    error's number (« Connection refused », « No route to host »), else None. Never the error's own message, which
    names the peer (a TLS error names the certificate's host)."""
    for link in _chain(exc):
        if isinstance(link, socket.gaierror):
            return "its host name does not resolve"
        if isinstance(link, ssl.SSLError):
            return "the TLS handshake failed"
        if isinstance(link, OSError) and isinstance(link.errno, int) and link.errno > 0:
            return os.strerror(link.errno)
    return None


def operator_detail(exc: BaseException) -> str | None:
    """The causes of an engine failure as the operator needs them (the client's own message: the address it could
    not reach, the URL that failed), for the log line; None when the failure has no cause its message lacks."""
    message = str(exc)
    causes: list[str] = []
    cause = exc.__cause__
    while cause is not None and len(causes) < 3:
        text = str(cause)
        if text and text[:100] not in message and all(text[:100] not in known for known in causes):
            name = type(cause).__name__
            causes.append(text if text.startswith(name) else f"{name}: {text}")
        cause = cause.__cause__
    return " <- ".join(causes)[:MAX_CAUSE_LENGTH] if causes else None
