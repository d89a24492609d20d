"""Demo targets of the two real projects (run by ``manage.py demo_adatok``; idempotent).

Kaposvár: 149 involved residents by the end of the project and a few others.
Kecskemét: the three trainings of the grant contract as "people in training"
targets bound to each training (50 forklift, 200 personal competence, 40 park
keeper), and a few others.
"""

import datetime

from akcioterulet.models import Projekt
from kepzes.models import Kepzes

from .models import Celertek, Merfoldko

SORREND = 60

KAPOSVAR = "TOP-6.9.1-16-KA1-2020-00001"
KECSKEMET = "TOP-6.9.1-16-KE1-2017-00001"

# Names exactly as the trainings' demo creates them: looked up by name, created only if absent.
KEPZESEK = {
    "Targoncavezető": {"tipus": Kepzes.Tipus.SZAKKEPESITES, "oraszam": 120, "kepesites_neve": "Targoncavezető"},
    "Személyes kompetenciafejlesztés": {"tipus": Kepzes.Tipus.KOMPETENCIA, "oraszam": 30},
    "Parkgondozó és kisgépkezelő": {
        "tipus": Kepzes.Tipus.SZAKKEPESITES,
        "oraszam": 200,
        "kepesites_neve": "Parkgondozó és kisgépkezelő",
    },
}

CELOK = {
    KAPOSVAR: [
        ("bevont", "", None, 149, datetime.date(2023, 2, 28), [(datetime.date(2021, 12, 31), 75)]),
        (
            "fejlesztesi_tervvel",
            "Egyéni fejlesztési tervvel rendelkező résztvevők",
            None,
            120,
            datetime.date(2023, 2, 28),
            [],
        ),
        ("programalkalmak", "Közösségi programalkalmak", None, 40, datetime.date(2023, 2, 28), []),
        ("latogatasok", "Mentori kapcsolatfelvételek", None, 1500, datetime.date(2023, 2, 28), []),
    ],
    KECSKEMET: [
        ("kepzesben", "50 fő a targoncavezető képzésben", "Targoncavezető", 50, datetime.date(2021, 12, 31), []),
        (
            "kepzesben",
            "200 fő a személyes kompetenciafejlesztő képzésben",
            "Személyes kompetenciafejlesztés",
            200,
            datetime.date(2022, 6, 3),
            [(datetime.date(2021, 12, 31), 120)],
        ),
        (
            "kepzesben",
            "40 fő a parkgondozó és kisgépkezelő képzésben",
            "Parkgondozó és kisgépkezelő",
            40,
            datetime.date(2023, 6, 30),
            [],
        ),
        ("bevont", "Bevont lakók", None, 150, datetime.date(2023, 11, 30), []),
        ("programalkalmak", "Közösségi programalkalmak", None, 40, datetime.date(2023, 11, 30), []),
    ],
}


def epit(stdout):
    letrehozva = 0
    for kod, celok in CELOK.items():
        projekt = Projekt.objects.filter(kod=kod).first()
        if projekt is None:
            stdout.write(f"  célértékek: a(z) {kod} projekt hiányzik, kimarad")
            continue
        for sorrend, (mutato, nev, kepzes_nev, ertek, hatarido, merfoldkovek) in enumerate(celok, start=1):
            kepzes = None
            if kepzes_nev:
                kepzes = Kepzes.objects.filter(nev=kepzes_nev).order_by("pk").first()
                if kepzes is None:
                    kepzes = Kepzes.objects.create(nev=kepzes_nev, **KEPZESEK[kepzes_nev])
            celertek, uj = Celertek.objects.get_or_create(
                projekt=projekt,
                mutato=mutato,
                kepzes=kepzes,
                nev=nev,
                defaults={"ertek": ertek, "hatarido": hatarido, "sorrend": sorrend},
            )
            letrehozva += uj
            for datum, m_ertek in merfoldkovek:
                Merfoldko.objects.get_or_create(celertek=celertek, datum=datum, defaults={"ertek": m_ertek})
    stdout.write(f"  célértékek: {letrehozva} új")
