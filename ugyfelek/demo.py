"""Demo world, part 2: fictional participants in households of both projects.

About 150 participants in Kaposvár and 80 in Kecskemét, with obviously
fictional names ("Próba", "Minta", "Teszt" beside a few common ones), valid
TAJ numbers, mentors, involvement and agreement dates within the project
period, mostly complete ESF entry data, a few addresses outside the action
area and a few exits with results.

Deterministic: every run draws the same plan from a seeded random generator;
idempotent: only the households (by address), participants (by TAJ) and
memberships missing from the database are written.
"""

import datetime
import random

from akcioterulet.demo import KAPOSVAR, KECSKEMET
from akcioterulet.models import Projekt, Szerep, UtcaSzakasz
from core import audit

from . import bevonas
from .models import (
    Eredmeny6Ho,
    Eredmeny28,
    Haztartas,
    HaztartasTag,
    IskolaiVegzettseg,
    KilepesOka,
    MunkaeropiaciStatusz,
    Nem,
    Ugyfel,
)
from .services import cim_besorolas
from .validators import taj_ellenorzo_szamjegy

SORREND = 20

RESZTVEVOK_SZAMA = {KAPOSVAR: 150, KECSKEMET: 80}
# First eight TAJ digits start here in each project, so the numbers never collide.
TAJ_ALAP = {KAPOSVAR: 740_000_000 // 10, KECSKEMET: 600_000_000 // 10}
IRANYITOSZAM = {KAPOSVAR: "7400", KECSKEMET: "6000"}
# Streets of the same towns that lie in no action area.
KULSO_UTCAK = {KAPOSVAR: ["Füredi utca", "Szigetvári utca"], KECSKEMET: ["Nagykőrösi utca", "Ceglédi út"]}

CSALADI_NEVEK = ["Próba", "Minta", "Teszt", "Példa", "Próba", "Minta", "Teszt", "Kovács", "Horváth", "Szabó", "Tóth"]
NOI_NEVEK = [
    *["Anna", "Erzsébet", "Ilona", "Mária", "Katalin", "Éva", "Zsófia", "Nikolett", "Vivien", "Klára"],
    *["Brigitta", "Dóra", "Enikő", "Gizella", "Henrietta", "Jolán", "Melinda", "Rozália", "Tímea", "Ágnes"],
]
FERFI_NEVEK = [
    *["János", "István", "László", "Zoltán", "Gábor", "Attila", "Dávid", "Norbert", "Krisztián", "Ödön"],
    *["Árpád", "Bence", "Csaba", "Dezső", "Ferenc", "Géza", "Imre", "Lajos", "Richárd", "Tibor"],
]


def _taj(elso_nyolc: int) -> str:
    szamjegyek = f"{elso_nyolc % 100_000_000:08d}"
    return szamjegyek + str(taj_ellenorzo_szamjegy(szamjegyek))


def _hazszam(rnd, szakasz):
    tol = szakasz.hazszam_tol or 1
    ig = szakasz.hazszam_ig or tol + 60
    szamok = [
        n
        for n in range(tol, ig + 1)
        if szakasz.oldal == UtcaSzakasz.Oldal.MIND or (n % 2 == 1) == (szakasz.oldal == UtcaSzakasz.Oldal.PARATLAN)
    ]
    return rnd.choice(szamok)


def _datum_kozott(rnd, tol: datetime.date, ig: datetime.date) -> datetime.date:
    return tol + datetime.timedelta(days=rnd.randint(0, max((ig - tol).days, 0)))


def _szemely(rnd, projekt, mentor, csaladi_nev, felnott: bool, sorszam: int) -> Ugyfel:
    nem = rnd.choice([Nem.NO, Nem.FERFI])
    bevonas = _datum_kozott(rnd, projekt.kezdete, projekt.vege - datetime.timedelta(days=120))
    kor = rnd.randint(19, 68) if felnott else rnd.randint(15, 18)
    szuletes = bevonas - datetime.timedelta(days=kor * 365 + rnd.randint(0, 364))
    u = Ugyfel(
        projekt=projekt,
        csaladi_nev=csaladi_nev,
        utonev=rnd.choice(NOI_NEVEK if nem == Nem.NO else FERFI_NEVEK),
        anyja_neve=f"{rnd.choice(CSALADI_NEVEK)} {rnd.choice(NOI_NEVEK)}",
        szuletesi_hely=rnd.choice([projekt.telepules, projekt.telepules, "Tesztfalva", "Mintaháza"]),
        szuletesi_datum=szuletes,
        nem=nem,
        taj=_taj(TAJ_ALAP[projekt.kod] + sorszam),
        telefon=f"+36 30 555 {rnd.randint(0, 9999):04d}" if rnd.random() < 0.7 else "",
        mentor=mentor,
        bevonas_datuma=bevonas,
        megallapodas_datuma=bevonas + datetime.timedelta(days=rnd.randint(0, 14)) if rnd.random() < 0.85 else None,
        munkaeropiaci_statusz=rnd.choice(MunkaeropiaciStatusz.values if felnott else ["inaktiv_oktatasban"]),
        iskolai_vegzettseg=rnd.choice(
            [IskolaiVegzettseg.ISCED_1_2] * 5 + [IskolaiVegzettseg.ISCED_0, IskolaiVegzettseg.ISCED_3_4] * 2
        ),
        haztartas_munkanelkuli=rnd.random() < 0.6,
        haztartas_eltartott_gyermekkel=rnd.random() < 0.7,
        haztartas_egyedulallo_szulo=rnd.random() < 0.15,
        hajlektalan=rnd.random() < 0.05,
    )
    if u.nem == Nem.NO and felnott and rnd.random() < 0.3:
        u.szuletesi_nev = f"{rnd.choice(CSALADI_NEVEK)} {u.utonev}"
    if rnd.random() < 0.08:
        # Incomplete entry data: the record counts only in the grand total.
        setattr(u, rnd.choice(["munkaeropiaci_statusz", "iskolai_vegzettseg"]), "")
        u.haztartas_egyedulallo_szulo = None
    if rnd.random() < 0.08:
        u.kilepes_datuma = _datum_kozott(rnd, bevonas + datetime.timedelta(days=90), projekt.vege)
        u.kilepes_oka = rnd.choice(KilepesOka.values)
        u.eredmeny_28 = rnd.choice(Eredmeny28.values)
        u.eredmeny_6ho = rnd.choice(Eredmeny6Ho.values)
    return u


def terv(projekt, mentorok):
    """The households and their participants for ``projekt``: the same list on every run."""
    rnd = random.Random(f"kapocs-demo-{projekt.kod}")
    # Sorted in Python: SQLite and PostgreSQL order accents and NULLs differently, the demo is the same on both.
    utcak = sorted(
        UtcaSzakasz.objects.filter(akcioterulet__projekt=projekt),
        key=lambda sz: (sz.utca, sz.hazszam_tol or 0, sz.hazszam_ig or 0),
    )
    haztartasok, foglalt_cimek, sorszam = [], set(), 0
    while sorszam < RESZTVEVOK_SZAMA[projekt.kod]:
        # The first household of each project is a Kovács family, so search demos always find one.
        csaladi_nev = "Kovács" if not haztartasok else rnd.choice(CSALADI_NEVEK)
        if rnd.random() < 0.04:
            cim = f"{rnd.choice(KULSO_UTCAK[projekt.kod])} {rnd.randint(1, 120)}."
        else:
            szakasz = rnd.choice(utcak)
            cim = f"{szakasz.utca} {_hazszam(rnd, szakasz)}."
        if cim in foglalt_cimek:
            continue
        foglalt_cimek.add(cim)
        mentor = mentorok[len(haztartasok) % len(mentorok)]
        tagok = []
        for i in range(min(rnd.choice([1, 1, 2, 2, 2, 3, 4]), RESZTVEVOK_SZAMA[projekt.kod] - sorszam)):
            sorszam += 1
            tagok.append(_szemely(rnd, projekt, mentor, csaladi_nev, felnott=i < 2, sorszam=sorszam))
        haztartas = Haztartas(
            projekt=projekt,
            nev=f"{csaladi_nev} család",
            iranyitoszam=IRANYITOSZAM[projekt.kod],
            telepules=projekt.telepules,
            cim=cim,
            egyeb_tagok_szama=rnd.randint(0, 3),
            gyermekek_szama=rnd.randint(0, 4),
        )
        haztartasok.append((haztartas, tagok))
    return haztartasok


def epit(stdout):
    for projekt in Projekt.objects.filter(kod__in=RESZTVEVOK_SZAMA).order_by("kod"):
        mentorok = list(
            projekt.tagsagok.filter(szerep=Szerep.MENTOR)
            .select_related("felhasznalo")
            .order_by("felhasznalo__username")
        )
        uj_ugyfelek, uj_haztartasok, uj_tagsagok = _epit_projekt(projekt, [t.felhasznalo for t in mentorok])
        stdout.write(
            f"  {projekt.telepules}: {uj_haztartasok} új háztartás, {uj_ugyfelek} új ügyfél, "
            f"{uj_tagsagok} új háztartástag"
        )


def _epit_projekt(projekt, mentorok):
    haztartasok = terv(projekt, mentorok)
    for h, tagok in haztartasok:
        cim_besorolas(h)
        for u in tagok:
            # Participants live at their household's address, so they share its action area.
            u.iranyitoszam, u.telepules, u.cim = h.iranyitoszam, h.telepules, h.cim
            u.akcioterulet, u.akcioteruleten_kivul = h.akcioterulet, h.akcioteruleten_kivul
    meglevo_cimek = set(Haztartas.objects.filter(projekt=projekt).values_list("cim", flat=True))
    meglevo_tajok = set(Ugyfel.objects.filter(projekt=projekt).values_list("taj", flat=True))
    uj_haztartasok = [h for h, _ in haztartasok if h.cim not in meglevo_cimek]
    uj_ugyfelek = [u for _, tagok in haztartasok for u in tagok if u.taj not in meglevo_tajok]
    for obj in (*uj_haztartasok, *uj_ugyfelek):
        # The model rules hold for demo rows too (foreign keys are ours, constraints checked by the database).
        obj.full_clean(exclude=["projekt", "mentor", "akcioterulet"], validate_unique=False, validate_constraints=False)
        obj.kereso_szoveg_frissit()
    Haztartas.objects.bulk_create(uj_haztartasok)
    Ugyfel.objects.bulk_create(uj_ugyfelek)
    audit.log_bulk_create([*uj_haztartasok, *uj_ugyfelek])
    # bulk_create sends no signals: the involvement date (from the agreement date) is computed here.
    bevonas.frissites(u.pk for u in uj_ugyfelek)

    haztartas_cimen = {h.cim: h for h in Haztartas.objects.filter(projekt=projekt)}
    # Whole objects, not ids: the history entry names the member and the household.
    ugyfel_tajjal = {u.taj: u for u in Ugyfel.objects.filter(projekt=projekt)}
    meglevo_tagsagok = set(
        HaztartasTag.objects.filter(haztartas__projekt=projekt).values_list("haztartas_id", "ugyfel_id")
    )
    uj_tagsagok = [
        HaztartasTag(haztartas=haztartas_cimen[h.cim], ugyfel=ugyfel_tajjal[u.taj], mettol=u.bevonas_datuma)
        for h, tagok in haztartasok
        for u in tagok
        if (haztartas_cimen[h.cim].pk, ugyfel_tajjal[u.taj].pk) not in meglevo_tagsagok
    ]
    HaztartasTag.objects.bulk_create(uj_tagsagok)
    audit.log_bulk_create(uj_tagsagok)
    return len(uj_ugyfelek), len(uj_haztartasok), len(uj_tagsagok)
