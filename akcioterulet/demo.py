"""Demo world, part 1: the two real TOP-6.9.1 projects, their action areas and the staff.

Codes, titles, budgets and end dates are those of domain.md; the street
segments are plausible, not surveyed. Idempotent: records are looked up by
their natural key and only missing ones are created.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from .models import AkcioTerulet, Projekt, Szerep, Tagsag, UtcaSzakasz

SORREND = 10
JELSZO = "kapocs-demo-2026"

KAPOSVAR = "TOP-6.9.1-16-KA1-2020-00001"
KECSKEMET = "TOP-6.9.1-16-KE1-2017-00001"

PROJEKTEK = {
    KAPOSVAR: dict(
        cim="Társadalmi együttműködés erősítése Kaposszentjakabon",
        kedvezmenyezett="Kaposvár Megyei Jogú Város Önkormányzata",
        telepules="Kaposvár",
        kezdete=datetime.date(2021, 3, 1),
        vege=datetime.date(2023, 2, 28),
        koltsegvetes=Decimal(230_000_000),
        adatmegorzes_vege=datetime.date(2027, 12, 31),
    ),
    KECSKEMET: dict(
        cim="Társadalmi együttműködés erősítése Kecskeméten",
        kedvezmenyezett="Kecskemét Megyei Jogú Város Önkormányzata",
        telepules="Kecskemét",
        kezdete=datetime.date(2018, 9, 1),
        vege=datetime.date(2023, 11, 30),
        koltsegvetes=Decimal(165_000_000),
        adatmegorzes_vege=datetime.date(2027, 12, 31),
    ),
}

P, PS, M = UtcaSzakasz.Oldal.PARATLAN, UtcaSzakasz.Oldal.PAROS, UtcaSzakasz.Oldal.MIND

# {project: {area name: (boundary description, [(street, from, to, side), ...])}}
AKCIOTERULETEK = {
    KAPOSVAR: {
        "Kaposszentjakab": (
            "Kaposszentjakab városrész szegregátuma a Kanizsai utca déli oldalán, "
            "az Apátság utca és a Bencés utca közötti lakótömbökkel.",
            [
                ("Kanizsai utca", 151, 249, P),
                ("Apátság utca", None, None, M),
                ("Bencés utca", 1, 40, M),
                ("Zárda utca", None, None, M),
                ("Jakabhegyi utca", 2, 60, PS),
                ("Kolostor utca", None, None, M),
            ],
        ),
    },
    KECSKEMET: {
        "Műkert – vasút menti terület": (
            "A 142-es vasútvonal, a Műkerti sétány, az Erzsébet körút és a Kossuth körút által határolt tömbök.",
            [
                ("Műkerti sétány", 1, 45, M),
                ("Erzsébet körút", 1, 59, P),
                ("Kossuth körút", 2, 40, PS),
            ],
        ),
        "Küküllő utca – Kiskőrösi út": (
            "Az Árpád körút, a Küküllő utca, a Kiskőrösi út és a Könyves Kálmán körút közötti terület.",
            [
                ("Küküllő utca", None, None, M),
                ("Kiskőrösi út", 1, 79, P),
                ("Árpád körút", 2, 30, PS),
            ],
        ),
        "Csap utca – Présház utca": (
            "A Csap utca, a Csengő utca (a népszámlálási térképen Alma utca), a Présház utca, a Róna utca, "
            "a Kiskőrösi út, a 9413 hrsz. közterület, a Könyves Kálmán körút és a Halasi út által határolt terület.",
            [
                ("Csap utca", None, None, M),
                ("Csengő utca", None, None, M),
                ("Alma utca", None, None, M),
                ("Présház utca", None, None, M),
                ("Róna utca", 1, 50, M),
                ("Halasi út", 40, 98, PS),
            ],
        ),
    },
}

# (username, family name, given name, {project: role}); superuser when the role map is None.
FELHASZNALOK = [
    ("admin", "Rendszer", "Gazda", None),
    ("kaposvar_koordinator", "Próba", "Katalin", {KAPOSVAR: Szerep.KOORDINATOR}),
    *[
        (f"kaposvar_mentor{i}", csaladi, uto, {KAPOSVAR: Szerep.MENTOR})
        for i, (csaladi, uto) in enumerate(
            [("Minta", "Márta"), ("Teszt", "Gábor"), ("Példa", "Zsuzsanna"), ("Próba", "Tamás"), ("Minta", "Eszter")],
            start=1,
        )
    ],
    ("kecskemet_koordinator", "Teszt", "Judit", {KECSKEMET: Szerep.KOORDINATOR}),
    ("kecskemet_mentor1", "Példa", "Balázs", {KECSKEMET: Szerep.MENTOR}),
    ("kecskemet_mentor2", "Minta", "Noémi", {KECSKEMET: Szerep.MENTOR}),
    ("olvaso", "Olvasó", "Ottó", {KAPOSVAR: Szerep.OLVASO, KECSKEMET: Szerep.OLVASO}),
]


def epit(stdout):
    projektek = {}
    for kod, adatok in PROJEKTEK.items():
        projektek[kod], _ = Projekt.objects.get_or_create(kod=kod, defaults=adatok)

    szakaszok = 0
    for kod, teruletek in AKCIOTERULETEK.items():
        for nev, (leiras, utcak) in teruletek.items():
            terulet, _ = AkcioTerulet.objects.get_or_create(
                projekt=projektek[kod], nev=nev, defaults={"hatar_leiras": leiras}
            )
            for utca, tol, ig, oldal in utcak:
                UtcaSzakasz.objects.get_or_create(
                    akcioterulet=terulet, utca=utca, hazszam_tol=tol, hazszam_ig=ig, defaults={"oldal": oldal}
                )
                szakaszok += 1

    User = get_user_model()
    jelszo_hash = None  # hashing costs about a second each: hash the shared demo password once
    for username, csaladi, uto, szerepek in FELHASZNALOK:
        user = User.objects.filter(username=username).first()
        if user is None:
            admin = szerepek is None
            user = User(username=username, last_name=csaladi, first_name=uto, is_superuser=admin, is_staff=admin)
            jelszo_hash = jelszo_hash or make_password(JELSZO)
            user.password = jelszo_hash
            user.save()
        for kod, szerep in (szerepek or {}).items():
            Tagsag.objects.get_or_create(projekt=projektek[kod], felhasznalo=user, defaults={"szerep": szerep})

    stdout.write(f"  {len(projektek)} projekt, {szakaszok} utcaszakasz, {len(FELHASZNALOK)} felhasználó")
