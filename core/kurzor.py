"""Values read by a cursor from a written-out statement, as the ORM would give them on either database."""

import datetime
import functools

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


def peldany(model, **mezok):
    """An instance of ``model`` with the columns ``mezok`` alone (by attribute name; ``pk`` for the key), as a
    ``.only()`` query gives it: a row of a written-out statement. Building one with ``model(**mezok)`` fills every other
    field with its default (25 us for a participant) and carries them into the kept copy; a field left out is read
    from the database if asked for, as with ``.only()``."""
    if "pk" in mezok:
        mezok[model._meta.pk.attname] = mezok.pop("pk")
    kapcsolatok = {nev: mezok.pop(nev) for nev in list(mezok) if nev not in _oszlopok(model)}
    ertekek = [mezok[o] for o in _oszlopok(model) if o in mezok]
    obj = model.from_db(None, mezok.keys(), ertekek)
    for nev, ertek in kapcsolatok.items():  # a related object (``mentor=...``): its key and its cache
        model._meta.get_field(nev)  # a name no field has raises, as ``model(**mezok)`` would
        setattr(obj, nev, ertek)
    return obj


@functools.cache
def _oszlopok(model) -> tuple[str, ...]:
    return tuple(f.attname for f in model._meta.concrete_fields)
