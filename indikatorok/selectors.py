"""Reads of the indicator report: periods, figures with targets, the cumulative series, data quality.

Every figure comes from ``definitions.INDIKATOROK`` (one code path), computed
for the whole page by ``definitions.szamok``; this module only arranges them.
The report costs one aggregate per evidence model, whatever the number of
indicators, targets, trainings and chart points, and never depends on the
number of participants.
"""

import calendar
import datetime
import functools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from akcioterulet.models import Projekt
from core import kurzor
from ugyfelek.models import Haztartas, Ugyfel

from .definitions import INDIKATOROK, Idoszak, Indikator, Kerdes, szamok
from .models import Celertek

# --- periods -----------------------------------------------------------------------------


def _metszet(projekt, kezdete, vege, nev):
    k, v = max(kezdete, projekt.kezdete), min(vege, projekt.vege)
    return Idoszak(k, v, nev) if k <= v else None


def idoszak_presetek(projekt) -> list[tuple[str, Idoszak]]:
    """Whole project, each calendar year, half-year and quarter, clipped to the project's dates."""
    presetek = [("teljes", Idoszak(projekt.kezdete, projekt.vege, "A teljes projekt"))]
    evek = range(projekt.kezdete.year, projekt.vege.year + 1)
    for ev in evek:
        i = _metszet(projekt, datetime.date(ev, 1, 1), datetime.date(ev, 12, 31), f"{ev}")
        if i:
            presetek.append((f"{ev}", i))
    for ev in evek:
        for f, (k, v) in enumerate(((1, 6), (7, 12)), start=1):
            vege = datetime.date(ev, v, 30 if v == 6 else 31)
            i = _metszet(projekt, datetime.date(ev, k, 1), vege, f"{ev}. {f}. félév")
            if i:
                presetek.append((f"{ev}-F{f}", i))
    for ev in evek:
        for n in range(1, 5):
            kezdo_ho = 3 * n - 2
            vege = (datetime.date(ev + 1, 1, 1) if n == 4 else datetime.date(ev, kezdo_ho + 3, 1)) - datetime.timedelta(
                days=1
            )
            i = _metszet(projekt, datetime.date(ev, kezdo_ho, 1), vege, f"{ev}. {n}. negyedév")
            if i:
                presetek.append((f"{ev}-N{n}", i))
    return presetek


# --- targets and progress ----------------------------------------------------------------


def celertekek(projekt):
    # Milestones are read for the charted target only (the view), not prefetched for every target.
    return Celertek.objects.filter(projekt=projekt).select_related("kepzes")


def elvart_ertek(celertek, projekt, napon: datetime.date) -> Decimal:
    """The linear expectation on a day: 0 at the project's start, the target on the deadline."""
    kezdet, hatarido = projekt.kezdete, celertek.hatarido
    if napon >= hatarido or hatarido <= kezdet:
        return celertek.ertek
    if napon <= kezdet:
        return Decimal(0)
    return (celertek.ertek * Decimal((napon - kezdet).days) / Decimal((hatarido - kezdet).days)).quantize(Decimal(1))


@dataclass
class Allapot:
    kod: str  # teljesult / utemben / lemaradt / nem_teljesult
    szoveg: str
    elvart: Decimal
    halmozott: int
    szazalek: int


def utemezes(celertek, projekt, halmozott: int, napon: datetime.date) -> Allapot:
    """Whether the cumulative figure on ``napon`` keeps pace with the target's deadline."""
    elvart = elvart_ertek(celertek, projekt, napon)
    szazalek = int(min(100, halmozott * 100 / celertek.ertek)) if celertek.ertek else 100
    if halmozott >= celertek.ertek:
        return Allapot("teljesult", "teljesült", elvart, halmozott, szazalek)
    if napon >= celertek.hatarido:
        return Allapot("nem_teljesult", "határidőre nem teljesült", elvart, halmozott, szazalek)
    if halmozott >= elvart:
        return Allapot("utemben", "ütemben halad", elvart, halmozott, szazalek)
    return Allapot("lemaradt", f"lemaradásban (elvárt: {elvart})", elvart, halmozott, szazalek)


