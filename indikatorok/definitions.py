"""Indicator definitions: each a key, a Hungarian name, a unit, its evidence rows and the condition they meet.

"Every figure is a queryset" (design.md): an indicator names the base
queryset of its evidence model (``Alap``: the project's participants, visits,
households, sessions or plan goals) and a function ``(projekt, period[,
training]) -> Q`` that picks its rows; ``Indikator.queryset`` is the base
filtered by that condition. The report shows the distinct count of the
queryset, the drill-down lists exactly those rows, and the Excel export writes
the same. The one exception is a figure that is a *sum* (total attendance with
head-counts, unit "alkalom"): its evidence rows are the sessions and
``osszeg`` names the per-row count whose column total is the figure
(``Indikator.ertek`` and the drill-down both use it).

The report asks for dozens of figures at once (each indicator for the period,
its cumulative value for a target, per training, with breakdowns); ``szamok``
computes them with ONE aggregate per evidence model, a conditional count of
the same condition over the same base rows. ``Indikator.ertek`` is the
one-figure path; tests hold the two equal for every indicator.

Decisions the definitions rest on (domain.md, "Indicators"):
- Involvement: a cooperation agreement signed (``megallapodas_datuma``) or an
  individual development plan of the participant drawn up (``FejlesztesiTerv.keszult``);
  the involvement date is the earlier of the two (stored as ``Ugyfel.bevonva_ota``,
  kept by ``ugyfelek/bevonas.py``), and "involved in the period" means that date
  falls within the period. It is also the entry date for the age bands.
- CO01-CO19 and the result indicators count complete records only
  (``Ugyfel.TELJES_Q``); the total of involved participants counts every
  record, and a separate indicator lists the incomplete ones.
- CO09 counts ISCED 0 as well (fewer than 8 grades of primary school).
  CO16 counts disability or health impairment.
- CR01-CR09 count involved participants (complete records) who left in the
  period; CR01-CR05 read the last event within 28 days of exit
  (``eredmeny_28``), CR06-CR09 the 6-month result. CR01 is "inactive at entry
  and job-searching"; CR05/CR09 "disadvantaged" is any "yes" special-category answer.
- A plan drawn up for a household (no participant on it) involves no one.
- People in training: enrolments with status "taking part", "completed" or
  "dropped out" in a cohort running in the period ("signed up" only does not
  count); completed/certificate/dropout by their dates (a missing completion
  date falls back to the cohort's end).
- Community sessions count once their day has come (planned ones do not).
  Households visited: a visit on the household, or on a participant who lived
  there on the day of the visit.
- Sensitive indicators (CO15-CO17, CR05, CR09) read ``KulonlegesAdat`` and are
  shown only to the project's coordinator (and admins). A mentor may see the
  special-category data of their own participants only; a project-wide figure
  would disclose other mentors' participants, so mentors do not get them.
"""

import datetime
import functools
import hashlib
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, connections, transaction
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.adatverzio import reszenkent
from core.templatetags.kapocs import id_url_minta
from kepzes.models import Beiratkozas
from kozosseg.models import Alkalom, Reszvetel
from ugyfelek.models import (
    FejlesztesiTerv,
    Haztartas,
    HaztartasTag,
    IskolaiVegzettseg,
    Latogatas,
    MunkaeropiaciStatusz,
    Nem,
    TervCel,
    Ugyfel,
    Valasz,
)

from .oszlopok import (
    ALKALOM_OSZLOPOK,
    CEL_OSZLOPOK,
    HAZTARTAS_OSZLOPOK,
    LATOGATAS_OSZLOPOK,
    RESZVETEL_OSZLOPOK,
    UGYFEL_OSZLOPOK,
)

FO, DB, ALKALOM = "fő", "db", "alkalom"
OUTPUT, EREDMENY = "output", "eredmény"


@dataclass(frozen=True)
class Idoszak:
    """A reporting period, both ends included."""

    kezdete: datetime.date
    vege: datetime.date
    nev: str = ""

    def __str__(self):
        return self.nev or f"{self.kezdete:%Y. %m. %d.} – {self.vege:%Y. %m. %d.}"


# --- participant annotations -------------------------------------------------------------


