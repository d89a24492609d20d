"""Demo trainings of the Kecskemét project (domain.md): forklift driver (50 people, 2021),
personal-competence development (200 people, finished 2022-06-03), park keeper and small
machine operator (40 people, first half of 2023), with cohorts, sessions, enrolments,
attendance and certificates. Written through the services; a cohort that exists is left alone.
"""

import datetime
import random

from django.db import transaction

from akcioterulet.models import Projekt
from core.attendance import alkalmak_letrehozasa, eletkor, jelenlet_rogzites, tagok_felvetele
from ugyfelek.models import Ugyfel

from .jelenlet import FORRAS
from .models import Beiratkozas, Csoport, Kepzes

SORREND = 40
DELELOTT = {"kezdes": datetime.time(8), "befejezes": datetime.time(14), "oraszam": 6, "helyszin": "Kiskőrösi út 20."}
KECSKEMET = "TOP-6.9.1-16-KE1-2017-00001"

KEPZESEK = {
    "targonca": dict(
        nev="Targoncavezető",
        tipus=Kepzes.Tipus.SZAKKEPESITES,
        oraszam=90,
        kepzo="Bács-Kiskun Megyei Felnőttképző Kft.",
        kepesites_neve="Targoncavezető (gépkezelői jogosítvány)",
        also_korhatar=18,
    ),
    "kompetencia": dict(
        nev="Személyes kompetenciák fejlesztése",
        tipus=Kepzes.Tipus.KOMPETENCIA,
        oraszam=30,
        kepzo="Kecskeméti Családsegítő Központ",
    ),
    "park": dict(
        nev="Parkgondozó és kisgépkezelő",
        tipus=Kepzes.Tipus.SZAKKEPESITES,
        oraszam=120,
        kepzo="Bács-Kiskun Megyei Felnőttképző Kft.",
        kepesites_neve="Parkgondozó; kisgépkezelő",
        also_korhatar=18,
    ),
}

# (training, cohort name, first day, last day, sessions, people, the certificate's prefix or None)
CSOPORTOK = [
    ("targonca", "Targonca 2021/1", datetime.date(2021, 3, 1), datetime.date(2021, 5, 28), 10, 25, "TG-2021-1"),
    ("targonca", "Targonca 2021/2", datetime.date(2021, 9, 6), datetime.date(2021, 11, 26), 10, 25, "TG-2021-2"),
    *[
        (
            "kompetencia",
            f"Kompetencia {i + 1}.",
            datetime.date(2021, 10, 4) + datetime.timedelta(weeks=4 * i),
            datetime.date(2021, 11, 12) + datetime.timedelta(weeks=4 * i) if i < 7 else datetime.date(2022, 6, 3),
            6,
            25,
            None,
        )
        for i in range(8)
    ],
    ("park", "Parkgondozó 2023/1", datetime.date(2023, 1, 16), datetime.date(2023, 3, 31), 10, 20, "PK-2023-1"),
    ("park", "Parkgondozó 2023/2", datetime.date(2023, 4, 3), datetime.date(2023, 6, 16), 10, 20, "PK-2023-2"),
]


def _alkalom_napok(elso, utolso, n):
    lepes = max((utolso - elso).days // max(n - 1, 1), 1)
    napok = [elso + datetime.timedelta(days=i * lepes) for i in range(n - 1)]
    return [*napok, utolso]


def _csoport(projekt, kepzes, nev, elso, utolso, alkalmak, emberek, tanusitvany, jeloltek, rnd, stdout):
    if Csoport.objects.filter(projekt=projekt, kepzes=kepzes, nev=nev).exists():
        return 0
    csoport = Csoport.objects.create(
        projekt=projekt,
        kepzes=kepzes,
        nev=nev,
        kezdete=elso,
        vege=utolso,
        helyszin="Kecskemét, Kiskőrösi út 20.",
        oktato="Tóth Gábor",
        letszam=emberek,
    )
    napok = _alkalom_napok(elso, utolso, alkalmak)
    alkalmak_letrehozasa(forras=FORRAS, szulo=csoport, napok=napok, tema=kepzes.nev, **DELELOTT)
    also = kepzes.also_korhatar
    valasztek = [u for u in jeloltek if also is None or eletkor(u.szuletesi_datum, elso) >= also][:emberek]
    for u in valasztek:  # the next cohort of the same training gets other people
        jeloltek.remove(u)
    tagok_felvetele(forras=FORRAS, szulo=csoport, ugyfelek=valasztek, datum=elso - datetime.timedelta(days=7))
    # Most come to nearly everything; a few fade out (they are the drop-outs).
    hajlandosag = {u.pk: rnd.choice([1.0, 0.98, 0.97, 0.95, 0.93, 0.9, 0.6]) for u in valasztek}
    for alkalom in FORRAS.alkalmak(csoport).select_related("csoport__projekt"):
        jelen = [uid for uid, p in hajlandosag.items() if rnd.random() < p]
        jelenlet_rogzites(forras=FORRAS, alkalom=alkalom, jelenlevok=jelen, felhasznalo=None)
    _lezaras(csoport, tanusitvany)
    stdout.write(f"  {nev}: {len(valasztek)} beiratkozott, {alkalmak} foglalkozás")
    return 1


def _lezaras(csoport, tanusitvany):
    """A finished cohort: at the training's share completed (with a certificate), otherwise dropped out."""
    from core.attendance import racs

    for n, sor in enumerate(racs(FORRAS, csoport).sorok, 1):
        b = sor.tag
        if sor.javaslat:
            b.statusz, b.elvegezte_datum = Beiratkozas.Statusz.ELVEGEZTE, csoport.vege
            if tanusitvany:
                b.tanusitvany, b.tanusitvany_szama = True, f"{tanusitvany}/{n:03d}"
                b.tanusitvany_datuma = csoport.vege + datetime.timedelta(days=14)
        else:
            b.statusz, b.lemorzsolodas_datuma = Beiratkozas.Statusz.LEMORZSOLODOTT, csoport.vege
            b.lemorzsolodas_oka = "Nem érte el a szükséges jelenlétet."
        b.save()


@transaction.atomic
def epit(stdout):
    projekt = Projekt.objects.filter(kod=KECSKEMET).first()
    if projekt is None:
        stdout.write(f"Képzések: a {KECSKEMET} projekt hiányzik, kihagyva.")
        return
    kepzesek = {k: Kepzes.objects.get_or_create(nev=adat["nev"], defaults=adat)[0] for k, adat in KEPZESEK.items()}
    resztvevok = list(Ugyfel.objects.filter(projekt=projekt).order_by("pk"))
    if not resztvevok:
        stdout.write("Képzések: a kecskeméti projektnek nincs résztvevője, csak a katalógus készült el.")
        return
    rnd = random.Random(2021)
    # Each training draws from the whole list (one person may attend several trainings);
    # its cohorts take distinct people until the list runs out.
    jeloltek = {k: random.Random(k).sample(resztvevok, len(resztvevok)) for k in KEPZESEK}
    uj = 0
    for kulcs, nev, elso, utolso, alkalmak, emberek, tanusitvany in CSOPORTOK:
        uj += _csoport(
            projekt, kepzesek[kulcs], nev, elso, utolso, alkalmak, emberek, tanusitvany, jeloltek[kulcs], rnd, stdout
        )
    stdout.write(f"Képzések: {len(kepzesek)} képzés, {uj} új csoport.")
