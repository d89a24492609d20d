"""On random data, for every indicator and every period preset, the figure equals its drill-down list."""

import pytest
from django.urls import reverse

from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from indikatorok.definitions import INDIKATOROK
from indikatorok.selectors import idoszak_presetek, jelentes
from indikatorok.tests.generalo import general


@pytest.fixture
def veletlen(db):
    projekt = f.ProjektFactory()
    kepzesek = [ft.KepzesFactory() for _ in range(3)]
    general(projekt, 80, seed=7, kepzesek=kepzesek)
    return projekt, kepzesek


def _sorok_szama(ind, projekt, idoszak, kepzes=None):
    rekordok = list(ind.queryset(projekt, idoszak, kepzes))
    if ind.osszeg:
        return sum(getattr(r, ind.osszeg) for r in rekordok)
    assert len({r.pk for r in rekordok}) == len(rekordok), f"{ind.kulcs}: duplicate rows"
    return len(rekordok)


def test_presets_cover_the_whole_project_years_halves_and_quarters():
    projekt = f.ProjektFactory.build()
    presetek = dict(idoszak_presetek(projekt))
    assert len(presetek) == 1 + 4 + 8 + 16
    assert presetek["2021-F2"].kezdete.isoformat() == "2021-07-01"
    assert presetek["2022-N4"].vege.isoformat() == "2022-12-31"


@pytest.mark.parametrize("preset", range(1 + 4 + 8 + 16))
def test_figure_equals_drill_down_rows_for_every_indicator_and_preset(veletlen, preset):
    projekt, kepzesek = veletlen
    admin = f.FelhasznaloFactory(is_superuser=True)
    _kulcs, idoszak = idoszak_presetek(projekt)[preset]
    _celok, csoportok = jelentes(admin, projekt, idoszak)
    nem_nulla = set()
    for _cs, sorok in csoportok:
        for s in sorok:
            assert s.ertek == _sorok_szama(s.indikator, projekt, idoszak, s.kepzes), (s.kulcs, idoszak)
            if s.ertek:
                nem_nulla.add(s.kulcs)
    if preset == 0:
        # The generated data exercise (nearly) every indicator; CO19 needs a rural project.
        assert set(INDIKATOROK) - nem_nulla <= {"CO19"}


def test_breakdown_columns_and_incomplete_add_up_to_the_total(veletlen):
    projekt, _ = veletlen
    admin = f.FelhasznaloFactory(is_superuser=True)
    _kulcs, idoszak = idoszak_presetek(projekt)[0]
    _celok, csoportok = jelentes(admin, projekt, idoszak, ["nem", "kor", "kor_esf", "vegzettseg", "munkaeropiac"])
    for _cs, sorok in csoportok:
        for s in sorok:
            if not s.bontas:
                continue
            for k in ("nem", "kor", "vegzettseg", "munkaeropiac"):
                assert sum(n for _c, n in s.bontas[k]) + s.bontas["hianyos"] == s.ertek, (s.kulcs, k)


@pytest.mark.parametrize("preset", [0, 2, 7])
def test_drill_down_page_lists_exactly_the_figure(veletlen, client, preset):
    projekt, kepzesek = veletlen
    admin = f.FelhasznaloFactory(is_superuser=True)
    client.force_login(admin)
    kulcs, idoszak = idoszak_presetek(projekt)[preset]
    _celok, csoportok = jelentes(admin, projekt, idoszak)
    for _cs, sorok in csoportok:
        for s in sorok:
            params = {"idoszak": kulcs}
            if s.kepzes:
                params["kepzes"] = s.kepzes.pk
            resp = client.get(reverse("indikatorok:lista", args=[projekt.pk, s.kulcs]), params)
            assert resp.status_code == 200
            if s.indikator.osszeg:
                assert resp.context["osszeg"] == s.ertek
                oszlop = [sz.cim for sz in s.indikator.oszlopok].index("Összesen")
                # Every session fits on one page here, so the column total is visible in full.
                assert resp.context["paginator"].num_pages == 1
                assert sum(r[2][oszlop] for r in resp.context["sorok"]) == s.ertek
            else:
                assert resp.context["paginator"].count == s.ertek, s.kulcs


def test_breakdown_cell_lists_exactly_its_figure(veletlen, client):
    projekt, _ = veletlen
    admin = f.FelhasznaloFactory(is_superuser=True)
    client.force_login(admin)
    _celok, csoportok = jelentes(admin, projekt, idoszak_presetek(projekt)[0][1], ["nem", "kor"])
    sor = next(s for _c, ss in csoportok for s in ss if s.kulcs == "bevont")
    for k in ("nem", "kor"):
        for i, (_cim, n) in enumerate(sor.bontas[k]):
            resp = client.get(reverse("indikatorok:lista", args=[projekt.pk, "bevont"]), {"bontas": k, "ertek": i})
            assert resp.context["paginator"].count == n
    resp = client.get(reverse("indikatorok:lista", args=[projekt.pk, "bevont"]), {"hianyos": "1"})
    assert resp.context["paginator"].count == sor.bontas["hianyos"]
