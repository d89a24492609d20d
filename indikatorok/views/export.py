"""Exports: the report as .xlsx (the page's figures, evidence lists, breakdowns) and the ESF participant data.

Readers get the summary and breakdown sheets only: the evidence lists of
people are left out for them, and the ESF participant data answer 403.
Every export leaves an access-log entry.

The workbooks are written in openpyxl's write-only mode through ``core.xlsx``
(every text cell guarded against formulas): each evidence list is read with
one streamed values_list query and written row by row to a temporary file,
which is sent as a ``FileResponse``, so memory does not grow with the rows.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone

from core import audit, xlsx
from core.models import Hozzaferes
from ugyfelek.models import (
    Eredmeny6Ho,
    Eredmeny28,
    IskolaiVegzettseg,
    KilepesOka,
    MunkaeropiaciStatusz,
    Nem,
    Ugyfel,
    Valasz,
)

from ..definitions import BONTASOK, HIANYOS_OSZLOP, ugyfelek
from ..forms import IdoszakForm
from ..oszlopok import lista_sorok
from .common import projekt_vagy_404, szemelyes_projekt
from .jelentes import jelentes_adatai

OSSZESITO_LAP, BONTAS_LAP = "Összesítő", "Bontások"
LISTA_OSZLOP = "Lista munkalapja"
OSSZESITO_FEJLEC = [
    "Csoport",
    "Kód",
    "Indikátor",
    "Egység",
    "Típus",
    "Célérték",
    "Határidő",
    "Tény (időszak)",
    "Halmozott",
    "Állapot",
    "Férfi",
    "Nő",
    HIANYOS_OSZLOP,
    LISTA_OSZLOP,
]


def _osszesito_sor(csoport, sor, lapnev):
    c, a = sor.celertek, sor.allapot
    nemek = dict(sor.bontas.get("nem", []))
    return [
        csoport,
        sor.kulcs,
        sor.nev,
        sor.indikator.egyseg,
        sor.indikator.tipus,
        int(c.ertek) if c else None,
        c.hatarido if c else None,
        sor.ertek,
        a.halmozott if a else None,
        a.szoveg if a else None,
        nemek.get("férfi"),
        nemek.get("nő"),
        sor.bontas.get("hianyos"),
        lapnev,
    ]


def _fajlnev(projekt, idoszak, tipus, kiterjesztes):
    return f"{projekt.kod}_{tipus}_{idoszak.kezdete:%Y%m%d}-{idoszak.vege:%Y%m%d}.{kiterjesztes}"


@dataclass
class BizonyitoLap:
    """An evidence sheet: the list behind one or more rows of the report (same indicator, training, period)."""

    cim: str
    sor: object  # the first report row (selectors.Sor) showing this list


def bizonyito_lapok(celok, csoportok) -> tuple[list[BizonyitoLap], dict[int, str]]:
    """The evidence sheets of the report, each list once, and {id(report row): its sheet's name}.

    A target and the indicator it sets (or two targets of one indicator) count
    the same queryset over the same period, so their list is written once, on
    the sheet named after the indicator (``kulcs``, or ``kulcs`` + training);
    a target whose list no indicator row shows gets a sheet of its own
    (``C<id> name``). Rows whose list the user may not see get no sheet.
    """
    indikator_sorok = [s for _cs, sorok in csoportok for s in sorok]

    def kulcs(s):
        # The training matters only to an indicator bound to one (``Indikator.queryset`` ignores it otherwise).
        return s.kulcs, s.kepzes.pk if s.kepzes and s.indikator.kepzeshez else None

    cimek = {}
    for s in indikator_sorok:
        cimek.setdefault(kulcs(s), f"{s.kulcs} {s.kepzes.nev}" if s.kepzes else s.kulcs)
    for s in celok:
        cimek.setdefault(kulcs(s), f"C{s.celertek.pk} {s.nev}")
    lapok, lapnevek, foglalt = {}, {}, {OSSZESITO_LAP, BONTAS_LAP}
    for s in [*indikator_sorok, *celok]:
        if not s.lista:
            continue
        k = kulcs(s)
        if k not in lapok:
            nev = xlsx.lapnev(cimek[k], foglalt=foglalt)
            foglalt.add(nev)
            lapok[k] = BizonyitoLap(nev, s)
        lapnevek[id(s)] = lapok[k].cim
    return list(lapok.values()), lapnevek


@login_required
def jelentes_xlsx(request, pk):
    projekt = projekt_vagy_404(request, pk)
    _form, idoszak, bontasok, celok, csoportok = jelentes_adatai(request, projekt)
    lapok, lapnevek = bizonyito_lapok(celok, csoportok)
    wb = xlsx.uj_munkafuzet(folyam=True)

    sorok = [_osszesito_sor("Célértékek", s, lapnevek.get(id(s))) for s in celok]
    for csoport, cs_sorok in csoportok:
        sorok += [_osszesito_sor(csoport, s, lapnevek.get(id(s))) for s in cs_sorok]
    felette = [
        [f"{projekt.kod} – {projekt.cim}"],
        [f"Időszak: {idoszak}; készült: {timezone.localtime():%Y. %m. %d. %H:%M}"],
    ]
    szelessegek = xlsx.szelessegek(OSSZESITO_FEJLEC, sorok)
    xlsx.folyamlap(wb, OSSZESITO_LAP, OSSZESITO_FEJLEC, sorok, felette=felette, szelessegek=szelessegek)

    # Breakdowns: one sheet, one row per participant indicator, the columns of every breakdown asked for.
    fejlec = ["Kód", "Indikátor", "Összesen", HIANYOS_OSZLOP]
    for k in bontasok:
        fejlec += [f"{BONTASOK[k][0]}: {cim}" for cim, _q in BONTASOK[k][1]]
    b_sorok = []
    for _csoport, cs_sorok in [("Célértékek", celok), *csoportok]:
        for s in cs_sorok:
            if not s.bontas:
                continue
            r = [s.kulcs, s.nev, s.bontas["osszes"], s.bontas["hianyos"]]
            for k in bontasok:
                r += [n for _cim, n in s.bontas[k]]
            b_sorok.append(r)
    xlsx.folyamlap(wb, BONTAS_LAP, fejlec, b_sorok, szelessegek=xlsx.szelessegek(fejlec, b_sorok))

    # Evidence lists: the records behind each figure, when the user may see them, each list once.
    rekordok = 0
    for lap in lapok:
        ind = lap.sor.indikator
        rekordok += xlsx.folyamlap(
            wb,
            lap.cim,
            ["Azonosító", *(o.cim for o in ind.oszlopok)],
            lista_sorok(ind.queryset(projekt, idoszak, lap.sor.kepzes), ind.oszlopok),
            szelessegek=[12, *(o.szelesseg for o in ind.oszlopok)],
        )
    audit.log_access(
        request, Hozzaferes.Muvelet.EXPORT, "indikátorjelentés (xlsx)", projekt_id=projekt.pk, rekordok_szama=rekordok
    )
    return xlsx.folyam_valasz(wb, _fajlnev(projekt, idoszak, "indikatorok", "xlsx"))


ESF_FEJLEC = [
    "Azonosító",
    "Családi név",
    "Utónév",
    "Születési dátum",
    "Nem",
    "Életkor belépéskor",
    "Bevonás napja",
    "Együttműködési megállapodás",
    "Teljes belépési adatlap",
    "Munkaerőpiaci helyzet",
    "Iskolai végzettség",
    "Munkanélküli háztartás",
    "Eltartott gyermekkel",
    "Egy felnőtt eltartott gyermekkel",
    "Hajléktalan / lakhatási kirekesztés",
    "Kilépés dátuma",
    "Kilépés oka",
    "Eredmény 28 napon belül",
    "Eredmény 6 hónap után",
]
ERZEKENY_FEJLEC = ["Kisebbség (pl. roma)", "Fogyatékosság", "Egészségkárosodás", "Egyéb hátrány"]


_CIMKEK = {
    "nem": dict(Nem.choices),
    "munkaeropiaci_statusz": dict(MunkaeropiaciStatusz.choices),
    "iskolai_vegzettseg": dict(IskolaiVegzettseg.choices),
    "kilepes_oka": dict(KilepesOka.choices),
    "eredmeny_28": dict(Eredmeny28.choices),
    "eredmeny_6ho": dict(Eredmeny6Ho.choices),
}
ESF_MEZOK = [
    "pk",
    "csaladi_nev",
    "utonev",
    "szuletesi_datum",
    "nem",
    "eletkor",
    "bevonas_napja",
    "megallapodas_datuma",
    "teljes",
    "munkaeropiaci_statusz",
    "iskolai_vegzettseg",
    "haztartas_munkanelkuli",
    "haztartas_eltartott_gyermekkel",
    "haztartas_egyedulallo_szulo",
    "hajlektalan",
    "kilepes_datuma",
    "kilepes_oka",
    "eredmeny_28",
    "eredmeny_6ho",
]
ERZEKENY_MEZOK = [f"kulonleges_adat__{m}" for m in ("kisebbseg", "fogyatekossag", "egeszsegkarosodas", "egyeb_hatrany")]
_VALASZOK = dict(Valasz.choices)


class _Szamlalo:
    """An iterator that counts what went through it (the rows of a streamed export, for the access log)."""

    def __init__(self, sorok):
        self.sorok, self.n = sorok, 0

    def __iter__(self):
        for sor in self.sorok:
            self.n += 1
            yield sor


def _esf_sorok(qs, erzekeny):
    """One row per participant: one streamed values_list query, choices shown by dict look-up."""
    mezok = ESF_MEZOK + (ERZEKENY_MEZOK if erzekeny else [])
    cimkek = [(i, _CIMKEK[m].get) for i, m in enumerate(mezok) if m in _CIMKEK]
    # No special-category record: empty cells (the LEFT JOIN reads NULL); an answer: its label.
    erzekeny_helyek = range(len(ESF_MEZOK), len(mezok))
    for sor in qs.values_list(*mezok).iterator(chunk_size=2000):
        sor = list(sor)
        for i, cimke in cimkek:
            sor[i] = cimke(sor[i], sor[i])
        for i in erzekeny_helyek:
            sor[i] = "" if sor[i] is None else _VALASZOK.get(sor[i], sor[i])
        yield sor


def esf_adatok(request, projekt):
    """Period, header and rows (an iterator): one row per participant involved in the period, entry and exit data."""
    form = IdoszakForm(request.GET or None, projekt=projekt)
    idoszak = form.valasztott()
    erzekeny = request.user.koordinator(projekt)
    qs = (
        ugyfelek(projekt)
        .filter(bevonas_napja__range=(idoszak.kezdete, idoszak.vege))
        .annotate(teljes=ExpressionWrapper(Ugyfel.TELJES_Q, output_field=BooleanField()))
        .order_by("pk")
    )
    return idoszak, ESF_FEJLEC + (ERZEKENY_FEJLEC if erzekeny else []), _esf_sorok(qs, erzekeny)


@login_required
def esf_xlsx(request, pk):
    projekt = szemelyes_projekt(request, pk)
    idoszak, fejlec, sorok = esf_adatok(request, projekt)
    wb = xlsx.uj_munkafuzet(folyam=True)
    n = xlsx.folyamlap(wb, "ESF résztvevők", fejlec, sorok, szelessegek=[len(f) + 4 for f in fejlec])
    audit.log_access(
        request,
        Hozzaferes.Muvelet.EXPORT,
        "ESF résztvevői adatok (xlsx)",
        projekt_id=projekt.pk,
        rekordok_szama=n,
    )
    return xlsx.folyam_valasz(wb, _fajlnev(projekt, idoszak, "esf_resztvevok", "xlsx"))


@login_required
def esf_csv(request, pk):
    projekt = szemelyes_projekt(request, pk)
    idoszak, fejlec, sorok = esf_adatok(request, projekt)
    szamlalo = _Szamlalo(sorok)
    valasz = xlsx.csv_valasz(fejlec, szamlalo, _fajlnev(projekt, idoszak, "esf_resztvevok", "csv"))
    audit.log_access(
        request,
        Hozzaferes.Muvelet.EXPORT,
        "ESF résztvevői adatok (csv)",
        projekt_id=projekt.pk,
        rekordok_szama=szamlalo.n,
    )
    return valasz
