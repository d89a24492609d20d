"""The participant's and household's timeline: one chronological list fed by any app.

An app contributes by registering a source: a function
``(ugyfel=None, haztartas=None, user) -> iterable of Esemeny`` that runs a
constant number of queries. Trainings and community programmes register
theirs in their own ``apps.py``; this module knows none of them.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

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
