"""The participant's and household's timeline: one chronological list fed by any app.

An app contributes by registering a source: a function
``(ugyfel=None, haztartas=None, user) -> iterable of Esemeny`` that runs a
constant number of queries. Trainings and community programmes register
theirs in their own ``apps.py``; this module knows none of them.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone

from .models import Ugyfel

_forrasok = []


@dataclass
class Esemeny:
    idopont: datetime.datetime | datetime.date
    tipus: str  # short label, e.g. "Látogatás"
    cim: str
    leiras: str = ""
    url: str = ""

    @property
    def rendezo(self) -> datetime.datetime:
        if isinstance(self.idopont, datetime.datetime):
            return timezone.localtime(self.idopont) if timezone.is_aware(self.idopont) else self.idopont
        return datetime.datetime.combine(self.idopont, datetime.time.max)

    @property
    def datum(self) -> datetime.date:
        return self.rendezo.date()


def nev_oszlopok(haztartas) -> tuple[str, ...]:
    """The member's name columns for a source that reads columns (``values_list``).

    On a household's timeline each line says whose it is, so the name is read;
    a participant's own timeline needs neither the name nor the join to it.
    """
    return ("ugyfel__csaladi_nev", "ugyfel__utonev") if haztartas is not None else ()


def elotag(nev) -> str:
    """The line prefix ("Kovács Anna: ") from the columns of ``nev_oszlopok``; "" when none were read."""
    if not nev:
        return ""
    csaladi_nev, utonev = nev
    return f"{Ugyfel.nev.fget(SimpleNamespace(csaladi_nev=csaladi_nev, utonev=utonev))}: "


def forras(fn):
    """Register a timeline source (usable as a decorator)."""
    if fn not in _forrasok:
        _forrasok.append(fn)
    return fn


def esemenyek(*, user, ugyfel=None, haztartas=None, limit=200) -> list[Esemeny]:
    items = []
    for fn in _forrasok:
        items.extend(fn(ugyfel=ugyfel, haztartas=haztartas, user=user))
    items.sort(key=lambda e: e.rendezo.replace(tzinfo=None), reverse=True)
    return items[:limit]
