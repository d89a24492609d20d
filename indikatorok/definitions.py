"""Indicator definitions: each a key, a Hungarian name, a unit and a function (projekt, period) -> queryset.

"Every figure is a queryset" (design.md): the report shows the distinct count
of the evidence queryset, the drill-down lists exactly those rows, and the
Excel export writes the same. The one exception is a figure that is a *sum*
(total attendance with head-counts, unit "alkalom"): its evidence rows are the
sessions and ``osszeg`` names the per-row count whose column total is the
figure (``Indikator.ertek`` and the drill-down both use it).

Decisions the definitions rest on (domain.md, "Indicators"):
- Involvement: a cooperation agreement signed (``megallapodas_datuma``) or an
  individual development plan of the participant drawn up (``FejlesztesiTerv.keszult``);
  the involvement date is the earlier of the two, and "involved in the period"
  means that date falls within the period. It is also the entry date for the
  age bands.
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
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

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


class _EvHoNap(Func):
    """A date as the integer YYYYMMDD: whole years between two dates are (later - earlier) // 10000."""

    arity = 1
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps dates as 'YYYY-MM-DD' text.
        return self.as_sql(compiler, connection, template="CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(TO_CHAR(%(expressions)s, 'YYYYMMDD') AS INTEGER)", **extra
        )

    def as_sql(self, compiler, connection, template=None, **extra):
        if template is None:
            raise NotImplementedError("Csak SQLite és PostgreSQL támogatott.")
        return super().as_sql(compiler, connection, template=template, **extra)


def _bevonas_napja():
    """The earlier of the agreement date and the first plan, in ONE correlated subquery.

    Written once so that every expression built on it (age at entry, the period
    filter) repeats a single subquery, not several.
    """
    # The first plan by date (no GROUP BY: SQLite cannot group by an outer column).
    terv = (
        FejlesztesiTerv.objects.filter(ugyfel=OuterRef("pk"))
        .annotate(
            nap=Least(F("keszult"), Coalesce(OuterRef("megallapodas_datuma"), F("keszult")), output_field=DateField())
        )
        .order_by("keszult")
        .values("nap")[:1]
    )
    return Coalesce(Subquery(terv, output_field=DateField()), F("megallapodas_datuma"), output_field=DateField())


def ugyfelek(projekt):
    """The participants of ``projekt`` with their involvement date (``bevonas_napja``) and age at entry.

    ``belepes_napja`` is the involvement date, or the recorded joining date for
    people who are not (yet) involved (e.g. training only): it is the date the
    age band is computed on.
    """
    qs = Ugyfel.objects.filter(projekt=projekt).annotate(bevonas_napja=_bevonas_napja())
    belepes = Coalesce(F("bevonas_napja"), F("bevonas_datuma"), output_field=DateField())
    # Integer division of the YYYYMMDD difference: the whole years lived on the day of entry.
    return qs.annotate(
        belepes_napja=belepes,
        eletkor=(_EvHoNap(belepes) - _EvHoNap("szuletesi_datum")) / Value(10000),
    )


def _tartomany(idoszak):
    return (idoszak.kezdete, idoszak.vege)


def bevont(projekt, idoszak, kepzes=None):
    return ugyfelek(projekt).filter(bevonas_napja__range=_tartomany(idoszak))


def bevont_teljes(projekt, idoszak):
    return bevont(projekt, idoszak).filter(Ugyfel.TELJES_Q)


def bevont_hianyos(projekt, idoszak, kepzes=None):
    return bevont(projekt, idoszak).exclude(Ugyfel.TELJES_Q)


MUNKANELKULI = [MunkaeropiaciStatusz.MUNKANELKULI, MunkaeropiaciStatusz.TARTOSAN_MUNKANELKULI]
INAKTIV = [MunkaeropiaciStatusz.INAKTIV, MunkaeropiaciStatusz.INAKTIV_OKTATASBAN]
HATRANYOS_Q = (
    Q(kulonleges_adat__kisebbseg=Valasz.IGEN)
    | Q(kulonleges_adat__fogyatekossag=Valasz.IGEN)
    | Q(kulonleges_adat__egeszsegkarosodas=Valasz.IGEN)
    | Q(kulonleges_adat__egyeb_hatrany=Valasz.IGEN)
)


