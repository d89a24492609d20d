"""Reads and aggregates of community programmes, for the screens and for the indicator report.

``idoszak`` is a pair ``(tol, ig)`` of dates (either end None = open) and
filters on the session date. Registered participants are counted as distinct
``Ugyfel`` rows; unregistered residents exist only as the head-count of a
session, so they appear in the attendance total but never among the people.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from ugyfelek.models import Ugyfel

from .models import Alkalom, Program, Reszvetel


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


def programok_osszesitovel(qs):
    """Programmes with ``alkalmak_db``, ``jelentkezok``, ``reszvetelek_db`` and ``letszam`` (head-counts), in SQL.

    The sums are subqueries so that the joins of one do not multiply another.
    """
    reszvetel = (
        Reszvetel.objects.filter(alkalom__program=OuterRef("pk")).values("alkalom__program").annotate(db=Count("pk"))
    )
    letszam = (
        Alkalom.objects.filter(program=OuterRef("pk")).values("program").annotate(db=Sum("letszam_nem_regisztralt"))
    )
    return qs.annotate(
        alkalmak_db=Count("alkalmak", distinct=True),
        jelentkezok=Count("jelentkezesek", distinct=True),
        reszvetelek_db=Coalesce(Subquery(reszvetel.values("db"), output_field=IntegerField()), 0),
        letszam=Coalesce(Subquery(letszam.values("db"), output_field=IntegerField()), 0),
    )


def programok(user):
    """The programmes ``user`` may see, with their figures."""
    return programok_osszesitovel(Program.objects.for_user(user).select_related("projekt"))
