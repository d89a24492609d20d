import datetime
import io

from core.testing import factories as f
from kepzes import demo
from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Jelenlet, Kepzes


def test_demo_builds_kecskemet_trainings_once(projekt_b):
    # 30 adults and 3 minors: the forklift cohorts take adults only.
    for i in range(33):
        f.UgyfelFactory(
            projekt=projekt_b,
            szuletesi_datum=datetime.date(1980 + i % 20, 1, 1) if i < 30 else datetime.date(2008, 1, 1),
        )
    kimenet = io.StringIO()
    demo.epit(kimenet)
    assert Kepzes.objects.count() == 3 and Csoport.objects.count() == 12
    targonca = Beiratkozas.objects.filter(csoport__kepzes__nev="Targoncavezető")
    # Too few people for 50: the two cohorts enrol the 30 adults once each.
    assert targonca.count() == 30 and targonca.values("ugyfel").distinct().count() == 30
    assert not targonca.filter(ugyfel__szuletesi_datum__year=2008).exists()
    assert Foglalkozas.objects.filter(csoport__kepzes__nev="Targoncavezető").count() == 20
    assert Jelenlet.objects.exists()
    kesz = Beiratkozas.objects.filter(statusz="elvegezte")
    assert kesz.exists() and kesz.filter(csoport__kepzes__nev="Targoncavezető", tanusitvany=True).exists()
    assert not Beiratkozas.objects.filter(statusz__in=["jelentkezett", "reszt_vesz"]).exists()
    assert Csoport.objects.filter(kepzes__nev__startswith="Személyes").order_by("-vege")[0].vege == datetime.date(
        2022, 6, 3
    )
    szamok = (Csoport.objects.count(), Beiratkozas.objects.count(), Jelenlet.objects.count())
    demo.epit(io.StringIO())
    assert (Csoport.objects.count(), Beiratkozas.objects.count(), Jelenlet.objects.count()) == szamok


def test_demo_without_the_project_does_nothing(db):
    kimenet = io.StringIO()
    demo.epit(kimenet)
    assert "hiányzik" in kimenet.getvalue() and not Kepzes.objects.exists()
