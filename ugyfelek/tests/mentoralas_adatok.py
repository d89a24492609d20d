"""Builders of mentoring records for the tests: visits, follow-ups, plans in bulk."""

import datetime

from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import (
    FejlesztesiTerv,
    HaztartasTag,
    KovetoFeladat,
    Latogatas,
    LatogatasTema,
    Tema,
)


def latogatasok(n, *, projekt, szerzo, ugyfelek=None, haztartas=None, kezdet=None):
    """``n`` visits by ``szerzo``: every other one to a household with two members present, two topics,
    one follow-up each (every third one overdue) and a plan for every fifth participant."""
    kezdet = kezdet or timezone.now() - datetime.timedelta(days=1)
    if ugyfelek is None:
        ugyfelek = [f.UgyfelFactory(projekt=projekt, mentor=szerzo) for _ in range(max(2, n // 4))]
    if haztartas is None:
        haztartas = f.HaztartasFactory(projekt=projekt)
        for u in ugyfelek[:2]:
            HaztartasTag.objects.create(haztartas=haztartas, ugyfel=u, mettol=datetime.date(2021, 1, 1))
    temak = [t for t, _ in Tema.choices]
    ma = timezone.localdate()
    for i in range(n):
        hazhoz = i % 2 == 0
        lat = Latogatas.objects.create(
            projekt=projekt,
            szerzo=szerzo,
            idopont=kezdet - datetime.timedelta(hours=i),
            ugyfel=None if hazhoz else ugyfelek[i % len(ugyfelek)],
            haztartas=haztartas if hazhoz else None,
            jegyzet=f"Feljegyzés {i}",
        )
        if hazhoz:
            lat.jelenlevok.set(ugyfelek[:2])
        LatogatasTema.objects.create(latogatas=lat, tema=temak[i % len(temak)])
        LatogatasTema.objects.create(latogatas=lat, tema=temak[(i + 1) % len(temak)])
        KovetoFeladat.objects.create(
            latogatas=lat,
            projekt=projekt,
            ugyfel=lat.ugyfel,
            haztartas=lat.haztartas,
            leiras=f"Teendő {i}",
            hatarido=ma + datetime.timedelta(days=(-3 if i % 3 == 0 else 3)),
            felelos=szerzo,
        )
    for i, u in enumerate(ugyfelek):
        if i % 5 == 0:
            terv = FejlesztesiTerv.objects.create(
                projekt=projekt,
                ugyfel=u,
                keszult=ma - datetime.timedelta(days=120),
                keszitette=szerzo,
                kovetkezo_felulvizsgalat=ma - datetime.timedelta(days=10),
            )
            terv.celok.create(terulet=Tema.ALLASKERESES, leiras="Álláskeresés", statusz="folyamatban")
    return ugyfelek, haztartas


def admin_adat(lat, **kwargs):
    """The admin change form of ``lat`` as posted back unchanged, with ``kwargs`` changed."""
    helyi = timezone.localtime(lat.idopont)
    adat = {
        "projekt": lat.projekt_id,
        "idopont_0": helyi.date().isoformat(),
        "idopont_1": helyi.time().isoformat(),
        "idotartam_perc": lat.idotartam_perc,
        "szerzo": lat.szerzo_id,
        "ugyfel": lat.ugyfel_id or "",
        "haztartas": lat.haztartas_id or "",
        "jelenlevok": [u.pk for u in lat.jelenlevok.all()],
        "tipus": lat.tipus,
        "jegyzet": lat.jegyzet,
        "temak-TOTAL_FORMS": "0",
        "temak-INITIAL_FORMS": "0",
        "feladatok-TOTAL_FORMS": "0",
        "feladatok-INITIAL_FORMS": "0",
    }
    adat.update(kwargs)
    return adat
