"""The batched figures (``szamok``: one statement per evidence model) equal the one-figure path.

The one-figure path is the registry's definition read literally: the distinct
count (or column total) of ``Indikator.queryset`` and ``bontas()`` of it. On
random data, for every indicator, training, period and breakdown, the two must
agree; the report, the export and the chart read only the batched path.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from indikatorok.definitions import BONTASOK, INDIKATOROK, Idoszak, Kerdes, bontas, szamok
from indikatorok.models import Celertek
from indikatorok.selectors import halmozott_sorozat, idoszak_presetek, jelentes
from indikatorok.tests.generalo import general
from ugyfelek.models import Latogatas

D = datetime.date


@pytest.fixture
def veletlen(db):
    # Rural, so that CO19 counts someone too.
    projekt = f.ProjektFactory(videki=True)
    kepzesek = [ft.KepzesFactory() for _ in range(3)]
    general(projekt, 150, seed=3, kepzesek=kepzesek)
    return projekt, kepzesek


def _egyenkent(k, projekt):
    """The figure of ``k`` the one-figure way: the queryset, counted alone."""
    ind = k.indikator
    ertek = ind.ertek(projekt, k.idoszak, k.kepzes)
    if not k.bontasok:
        return ertek, {}
    return ertek, bontas(ind.queryset(projekt, k.idoszak, k.kepzes), k.bontasok)


def _idoszakok(projekt):
    presetek = dict(idoszak_presetek(projekt))
    # Whole project, a year, a half-year, a quarter, a custom period across their borders, one before the project.
    return [
        presetek["teljes"],
        presetek["2021"],
        presetek["2022-F1"],
        presetek["2021-N3"],
        Idoszak(D(2021, 2, 17), D(2022, 9, 3)),
        Idoszak(D(2018, 1, 1), D(2019, 12, 31)),
    ]


@pytest.mark.parametrize("i", range(6))
def test_batched_figures_equal_the_one_figure_path_for_every_indicator(veletlen, i):
    projekt, kepzesek = veletlen
    idoszak = _idoszakok(projekt)[i]
    kerdesek = []
    for ind in INDIKATOROK.values():
        kerdesek.append(Kerdes.uj(ind, idoszak, bontasok=list(BONTASOK)))
        # Bound to each training (targets "N people in training X"); unbound indicators ignore the training.
        kerdesek += [Kerdes.uj(ind, idoszak, k, bontasok=["nem", "kor"]) for k in kepzesek]
        # The cumulative figure of a target, without breakdowns.
        kerdesek.append(Kerdes.uj(ind, Idoszak(projekt.kezdete, idoszak.vege), kepzesek[0]))
    eredmeny = szamok(projekt, kerdesek)
    nem_nulla = set()
    for k in kerdesek:
        ertek, bontas_ = _egyenkent(k, projekt)
        assert (eredmeny[k].ertek, eredmeny[k].bontas) == (ertek, bontas_), (k.indikator.kulcs, k.kepzes, idoszak)
        if ertek:
            nem_nulla.add(k.indikator.kulcs)
    if i == 0:
        assert nem_nulla == set(INDIKATOROK)


def test_a_training_binds_only_the_indicators_that_may_be_bound(veletlen):
    projekt, kepzesek = veletlen
    idoszak = _idoszakok(projekt)[0]
    for ind in INDIKATOROK.values():
        kotott = szamok(projekt, [Kerdes.uj(ind, idoszak, kepzesek[1])])
        assert list(kotott.values())[0].ertek == ind.ertek(projekt, idoszak, kepzesek[1])
        if not ind.kepzeshez:
            assert Kerdes.uj(ind, idoszak, kepzesek[1]) == Kerdes.uj(ind, idoszak)


def test_cumulative_series_equals_the_figure_at_each_quarter_end(veletlen):
    projekt, kepzesek = veletlen
    for mutato, kepzes in (("bevont", None), ("kepzesben", kepzesek[2]), ("reszvetelek", None), ("haztartasok", None)):
        c = Celertek.objects.create(projekt=projekt, mutato=mutato, kepzes=kepzes, ertek=50, hatarido=D(2023, 6, 30))
        sorozat = halmozott_sorozat(projekt, c, D(2022, 8, 15))
        assert [p["datum"] for p in sorozat][-2:] == ["2022-06-30", "2022-08-15"]
        ind = INDIKATOROK[mutato]
        for p in sorozat:
            idoszak = Idoszak(projekt.kezdete, D.fromisoformat(p["datum"]))
            assert p["ertek"] == ind.ertek(projekt, idoszak, kepzes), (mutato, p)


def test_report_with_training_targets_and_a_later_period_matches_the_one_figure_path(veletlen):
    projekt, kepzesek = veletlen
    admin = f.FelhasznaloFactory(is_superuser=True)
    for ind in INDIKATOROK.values():
        Celertek.objects.create(projekt=projekt, mutato=ind.kulcs, ertek=30, hatarido=D(2023, 12, 31))
    for k in kepzesek:
        for mutato in ("kepzesben", "kepzest_elvegezte", "tanusitvany", "lemorzsolodott"):
            Celertek.objects.create(projekt=projekt, mutato=mutato, kepzes=k, ertek=5, hatarido=D(2022, 12, 31))
    idoszak = dict(idoszak_presetek(projekt))["2022-F1"]
    halmozott_idoszak = Idoszak(projekt.kezdete, idoszak.vege)
    celok, csoportok = jelentes(admin, projekt, idoszak, ["nem", "munkaeropiac"], grafikon="")
    assert len(celok) == len(INDIKATOROK) + 12
    for s in [*celok, *(s for _c, ss in csoportok for s in ss)]:
        k = Kerdes.uj(s.indikator, idoszak, s.kepzes, ["nem", "munkaeropiac"])
        assert (s.ertek, s.bontas) == _egyenkent(k, projekt), (s.kulcs, s.kepzes)
        if s.celertek is not None:
            assert s.allapot.halmozott == s.indikator.ertek(projekt, halmozott_idoszak, s.kepzes), s.nev
    assert celok[0].sorozat == halmozott_sorozat(projekt, celok[0].celertek, idoszak.vege)


def test_report_costs_one_statement_per_evidence_model_whatever_the_targets(veletlen, client):
    projekt, kepzesek = veletlen
    admin = f.FelhasznaloFactory(is_superuser=True)
    client.force_login(admin)
    url = reverse("indikatorok:jelentes", args=[projekt.pk])
    params = {"idoszak": "2022-F1", "bontas": ["kor", "vegzettseg"]}
    Celertek.objects.create(projekt=projekt, mutato="bevont", ertek=30, hatarido=D(2023, 12, 31))

    def lekerdezesek():
        with CaptureQueriesContext(connection) as c:
            assert client.get(url, params).status_code == 200
        return len(c.captured_queries)

    egy_celertekkel = lekerdezesek()
    for ind in INDIKATOROK.values():
        Celertek.objects.create(projekt=projekt, mutato=ind.kulcs, ertek=30, hatarido=D(2023, 12, 31))
    for k in kepzesek:
        Celertek.objects.create(projekt=projekt, mutato="tanusitvany", kepzes=k, ertek=5, hatarido=D(2022, 12, 31))
    assert lekerdezesek() == egy_celertekkel


def _ido(nap, ora, perc=0):
    return timezone.make_aware(datetime.datetime.combine(nap, datetime.time(ora, perc)))


def test_visits_and_households_count_by_the_local_day_of_the_visit(db):
    """Periods and memberships are days in Budapest time; a visit just after midnight belongs to that day."""
    projekt = f.ProjektFactory(kezdete=D(2021, 1, 1), vege=D(2022, 12, 31))
    szerzo = f.FelhasznaloFactory()
    negyedev = Idoszak(D(2021, 4, 1), D(2021, 6, 30))
    # A visit on each household: 00:10 on the first day, 23:50 on the last day, 00:00 on the day after (not in).
    h_eleje, h_vege, h_utana = (f.HaztartasFactory(projekt=projekt) for _ in range(3))
    for h, ido in ((h_eleje, _ido(D(2021, 4, 1), 0, 10)), (h_vege, _ido(D(2021, 6, 30), 23, 50))):
        Latogatas.objects.create(projekt=projekt, szerzo=szerzo, haztartas=h, idopont=ido)
    Latogatas.objects.create(projekt=projekt, szerzo=szerzo, haztartas=h_utana, idopont=_ido(D(2021, 7, 1), 0, 0))
    # Members visited: one who moved out the day before the visit (not in), one who moved in that very day,
    # one who moved out on the day of the visit, late in the evening.
    h_kikoltozott, h_bekoltozott, h_aznap_ki = (f.HaztartasFactory(projekt=projekt) for _ in range(3))
    for h, mettol, meddig, ido in (
        (h_kikoltozott, D(2021, 1, 1), D(2021, 5, 9), _ido(D(2021, 5, 10), 0, 30)),
        (h_bekoltozott, D(2021, 5, 10), None, _ido(D(2021, 5, 10), 0, 30)),
        (h_aznap_ki, D(2021, 1, 1), D(2021, 5, 10), _ido(D(2021, 5, 10), 23, 30)),
    ):
        u = f.UgyfelFactory(projekt=projekt)
        f.HaztartasTagFactory(haztartas=h, ugyfel=u, mettol=mettol, meddig=meddig)
        Latogatas.objects.create(projekt=projekt, szerzo=szerzo, ugyfel=u, idopont=ido)
    # A visit of another project on the member does not count.
    masik = f.HaztartasFactory(projekt=projekt)
    u = f.UgyfelFactory(projekt=projekt)
    f.HaztartasTagFactory(haztartas=masik, ugyfel=u, mettol=D(2021, 1, 1))
    Latogatas.objects.create(projekt=f.ProjektFactory(), szerzo=szerzo, ugyfel=u, idopont=_ido(D(2021, 5, 5), 10))

    haztartasok, latogatasok = INDIKATOROK["haztartasok"], INDIKATOROK["latogatasok"]
    vart = {h_eleje, h_vege, h_bekoltozott, h_aznap_ki}
    assert set(haztartasok.queryset(projekt, negyedev)) == vart
    assert latogatasok.queryset(projekt, negyedev).count() == 5
    eredmeny = szamok(projekt, [Kerdes.uj(haztartasok, negyedev), Kerdes.uj(latogatasok, negyedev)])
    assert [s.ertek for s in eredmeny.values()] == [4, 5]
