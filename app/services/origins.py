"""Web origins (``scheme://host[:port]``): the one parser, used by the access rules (the ``Origin`` of a request) and
by the key service (a publishable key's ``allowed_origins``)."""

from collections.abc import Mapping, Sequence
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