class _Eletkor(Func):
    """Whole years from the second date to the first (age on a day), to the day; NULL if either is."""

    arity = 2
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps dates as 'YYYY-MM-DD' text: whole years are (later - earlier) // 10000 of YYYYMMDD.
        return self.as_sql(
            compiler,
            connection,
            template="((CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)) / 10000)",
            arg_joiner=", '-', '') AS INTEGER) - CAST(REPLACE(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        # AGE's year part is the same count, several times cheaper than formatting both dates with TO_CHAR.
        return self.as_sql(
            compiler, connection, template="CAST(DATE_PART('year', AGE(%(expressions)s)) AS INTEGER)", **extra
        )

    def as_sql(self, compiler, connection, template=None, **extra):
        if template is None:
            raise NotImplementedError("Csak SQLite és PostgreSQL támogatott.")
        return super().as_sql(compiler, connection, template=template, **extra)


def _eletkorral(qs, *, annotalt=True):
    """``qs`` (with ``bevonas_napja``) with the entry date and the whole years lived on it.

    ``annotalt=False`` adds them as aliases: usable in conditions, not selected.
    """
    belepes = Coalesce(F("bevonas_napja"), F("bevonas_datuma"), output_field=DateField())
    kifejezesek = {"belepes_napja": belepes, "eletkor": _Eletkor(belepes, "szuletesi_datum")}
    return qs.annotate(**kifejezesek) if annotalt else qs.alias(**kifejezesek)


def ugyfelek(projekt):
    """The participants of ``projekt`` with their involvement date (``bevonas_napja``) and age at entry.

    The involvement date is the stored ``Ugyfel.bevonva_ota`` (the rule and its upkeep:
    ``ugyfelek/bevonas.py``). ``belepes_napja`` is the involvement date, or the recorded joining date for
    people who are not (yet) involved (e.g. training only): it is the date the age band is computed on.
    """
    return _eletkorral(Ugyfel.objects.filter(projekt=projekt).annotate(bevonas_napja=F("bevonva_ota")))


def _ugyfelek_osszesiteshez(projekt):
    """The rows and conditions of ``ugyfelek(projekt)`` for one aggregate of many figures: as aliases, not selected."""
    qs = Ugyfel.objects.filter(projekt=projekt).alias(bevonas_napja=F("bevonva_ota"))
    return _eletkorral(qs, annotalt=False)


def _tartomany(idoszak):
    return (idoszak.kezdete, idoszak.vege)


def _napjai(idoszak, mezo):
    """``mezo`` (a timestamp) falls on a day of the period in the current time zone, as an indexable range.

    The same rows as ``<mezo>__date__range``, but a range of timestamps, which
    the (projekt, idopont) indexes serve, instead of a date computed on every row.
    """
    tz = timezone.get_current_timezone()
    q = Q(**{f"{mezo}__gte": datetime.datetime.combine(idoszak.kezdete, datetime.time.min, tzinfo=tz)})
    if idoszak.vege < datetime.date.max:
        vege = datetime.datetime.combine(idoszak.vege + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        q &= Q(**{f"{mezo}__lt": vege})
    return q


def bevont(projekt, idoszak, kepzes=None):
    return Q(bevonas_napja__range=_tartomany(idoszak))


def bevont_hianyos(projekt, idoszak, kepzes=None):
    return ~Ugyfel.TELJES_Q & bevont(projekt, idoszak)


MUNKANELKULI = [MunkaeropiaciStatusz.MUNKANELKULI, MunkaeropiaciStatusz.TARTOSAN_MUNKANELKULI]
INAKTIV = [MunkaeropiaciStatusz.INAKTIV, MunkaeropiaciStatusz.INAKTIV_OKTATASBAN]
HATRANYOS_Q = (
    Q(kulonleges_adat__kisebbseg=Valasz.IGEN)
    | Q(kulonleges_adat__fogyatekossag=Valasz.IGEN)
    | Q(kulonleges_adat__egeszsegkarosodas=Valasz.IGEN)
    | Q(kulonleges_adat__egyeb_hatrany=Valasz.IGEN)
)


# Complete entry data as ONE test: combined into a figure's condition it stays one conjunct, so the report's
# statement (``szamok``) tests it in one column instead of seven.
_TELJES = Q(ExpressionWrapper(Ugyfel.TELJES_Q, output_field=BooleanField()))


def _co(feltetel):
    """Involved in the period, complete entry data, and ``feltetel`` (checked first: it is the selective one)."""

    def fuggveny(projekt, idoszak, kepzes=None):
        q = feltetel(projekt) if callable(feltetel) else feltetel
        return q & _TELJES & bevont(projekt, idoszak)

    return fuggveny


def _rural(projekt):
    return Q(Value(bool(projekt.videki), output_field=BooleanField()))


def kilepett(projekt, idoszak, kepzes=None):
    """Complete records of involved participants who left in the period."""
    return Q(kilepes_datuma__range=_tartomany(idoszak)) & _TELJES & Q(bevonas_napja__isnull=False)


def _cr(feltetel):
    def fuggveny(projekt, idoszak, kepzes=None):
        return feltetel & kilepett(projekt, idoszak)

    return fuggveny


# --- trainings ---------------------------------------------------------------------------


def _beiratkozasok(projekt, kepzes):
    qs = Beiratkozas.objects.filter(csoport__projekt=projekt)
    if kepzes is not None:
        qs = qs.filter(csoport__kepzes=kepzes)
    return qs


def kepzesben(projekt, idoszak, kepzes=None):
    """Distinct persons who took part in a training running in the period (not only signed up)."""
    b = _beiratkozasok(projekt, kepzes).filter(
        Q(csoport__vege__isnull=True) | Q(csoport__vege__gte=idoszak.kezdete),
        csoport__kezdete__lte=idoszak.vege,
        datum__lte=idoszak.vege,
        statusz__in=[
            Beiratkozas.Statusz.RESZT_VESZ,
            Beiratkozas.Statusz.ELVEGEZTE,
            Beiratkozas.Statusz.LEMORZSOLODOTT,
        ],
    )
    return Q(pk__in=b.values("ugyfel_id"))


def kepzest_elvegezte(projekt, idoszak, kepzes=None):
    b = (
        _beiratkozasok(projekt, kepzes)
        .filter(statusz=Beiratkozas.Statusz.ELVEGEZTE)
        .annotate(nap=Coalesce("elvegezte_datum", "csoport__vege"))
        .filter(nap__range=_tartomany(idoszak))
    )
    return Q(pk__in=b.values("ugyfel_id"))


def tanusitvanyt_szerzett(projekt, idoszak, kepzes=None):
    b = (
        _beiratkozasok(projekt, kepzes)
        .filter(tanusitvany=True)
        .annotate(nap=Coalesce("tanusitvany_datuma", "elvegezte_datum", "csoport__vege"))
        .filter(nap__range=_tartomany(idoszak))
    )
    return Q(pk__in=b.values("ugyfel_id"))


def lemorzsolodott(projekt, idoszak, kepzes=None):
    b = _beiratkozasok(projekt, kepzes).filter(
        statusz=Beiratkozas.Statusz.LEMORZSOLODOTT, lemorzsolodas_datuma__range=_tartomany(idoszak)
    )
    return Q(pk__in=b.values("ugyfel_id"))


# --- community programmes ----------------------------------------------------------------


def _megtartott(idoszak):
    # A session is "held" once its day has come; planned future sessions do not count yet.
    return (idoszak.kezdete, min(idoszak.vege, timezone.localdate()))


def alkalmak(projekt):
    """The project's community sessions with their attendance: registered presence rows + the head-count."""
    regisztralt = Subquery(
        Reszvetel.objects.filter(alkalom=OuterRef("pk"))
        .order_by()
        .values("alkalom")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    return (
        Alkalom.objects.filter(program__projekt=projekt)
        .annotate(regisztralt=Coalesce(regisztralt, Value(0)))
        .annotate(osszes_letszam=F("regisztralt") + F("letszam_nem_regisztralt"))
    )


def kozossegi_resztvevok(projekt, idoszak, kepzes=None):
    r = Reszvetel.objects.filter(alkalom__program__projekt=projekt, alkalom__datum__range=_megtartott(idoszak))
    return Q(pk__in=r.values("ugyfel_id"))


def programalkalmak(projekt, idoszak, kepzes=None):
    return Q(datum__range=_megtartott(idoszak))


def reszvetelek_szama(projekt, idoszak, kepzes=None):
    """The sessions held; the figure is the total of their ``osszes_letszam`` (see ``alkalmak``)."""
    return programalkalmak(projekt, idoszak)


# --- mentoring ---------------------------------------------------------------------------


def latogatasok_alap(projekt):
    # No select_related: the list's columns read the names they show (oszlopok.py), the links only the ids.
    return Latogatas.objects.filter(projekt=projekt)


def latogatasok(projekt, idoszak, kepzes=None):
    return _napjai(idoszak, "idopont")


def meglatogatott_haztartasok(projekt, idoszak, kepzes=None):
    """Households visited: a visit recorded on the household, or on a participant living there that day.

    Two EXISTS per household, each answered by an index range scan that stops
    at the first visit found: (haztartas) for visits on the household,
    (ugyfel, idopont) for visits on each member within the period.
    """
    lat = Latogatas.objects.filter(_napjai(idoszak, "idopont"), projekt=projekt)
    tag_napjain = lat.filter(
        ugyfel=OuterRef("ugyfel"),
        idopont__date__gte=OuterRef("mettol"),
        idopont__date__lte=Coalesce(OuterRef("meddig"), Value(datetime.date.max)),
    )
    tagok = HaztartasTag.objects.filter(Exists(tag_napjain), haztartas=OuterRef("pk"))
    return Q(Exists(lat.filter(haztartas=OuterRef("pk")))) | Q(Exists(tagok))


def fejlesztesi_tervvel(projekt, idoszak, kepzes=None):
    t = FejlesztesiTerv.objects.filter(projekt=projekt, ugyfel__isnull=False, keszult__range=_tartomany(idoszak))
    return Q(pk__in=t.values("ugyfel_id"))


def tervcelok(projekt):
    # The plan for the row's link (``_cel_url``); the names the list shows are read as columns (oszlopok.py).
    return TervCel.objects.filter(terv__projekt=projekt).select_related("terv")


def teljesult_celok(projekt, idoszak, kepzes=None):
    return Q(statusz=TervCel.Statusz.TELJESULT, teljesult_datum__range=_tartomany(idoszak))


# --- the evidence models -----------------------------------------------------------------


@dataclass(frozen=True)
class Alap:
    """The evidence rows of a model in a project: the base queryset every indicator on it filters.

    ``lista`` is what the drill-down and the export list; ``osszesites`` the same
    rows and annotations shaped for one aggregate of many figures (defaults to
    ``lista``); ``szukit``: restrict the aggregate to rows meeting any asked
    condition, where the conditions are cheap column tests that an index range
    serves (visit times) or that drop most rows before a join (goal status).
    """

    lista: Callable  # projekt -> QuerySet
    osszesites: Callable | None = None
    szukit: bool = False

    def osszesito_qs(self, projekt):
        return (self.osszesites or self.lista)(projekt)


ALAPOK = {
    "ugyfelek.Ugyfel": Alap(ugyfelek, _ugyfelek_osszesiteshez),
    "kozosseg.Alkalom": Alap(alkalmak),
    "ugyfelek.Latogatas": Alap(latogatasok_alap, szukit=True),
    "ugyfelek.Haztartas": Alap(lambda projekt: Haztartas.objects.filter(projekt=projekt)),
    "ugyfelek.TervCel": Alap(tervcelok, szukit=True),
}


# --- links of evidence rows --------------------------------------------------------------


def _url(nev, azonosito):
    """The page of a row by its id, or None where the route does not exist (reversed once, not once per row)."""
    minta = id_url_minta(nev)
    return f"{minta[0]}{int(azonosito)}{minta[1]}" if minta else None


def _ugyfel_url(obj):
    return _url("ugyfelek:ugyfel_reszlet", obj.pk)


def _haztartas_url(obj):
    return _url("ugyfelek:haztartas_reszlet", obj.pk)


def _alkalom_url(obj):
    return _url("kozosseg:alkalom_reszlet", obj.pk) or _url("kozosseg:program_reszlet", obj.program_id)


def _latogatas_url(obj):
    # The visit screens are built elsewhere; until they exist the participant or household page is the record.
    return (
        _url("ugyfelek:latogatas_reszlet", obj.pk)
        or (obj.ugyfel_id and _url("ugyfelek:ugyfel_reszlet", obj.ugyfel_id))
        or (obj.haztartas_id and _url("ugyfelek:haztartas_reszlet", obj.haztartas_id))
    )


def _cel_url(obj):
    terv = obj.terv
    return (
        _url("ugyfelek:terv_reszlet", terv.pk)
        or (terv.ugyfel_id and _url("ugyfelek:ugyfel_reszlet", terv.ugyfel_id))
        or (terv.haztartas_id and _url("ugyfelek:haztartas_reszlet", terv.haztartas_id))
    )


# --- the registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class Indikator:
    """One indicator: what it counts, in which unit, proved by which records."""

    kulcs: str
    nev: str
    egyseg: str
    tipus: str
    definicio: str
    igazolo_dokumentum: str
    modell: str  # label of the evidence model, e.g. "ugyfelek.Ugyfel"
    feltetel: Callable  # (projekt, idoszak, kepzes=None) -> Q over the model's base rows (ALAPOK)
    link: Callable  # evidence row -> URL of its page, or None
    # Not part of equality or the hash: columns hold display dicts, and an indicator is known by its key.
    oszlopok: tuple = field(default=UGYFEL_OSZLOPOK, compare=False)
    erzekeny: bool = False  # special-category data: coordinators only
    szemelyes: bool = True  # the evidence rows are personal data: readers never see the list
    kepzeshez: bool = False  # may be bound to one training (a target "N people in training X")
    osszeg: str | None = None  # the figure is the sum of this column of the evidence rows
    csoport: str = ""
    bonthato: bool = field(default=False)  # evidence rows are participants: breakdowns apply

    @property
    def alap(self) -> Alap:
        return ALAPOK[self.modell]

    def q(self, projekt, idoszak, kepzes=None) -> Q:
        """The condition the evidence rows meet (``kepzes`` only binds indicators that may be bound)."""
        return self.feltetel(projekt, idoszak, kepzes=kepzes if self.kepzeshez else None)

    def queryset(self, projekt, idoszak, kepzes=None):
        return self.alap.lista(projekt).filter(self.q(projekt, idoszak, kepzes))

    def ertek(self, projekt, idoszak, kepzes=None) -> int:
        """The figure: distinct count of the evidence (or the column total of a sum indicator), in SQL."""
        qs = self.queryset(projekt, idoszak, kepzes)
        if self.osszeg:
            return qs.aggregate(n=Coalesce(Sum(self.osszeg), Value(0)))["n"]
        return qs.aggregate(n=Count("pk", distinct=True))["n"]

    def __reduce__(self):
        # Pickled (a report kept in the cache, core.adatverzio) by its key: the registry holds its functions.
        return (_indikator, (self.kulcs,))

    def lathato(self, user, projekt) -> bool:
        """May ``user`` see this figure at all (sensitive ones: coordinators and admins only)?"""
        return not self.erzekeny or user.koordinator(projekt)

    def lista_lathato(self, user, projekt) -> bool:
        """May ``user`` open the drill-down list?"""
        if not self.lathato(user, projekt):
            return False
        return not self.szemelyes or user.lat_szemelyes_adatot(projekt)


INDIKATOROK: dict[str, Indikator] = {}


def _indikator(kulcs: str) -> Indikator:
    return INDIKATOROK[kulcs]


def _regisztral(kulcs, nev, feltetel, *, egyseg=FO, tipus=OUTPUT, definicio="", igazolo="", **kw):
    kw.setdefault("modell", "ugyfelek.Ugyfel")
    kw.setdefault("link", _ugyfel_url)
    if kw["modell"] == "ugyfelek.Ugyfel":
        kw.setdefault("bonthato", True)
    INDIKATOROK[kulcs] = Indikator(
        kulcs=kulcs,
        nev=nev,
        egyseg=egyseg,
        tipus=tipus,
        definicio=definicio or nev,
        igazolo_dokumentum=igazolo,
        feltetel=feltetel,
        **kw,
    )


_MEGALLAPODAS = "együttműködési megállapodás vagy egyéni fejlesztési terv, belépési adatlap"
_KILEPESI = "kilépési adatlap, a 28 napon belüli eredményt igazoló dokumentum"
_HATHO = "utánkövetési adatlap (kilépés után 6 hónappal)"

_regisztral(
    "bevont",
    "Bevont résztvevők",
    bevont,
    definicio="Együttműködési megállapodást kötött vagy egyéni fejlesztési tervvel rendelkező résztvevők; "
    "a bevonás napja a kettő közül a korábbi. Minden rekord számít, a hiányosak is.",
    igazolo=_MEGALLAPODAS,
    csoport="Bevonás",
)
_regisztral(
    "bevont_hianyos",
    "Ebből hiányos belépési adatokkal",
    bevont_hianyos,
    definicio="Bevont résztvevők, akiknek belépési adatai hiányosak: csak az összesben számítanak, "
    "a CO-indikátorokban és a bontásokban nem.",
    igazolo="belépési adatlap",
    csoport="Bevonás",
)

_CO = [
    ("CO01", "Munkanélküliek, beleértve a tartósan munkanélkülieket is", Q(munkaeropiaci_statusz__in=MUNKANELKULI)),
    ("CO02", "Tartósan munkanélküliek", Q(munkaeropiaci_statusz=MunkaeropiaciStatusz.TARTOSAN_MUNKANELKULI)),
    ("CO03", "Inaktívak", Q(munkaeropiaci_statusz__in=INAKTIV)),
    (
        "CO04",
        "Oktatásban vagy képzésben nem részesülő inaktívak",
        Q(munkaeropiaci_statusz=MunkaeropiaciStatusz.INAKTIV),
    ),
    (
        "CO05",
        "Foglalkoztatottak, beleértve az önfoglalkoztatókat is",
        Q(munkaeropiaci_statusz=MunkaeropiaciStatusz.FOGLALKOZTATOTT),
    ),
    ("CO06", "25 év alattiak", Q(eletkor__lt=25)),
    ("CO07", "54 év felettiek", Q(eletkor__gt=54)),
    (
        "CO08",
        "54 év felettiek, akik munkanélküliek vagy inaktívak",
        Q(eletkor__gt=54, munkaeropiaci_statusz__in=MUNKANELKULI + INAKTIV),
    ),
    (
        "CO09",
        "Alapfokú (ISCED 1–2) vagy alacsonyabb végzettségűek",
        Q(iskolai_vegzettseg__in=[IskolaiVegzettseg.ISCED_0, IskolaiVegzettseg.ISCED_1_2]),
    ),
    ("CO10", "Középfokú (ISCED 3–4) végzettségűek", Q(iskolai_vegzettseg=IskolaiVegzettseg.ISCED_3_4)),
    ("CO11", "Felsőfokú (ISCED 5–8) végzettségűek", Q(iskolai_vegzettseg=IskolaiVegzettseg.ISCED_5_8)),
    ("CO12", "Munkanélküli háztartásban élők", Q(haztartas_munkanelkuli=True)),
    (
        "CO13",
        "Munkanélküli háztartásban élők eltartott gyermekkel",
        Q(haztartas_munkanelkuli=True, haztartas_eltartott_gyermekkel=True),
    ),
    ("CO14", "Egy felnőttből és eltartott gyermek(ek)ből álló háztartásban élők", Q(haztartas_egyedulallo_szulo=True)),
    (
        "CO15",
        "Migránsok, külföldi hátterűek, kisebbségek (a romákat is beleértve)",
        Q(kulonleges_adat__kisebbseg=Valasz.IGEN),
    ),
    (
        "CO16",
        "Fogyatékossággal élők",
        Q(kulonleges_adat__fogyatekossag=Valasz.IGEN) | Q(kulonleges_adat__egeszsegkarosodas=Valasz.IGEN),
    ),
    ("CO17", "Egyéb hátrányos helyzetűek", Q(kulonleges_adat__egyeb_hatrany=Valasz.IGEN)),
    ("CO18", "Hajléktalanok vagy lakhatási kirekesztéssel érintettek", Q(hajlektalan=True)),
    ("CO19", "Vidéki területen élők", _rural),
]
ERZEKENY_KULCSOK = {"CO15", "CO16", "CO17", "CR05", "CR09"}

for _kulcs, _nev, _q in _CO:
    _regisztral(
        _kulcs,
        _nev,
        _co(_q),
        definicio=f"{_nev}: az időszakban bevont, teljes belépési adatokkal rendelkező résztvevők közül "
        "a belépéskori adatok szerint.",
        igazolo=_MEGALLAPODAS + ("; különleges adatokról szóló nyilatkozat" if _kulcs in ERZEKENY_KULCSOK else ""),
        erzekeny=_kulcs in ERZEKENY_KULCSOK,
        csoport="ESF kimeneti (CO) indikátorok",
    )

_EREDMENY_28_POZITIV = ["allaskereso", "oktatasban", "kepesites", "foglalkoztatott"]
_CR = [
    (
        "CR01",
        "Inaktív résztvevők, akik a kilépéskor álláskeresők",
        Q(munkaeropiaci_statusz__in=INAKTIV, eredmeny_28="allaskereso"),
        _KILEPESI,
    ),
    (
        "CR02",
        "Résztvevők, akik a kilépéskor oktatásban vagy képzésben vesznek részt",
        Q(eredmeny_28="oktatasban"),
        _KILEPESI,
    ),
    ("CR03", "Résztvevők, akik a kilépéskor képesítést szereztek", Q(eredmeny_28="kepesites"), _KILEPESI),
    ("CR04", "Résztvevők, akik a kilépéskor foglalkoztatottak", Q(eredmeny_28="foglalkoztatott"), _KILEPESI),
    (
        "CR05",
        "Hátrányos helyzetű résztvevők, akik a kilépéskor álláskeresők, oktatásban vesznek részt, "
        "képesítést szereztek vagy foglalkoztatottak",
        HATRANYOS_Q & Q(eredmeny_28__in=_EREDMENY_28_POZITIV),
        _KILEPESI,
    ),
    (
        "CR06",
        "Résztvevők, akik a kilépés után hat hónappal foglalkoztatottak",
        Q(eredmeny_6ho="foglalkoztatott"),
        _HATHO,
    ),
    (
        "CR07",
        "Résztvevők, akiknek munkaerőpiaci helyzete a kilépés után hat hónappal javult",
        Q(eredmeny_6ho="jobb_helyzet"),
        _HATHO,
    ),
    (
        "CR08",
        "54 év feletti résztvevők, akik a kilépés után hat hónappal foglalkoztatottak",
        Q(eletkor__gt=54, eredmeny_6ho="foglalkoztatott"),
        _HATHO,
    ),
    (
        "CR09",
        "Hátrányos helyzetű résztvevők, akik a kilépés után hat hónappal foglalkoztatottak",
        HATRANYOS_Q & Q(eredmeny_6ho="foglalkoztatott"),
        _HATHO,
    ),
]
for _kulcs, _nev, _q, _igazolo in _CR:
    _regisztral(
        _kulcs,
        _nev,
        _cr(_q),
        tipus=EREDMENY,
        definicio=f"{_nev}: az időszakban kilépett, teljes adatokkal rendelkező bevont résztvevők közül "
        + (
            "a kilépést követő 28 napon belüli utolsó esemény szerint."
            if _igazolo == _KILEPESI
            else "a 6 hónapos utánkövetés szerint."
        ),
        igazolo=_igazolo,
        erzekeny=_kulcs in ERZEKENY_KULCSOK,
        csoport="ESF eredményindikátorok (CR)",
    )

_KEPZES = "képzési szerződés, jelenléti ívek"
_regisztral(
    "kepzesben",
    "Képzésben részt vevők",
    kepzesben,
    definicio="Az időszakban futó képzési csoportban részt vevő (elkezdte, elvégezte vagy lemorzsolódott) "
    "különböző személyek; képzéshez köthető célértékhez.",
    igazolo=_KEPZES,
    kepzeshez=True,
    csoport="Képzések",
)
_regisztral(
    "kepzest_elvegezte",
    "Képzést elvégzők",
    kepzest_elvegezte,
    definicio="Az időszakban képzést elvégző különböző személyek.",
    igazolo=_KEPZES + ", záró jegyzőkönyv",
    kepzeshez=True,
    tipus=EREDMENY,
    csoport="Képzések",
)
_regisztral(
    "tanusitvany",
    "Tanúsítványt szerzők",
    tanusitvanyt_szerzett,
    definicio="Az időszakban tanúsítványt vagy bizonyítványt szerző különböző személyek.",
    igazolo="tanúsítvány másolata",
    kepzeshez=True,
    tipus=EREDMENY,
    csoport="Képzések",
)
_regisztral(
    "lemorzsolodott",
    "Képzésből lemorzsolódók",
    lemorzsolodott,
    definicio="Az időszakban a képzésből lemorzsolódott különböző személyek.",
    igazolo=_KEPZES,
    kepzeshez=True,
    csoport="Képzések",
)
_regisztral(
    "kozossegi_resztvevok",
    "Közösségi programok résztvevői",
    kozossegi_resztvevok,
    definicio="Az időszakban legalább egy programalkalmon jelen lévő különböző regisztrált résztvevők.",
    igazolo="jelenléti ívek",
    csoport="Közösségi programok",
)
_regisztral(
    "programalkalmak",
    "Megtartott programalkalmak",
    programalkalmak,
    egyseg=ALKALOM,
    definicio="Az időszakban (legfeljebb a mai napig) megtartott közösségi programalkalmak.",
    igazolo="jelenléti ív, fényképes dokumentáció",
    modell="kozosseg.Alkalom",
    link=_alkalom_url,
    oszlopok=ALKALOM_OSZLOPOK,
    szemelyes=False,
    csoport="Közösségi programok",
)
_regisztral(
    "reszvetelek",
    "Részvételek összesen (nem regisztráltakkal)",
    reszvetelek_szama,
    egyseg=ALKALOM,
    definicio="A megtartott programalkalmak jelenléti íveinek összesített létszáma: a regisztrált jelenlévők "
    "és a nem regisztrált lakók létszáma. Összeg: a lista Összesen oszlopának végösszege.",
    igazolo="jelenléti ívek, létszámösszesítő",
    modell="kozosseg.Alkalom",
    link=_alkalom_url,
    oszlopok=RESZVETEL_OSZLOPOK,
    szemelyes=False,
    osszeg="osszes_letszam",
    csoport="Közösségi programok",
)
_regisztral(
    "latogatasok",
    "Mentori kapcsolatfelvételek (látogatások)",
    latogatasok,
    egyseg=ALKALOM,
    definicio="Az esetnaplóban rögzített látogatások, fogadóórák, hívások és kísérések az időszakban.",
    igazolo="esetnapló, forgalmi napló",
    modell="ugyfelek.Latogatas",
    link=_latogatas_url,
    oszlopok=LATOGATAS_OSZLOPOK,
    csoport="Mentorálás",
)
_regisztral(
    "haztartasok",
    "Meglátogatott háztartások",
    meglatogatott_haztartasok,
    egyseg=DB,
    definicio="Háztartások, ahol az időszakban a háztartásnál vagy egy ott élő résztvevőnél látogatás volt.",
    igazolo="esetnapló",
    modell="ugyfelek.Haztartas",
    link=_haztartas_url,
    oszlopok=HAZTARTAS_OSZLOPOK,
    csoport="Mentorálás",
)
_regisztral(
    "fejlesztesi_tervvel",
    "Egyéni fejlesztési tervvel rendelkezők",
    fejlesztesi_tervvel,
    definicio="Résztvevők, akiknek az időszakban egyéni fejlesztési terve készült.",
    igazolo="egyéni fejlesztési terv",
    csoport="Mentorálás",
)
_regisztral(
    "teljesult_celok",
    "Teljesült fejlesztési célok",
    teljesult_celok,
    egyseg=DB,
    tipus=EREDMENY,
    definicio="Egyéni fejlesztési tervek céljai, amelyek az időszakban teljesültek.",
    igazolo="egyéni fejlesztési terv, felülvizsgálati jegyzőkönyv",
    modell="ugyfelek.TervCel",
    link=_cel_url,
    oszlopok=CEL_OSZLOPOK,
    csoport="Mentorálás",
)


# --- breakdowns --------------------------------------------------------------------------

KORSAVOK_2014 = [
    ("25 alatt", Q(eletkor__lt=25)),
    ("25–54", Q(eletkor__gte=25, eletkor__lte=54)),
    ("54 felett", Q(eletkor__gt=54)),
]
KORSAVOK_ESF_PLUSZ = [
    ("18 alatt", Q(eletkor__lt=18)),
    ("18–29", Q(eletkor__gte=18, eletkor__lte=29)),
    ("55 felett", Q(eletkor__gte=55)),
]
VEGZETTSEG = [(c.label, Q(iskolai_vegzettseg=c.value)) for c in IskolaiVegzettseg]
MUNKAEROPIAC = [(c.label, Q(munkaeropiaci_statusz=c.value)) for c in MunkaeropiaciStatusz]
NEMEK = [(c.label, Q(nem=c.value)) for c in Nem]

BONTASOK = {
    "nem": ("Nem", NEMEK),
    "kor": ("Korcsoport (2014–2020)", KORSAVOK_2014),
    "kor_esf": ("Korcsoport (ESF+)", KORSAVOK_ESF_PLUSZ),
    "vegzettseg": ("Iskolai végzettség", VEGZETTSEG),
    "munkaeropiac": ("Munkaerőpiaci helyzet", MUNKAEROPIAC),
}
HIANYOS_OSZLOP = "hiányos adatlap"


def bontas(qs, kulcsok):
    """Figure and breakdowns of any participant queryset in ONE aggregate query (the one-figure path).

    Each breakdown counts complete records only (domain.md); the incomplete
    ones are shown in their own column, so columns + incomplete = total.
    Returns {"osszes": n, "hianyos": n, kulcs: [(label, n), ...]}, the shape
    ``szamok`` gives the report's figures (tests hold the two equal).
    """
    aggr = {"osszes": Count("pk", distinct=True), "hianyos": Count("pk", distinct=True, filter=~Ugyfel.TELJES_Q)}
    for kulcs in kulcsok:
        for i, (_cim, q) in enumerate(BONTASOK[kulcs][1]):
            aggr[f"{kulcs}_{i}"] = Count("pk", distinct=True, filter=Ugyfel.TELJES_Q & q)
    eredmeny = qs.aggregate(**aggr)
    ki = {"osszes": eredmeny["osszes"], "hianyos": eredmeny["hianyos"]}
    for kulcs in kulcsok:
        ki[kulcs] = [(cim, eredmeny[f"{kulcs}_{i}"]) for i, (cim, _q) in enumerate(BONTASOK[kulcs][1])]
    return ki


# --- many figures at once ----------------------------------------------------------------


@dataclass(frozen=True)
class Kerdes:
    """A figure asked for: an indicator over a period, bound to a training or not, with breakdowns."""

    indikator: Indikator
    kezdete: datetime.date
    vege: datetime.date
    kepzes: object = None
    bontasok: tuple = ()

    @classmethod
    def uj(cls, ind, idoszak, kepzes=None, bontasok=()):
        """The figure as the one-figure path reads it: a training binds only indicators that may be bound."""
        return cls(
            ind,
            idoszak.kezdete,
            idoszak.vege,
            kepzes if ind.kepzeshez else None,
            tuple(bontasok) if ind.bonthato else (),
        )

    @property
    def idoszak(self):
        return Idoszak(self.kezdete, self.vege)


@dataclass
class Szam:
    """A computed figure and, for participant indicators asked with breakdowns, ``bontas()``'s dict."""

    ertek: int
    bontas: dict = field(default_factory=dict)


class _Jelzo(ExpressionWrapper):
    """A condition as a boolean column of the rows (false where it can match nothing).

    In a base grouped per row (the participants), Django would add a plain
    condition to the GROUP BY as a whole; its columns suffice (they depend on
    the grouped primary key), so the condition is computed once per group and
    not hashed as a grouping key.
    """

    empty_result_set_value = False

    def __init__(self, q):
        super().__init__(q, output_field=BooleanField())

    def get_group_by_cols(self):
        return self.expression.get_group_by_cols()


def szamok(projekt, kerdesek, futtato=None) -> dict[Kerdes, Szam]:
    """Every figure asked for, with ONE aggregate query per evidence model (whatever the number of figures).

    Each figure is a conditional count (or sum) of its indicator's condition
    over the model's base rows: the same condition and rows as
    ``Indikator.queryset``, so it equals ``Indikator.ertek``. The base rows are
    unique (conditions never join a multi-valued relation), so a plain count is
    the distinct count. Each model's statement is a part of its own, named by
    the figures it answers (``futtato``, see ``core.adatverzio.reszenkent``):
    a saved visit recounts the statements that read the visits, not the
    participants'.
    """
    modellenkent: dict[str, list[Kerdes]] = {}
    for k in dict.fromkeys(kerdesek):
        modellenkent.setdefault(k.indikator.modell, []).append(k)

    def osszesites(modell, ks):
        def szamitas():
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # The planner prices these statements high (an EXISTS per household, dozens of conditional
                    # counts per participant) though they run in milliseconds; past jit_above_cost PostgreSQL
                    # would JIT-compile them first, which costs more than the statement (households: 8 ms, 26 ms
                    # with JIT).
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL jit = off")
                eredmeny = _osszesites(projekt, ALAPOK[modell], ks)
            return [eredmeny[k] for k in ks]

        return szamitas

    reszek = {_resz_nev(modell, ks): (ks, osszesites(modell, ks)) for modell, ks in modellenkent.items()}
    kesz = reszenkent(futtato, {nev: szamitas for nev, (_ks, szamitas) in reszek.items()})
    return {k: szam for nev, (ks, _s) in reszek.items() for k, szam in zip(ks, kesz[nev], strict=True)}


def _resz_nev(modell: str, ks) -> str:
    """The name of a statement's part: its model and a fingerprint of the figures it answers, in order."""
    kerdesek = [(k.indikator.kulcs, k.kezdete, k.vege, getattr(k.kepzes, "pk", None), k.bontasok) for k in ks]
    return f"szamok.{modell}.{hashlib.blake2b(repr(kerdesek).encode(), digest_size=12).hexdigest()}"


def _tenyezok(q):
    """The conjuncts of a condition: the parts of a plain AND (recursively), or the condition itself."""
    if isinstance(q, Q) and q.connector == Q.AND and not q.negated:
        return [t for c in q.children for t in (_tenyezok(c) if isinstance(c, Q) else [Q(c)])]
    return [q]


def _osszesites(projekt, alap, kerdesek):
    """One statement over ``alap``'s rows for ``kerdesek``.

    Every conjunct of the conditions asked for (the same "complete entry
    data" test is one of many figures' conditions) and every breakdown cell
    becomes a boolean column of the rows: an annotation Django compiles from
    the registry, which a grouped base (the participants) computes once per
    row. The statement around it only counts: per combination of the
    breakdown columns, the rows where all conjuncts of a condition are true
    (or, for a sum indicator, the total of its column). It knows the columns
    by name only; no condition is written twice.
    """
    oszlopok = {}  # conjunct or breakdown test -> its column
    feltetelek = {}  # (indicator, period, training) -> (indicator, condition, its conjuncts' columns)
    cellak = {}  # breakdown cell ("x_h": incomplete record) -> its column
    for k in kerdesek:
        ind = k.indikator
        kulcs = (ind.kulcs, k.kezdete, k.vege, k.kepzes)
        if kulcs not in feltetelek:
            q = ind.q(projekt, k.idoszak, k.kepzes)
            tenyezok = [oszlopok.setdefault(t, f"x_{len(oszlopok)}") for t in _tenyezok(q)]
            feltetelek[kulcs] = (ind, q, tenyezok)
        if k.bontasok:
            cellak["x_h"] = oszlopok.setdefault(~Ugyfel.TELJES_Q, f"x_{len(oszlopok)}")
        for b in k.bontasok:
            for c, (_cim, q) in enumerate(BONTASOK[b][1]):
                cellak[f"{b}_{c}"] = oszlopok.setdefault(q, f"x_{len(oszlopok)}")
    qs = alap.osszesito_qs(projekt)
    if alap.szukit:
        qs = qs.filter(functools.reduce(operator.or_, (q for _ind, q, _t in feltetelek.values())))
    qs = qs.annotate(**{o: _Jelzo(t) for t, o in oszlopok.items()})
    osszeg_oszlopok = list(dict.fromkeys(ind.osszeg for ind, _q, _t in feltetelek.values() if ind.osszeg))
    belso = qs.order_by().values(*oszlopok.values(), *osszeg_oszlopok)
    kapcsolat = connections[belso.db]
    sql, params = belso.query.get_compiler(connection=kapcsolat).as_sql()
    qn = kapcsolat.ops.quote_name
    szamlalok = []
    for ind, _q, tenyezok in feltetelek.values():
        szamlalo = f"SUM({qn(ind.osszeg)})" if ind.osszeg else "COUNT(*)"
        szamlalok.append(f"{szamlalo} FILTER (WHERE {' AND '.join(map(qn, tenyezok))})" if tenyezok else szamlalo)
    kulcsok = list(dict.fromkeys(cellak.values()))
    utasitas = f"SELECT {', '.join([*map(qn, kulcsok), *szamlalok])} FROM ({sql}) {qn('sorok')}"
    if kulcsok:
        utasitas += f" GROUP BY {', '.join(map(qn, kulcsok))}"
    with kapcsolat.cursor() as cursor:
        cursor.execute(utasitas, params)
        csoportok = cursor.fetchall()

    osszes = dict.fromkeys(feltetelek, 0)
    cellankent = {(f, c): 0 for f in feltetelek for c in cellak}
    for sor in csoportok:
        ertekek = dict(zip(kulcsok, sor[: len(kulcsok)], strict=True))
        hianyos = bool(ertekek.get(cellak.get("x_h")))
        for f, n in zip(feltetelek, sor[len(kulcsok) :], strict=True):
            osszes[f] += n or 0
            for c, oszlop in cellak.items():
                # A breakdown cell counts complete records only; "x_h" counts the incomplete ones.
                if ertekek[oszlop] and (c == "x_h" or not hianyos):
                    cellankent[f, c] += n or 0
    eredmeny = {}
    for k in kerdesek:
        f = (k.indikator.kulcs, k.kezdete, k.vege, k.kepzes)
        bontas_ = {}
        if k.bontasok:
            bontas_ = {"osszes": osszes[f], "hianyos": cellankent[f, "x_h"]}
            for b in k.bontasok:
                bontas_[b] = [(cim, cellankent[f, f"{b}_{c}"]) for c, (cim, _q) in enumerate(BONTASOK[b][1])]
        eredmeny[k] = Szam(osszes[f], bontas_)
    return eredmeny


def lathato_indikatorok(user, projekt):
    return [ind for ind in INDIKATOROK.values() if ind.lathato(user, projekt)]
