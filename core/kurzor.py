"""Values read by a cursor from a written-out statement, as the ORM would give them on either database."""

import datetime

from django.utils import timezone


def nap(ertek):
    """A date column read by a cursor: a date (PostgreSQL) or ISO text (SQLite)."""
    return datetime.date.fromisoformat(ertek) if isinstance(ertek, str) else ertek


def ido(ertek):
    """A time column read by a cursor: an aware time (PostgreSQL) or UTC text (SQLite)."""
    if isinstance(ertek, str):
        ertek = datetime.datetime.fromisoformat(ertek)
    if ertek is not None and timezone.is_naive(ertek):
        ertek = ertek.replace(tzinfo=datetime.UTC)
    return ertek
