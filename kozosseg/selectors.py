"""Reads and aggregates of community programmes, for the screens and for the indicator report.

``idoszak`` is a pair ``(tol, ig)`` of dates (either end None = open) and
filters on the session date. Registered participants are counted as distinct
``Ugyfel`` rows; unregistered residents exist only as the head-count of a
session, so they appear in the attendance total but never among the people.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from ugyfelek.models import Ugyfel

from .models import Alkalom, Jelentkezes, Program, Reszvetel


def tartott_alkalmak(projekt, idoszak=None, *, program=None):
    """Sessions of ``projekt``'s programmes dated in the period (the "sessions held"), each with
    ``regisztralt`` (registered participants present) and ``osszesen`` (that plus the head-count)."""
    tol, ig = idoszak or (None, None)
    qs = Alkalom.objects.for_projekt(projekt)
    if tol:
        qs = qs.filter(datum__gte=tol)
    if ig:
        qs = qs.filter(datum__lte=ig)
    if program is not None:
        qs = qs.filter(program=program)
    return qs.annotate(regisztralt=Count("reszvetelek")).annotate(
        osszesen=F("regisztralt") + F("letszam_nem_regisztralt")
    )


def reszvetelek(projekt, idoszak=None, *, program=None):
    """Presences of registered participants at the sessions held in the period."""
    alkalmak = tartott_alkalmak(projekt, idoszak, program=program).values("pk")
    return Reszvetel.objects.filter(alkalom__in=alkalmak)


def program_resztvevok(projekt, idoszak=None, *, program=None):
    """Distinct registered participants present at least once at a programme session in the period."""
    return Ugyfel.objects.filter(pk__in=reszvetelek(projekt, idoszak, program=program).values("ugyfel_id")).order_by(
        "csaladi_nev", "utonev", "pk"
    )


def osszes_reszvetel(projekt, idoszak=None, *, program=None) -> int:
    """Total attendance in the period: presences of registered participants plus the head-counts.

    A family day with 25 registered participants present and 40 more residents counted gives 65.
    The evidence behind it is ``tartott_alkalmak`` (per session ``osszesen``).
    """
    alkalmak = tartott_alkalmak(projekt, idoszak, program=program).values("pk")
    regisztralt = Reszvetel.objects.filter(alkalom__in=alkalmak).count()
    fo = Alkalom.objects.filter(pk__in=alkalmak).aggregate(db=Coalesce(Sum("letszam_nem_regisztralt"), 0))["db"]
    return regisztralt + fo


def _programonkent(qs, program_utvonal, ertek):
    """``ertek`` (an aggregate) over the rows of ``qs`` whose ``program_utvonal`` is the outer programme; 0 if none.

    A correlated subquery: it is evaluated once per outer row fetched, and one figure's joins do not
    multiply another's.
    """
    sor = qs.filter(**{program_utvonal: OuterRef("pk")}).order_by().values(program_utvonal).annotate(db=ertek)
    return Coalesce(Subquery(sor.values("db"), output_field=IntegerField()), 0)


def programok_osszesitovel(qs):
    """Programmes with ``alkalmak_db``, ``jelentkezok``, ``reszvetelek_db`` and ``letszam`` (head-counts), in SQL.

    Every figure is a correlated subquery, never a join with GROUP BY: the queryset stays one row per
    programme, so counting it is a plain count of the programmes, and the figures cost per programme
    fetched, whatever the number of sessions and attendances. A list should fetch its page by ids
    (``core.pagination.GyorsPaginator`` does): under LIMIT/OFFSET PostgreSQL evaluates the subqueries
    for the skipped rows too.
    """
    return qs.annotate(
        alkalmak_db=_programonkent(Alkalom.objects.all(), "program", Count("pk")),
        jelentkezok=_programonkent(Jelentkezes.objects.all(), "program", Count("pk")),
        reszvetelek_db=_programonkent(Reszvetel.objects.all(), "alkalom__program", Count("pk")),
        letszam=_programonkent(Alkalom.objects.all(), "program", Sum("letszam_nem_regisztralt")),
    )


def programok(user):
    """The programmes ``user`` may see, with their figures."""
    return programok_osszesitovel(Program.objects.for_user(user).select_related("projekt"))
