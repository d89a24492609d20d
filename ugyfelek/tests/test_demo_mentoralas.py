import datetime
import io

from django.utils import timezone

from akcioterulet.models import Felhasznalo, Projekt, Szerep
from core.testing import factories as f
from ugyfelek import demo_mentoralas
from ugyfelek.models import FejlesztesiTerv, Felulvizsgalat, HaztartasTag, KovetoFeladat, Latogatas


def _demo_vilag():
    """The demo projects and mentors (made here if the other demo modules have not run), with participants."""
    for kod, nevek in demo_mentoralas.PROJEKTEK.items():
        projekt = Projekt.objects.filter(kod=kod).first() or f.ProjektFactory(
            kod=kod, kezdete=datetime.date(2021, 3, 1), vege=datetime.date(2023, 2, 28)
        )
        for nev in nevek:
            if not Felhasznalo.objects.filter(username=nev).exists():
                f.TagsagFactory(projekt=projekt, felhasznalo=f.FelhasznaloFactory(username=nev), szerep=Szerep.MENTOR)
        mentor = Felhasznalo.objects.get(username=nevek[0])
        ugyfelek = [f.UgyfelFactory(projekt=projekt, mentor=mentor if i % 2 else None) for i in range(10)]
        haztartas = f.HaztartasFactory(projekt=projekt)
        for u in ugyfelek[:2]:
            HaztartasTag.objects.create(haztartas=haztartas, ugyfel=u, mettol=datetime.date(2021, 1, 1))


def _szamok():
    return (
        Latogatas.objects.count(),
        KovetoFeladat.objects.count(),
        FejlesztesiTerv.objects.count(),
        Felulvizsgalat.objects.count(),
    )


def test_demo_builds_visits_plans_and_is_idempotent(db):
    _demo_vilag()
    kimenet = io.StringIO()
    demo_mentoralas.epit(kimenet)
    latogatasok, feladatok, tervek, felulvizsgalatok = _szamok()
    assert latogatasok >= 20 and feladatok and tervek and felulvizsgalatok
    ma = timezone.localdate()
    assert KovetoFeladat.objects.filter(kesz=False, hatarido__lt=ma).exists()  # some overdue
    assert KovetoFeladat.objects.filter(kesz=True).exists()
    assert FejlesztesiTerv.objects.filter(lezarva__isnull=True, kovetkezo_felulvizsgalat__lte=ma).exists()  # due
    assert Latogatas.objects.filter(haztartas__isnull=False, jelenlevok__isnull=False).exists()
    for lat in Latogatas.objects.select_related("projekt"):
        assert lat.projekt.kezdete <= timezone.localtime(lat.idopont).date() <= lat.projekt.vege
    assert "látogatás" in kimenet.getvalue()

    demo_mentoralas.epit(io.StringIO())
    assert _szamok() == (latogatasok, feladatok, tervek, felulvizsgalatok)


def test_demo_skips_quietly_without_projects(db):
    kimenet = io.StringIO()
    demo_mentoralas.epit(kimenet)
    assert "kihagyva" in kimenet.getvalue() and Latogatas.objects.count() == 0
