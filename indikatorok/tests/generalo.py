"""Random but reproducible activity data for one project: participants, plans, visits, trainings, programmes.

Rows are built with the factories and written with ``bulk_create``, so a
thousand participants take a second, not a minute.
"""

import datetime
import random

from django.utils import timezone

from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from core.text import fold
from kepzes.models import Beiratkozas, Csoport
from kozosseg.models import Alkalom, Reszvetel
from ugyfelek import bevonas
from ugyfelek.models import (
    FejlesztesiTerv,
    Haztartas,
    HaztartasTag,
    IskolaiVegzettseg,
    KulonlegesAdat,
    Latogatas,
    MunkaeropiaciStatusz,
    TervCel,
    Ugyfel,
)


def _nap(rnd, kezdete, vege):
    return kezdete + datetime.timedelta(days=rnd.randint(0, max(0, (vege - kezdete).days)))


def general(projekt, n, *, seed=1, felhasznalo=None, kepzesek=None):
    """``n`` participants of ``projekt`` with a random mix of every activity; returns the participants."""
    rnd = random.Random(seed)
    felhasznalo = felhasznalo or f.FelhasznaloFactory()
    ma = timezone.localdate()
    vege = min(projekt.vege, ma)
    statuszok = [c.value for c in MunkaeropiaciStatusz]
    vegzettsegek = [c.value for c in IskolaiVegzettseg]
    ugyfelek = []
    for i in range(n):
        megallapodas = _nap(rnd, projekt.kezdete, vege) if rnd.random() < 0.7 else None
        kilepes = None
        if megallapodas and rnd.random() < 0.4:
            kilepes = _nap(rnd, megallapodas, vege)
        csaladi, uto = f"Próba{i // 2 if i % 25 == 0 else i}", rnd.choice(["Anna", "Béla", "Éva", "Ödön"])
        u = f.UgyfelFactory.build(
            projekt=projekt,
            csaladi_nev=csaladi,
            utonev=uto,
            taj="",
            szuletesi_datum=datetime.date(rnd.randint(1950, 2008), rnd.randint(1, 12), rnd.randint(1, 28)),
            nem=rnd.choice(["ferfi", "no"]),
            bevonas_datuma=megallapodas or projekt.kezdete,
            megallapodas_datuma=megallapodas,
            # About one record in six is incomplete (no labour-market status).
            munkaeropiaci_statusz=rnd.choice(statuszok) if rnd.random() > 0.15 else "",
            iskolai_vegzettseg=rnd.choice(vegzettsegek),
            haztartas_munkanelkuli=rnd.choice([True, False, False]) if rnd.random() > 0.03 else None,
            haztartas_eltartott_gyermekkel=rnd.choice([True, False]),
            haztartas_egyedulallo_szulo=rnd.choice([True, False]),
            hajlektalan=rnd.random() < 0.1,
            akcioteruleten_kivul=rnd.random() < 0.05,
            kilepes_datuma=kilepes,
            eredmeny_28=rnd.choice(["", "nincs", "allaskereso", "oktatasban", "kepesites", "foglalkoztatott"])
            if kilepes
            else "",
            eredmeny_6ho=rnd.choice(["", "nincs", "foglalkoztatott", "jobb_helyzet"]) if kilepes else "",
        )
        u.kereso_szoveg = fold(f"{u.csaladi_nev} {u.utonev}")
        ugyfelek.append(u)
    # Pairs of likely duplicates: same name and birth date.
    for i in range(0, n - 1, 25):
        ugyfelek[i + 1].csaladi_nev, ugyfelek[i + 1].utonev = ugyfelek[i].csaladi_nev, ugyfelek[i].utonev
        ugyfelek[i + 1].szuletesi_datum = ugyfelek[i].szuletesi_datum
    ugyfelek = Ugyfel.objects.bulk_create(ugyfelek)

    KulonlegesAdat.objects.bulk_create(
        ft.KulonlegesAdatFactory.build(
            ugyfel=u,
            kisebbseg=rnd.choice(["igen", "nem", "nem_valaszolt"]),
            fogyatekossag=rnd.choice(["igen", "nem", "nem", ""]),
            egeszsegkarosodas=rnd.choice(["igen", "nem", "nem"]),
            egyeb_hatrany=rnd.choice(["igen", "nem"]),
        )
        for u in ugyfelek
        if rnd.random() < 0.5
    )

    tervek = FejlesztesiTerv.objects.bulk_create(
        ft.FejlesztesiTervFactory.build(
            projekt=projekt, ugyfel=u, keszitette=felhasznalo, keszult=_nap(rnd, projekt.kezdete, vege)
        )
        for u in ugyfelek
        if rnd.random() < 0.45
    )
    # bulk_create sends no signals: the stored involvement date is computed as the app's writes would.
    bevonas.frissites(u.pk for u in ugyfelek)
    celok = []
    for t in tervek:
        for _ in range(rnd.randint(0, 3)):
            teljesult = rnd.random() < 0.5
            celok.append(
                ft.TervCelFactory.build(
                    terv=t,
                    statusz=TervCel.Statusz.TELJESULT if teljesult else TervCel.Statusz.FOLYAMATBAN,
                    teljesult_datum=_nap(rnd, t.keszult, vege) if teljesult and rnd.random() < 0.9 else None,
                )
            )
    TervCel.objects.bulk_create(celok)

    haztartasok = Haztartas.objects.bulk_create(
        f.HaztartasFactory.build(projekt=projekt, akcioteruleten_kivul=rnd.random() < 0.05)
        for _ in range(max(1, n // 3))
    )
    tagok = [
        f.HaztartasTagFactory.build(haztartas=rnd.choice(haztartasok), ugyfel=u, mettol=projekt.kezdete, meddig=None)
        for u in ugyfelek
        if rnd.random() < 0.6
    ]
    HaztartasTag.objects.bulk_create(tagok)
    lat = []
    for _ in range(n):
        ido = timezone.make_aware(datetime.datetime.combine(_nap(rnd, projekt.kezdete, vege), datetime.time(10)))
        if rnd.random() < 0.3:
            lat.append(Latogatas(projekt=projekt, idopont=ido, szerzo=felhasznalo, haztartas=rnd.choice(haztartasok)))
        else:
            lat.append(Latogatas(projekt=projekt, idopont=ido, szerzo=felhasznalo, ugyfel=rnd.choice(ugyfelek)))
    Latogatas.objects.bulk_create(lat)

    kepzesek = kepzesek or [ft.KepzesFactory() for _ in range(3)]
    csoportok = []
    for k in kepzesek:
        kezd = _nap(rnd, projekt.kezdete, vege)
        csoportok.append(
            ft.CsoportFactory.build(projekt=projekt, kepzes=k, kezdete=kezd, vege=_nap(rnd, kezd, projekt.vege))
        )
    csoportok = Csoport.objects.bulk_create(csoportok)
    beir = []
    for u in ugyfelek:
        for cs in csoportok:
            if rnd.random() < 0.15:
                statusz = rnd.choice([c.value for c in Beiratkozas.Statusz])
                kesz = statusz == Beiratkozas.Statusz.ELVEGEZTE
                tan = kesz and rnd.random() < 0.7
                beir.append(
                    ft.BeiratkozasFactory.build(
                        csoport=cs,
                        ugyfel=u,
                        datum=cs.kezdete,
                        statusz=statusz,
                        elvegezte_datum=cs.vege if kesz and rnd.random() < 0.8 else None,
                        tanusitvany=tan,
                        tanusitvany_szama="T-1" if tan else "",
                        lemorzsolodas_datuma=_nap(rnd, cs.kezdete, cs.vege)
                        if statusz == Beiratkozas.Statusz.LEMORZSOLODOTT
                        else None,
                    )
                )
    Beiratkozas.objects.bulk_create(beir)

    programok = [ft.ProgramFactory(projekt=projekt) for _ in range(3)]
    alkalmak = Alkalom.objects.bulk_create(
        ft.AlkalomFactory.build(
            program=rnd.choice(programok),
            datum=_nap(rnd, projekt.kezdete, projekt.vege),
            letszam_nem_regisztralt=rnd.choice([0, 0, 5, 12]),
        )
        for _ in range(20)
    )
    resz = []
    for a in alkalmak:
        for u in rnd.sample(ugyfelek, k=min(len(ugyfelek), rnd.randint(0, max(1, n // 10)))):
            resz.append(Reszvetel(alkalom=a, ugyfel=u))
    Reszvetel.objects.bulk_create(resz)
    return ugyfelek
