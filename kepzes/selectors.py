"""Reads and aggregates of trainings, for the screens and for the indicator report.

Period arguments: ``idoszak`` is a pair ``(tol, ig)`` of dates, either end may be
None (open). Every function returns a queryset, so a figure is ``.count()`` of it
and its drill-down is the queryset itself; the people-returning ones return
``Ugyfel`` rows, each person once however many cohorts they were in.
"""

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from ugyfelek.models import Ugyfel

from .models import Beiratkozas, Csoport, Kepzes

S = Beiratkozas.Statusz
# Enrolments that mean the person actually took part (a mere application does not).
RESZT_VETT = [S.RESZT_VESZ, S.ELVEGEZTE, S.LEMORZSOLODOTT]


def _datum_szuro(mezo, idoszak):
    tol, ig = idoszak or (None, None)
    q = Q()
    if tol:
        q &= Q(**{f"{mezo}__gte": tol})
    if ig:
        q &= Q(**{f"{mezo}__lte": ig})
    return q


def beiratkozasok(projekt, idoszak=None, *, kepzes=None):
    """Enrolments of ``projekt`` in cohorts that ran in the period (started by its end, not ended before its start)."""
    tol, ig = idoszak or (None, None)
    qs = Beiratkozas.objects.for_projekt(projekt)
    if ig:
        qs = qs.filter(csoport__kezdete__lte=ig)
    if tol:
        qs = qs.filter(Q(csoport__vege__isnull=True) | Q(csoport__vege__gte=tol))
    if kepzes is not None:
        qs = qs.filter(csoport__kepzes=kepzes)
    return qs


def _emberek(beiratkozas_qs):
    return Ugyfel.objects.filter(pk__in=beiratkozas_qs.values("ugyfel_id")).order_by("csaladi_nev", "utonev", "pk")


def kepzesben_resztvevok(projekt, idoszak=None, *, kepzes=None):
    """People who took part in a training (attending, completed or dropped out) in the period; distinct persons."""
    return _emberek(beiratkozasok(projekt, idoszak, kepzes=kepzes).filter(statusz__in=RESZT_VETT))


def kepzesenkent(projekt, idoszak=None):
    """Trainings run in ``projekt`` with ``resztvevok``: distinct persons who took part in the period, per training."""
    bq = beiratkozasok(projekt, idoszak).filter(statusz__in=RESZT_VETT)
    return (
        Kepzes.objects.filter(csoportok__beiratkozasok__in=bq)
        .annotate(resztvevok=Count("csoportok__beiratkozasok__ugyfel", distinct=True))
        .order_by("nev")
    )


def kepzest_elvegzok(projekt, idoszak=None, *, kepzes=None):
    """People who completed a training, with the completion date in the period."""
    qs = Beiratkozas.objects.for_projekt(projekt).filter(statusz=S.ELVEGEZTE)
    qs = qs.filter(_datum_szuro("elvegezte_datum", idoszak))
    if kepzes is not None:
        qs = qs.filter(csoport__kepzes=kepzes)
    return _emberek(qs)


def tanusitvanyt_szerzok(projekt, idoszak=None, *, kepzes=None):
    """People who obtained a training certificate dated in the period (the ESF "gained a qualification")."""
    qs = Beiratkozas.objects.for_projekt(projekt).filter(tanusitvany=True)
    qs = qs.filter(_datum_szuro("tanusitvany_datuma", idoszak))
    if kepzes is not None:
        qs = qs.filter(csoport__kepzes=kepzes)
    return _emberek(qs)


def lemorzsolodottak(projekt, idoszak=None, *, kepzes=None):
    """People who dropped out of a training, with the drop-out date in the period."""
    qs = Beiratkozas.objects.for_projekt(projekt).filter(statusz=S.LEMORZSOLODOTT)
    qs = qs.filter(_datum_szuro("lemorzsolodas_datuma", idoszak))
    if kepzes is not None:
        qs = qs.filter(csoport__kepzes=kepzes)
    return _emberek(qs)


def _beiratkozasi_szamok(distinct):
    def db(**szuro):
        return Count(
            "beiratkozasok", filter=Q(**{f"beiratkozasok__{k}": v for k, v in szuro.items()}), distinct=distinct
        )

    return {
        "beiratkozott": Count("beiratkozasok", distinct=distinct),
        "resztvesz": db(statusz=S.RESZT_VESZ),
        "elvegezte": db(statusz=S.ELVEGEZTE),
        "lemorzsolodott": db(statusz=S.LEMORZSOLODOTT),
        "tanusitvanyok": db(tanusitvany=True),
    }


def csoportok_letszammal(qs):
    """Cohorts annotated with their enrolment figures: enrolled, attending, completed, dropped out, certificates.

    One join (the enrolments), so each enrolment is counted once without DISTINCT: for lists of cohorts.
    """
    return qs.annotate(**_beiratkozasi_szamok(distinct=False))


def csoportok_haladassal(qs):
    """Cohorts annotated with their progress: the enrolment figures and the number of sessions.

    The sessions' join repeats every enrolment once per session (hence DISTINCT): for a few cohorts,
    such as a cohort's own page; lists use ``csoportok_letszammal``.
    """
    return qs.annotate(**_beiratkozasi_szamok(distinct=True), foglalkozasok_db=Count("foglalkozasok", distinct=True))


def csoportok(user):
    """The cohorts ``user`` may see, with their training and progress."""
    return csoportok_haladassal(Csoport.objects.for_user(user).select_related("kepzes", "projekt"))


def legutobbi_csoportok(qs, n):
    """The latest ``n`` cohorts of each training in ``qs``, with their enrolment figures, and how many per training.

    Returns ``{kepzes_id: (number of cohorts, [cohorts, latest start first])}``; a training without a
    cohort in ``qs`` is missing. Two queries, whatever the size of ``qs``: the ids ranked within their
    training (a window over the narrow cohort rows), then the rows shown, with their figures, by id.
    """
    sorrend = [F("kezdete").desc(), F("pk").asc()]
    rangsor = (
        qs.order_by()
        .annotate(
            sorszam=Window(RowNumber(), partition_by=F("kepzes_id"), order_by=sorrend),
            kepzesenkent=Window(Count("pk"), partition_by=F("kepzes_id")),
        )
        .filter(sorszam__lte=n)
        .values_list("pk", "kepzes_id", "kepzesenkent")
    )
    eredmeny = {}
    idk = []
    for pk, kepzes_id, db in rangsor:
        eredmeny[kepzes_id] = (db, [])
        idk.append(pk)
    if idk:
        for c in csoportok_letszammal(qs.filter(pk__in=idk)).select_related("projekt").order_by(*sorrend):
            eredmeny[c.kepzes_id][1].append(c)
    return eredmeny


def kepzesenkenti_szamok(qs):
    """How many cohorts of ``qs`` each training has, and in how many projects: ``{kepzes_id: (cohorts, projects)}``."""
    sorok = qs.order_by().values("kepzes_id").annotate(db=Count("pk"), projektek=Count("projekt_id", distinct=True))
    return {s["kepzes_id"]: (s["db"], s["projektek"]) for s in sorok}
