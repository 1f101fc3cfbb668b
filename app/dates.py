"""Dates as instants: a resource's dates are days, while feeds, HTTP headers and the search engines want instants."""

from datetime import UTC, date, datetime


def midnight_utc(day: date) -> datetime:
    """The instant ``day`` begins, in UTC (the convention for every day-only date the centre publishes)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
