"""The participant's and household's timeline: one chronological list fed by any app.

An app contributes by registering a source: a function
``(ugyfel=None, haztartas=None, user) -> iterable of Esemeny`` that runs a
constant number of queries. Trainings and community programmes register
theirs in their own ``apps.py``; this module knows none of them.

A source may take further keyword parameters for records its caller may
have read already (the participant's page passes its ``tervek``); the
caller hands them to ``esemenyek`` by name.
"""

import datetime
import functools
import inspect
from dataclasses import dataclass
from types import SimpleNamespace

from django.urls import reverse
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

    @functools.cached_property
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


def url_keszito(nev: str):
    """``lambda pk: reverse(nev, args=[pk])`` for a URL with one integer ``pk``, at the cost of one reverse().

    A timeline links dozens of records of one kind to their page; reverse() walks the URL
    resolver every time. The URL is reversed once with a marker and the marker replaced.
    """
    jel = 918273645546372819
    minta = reverse(nev, args=[jel])
    if minta.count(str(jel)) != 1:
        return lambda pk: reverse(nev, args=[pk])
    elotte, utana = minta.split(str(jel))
    return lambda pk: f"{elotte}{int(pk)}{utana}"


def forras(fn):
    """Register a timeline source (usable as a decorator)."""
    if fn not in _forrasok:
        _forrasok.append(fn)
    return fn


@functools.cache
def _parameterek(fn) -> frozenset:
    return frozenset(inspect.signature(fn).parameters)


def esemenyek(*, user, ugyfel=None, haztartas=None, limit=200, **elore) -> list[Esemeny]:
    """The lines of the timeline, newest first, at most ``limit``.

    ``elore``: records the caller has read already, handed to the sources that take a
    parameter of that name, so that they are not read twice.
    """
    items = []
    for fn in _forrasok:
        atadott = {nev: ertek for nev, ertek in elore.items() if nev in _parameterek(fn)}
        items.extend(fn(ugyfel=ugyfel, haztartas=haztartas, user=user, **atadott))
    items.sort(key=lambda e: e.rendezo.replace(tzinfo=None), reverse=True)
    return items[:limit]