def _co(feltetel):
    def fuggveny(projekt, idoszak, kepzes=None):
        q = feltetel(projekt) if callable(feltetel) else feltetel
        return bevont_teljes(projekt, idoszak).filter(q)

    return fuggveny


def _rural(projekt):
    return Q() if projekt.videki else Q(pk__in=[])


def kilepett(projekt, idoszak):
    """Complete records of involved participants who left in the period."""
    return (
        ugyfelek(projekt)
        .filter(bevonas_napja__isnull=False, kilepes_datuma__range=_tartomany(idoszak))
        .filter(Ugyfel.TELJES_Q)
    )


def _cr(feltetel):
    def fuggveny(projekt, idoszak, kepzes=None):
        return kilepett(projekt, idoszak).filter(feltetel)

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
    return ugyfelek(projekt).filter(pk__in=b.values("ugyfel_id"))


def kepzest_elvegezte(projekt, idoszak, kepzes=None):
    b = (
        _beiratkozasok(projekt, kepzes)
        .filter(statusz=Beiratkozas.Statusz.ELVEGEZTE)
        .annotate(nap=Coalesce("elvegezte_datum", "csoport__vege"))
        .filter(nap__range=_tartomany(idoszak))
    )
    return ugyfelek(projekt).filter(pk__in=b.values("ugyfel_id"))


def tanusitvanyt_szerzett(projekt, idoszak, kepzes=None):
    b = (
        _beiratkozasok(projekt, kepzes)
        .filter(tanusitvany=True)
        .annotate(nap=Coalesce("tanusitvany_datuma", "elvegezte_datum", "csoport__vege"))
        .filter(nap__range=_tartomany(idoszak))
    )
    return ugyfelek(projekt).filter(pk__in=b.values("ugyfel_id"))


def lemorzsolodott(projekt, idoszak, kepzes=None):
    b = _beiratkozasok(projekt, kepzes).filter(
        statusz=Beiratkozas.Statusz.LEMORZSOLODOTT, lemorzsolodas_datuma__range=_tartomany(idoszak)
    )
    return ugyfelek(projekt).filter(pk__in=b.values("ugyfel_id"))


# --- community programmes ----------------------------------------------------------------


def _alkalmak(projekt, idoszak):
    # A session is "held" once its day has come; planned future sessions do not count yet.
    vege = min(idoszak.vege, timezone.localdate())
    return Alkalom.objects.filter(program__projekt=projekt, datum__range=(idoszak.kezdete, vege))


def kozossegi_resztvevok(projekt, idoszak, kepzes=None):
    r = Reszvetel.objects.filter(alkalom__in=_alkalmak(projekt, idoszak))
    return ugyfelek(projekt).filter(pk__in=r.values("ugyfel_id"))


def programalkalmak(projekt, idoszak, kepzes=None):
    return _alkalmak(projekt, idoszak).select_related("program")


