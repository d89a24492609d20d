"""Exports: the report as .xlsx (the page's figures, evidence lists, breakdowns) and the ESF participant data.

Readers get the summary and breakdown sheets only: the evidence lists of
people are left out for them, and the ESF participant data answer 403.
Every export leaves an access-log entry.
"""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from core import audit, xlsx
from core.models import Hozzaferes
from ugyfelek.models import Ugyfel

from ..definitions import BONTASOK, HIANYOS_OSZLOP, ugyfelek
from ..forms import IdoszakForm
from .common import projekt_vagy_404, szemelyes_projekt
from .jelentes import jelentes_adatai

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
]


def _osszesito_sor(csoport, sor):
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
    ]


def _fajlnev(projekt, idoszak, tipus, kiterjesztes):
    return f"{projekt.kod}_{tipus}_{idoszak.kezdete:%Y%m%d}-{idoszak.vege:%Y%m%d}.{kiterjesztes}"


@login_required
def jelentes_xlsx(request, pk):
    projekt = projekt_vagy_404(request, pk)
    _form, idoszak, bontasok, celok, csoportok = jelentes_adatai(request, projekt)
    wb = xlsx.uj_munkafuzet()
    sorok = [_osszesito_sor("Célértékek", s) for s in celok]
    for csoport, cs_sorok in csoportok:
        sorok += [_osszesito_sor(csoport, s) for s in cs_sorok]
    ws = xlsx.munkalap(wb, "Összesítő", OSSZESITO_FEJLEC, sorok, elso=True)
    ws.insert_rows(1, 2)
    xlsx.cella(ws, 1, 1, f"{projekt.kod} – {projekt.cim}")
    xlsx.cella(ws, 2, 1, f"Időszak: {idoszak}; készült: {timezone.localtime():%Y. %m. %d. %H:%M}")
    ws.freeze_panes = "A4"

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
    xlsx.munkalap(wb, "Bontások", fejlec, b_sorok)

    # Evidence lists: the records behind each figure, when the user may see them.
    rekordok = 0
    lapok = [(f"C{s.celertek.pk} {s.nev}", s) for s in celok]
    for _csoport, cs_sorok in csoportok:
        lapok += [(f"{s.kulcs} {s.kepzes.nev}" if s.kepzes else s.kulcs, s) for s in cs_sorok]
    for lapcim, s in lapok:
        if not s.lista:
            continue
        ind = s.indikator
        lap_sorok = [
            [obj.pk, *(o.ertek(obj) for o in ind.oszlopok)] for obj in ind.queryset(projekt, idoszak, s.kepzes)
        ]
        rekordok += len(lap_sorok)
        xlsx.munkalap(wb, lapcim, ["Azonosító", *(o.cim for o in ind.oszlopok)], lap_sorok)
    audit.log_access(
        request, Hozzaferes.Muvelet.EXPORT, "indikátorjelentés (xlsx)", projekt_id=projekt.pk, rekordok_szama=rekordok
    )
    return xlsx.munkafuzet_valasz(wb, _fajlnev(projekt, idoszak, "indikatorok", "xlsx"))


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


def esf_adatok(request, projekt):
    """Header and rows: one row per participant involved in the period, entry and exit data."""
    form = IdoszakForm(request.GET or None, projekt=projekt)
    idoszak = form.valasztott()
    erzekeny = request.user.koordinator(projekt)
    qs = ugyfelek(projekt).filter(bevonas_napja__range=(idoszak.kezdete, idoszak.vege)).order_by("pk")
    if erzekeny:
        qs = qs.select_related("kulonleges_adat")
    teljes = set(qs.filter(Ugyfel.TELJES_Q).values_list("pk", flat=True))
    sorok = []
    for u in qs:
        sor = [
            u.pk,
            u.csaladi_nev,
            u.utonev,
            u.szuletesi_datum,
            u.get_nem_display(),
            u.eletkor,
            u.bevonas_napja,
            u.megallapodas_datuma,
            u.pk in teljes,
            u.get_munkaeropiaci_statusz_display(),
            u.get_iskolai_vegzettseg_display(),
            u.haztartas_munkanelkuli,
            u.haztartas_eltartott_gyermekkel,
            u.haztartas_egyedulallo_szulo,
            u.hajlektalan,
            u.kilepes_datuma,
            u.get_kilepes_oka_display(),
            u.get_eredmeny_28_display(),
            u.get_eredmeny_6ho_display(),
        ]
        if erzekeny:
            k = getattr(u, "kulonleges_adat", None)
            sor += (
                [
                    k.get_kisebbseg_display(),
                    k.get_fogyatekossag_display(),
                    k.get_egeszsegkarosodas_display(),
                    k.get_egyeb_hatrany_display(),
                ]
                if k
                else ["", "", "", ""]
            )
        sorok.append(sor)
    return idoszak, ESF_FEJLEC + (ERZEKENY_FEJLEC if erzekeny else []), sorok


@login_required
def esf_xlsx(request, pk):
    projekt = szemelyes_projekt(request, pk)
    idoszak, fejlec, sorok = esf_adatok(request, projekt)
    wb = xlsx.uj_munkafuzet()
    xlsx.munkalap(wb, "ESF résztvevők", fejlec, sorok, elso=True)
    audit.log_access(
        request,
        Hozzaferes.Muvelet.EXPORT,
        "ESF résztvevői adatok (xlsx)",
        projekt_id=projekt.pk,
        rekordok_szama=len(sorok),
    )
    return xlsx.munkafuzet_valasz(wb, _fajlnev(projekt, idoszak, "esf_resztvevok", "xlsx"))


@login_required
def esf_csv(request, pk):
    projekt = szemelyes_projekt(request, pk)
    idoszak, fejlec, sorok = esf_adatok(request, projekt)
    audit.log_access(
        request,
        Hozzaferes.Muvelet.EXPORT,
        "ESF résztvevői adatok (csv)",
        projekt_id=projekt.pk,
        rekordok_szama=len(sorok),
    )
    return xlsx.csv_valasz(fejlec, sorok, _fajlnev(projekt, idoszak, "esf_resztvevok", "csv"))
