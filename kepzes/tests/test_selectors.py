"""The training figures the indicator report reads: distinct persons, per training and in total."""

import datetime

from core.testing import factories as f
from kepzes import selectors
from kepzes.models import Beiratkozas, Csoport, Kepzes

D = datetime.date


def _beir(csoport, ugyfel, **kw):
    return Beiratkozas.objects.create(csoport=csoport, ugyfel=ugyfel, datum=csoport.kezdete, **kw)


def test_people_in_training_are_distinct_and_per_training(projekt_a, projekt_b):
    targonca = Kepzes.objects.create(nev="Targonca", tipus="szakkepesites", oraszam=60)
    kompetencia = Kepzes.objects.create(nev="Kompetencia", tipus="kompetencia", oraszam=30)
    c1 = Csoport.objects.create(projekt=projekt_a, kepzes=targonca, kezdete=D(2021, 3, 1), vege=D(2021, 6, 30))
    c2 = Csoport.objects.create(projekt=projekt_a, kepzes=kompetencia, kezdete=D(2022, 1, 10), vege=D(2022, 6, 3))
    c_b = Csoport.objects.create(projekt=projekt_b, kepzes=targonca, kezdete=D(2021, 3, 1))
    anna, bela, cili, dani = (f.UgyfelFactory(projekt=projekt_a) for _ in range(4))
    _beir(
        c1,
        anna,
        statusz="elvegezte",
        elvegezte_datum=D(2021, 6, 30),
        tanusitvany=True,
        tanusitvany_szama="1",
        tanusitvany_datuma=D(2021, 7, 5),
    )
    _beir(c1, bela, statusz="lemorzsolodott", lemorzsolodas_datuma=D(2021, 4, 1))
    _beir(c1, cili)  # applied only: not a trainee
    _beir(c2, anna, statusz="reszt_vesz")
    _beir(c2, dani, statusz="reszt_vesz")
    _beir(c_b, f.UgyfelFactory(projekt=projekt_b), statusz="reszt_vesz")

    assert set(selectors.kepzesben_resztvevok(projekt_a)) == {anna, bela, dani}
    assert selectors.kepzesben_resztvevok(projekt_a).count() == 3  # Anna once although in two cohorts
    assert set(selectors.kepzesben_resztvevok(projekt_a, (D(2021, 1, 1), D(2021, 12, 31)))) == {anna, bela}
    assert set(selectors.kepzesben_resztvevok(projekt_a, kepzes=kompetencia)) == {anna, dani}
    assert {k.nev: k.resztvevok for k in selectors.kepzesenkent(projekt_a)} == {"Kompetencia": 2, "Targonca": 2}
    assert list(selectors.kepzest_elvegzok(projekt_a, (D(2021, 1, 1), D(2021, 12, 31)))) == [anna]
    assert not selectors.kepzest_elvegzok(projekt_a, (D(2022, 1, 1), None)).exists()
    assert list(selectors.tanusitvanyt_szerzok(projekt_a)) == [anna]
    assert list(selectors.lemorzsolodottak(projekt_a, (D(2021, 4, 1), D(2021, 4, 1)))) == [bela]
