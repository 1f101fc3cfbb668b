"""Web origins (``scheme://host[:port]``): the one parser, used by the access rules (the ``Origin`` of a request) and
by the key service (a publishable key's ``allowed_origins``)."""

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit


def normalise_origin(value: str | None) -> str | None:
    """``scheme://host[:port]`` in lower case without a default port, or None for anything else (incl. "null")."""
    if not value or value == "null":
        return None
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    default = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def request_origin(headers: Mapping[str, str]) -> str | None:
    """The origin of the page behind a request: ``Origin``, else the origin of ``Referer`` (browsers omit
    ``Origin`` on same-origin GETs)."""
    if "origin" in headers:
        return normalise_origin(headers["origin"])
    return normalise_origin(headers.get("referer"))


def normalise_origins(values: Any) -> frozenset[str]:
    if not isinstance(values, Sequence) or isinstance(values, str):
        return frozenset()
    return frozenset(o for o in (normalise_origin(str(v)) for v in values) if o)


def parse_origin(value: str) -> str | None:
    """An origin as a person types it for a key (``https://www.example.org``, a trailing slash tolerated), in its
    normal form; None when it is not an origin (a path, a query, another scheme, "null")."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        return None
    return normalise_origin(value.strip())


@lru_cache(maxsize=8)
def centre_origin(public_base_url: str) -> str | None:
    """The centre's own origin: that of its public base URL (``CRV_PUBLIC_BASE_URL``), never a request's ``Host``."""
    return normalise_origin(public_base_url)


def key_allows_origin(allowed_origins: frozenset[str], origin: str, public_base_url: str | None = None) -> bool:
    """Whether a page of ``origin`` may use a publishable key whose allowed origins are ``allowed_origins``.

    The centre's own origin is always allowed, whatever the key lists: its demo page (``/embed/demo?key=…``) lets a
    partner try an active key before deploying it, and no partner lists the centre. This gives nothing away: a
    publishable key is public by design (it sits in its partners' pages), it still only searches and reads within
    its fixed filters and quota, and every other origin the key does not list stays refused. The rule lives here,
    in the service that decides (:func:`app.services.access.authorise` asks it), not in the access middleware,
    which only hands over the public base URL."""
    if origin in allowed_origins:
        return True
    return public_base_url is not None and origin == centre_origin(public_base_url)
