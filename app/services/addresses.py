"""Web addresses as people type them in forms: « www.ong.org/rapport.pdf », copied from a browser's address bar
that hides the scheme, means https://www.ong.org/rapport.pdf. Refusing it until « https:// » is typed only made
partners retype it; what stays wrong (spaces, no host) is still refused by the form's own rules."""

import re

# A host name with a dot (never a path, a scheme or user info), then the end or a path, query or fragment.
_BARE_HOST = re.compile(r"^[^\s/:@?#]+\.[^\s/:@?#]+(?:[/?#]|$)")


def web_address(typed: str) -> str:
    """``typed`` without its surrounding spaces, and with ``https://`` in front when it is a bare host name."""
    address = typed.strip()
    return f"https://{address}" if _BARE_HOST.match(address) else address
