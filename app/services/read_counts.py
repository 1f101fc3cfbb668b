"""The resources' reads counted, so that the organisations that publish them see that they are read: per day,
resource and kind (:class:`app.models.ReadKind`: its public page, one of its documents, the API), a number — never
who read (no IP address, cookie, key, session or time of day). Recording costs no database write: a process's
counter in memory, written every minute (:mod:`app.services.counters`). The rows past ``read_counts_kept_days``
are deleted by app/services/retention.py.

What is counted (:mod:`app.middleware.reads` decides from the answer as sent): a published resource's page, a
document of it, or its API read, answered 200 to a GET whose User-Agent is not a known crawler's (:func:`is_bot`).
Not counted: HEAD (link checkers, monitors), a 304 (a browser or cache revalidating a copy it has: it was counted
when it was first served, and a reload would count twice), an error, a redirect, a draft read with its
organisation's key."""

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Final

from sqlalchemy.orm import Session

from app.models import ReadCount, ReadKind
from app.services.counters import DailyCounter, add_to_rows, utc_today

# Resources × kinds held between two writes: only published resources are counted (an unknown id is a 404), so
# this is a bound for a very large centre; ~100 bytes each.
MAX_HELD: Final = 50_000
# Well-known crawlers and link previewers, conservatively: names that say so (bot, crawler, spider), and those that
# do not (Yahoo's Slurp, the Internet Archive, Facebook's and WhatsApp's link previews, Bing's preview, Google's ads
# crawler, Lighthouse's audits). HTTP libraries (curl, python-requests) are not: the API's readers use them.
BOT: Final = re.compile(
    r"bot|crawl|spider|slurp|ia_archiver|facebookexternalhit|whatsapp|bingpreview|mediapartners-google|"
    r"lighthouse",
    re.IGNORECASE,
)

Key = tuple[date, str, ReadKind]  # day, resource id, kind


def is_bot(user_agent: str | None) -> bool:
    """A crawler, a monitor or a link preview; no User-Agent at all is none of the browsers people read with."""
    return not user_agent or not user_agent.strip() or BOT.search(user_agent) is not None


class ReadCounts(DailyCounter[Key]):
    """A process's counts of reads since its last write."""

    name = "read_counts"

    def __init__(self, *, enabled: bool = True, today: Callable[[], date] = utc_today) -> None:
        super().__init__(enabled=enabled, max_held=MAX_HELD, today=today)

    def record(self, kind: ReadKind, resource_id: str) -> None:
        """One read of ``resource_id`` (a few microseconds, no I/O)."""
        if self.enabled:
            self._add((self._today(), resource_id, kind), (1,))

    def write(self, session: Session, counts: Mapping[Key, Iterable[int]]) -> None:
        add(session, counts)


def add(session: Session, counts: Mapping[Key, Iterable[int]]) -> None:
    """Add ``counts`` to the day's rows."""
    rows = [
        {"day": day, "resource_id": resource_id, "kind": kind, "reads": next(iter(tally))}
        for (day, resource_id, kind), tally in sorted(counts.items())
    ]
    add_to_rows(session, ReadCount, ("day", "resource_id", "kind"), ("reads",), rows)
