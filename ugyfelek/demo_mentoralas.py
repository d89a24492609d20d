"""Demo data of the mentoring work: visits, follow-ups, development plans and reviews.

Run by ``manage.py demo_adatok`` after the projects, users, participants and
households exist. For each demo project whose participants have no visit yet,
the demo mentors visit them over the project period; some follow-ups stay
open (overdue), some plans are left with a review due. Re-running changes
nothing: a project that already has visits or plans is left alone.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from akcioterulet.models import Felhasznalo, Projekt

from .models import FejlesztesiTerv, Haztartas, KovetoFeladat, Latogatas, LatogatasTipus, Tema, Ugyfel
from .services import felulvizsgalat_rogzites, honapokkal_kesobb, latogatas_rogzites, terv_mentes

SORREND = 30

PROJEKTEK = {
    "TOP-6.9.1-16-KA1-2020-00001": [f"kaposvar_mentor{i}" for i in range(1, 6)],
    "TOP-6.9.1-16-KE1-2017-00001": ["kecskemet_mentor1", "kecskemet_mentor2"],
}

JEGYZETEK = [
    "A család a közüzemi számlák részletfizetéséről érdeklődött; átnéztük a tartozásokat.",
    "A gyerekek iskolai előmenetelét beszéltük át, a tanulószobát javasoltam.",
    "Segítettem kitölteni a lakásfenntartási támogatás kérelmét.",
    "Álláshirdetéseket néztünk, önéletrajzot írtunk.",
    "A háztartási költségvetést vezettük végig a havi bevételek alapján.",
    "Elkísértem a kormányablakba személyi igazolvány ügyben.",
    "A háziorvosi időpontot egyeztettük, a gyógyszerkiváltást megbeszéltük.",
    "Az udvar rendbetételét és a lomtalanítást terveztük meg.",
]
TEENDOK = [
    "Tartozáslista összeállítása",
    "Időpont kérése a családsegítőben",
    "Bizonyítványmásolat beszerzése",
    "Jelentkezés a képzésre",
    "Kérelem beadása az önkormányzathoz",
    "Orvosi lelet elvitele",
    "Iskolai fogadóórán részvétel",
]
CELOK = [
    (Tema.ADOSSAGKEZELES, "A közüzemi hátralék rendezése részletfizetéssel"),
    (Tema.ALLASKERESES, "Munkahely találása vagy közfoglalkoztatásba lépés"),
    (Tema.FELZARKOZTATAS, "A gyermekek rendszeres iskolába járása, a tanulószoba látogatása"),
    (Tema.LAKOKORNYEZET, "A lakás és az udvar rendben tartása"),
    (Tema.EGESZSEG, "Rendszeres orvosi ellenőrzés, szűrővizsgálatokon részvétel"),
    (Tema.PENZUGYI, "Havi háztartási költségvetés vezetése"),
]
LATOGATAS_UGYFELENKENT = (2, 5)


def _idopont(rnd, nap: datetime.date) -> datetime.datetime:
    ora = rnd.choice([9, 10, 11, 13, 14, 15])
    return timezone.make_aware(datetime.datetime.combine(nap, datetime.time(ora, rnd.choice([0, 15, 30, 45]))))


def _napok(rnd, kezdet: datetime.date, veg: datetime.date, n: int) -> list[datetime.date]:
    hossz = max((veg - kezdet).days, 1)
    return sorted(kezdet + datetime.timedelta(days=rnd.randrange(hossz)) for _ in range(n))


def _projekt_latogatasai(projekt, mentorok, rnd) -> tuple[int, int]:
    ma = timezone.localdate()
    kezdet, veg = projekt.kezdete, min(projekt.vege, ma)
    temak = [t for t, _ in Tema.choices]
    ugyfelek = list(Ugyfel.objects.filter(projekt=projekt).select_related("mentor").order_by("pk"))
    latogatasok = feladatok = 0
    for i, ugyfel in enumerate(ugyfelek):
        mentor = ugyfel.mentor if ugyfel.mentor in mentorok else mentorok[i % len(mentorok)]
        tol = max(kezdet, ugyfel.bevonas_datuma or kezdet)
        for nap in _napok(rnd, tol, veg, rnd.randint(*LATOGATAS_UGYFELENKENT)):
            sorok = []
            if rnd.random() < 0.5:
                hatarido = nap + datetime.timedelta(days=rnd.randint(7, 21))
                sorok.append({"leiras": rnd.choice(TEENDOK), "hatarido": hatarido, "felelos": mentor})
            lat = latogatas_rogzites(
                szerzo=mentor,
                ugyfel=ugyfel,
                idopont=_idopont(rnd, nap),
                idotartam_perc=rnd.choice([30, 45, 60, 90]),
                tipus=rnd.choice(
                    [LatogatasTipus.CSALADLATOGATAS] * 3 + [LatogatasTipus.FOGADOORA, LatogatasTipus.TELEFON]
                ),
                temak=rnd.sample(temak, rnd.randint(1, 3)),
                jegyzet=rnd.choice(JEGYZETEK),
                feladatok=sorok,
            )
            latogatasok += 1
            feladatok += len(sorok)
            # Most follow-ups were done in time; about one in eight stays open, i.e. overdue.
            for feladat in lat.feladatok.all():
                if rnd.random() > 0.125:
                    KovetoFeladat.objects.filter(pk=feladat.pk).update(
                        kesz=True, kesz_idopont=_idopont(rnd, min(feladat.hatarido, veg))
                    )
    haztartasok = Haztartas.objects.filter(projekt=projekt).prefetch_related("tagsagok__ugyfel").order_by("pk")
    for j, haztartas in enumerate(haztartasok):
        tagok = [t.ugyfel for t in haztartas.tagsagok.all() if t.meddig is None]
        if not tagok:
            continue
        mentor = next((t.mentor for t in tagok if t.mentor in mentorok), mentorok[j % len(mentorok)])
        for nap in _napok(rnd, kezdet, veg, 2):
            latogatas_rogzites(
                szerzo=mentor,
                haztartas=haztartas,
                jelenlevok=tagok if len(tagok) < 3 else rnd.sample(tagok, 2),
                idopont=_idopont(rnd, nap),
                tipus=LatogatasTipus.CSALADLATOGATAS,
                temak=rnd.sample(temak, 2),
                jegyzet=rnd.choice(JEGYZETEK),
            )
            latogatasok += 1
    return latogatasok, feladatok


def _projekt_tervei(projekt, mentorok, rnd) -> tuple[int, int]:
    ma = timezone.localdate()
    veg = min(projekt.vege, ma)
    tervek = felulvizsgalatok = 0
    ugyfelek = Ugyfel.objects.filter(projekt=projekt).select_related("mentor").order_by("pk")
    for i, ugyfel in enumerate(ugyfelek):
        if i % 5 in (3, 4):  # about 60 % of the participants have a plan
            continue
        mentor = ugyfel.mentor if ugyfel.mentor in mentorok else mentorok[i % len(mentorok)]
        keszult = max(projekt.kezdete, ugyfel.bevonas_datuma or projekt.kezdete) + datetime.timedelta(
            days=rnd.randint(7, 40)
        )
        if keszult >= veg:
            continue
        terv = FejlesztesiTerv(
            projekt=projekt,
            ugyfel=ugyfel,
            keszult=keszult,
            keszitette=mentor,
            helyzetleiras="A családdal közösen felmértük a helyzetet és kijelöltük a célokat.",
        )
        celok = [
            {"terulet": terulet, "leiras": leiras, "hatarido": honapokkal_kesobb(keszult, 6), "felelos": "ügyfél"}
            for terulet, leiras in rnd.sample(CELOK, rnd.randint(2, 3))
        ]
        terv_mentes(terv=terv, celok=celok)
        tervek += 1
        # One plan in five still has its review due; the others were reviewed until the project ended.
        lemarado = i % 5 == 0
        while terv.kovetkezo_felulvizsgalat and terv.kovetkezo_felulvizsgalat <= veg:
            if lemarado and rnd.random() < 0.5:
                break
            felulvizsgalat_rogzites(
                terv=terv,
                datum=terv.kovetkezo_felulvizsgalat,
                megallapitasok="A célok megvalósítása halad; a következő időszak feladatait egyeztettük.",
                keszitette=mentor,
            )
            felulvizsgalatok += 1
        if not lemarado and projekt.vege <= ma:
            terv.celok.update(statusz=rnd.choice(["teljesult", "reszben"]), ertekeles="A program végén értékelve.")
            terv.lezarva = projekt.vege
            terv_mentes(terv=terv)
    return tervek, felulvizsgalatok


def epit(stdout):
    """Build the mentoring demo records of the two demo projects (idempotent)."""
    for kod, felhasznalonevek in PROJEKTEK.items():
        projekt = Projekt.objects.filter(kod=kod).first()
        mentorok = list(Felhasznalo.objects.filter(username__in=felhasznalonevek).order_by("username"))
        if projekt is None or not mentorok:
            stdout.write(f"  mentorálás: {kod} projekt vagy mentorai hiányoznak, kihagyva\n")
            continue
        if (
            Latogatas.objects.filter(projekt=projekt).exists()
            or FejlesztesiTerv.objects.filter(projekt=projekt).exists()
        ):
            stdout.write(f"  mentorálás: {kod} már tartalmaz látogatásokat, nincs teendő\n")
            continue
        if not Ugyfel.objects.filter(projekt=projekt).exists():
            stdout.write(f"  mentorálás: {kod} projektben még nincs ügyfél, kihagyva\n")
            continue
        rnd = random.Random(kod)
        with transaction.atomic():
            latogatasok, feladatok = _projekt_latogatasai(projekt, mentorok, rnd)
            tervek, felulvizsgalatok = _projekt_tervei(projekt, mentorok, rnd)
        stdout.write(
            f"  mentorálás: {kod}: {latogatasok} látogatás, {feladatok} teendő, "
            f"{tervek} fejlesztési terv, {felulvizsgalatok} felülvizsgálat\n"
        )