@dataclass
class Sor:
    """A row of the report: an indicator (maybe bound to a training) with its figure and target."""

    indikator: Indikator
    nev: str
    ertek: int
    kepzes: object = None
    celertek: Celertek | None = None
    allapot: Allapot | None = None
    bontas: dict = field(default_factory=dict)
    lista: bool = False  # may the user open the drill-down list?
    behuzott: bool = False
    sorozat: list | None = None  # the cumulative series of the target shown on the chart

    @property
    def kulcs(self):
        return self.indikator.kulcs


def _kepzesek(projekt):
    from kepzes.models import Kepzes

    return list(Kepzes.objects.filter(csoportok__projekt=projekt).distinct().order_by("nev"))


def _negyedev_vegek(projekt, vege: datetime.date) -> list[datetime.date]:
    """The end of each quarter from the project's start up to ``vege`` (the last point is ``vege`` itself)."""
    pontok = []
    nap = projekt.kezdete
    while True:
        ho = ((nap.month - 1) // 3 + 1) * 3
        negyedev_vege = (
            datetime.date(nap.year + 1, 1, 1) if ho == 12 else datetime.date(nap.year, ho + 1, 1)
        ) - datetime.timedelta(days=1)
        pont = min(negyedev_vege, vege)
        pontok.append(pont)
        if pont >= vege:
            return pontok
        nap = pont + datetime.timedelta(days=1)


def _sorozat_kerdesei(projekt, celertek, vege):
    ind = INDIKATOROK[celertek.mutato]
    return [(p, Kerdes.uj(ind, Idoszak(projekt.kezdete, p), celertek.kepzes)) for p in _negyedev_vegek(projekt, vege)]


def halmozott_sorozat(projekt, celertek, vege: datetime.date, eredmenyek=None):
    """Cumulative figure of a target at the end of each quarter up to ``vege``, with the target line.

    Every point is computed in one aggregate (``szamok``), or read from
    ``eredmenyek`` when the report has computed them with its other figures.
    """
    kerdesek = _sorozat_kerdesei(projekt, celertek, vege)
    if eredmenyek is None:
        eredmenyek = szamok(projekt, [k for _p, k in kerdesek])
    return [
        {"datum": p.isoformat(), "ertek": eredmenyek[k].ertek, "elvart": int(elvart_ertek(celertek, projekt, p))}
        for p, k in kerdesek
    ]


def jelentes(user, projekt, idoszak, bontasok=("nem",), grafikon=None, futtato=None):
    """The report: the project's targets first, then every indicator the user may see, by group.

    Returns (celertek_sorok, csoportok) where csoportok is [(group name, [Sor])].
    Every figure of the page (period, cumulative for targets, per training,
    breakdowns) is computed by ``definitions.szamok`` with one aggregate per
    evidence model. With ``grafikon`` (a target's id as text, or "" for the
    first target) the cumulative series of that target is computed in the same
    batch and set on its row as ``sorozat``. ``futtato`` may keep each model's
    statement apart (``definitions.szamok``).
    """
    napon = min(idoszak.vege, timezone.localdate())
    halmozott_idoszak = Idoszak(projekt.kezdete, idoszak.vege)
    bontasok = tuple(bontasok)
    # (row, figure asked for, cumulative figure asked for or None); the figures are computed at the end.
    tervek: list[tuple[Sor, Kerdes, Kerdes | None]] = []

    def terv(ind, *, kepzes=None, celertek=None, nev=None):
        sor = Sor(ind, nev or ind.nev, 0, kepzes=kepzes, celertek=celertek, lista=ind.lista_lathato(user, projekt))
        halmozott = None
        if celertek is not None and idoszak.kezdete != projekt.kezdete:
            halmozott = Kerdes.uj(ind, halmozott_idoszak, kepzes)
        tervek.append((sor, Kerdes.uj(ind, idoszak, kepzes, bontasok), halmozott))
        return sor

    celok = []
    kotetlen = {}
    for c in celertekek(projekt):
        ind = INDIKATOROK.get(c.mutato)
        if ind is None or not ind.lathato(user, projekt):
            continue
        nev = c.nev or (f"{ind.nev}: {c.kepzes}" if c.kepzes else ind.nev)
        celok.append(terv(ind, kepzes=c.kepzes, celertek=c, nev=nev))
        if c.kepzes is None:
            kotetlen.setdefault(c.mutato, c)
    kepzesek = _kepzesek(projekt)
    csoportok: dict[str, list[Sor]] = {}
    for ind in INDIKATOROK.values():
        if not ind.lathato(user, projekt):
            continue
        sorok = csoportok.setdefault(ind.csoport, [])
        sorok.append(terv(ind, celertek=kotetlen.get(ind.kulcs)))
        if ind.kulcs == "kepzesben":
            for k in kepzesek:
                s = terv(ind, kepzes=k, nev=f"ebből: {k.nev}")
                s.behuzott = True
                sorok.append(s)

    grafikon_sor = None
    sorozat = []
    if grafikon is not None and celok:
        grafikon_sor = next((s for s in celok if str(s.celertek.pk) == grafikon), celok[0])
        sorozat = _sorozat_kerdesei(projekt, grafikon_sor.celertek, idoszak.vege)
    kerdesek = [k for _s, fo, halm in tervek for k in (fo, halm) if k is not None]
    eredmenyek = szamok(projekt, kerdesek + [k for _p, k in sorozat], futtato=futtato)

    for sor, fo, halm in tervek:
        szam = eredmenyek[fo]
        sor.ertek, sor.bontas = szam.ertek, szam.bontas
        if sor.celertek is not None:
            halmozott = eredmenyek[halm].ertek if halm else szam.ertek
            sor.allapot = utemezes(sor.celertek, projekt, halmozott, napon)
    if grafikon_sor is not None:
        grafikon_sor.sorozat = halmozott_sorozat(projekt, grafikon_sor.celertek, idoszak.vege, eredmenyek)
    return celok, list(csoportok.items())


# --- data quality ------------------------------------------------------------------------

SZAKASZOK = {
    "hianyos": "Hiányos belépési adatok",
    "eredmeny_28": "Kilépés után 28 nappal sincs rögzített eredmény",
    "eredmeny_6ho": "Esedékes 6 hónapos eredmény",
    "terv_nelkul": "Bevont résztvevő fejlesztési terv nélkül",
    "kivul": "Akcióterületen kívüli cím",
    "haztartas_kivul": "Akcióterületen kívüli háztartás",
    "duplikatum": "Valószínű duplikátumok (azonos név és születési dátum)",
}


def _honappal_elotte(nap: datetime.date, honap: int) -> datetime.date:
    ev, ho = divmod(nap.year * 12 + nap.month - 1 - honap, 12)
    ho += 1
    return datetime.date(ev, ho, min(nap.day, calendar.monthrange(ev, ho)[1]))


def adatminoseg_qs(projekt, szakasz, ma=None):
    """The queryset of one data-quality check (participants, or households for one check): what its page lists
    and what the overview counts. Each check's rows are an index of their own (``Ugyfel.Meta.indexes``)."""
    ma = ma or timezone.localdate()
    u = Ugyfel.objects.filter(projekt=projekt, anonimizalva__isnull=True)
    if szakasz == "hianyos":
        return u.filter(~Ugyfel.TELJES_Q)
    if szakasz == "eredmeny_28":
        return u.filter(kilepes_datuma__lte=ma - datetime.timedelta(days=28), eredmeny_28="")
    if szakasz == "eredmeny_6ho":
        return u.filter(kilepes_datuma__lte=_honappal_elotte(ma, 6), eredmeny_6ho="")
    if szakasz == "terv_nelkul":
        # Those with no plan by the first plan's date the plans keep (``Ugyfel.elso_terv``, ugyfelek/bevonas.py):
        # counted and paged from their own index, not by an anti-join with the project's plans.
        return u.filter(megallapodas_datuma__isnull=False, elso_terv__isnull=True)
    if szakasz == "kivul":
        return u.filter(akcioteruleten_kivul=True)
    if szakasz == "haztartas_kivul":
        return Haztartas.objects.filter(projekt=projekt, akcioteruleten_kivul=True)
    raise KeyError(szakasz)  # the duplicates are groups, not a list: duplikatum_csoportok()


def _szama(qs):
    """The number of rows of ``qs``, as a subquery (0 when it has none)."""
    return Coalesce(Subquery(qs.order_by().values("projekt").annotate(n=Count("*")).values("n")), 0)


# The likely duplicates' two statements, written out: the ORM took 1 ms to build them on every count of the page. Every
# table and column is named in quotes, as Django names them (a kept part's watcher, ``core.adatverzio.Figyelo``, reads
# the names). The pairs from the index alone (``ugyfel_duplikatum_idx``); then those born on those days, in the
# participant list's order (``Ugyfel.Meta.ordering``).
DUPLIKATUM_PAROK_SQL = """SELECT "u"."szuletesi_datum", "u"."nev_kulcs" FROM "ugyfelek_ugyfel" "u"
WHERE "u"."projekt_id" = %s AND "u"."anonimizalva" IS NULL
GROUP BY "u"."szuletesi_datum", "u"."nev_kulcs" HAVING COUNT(*) > 1"""
DUPLIKATUM_JELOLTEK_SQL = """SELECT "u"."id", "u"."csaladi_nev", "u"."utonev", "u"."szuletesi_datum", "u"."nev_kulcs"
FROM "ugyfelek_ugyfel" "u"
WHERE "u"."projekt_id" = %s AND "u"."anonimizalva" IS NULL AND "u"."szuletesi_datum" IN ({napok})
ORDER BY "u"."csaladi_nev", "u"."utonev", "u"."szuletesi_datum", "u"."id"
"""


def duplikatum_csoportok(projekt):
    """Groups of likely duplicates: the same folded family and given name (``Ugyfel.nev_kulcs``) and birth date.

    Two queries whatever the project's size: the pairs that occur more than once, from the index alone
    (``ugyfel_duplikatum_idx``); then those born on those days, kept if their pair is one of them. Each member as
    {"pk", "csaladi_nev", "utonev", "szuletesi_datum"}."""
    with connection.cursor() as cursor:
        cursor.execute(DUPLIKATUM_PAROK_SQL, [projekt.pk])
        parok = {(kurzor.nap(datum), kulcs) for datum, kulcs in cursor.fetchall()}
        if not parok:
            return []
        napok = sorted({datum for datum, _ in parok})
        cursor.execute(
            DUPLIKATUM_JELOLTEK_SQL.format(napok=", ".join(["%s"] * len(napok))),
            [projekt.pk, *(connection.ops.adapt_datefield_value(nap) for nap in napok)],
        )
        jeloltek = cursor.fetchall()
    csoportok: dict[tuple, list[dict]] = {}  # in the list's order (by name) of their first member
    for pk, csaladi_nev, utonev, datum, kulcs in jeloltek:
        if (par := (kurzor.nap(datum), kulcs)) in parok:
            csoportok.setdefault(par, []).append(
                {"pk": pk, "csaladi_nev": csaladi_nev, "utonev": utonev, "szuletesi_datum": par[0]}
            )
    return list(csoportok.values())


def adatminoseg_osszesito(projekt, ma=None, duplikatumok=None) -> dict:
    """{section: count} for every check, in one statement: each check counted from the index of its own rows
    (``adatminoseg_qs``); the duplicates from their groups (``duplikatumok``, or read here)."""
    ma = ma or timezone.localdate()
    sql, parameterek = _szamok_sql(projekt.pk, ma)
    with connection.cursor() as cursor:
        cursor.execute(sql, parameterek)
        szamok = dict(zip(_SZAMOLT, cursor.fetchone(), strict=True))
    if duplikatumok is None:
        duplikatumok = duplikatum_csoportok(projekt)
    szamok["duplikatum"] = sum(len(cs) for cs in duplikatumok)
    return {szakasz: szamok[szakasz] for szakasz in SZAKASZOK}


# The checks counted by ``_szamok_sql``, in the order of its columns.
_SZAMOLT = tuple(szakasz for szakasz in SZAKASZOK if szakasz != "duplikatum")


@functools.lru_cache(maxsize=256)
def _szamok_sql(projekt_id: int, ma: datetime.date) -> tuple[str, tuple]:
    """The statement that counts every check of a project on a day, compiled once for them: Django took 7 ms to
    build its six subqueries and 3 ms to compile them, for a statement the database answers in 4 ms. It depends on
    nothing but the project and the day (its checks' querysets, ``adatminoseg_qs``)."""
    projekt = Projekt(pk=projekt_id)
    qs = Projekt.objects.filter(pk=projekt_id).values(
        **{szakasz: _szama(adatminoseg_qs(projekt, szakasz, ma)) for szakasz in _SZAMOLT}
    )
    sql, parameterek = qs.query.sql_with_params()
    return sql, tuple(parameterek)
