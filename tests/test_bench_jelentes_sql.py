"""The benchmark's hand-written SQL of the report (``bench/jelentes_sql.py``) gives the report page's figures.

``bench/measure.py`` holds the report page to this SQL (<= 2x); the check it
runs before timing is run here on a small random project, so a change of an
indicator that the SQL does not follow fails the suite, not only the benchmark.
"""

import datetime

import pytest
from django.db import connection

from akcioterulet.models import Szerep
from bench import jelentes_sql
from bench.jelentes_sql import Elteres, report_check
from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from indikatorok.definitions import INDIKATOROK
from indikatorok.models import Celertek
from indikatorok.tests.generalo import general

pytestmark = pytest.mark.postgres

MINDEN_BONTAS = "bontas=kor&bontas=kor_esf&bontas=vegzettseg&bontas=munkaeropiac"


@pytest.fixture
def projekt(db):
    if connection.vendor != "postgresql":
        pytest.skip("The benchmark's SQL is PostgreSQL's, as the benchmark database (DATABASE_URL).")
    # Rural, so that CO19 counts someone too.
    projekt = f.ProjektFactory(videki=True)
    kepzesek = [ft.KepzesFactory() for _ in range(2)]
    general(projekt, 60, seed=5, kepzesek=kepzesek)
    return projekt


@pytest.fixture
def koordinator(projekt):
    user = f.FelhasznaloFactory()
    f.TagsagFactory(projekt=projekt, felhasznalo=user, szerep=Szerep.KOORDINATOR)
    return user


def test_the_sql_gives_every_figure_of_the_default_report(projekt, koordinator):
    # The page as measured: the whole project, the gender breakdown, no targets.
    assert report_check(koordinator, projekt) > len(INDIKATOROK)


def test_the_sql_gives_targets_trainings_cumulative_figures_chart_and_every_breakdown(projekt, koordinator):
    for ind in INDIKATOROK.values():
        Celertek.objects.create(projekt=projekt, mutato=ind.kulcs, ertek=30, hatarido=datetime.date(2023, 12, 31))
    kepzes = projekt.kepzesi_csoportok.first().kepzes
    for mutato in ("kepzest_elvegezte", "lemorzsolodott"):
        Celertek.objects.create(
            projekt=projekt, mutato=mutato, kepzes=kepzes, ertek=5, hatarido=datetime.date(2022, 6, 30)
        )
    # A period after the project's start, so the targets' cumulative figures are figures of their own.
    assert report_check(koordinator, projekt, f"idoszak=2022-F1&{MINDEN_BONTAS}") > len(INDIKATOROK) * 15
    assert report_check(koordinator, projekt, f"kezdete=2021-02-17&vege=2022-09-03&{MINDEN_BONTAS}")


def test_a_yardstick_that_drifts_from_the_page_fails_the_check(projekt, koordinator, monkeypatch):
    monkeypatch.setitem(jelentes_sql.FELTETELEK, "bevont", ("u", "bevonas_datuma BETWEEN {t} AND {i}"))
    with pytest.raises(Elteres, match="'bevont'"):
        report_check(koordinator, projekt)