def reszvetelek_szama(projekt, idoszak, kepzes=None):
    """Sessions with their attendance: registered presence rows + the unregistered head-count."""
    regisztralt = Subquery(
        Reszvetel.objects.filter(alkalom=OuterRef("pk"))
        .order_by()
        .values("alkalom")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    return (
        programalkalmak(projekt, idoszak)
        .annotate(regisztralt=Coalesce(regisztralt, Value(0)))
        .annotate(osszes_letszam=F("regisztralt") + F("letszam_nem_regisztralt"))
    )


# --- mentoring ---------------------------------------------------------------------------


def latogatasok(projekt, idoszak, kepzes=None):
    return Latogatas.objects.filter(projekt=projekt, idopont__date__range=_tartomany(idoszak)).select_related(
        "ugyfel", "haztartas", "szerzo"
    )


def meglatogatott_haztartasok(projekt, idoszak, kepzes=None):
    """Households visited: a visit recorded on the household, or on a participant living there that day."""
    lat = Latogatas.objects.filter(projekt=projekt, idopont__date__range=_tartomany(idoszak))
    # One filter() call: every condition speaks of the same joined visit (the day it took place).
    tagok = HaztartasTag.objects.filter(
        Q(meddig__isnull=True) | Q(ugyfel__latogatasok__idopont__date__lte=F("meddig")),
        ugyfel__latogatasok__projekt=projekt,
        ugyfel__latogatasok__idopont__date__range=_tartomany(idoszak),
        ugyfel__latogatasok__idopont__date__gte=F("mettol"),
    )
    return Haztartas.objects.filter(projekt=projekt).filter(
        Q(pk__in=lat.filter(haztartas__isnull=False).values("haztartas_id")) | Q(pk__in=tagok.values("haztartas_id"))
    )


def fejlesztesi_tervvel(projekt, idoszak, kepzes=None):
    t = FejlesztesiTerv.objects.filter(projekt=projekt, ugyfel__isnull=False, keszult__range=_tartomany(idoszak))
    return ugyfelek(projekt).filter(pk__in=t.values("ugyfel_id"))


def teljesult_celok(projekt, idoszak, kepzes=None):
    return TervCel.objects.filter(
        terv__projekt=projekt,
        statusz=TervCel.Statusz.TELJESULT,
        teljesult_datum__range=_tartomany(idoszak),
    ).select_related("terv", "terv__ugyfel", "terv__haztartas")


# --- links of evidence rows --------------------------------------------------------------


def _url(nev, *args):
    try:
        return reverse(nev, args=args)
    except NoReverseMatch:
        return None


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
    fuggveny: Callable  # (projekt, idoszak, kepzes=None) -> QuerySet
    link: Callable  # evidence row -> URL of its page, or None
    oszlopok: tuple = UGYFEL_OSZLOPOK
    erzekeny: bool = False  # special-category data: coordinators only
    szemelyes: bool = True  # the evidence rows are personal data: readers never see the list
    kepzeshez: bool = False  # may be bound to one training (a target "N people in training X")
    osszeg: str | None = None  # the figure is the sum of this column of the evidence rows
    csoport: str = ""
    bonthato: bool = field(default=False)  # evidence rows are participants: breakdowns apply

    def queryset(self, projekt, idoszak, kepzes=None):
        return self.fuggveny(projekt, idoszak, kepzes=kepzes if self.kepzeshez else None)

    def ertek(self, projekt, idoszak, kepzes=None) -> int:
        """The figure: distinct count of the evidence (or the column total of a sum indicator), in SQL."""
        qs = self.queryset(projekt, idoszak, kepzes)
        if self.osszeg:
            return qs.aggregate(n=Coalesce(Sum(self.osszeg), Value(0)))["n"]
        return qs.aggregate(n=Count("pk", distinct=True))["n"]

    def lathato(self, user, projekt) -> bool:
        """May ``user`` see this figure at all (sensitive ones: coordinators and admins only)?"""
        return not self.erzekeny or user.koordinator(projekt)

    def lista_lathato(self, user, projekt) -> bool:
        """May ``user`` open the drill-down list?"""
        if not self.lathato(user, projekt):
            return False
        return not self.szemelyes or user.lat_szemelyes_adatot(projekt)


INDIKATOROK: dict[str, Indikator] = {}


def _regisztral(kulcs, nev, fuggveny, *, egyseg=FO, tipus=OUTPUT, definicio="", igazolo="", **kw):
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
        fuggveny=fuggveny,
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
    """Figure and breakdowns of a participant queryset in ONE aggregate query.

    Each breakdown counts complete records only (domain.md); the incomplete
    ones are shown in their own column, so columns + incomplete = total.
    Returns {"osszes": n, "hianyos": n, kulcs: [(label, n), ...]}.
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


def lathato_indikatorok(user, projekt):
    return [ind for ind in INDIKATOROK.values() if ind.lathato(user, projekt)]
