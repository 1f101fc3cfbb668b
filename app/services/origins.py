"""Web origins (``scheme://host[:port]``): the one parser, used by the access rules (the ``Origin`` of a request) and
by the key service (a publishable key's ``allowed_origins``).

An allowed origin is an origin, or a **subdomain wildcard** ``scheme://*.domain[:port]``: ``https://*.cci-exemple.fr``
lets the pages of ``https://www.cci-exemple.fr`` and ``https://actu.region.cci-exemple.fr`` use a key (``*.`` stands
for one label or more), never those of ``https://cci-exemple.fr`` itself (list it too), of another scheme or port
(``http://…``, ``https://www.cci-exemple.fr:8443``), nor of a look-alike domain (``https://evil-cci-exemple.fr``,
``https://cci-exemple.fr.evil.example``): a request's origin matches when, scheme and port equal, its host ends with
``.`` and the domain. The wildcard is the whole leftmost label and nothing else (``https://www*.x.fr``,
``https://a.*.x.fr``, ``https://*`` are refused), and the domain under it must be one a single owner registers: not a
top-level domain (``*.fr``), a country's shared second level (``*.co.uk``, ``*.gouv.fr``) nor a hosting service's
(``*.github.io``), which would open the key to anyone's pages there. That last check is a short list
(:data:`SHARED_SECOND_LEVELS`, :data:`SHARED_HOSTING`), not the whole Public Suffix List: keys are made by the
centre's administrators, and it catches the slips they could make.
"""

import ipaddress
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Final
from urllib.parse import urlsplit

from app.i18n import N_

WILDCARD: Final = "*."
# The origin a browser sends for a page that has none to name (RFC 6454 §7.3): one opened as a file (file://), in a
# sandboxed frame, or behind a cross-origin redirect. Anonymous reads answer it like any page; no key can list it.
OPAQUE_ORIGIN: Final = "null"
LABEL: Final = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# Second-level labels under which a country's registry sells names to anyone (co.uk, com.br, gouv.fr, or.ci…).
SHARED_SECOND_LEVELS: Final = frozenset(
    {"ac", "asso", "co", "com", "edu", "go", "gob", "gouv", "gov", "gv", "ne", "net", "nom", "or", "org"}
)
# Hosting services whose subdomains are their customers' sites.
SHARED_HOSTING: Final = frozenset(
    {
        "appspot.com",
        "azurewebsites.net",
        "blogspot.com",
        "cloudfront.net",
        "firebaseapp.com",
        "github.io",
        "gitlab.io",
        "herokuapp.com",
        "netlify.app",
        "pages.dev",
        "vercel.app",
        "web.app",
        "wixsite.com",
        "wordpress.com",
    }
)


NOT_AN_ORIGIN: Final = N_(
    "{value} is not an origin: scheme://host[:port] (https://www.example.org), or https://*.example.org for its "
    "subdomains"
)


class OriginError(ValueError):
    """What is wrong with an origin typed for a key, in words its author can act on: ``template`` (English, marked
    for the catalogs, ``{name}`` placeholders) filled with ``values``, so a page can say it in its own language
    (``FieldError.translatable``) where the API and the command line say it in English."""

    def __init__(self, template: str, **values: str) -> None:
        super().__init__(template.format(**values))
        self.template, self.values = template, values


# Says a template of this module filled with its values: English (the command line, the API) unless a page or a
# mail passes its language's, ``lambda template, **values: gettext(lang, template).format(**values)``.
Say = Callable[..., str]


def english(template: str, **values: str) -> str:
    return template.format(**values)


def normalise_origin(value: str | None) -> str | None:
    """A request's origin as ``scheme://host[:port]`` in lower case without a default port, or None for anything
    else (incl. "null" and a wildcard: a page's origin names one host)."""
    if not value or value == "null":
        return None
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "*" in parts.hostname:
        return None
    return _joined(parts.scheme, parts.hostname.lower(), port)


