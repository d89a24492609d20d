"""Demo community programmes (domain.md). Kecskemét from April 2019: a self-knowledge group for
teenagers (15-18), a youth first-aid and community programme, a women's self-help club, family
days. Kaposvár (Kaposszentjakab): skill clubs, career-orientation camps, a health day, a family
day. With sessions, registrations, attendance and head-counts of unregistered residents,
written through the shared services. A programme that exists is left alone.
"""

import datetime
import random

from django.db import transaction

from akcioterulet.models import Projekt
from core.attendance import alkalmak_letrehozasa, jelenlet_rogzites, korhataron_kivul, tagok_felvetele
from ugyfelek.models import Nem, Ugyfel

from .jelenlet import FORRAS
from .models import Program

SORREND = 50
SZERVEZO = "Közösségfejlesztő munkatárs"
DELUTAN = {"kezdes": datetime.time(15), "befejezes": datetime.time(18)}
KECSKEMET = "TOP-6.9.1-16-KE1-2017-00001"
KAPOSVAR = "TOP-6.9.1-16-KA1-2020-00001"
HETENTE, KETHETENTE, HAVONTA = 7, 14, 28


def _napok(elso, db, lepes):
    return [elso + datetime.timedelta(days=i * lepes) for i in range(db)]


# project code -> programmes: (name, kind, target group, age range, who, first day, sessions, days apart,
#                              registrants, head-count per session, place)
PROGRAMOK = {
    KECSKEMET: [
        (
            "Önismereti csoport tizenéveseknek",
            "csoport",
            "15–18 évesek",
            (15, 18),
            None,
            datetime.date(2019, 4, 3),
            12,
            HETENTE,
            12,
            0,
            "Ifjúsági klub, Erzsébet körút",
        ),
        (
            "Ifjúsági elsősegély- és közösségi program",
            "csoport",
            "14–25 éves fiatalok",
            (14, 25),
            None,
            datetime.date(2019, 5, 6),
            8,
            KETHETENTE,
            15,
            2,
            "Közösségi ház",
        ),
        (
            "Női önsegítő klub",
            "klub",
            "nők",
            None,
            Nem.NO,
            datetime.date(2019, 4, 10),
            24,
            HAVONTA,
            15,
            1,
            "Közösségi ház",
        ),
        (
            "Családi nap 2019",
            "esemeny",
            "családok",
            None,
            None,
            datetime.date(2019, 6, 1),
            1,
            1,
            25,
            40,
            "Műkerti sétány, játszótér",
        ),
        (
            "Családi nap 2021",
            "esemeny",
            "családok",
            None,
            None,
            datetime.date(2021, 6, 5),
            1,
            1,
            30,
            55,
            "Műkerti sétány, játszótér",
        ),
    ],
    KAPOSVAR: [
        (
            "Készségfejlesztő klub",
            "klub",
            "felnőttek",
            (18, None),
            None,
            datetime.date(2021, 4, 8),
            20,
            KETHETENTE,
            14,
            0,
            "Kaposszentjakab, közösségi tér",
        ),
        (
            "Pályaorientációs tábor 2021",
            "tabor",
            "12–18 évesek",
            (12, 18),
            None,
            datetime.date(2021, 7, 12),
            5,
            1,
            15,
            0,
            "Kaposszentjakab, iskola",
        ),
        (
            "Pályaorientációs tábor 2022",
            "tabor",
            "12–18 évesek",
            (12, 18),
            None,
            datetime.date(2022, 7, 11),
            5,
            1,
            15,
            0,
            "Kaposszentjakab, iskola",
        ),
        (
            "Egészségnap",
            "esemeny",
            "minden lakó",
            None,
            None,
            datetime.date(2021, 9, 18),
            1,
            1,
            20,
            35,
            "Kaposszentjakab, sportpálya",
        ),
        (
            "Családi nap Kaposszentjakabon",
            "esemeny",
            "családok",
            None,
            None,
            datetime.date(2022, 6, 4),
            1,
            1,
            25,
            40,
            "Kaposszentjakab, sportpálya",
        ),
    ],
}


def _program(projekt, sor, resztvevok, rnd):
    nev, tipus, celcsoport, korhatar, nem, elso, db, lepes, fo, letszam, hely = sor
    also, felso = korhatar or (None, None)
    program = Program(projekt=projekt, nev=nev, tipus=tipus, celcsoport=celcsoport, szervezo=SZERVEZO)
    program.also_korhatar, program.felso_korhatar = also, felso
    program.save()
    napok = _napok(elso, db, lepes)
    alkalmak_letrehozasa(forras=FORRAS, szulo=program, napok=napok, helyszin=hely, tema=nev, **DELUTAN)
    # Only people in the target group sign up: no age exceptions in the demo.
    jo = [u for u in resztvevok if (nem is None or u.nem == nem) and not korhataron_kivul(u, also, felso, elso)]
    valasztek = rnd.sample(jo, min(fo, len(jo)))
    tagok_felvetele(forras=FORRAS, szulo=program, ugyfelek=valasztek, datum=elso - datetime.timedelta(days=5))
    # One-off events: everyone registered came; clubs and groups: most of them, most of the time.
    esely = 1.0 if tipus == "esemeny" else 0.75
    for alkalom in FORRAS.alkalmak(program).select_related("program__projekt"):
        jelen = [u.pk for u in valasztek if rnd.random() < esely]
        jelenlet_rogzites(forras=FORRAS, alkalom=alkalom, jelenlevok=jelen, felhasznalo=None, letszam=letszam)
    return len(valasztek)


@transaction.atomic
def epit(stdout):
    rnd = random.Random(2019)
    for kod, programok in PROGRAMOK.items():
        projekt = Projekt.objects.filter(kod=kod).first()
        if projekt is None:
            stdout.write(f"Programok: a {kod} projekt hiányzik, kihagyva.")
            continue
        resztvevok = list(Ugyfel.objects.filter(projekt=projekt).order_by("pk"))
        uj = 0
        for sor in programok:
            if Program.objects.filter(projekt=projekt, nev=sor[0]).exists():
                continue
            fo = _program(projekt, sor, resztvevok, rnd)
            stdout.write(f"  {sor[0]}: {fo} jelentkező")
            uj += 1
        stdout.write(f"Programok ({projekt.telepules}): {uj} új program.")