def _joined(scheme: str, host: str, port: int | None) -> str:
    host = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def request_origin(headers: Mapping[str, str]) -> str | None:
    """The origin of the page behind a request: ``Origin``, else the origin of ``Referer`` (browsers omit
    ``Origin`` on same-origin GETs). ``Origin: null`` is a page nonetheless, one without an origin of its own
    (:data:`OPAQUE_ORIGIN`, e.g. opened as a file): it stays ``"null"``, not None (no page), so that an anonymous
    read is answered to it and a key's refusal says why (:func:`app.services.access.authorise`)."""
    if "origin" in headers:
        return OPAQUE_ORIGIN if headers["origin"].strip() == OPAQUE_ORIGIN else normalise_origin(headers["origin"])
    return normalise_origin(headers.get("referer"))


def parse_allowed_origin(value: str) -> str:
    """An allowed origin as a person types it for a key (``https://www.example.org``, a trailing slash tolerated;
    ``https://*.example.org`` for its subdomains), in its normal form: lower case, no default port, an
    internationalised domain in its ASCII form (``xn--…``), as browsers send it. Raises :class:`OriginError`."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise OriginError(NOT_AN_ORIGIN, value=repr(value)) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OriginError(NOT_AN_ORIGIN, value=repr(value))
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise OriginError(
            N_(
                "{value} is not an origin: scheme://host[:port] (https://www.example.org), or https://*.example.org "
                "for its subdomains, without a path, a query or a user"
            ),
            value=repr(value),
        )
    host = parts.hostname.lower()
    wildcard = host.startswith(WILDCARD)
    base = _ascii_host(host.removeprefix(WILDCARD) if wildcard else host, value)
    if wildcard:
        _check_wildcard_base(base, value)
    return _joined(parts.scheme, f"{WILDCARD}{base}" if wildcard else base, port)


def _ascii_host(host: str, value: str) -> str:
    if "*" in host:
        raise OriginError(
            N_(
                "{value}: a wildcard is only allowed as the whole first label, https://*.example.org (every "
                "subdomain of example.org)"
            ),
            value=repr(value),
        )
    if host.isascii() or host.startswith("["):
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise OriginError(N_("{value}: {host} is not a domain name"), value=repr(value), host=repr(host)) from None


def _check_wildcard_base(base: str, value: str) -> None:
    labels = base.split(".")
    if _is_address(base) or not all(LABEL.fullmatch(label) for label in labels):
        raise OriginError(
            N_("{value}: a wildcard stands for subdomains of a domain name, not of {base}"),
            value=repr(value),
            base=repr(base),
        )
    shared = (
        len(labels) < 2
        or (len(labels) == 2 and len(labels[1]) == 2 and labels[0] in SHARED_SECOND_LEVELS)
        or base in SHARED_HOSTING
    )
    if shared:
        raise OriginError(
            N_(
                "{value} would let anyone's site under {base} use the key: a wildcard needs a domain of the key's "
                "owner below it (https://*.example.org)"
            ),
            value=repr(value),
            base=base,
        )


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host.rsplit(".", 1)[-1].isdigit()
    return True


def _allowed_or_none(value: Any) -> str | None:
    try:
        return parse_allowed_origin(str(value))
    except OriginError:
        return None


def normalise_origins(values: Any) -> frozenset[str]:
    """A stored key's allowed origins, in their normal form; whatever is not an allowed origin is dropped (it
    would match nothing)."""
    if not isinstance(values, Sequence) or isinstance(values, str):
        return frozenset()
    return frozenset(o for o in map(_allowed_or_none, values) if o)


def origin_matches(allowed: str, origin: str) -> bool:
    """Whether the (normalised) request ``origin`` is the (normalised) allowed origin or one of the subdomains a
    ``*.`` wildcard allows, on the same scheme and port."""
    scheme, wildcard, base = allowed.partition("://" + WILDCARD)
    if not wildcard:
        return allowed == origin
    prefix, suffix = f"{scheme}://", f".{base}"  # base keeps the pattern's port: another port ends otherwise
    if not (origin.startswith(prefix) and origin.endswith(suffix)):
        return False
    subdomain = origin[len(prefix) : -len(suffix)]
    return all(LABEL.fullmatch(label) for label in subdomain.split("."))


def origin_listed(allowed_origins: Iterable[str], origin: str) -> bool:
    """Whether ``origin`` is one of ``allowed_origins`` or under one of their wildcards."""
    return any(origin_matches(allowed, origin) for allowed in allowed_origins)


# What a key's description advises about an address it leaves out: the person who makes the key adds it (the
# command line); the person who receives it by mail cannot, so asks the centre (``{contact}``), which alone can.
ADD_IT: Final = (
    N_("{allowed}: pages of every subdomain of {base} ({www}…), not {bare} itself: if the site answers there, add it"),
    N_("not {sibling}: if the site answers there too, add it"),
)
ASK_THE_CENTRE: Final = (
    N_(
        "{allowed}: pages of every subdomain of {base} ({www}…), not {bare} itself: if the site answers there, ask "
        "the centre ({contact}) to add it"
    ),
    N_("not {sibling}: if the site answers there too, ask the centre ({contact}) to add it"),
)


def sibling(allowed: str) -> str | None:
    """The address a person most often forgets beside ``allowed``: the bare domain of a ``*.`` wildcard or of
    ``https://www.x.fr``, the ``www.`` of ``https://x.fr``; None for a single-label host or an IP address, which
    have none. Browsers send either as a different origin, so a site served at both needs both listed."""
    scheme, wildcard, base = allowed.partition("://" + WILDCARD)
    if wildcard:
        return f"{scheme}://{base}"
    scheme, _, host = allowed.partition("://")
    if "." not in host or _is_address(urlsplit(allowed).hostname or ""):
        return None
    return f"{scheme}://{host.removeprefix('www.') if host.startswith('www.') else 'www.' + host}"


def siblings_left_out(origins: Sequence[str]) -> list[str]:
    """The siblings (:func:`sibling`) of ``origins`` that they do not let through, in their order."""
    found = (sibling(allowed) for allowed in origins)
    return list(dict.fromkeys(s for s in found if s is not None and not origin_listed(origins, s)))


def describe_origins(origins: Sequence[str], say: Say = english, contact: str | None = None) -> list[str]:
    """What a key's allowed origins let through, a line each, and the common sibling the list leaves out
    (:func:`sibling`), for the person who made the key to add it, or — given the centre's ``contact`` — for the
    person who receives it by mail (in their language: ``say``) to ask the centre to: a site served at both
    addresses would see its widget refused at one."""
    every, left_out = ADD_IT if contact is None else ASK_THE_CENTRE
    lines = []
    for allowed in origins:
        scheme, wildcard, base = allowed.partition("://" + WILDCARD)
        if wildcard:
            values = {"allowed": allowed, "base": base, "www": f"{scheme}://www.{base}", "bare": f"{scheme}://{base}"}
            if values["bare"] in origins:
                lines.append(say(N_("{allowed}: pages of every subdomain of {base} ({www}…)"), **values))
            else:
                lines.append(say(every, **values, contact=contact or ""))
            continue
        lines.append(say(N_("{allowed}: pages of this exact origin"), allowed=allowed))
        other = sibling(allowed)
        if other is not None and not origin_listed(origins, other):
            lines.append("  " + say(left_out, sibling=other, contact=contact or ""))
    return lines


# The person's own computer, whichever name its address bar gives it: where a page is set up (the key request form
# allows http:// there only), one site to a key's refusal.
LOOPBACK_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1"})


def _site_host(origin: str) -> str:
    """An origin's host without its scheme, port, wildcard or ``www.``: what a person calls the site."""
    host = (urlsplit(origin.replace(WILDCARD, "", 1)).hostname or "").lower()
    return "localhost" if host in LOOPBACK_HOSTS else host.removeprefix("www.")


def _names_site(allowed: str, site: str) -> bool:
    base = _site_host(allowed)
    return base == site or (WILDCARD in allowed and site.endswith(f".{base}"))


def near_misses(allowed_origins: Iterable[str], origin: str) -> list[str]:
    """The allowed origins of a key that name the site of ``origin`` without letting it through: another scheme or
    port, the ``www.`` or bare sibling, the domain of a ``*.`` wildcard, another name of the same computer. A
    refusal names them, as they are the usual slip (the key asked for ``https://www.x.fr``, the site also served at
    ``https://x.fr``); the others it keeps to itself, saying nothing of a key's sites to a page of another one."""
    site = _site_host(origin)
    return sorted(a for a in allowed_origins if _names_site(a, site) and not origin_matches(a, origin))


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
    if origin in allowed_origins or origin_listed(allowed_origins, origin):
        return True
    return public_base_url is not None and origin == centre_origin(public_base_url)
