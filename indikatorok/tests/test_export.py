"""Exports: the .xlsx has the page's figures and no formula; lists of people stay out of readers' hands."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from core.models import Hozzaferes
from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from core.xlsx import csv_ertek
from indikatorok.models import Celertek

D = datetime.date


@pytest.fixture
def adatok(projekt_a, koordinator, mentor):
    ugyfelek = [
        f.UgyfelFactory(
            projekt=projekt_a,
            csaladi_nev=nev,
            utonev="+36 30 123",
            megallapodas_datuma=D(2021, 3, 1),
            munkaeropiaci_statusz="munkanelkuli",
            iskolai_vegzettseg="isced_1_2",
            haztartas_munkanelkuli=True,
            haztartas_eltartott_gyermekkel=False,
            haztartas_egyedulallo_szulo=False,
        )
        for nev in ('=HYPERLINK("http://x")', "@SUM(A1)", "-2+3", "\tTab", "Kovács")
    ]
    ft.KulonlegesAdatFactory(ugyfel=ugyfelek[4], kisebbseg="igen")
    Celertek.objects.create(projekt=projekt_a, mutato="bevont", ertek=149, hatarido=D(2023, 2, 28))
    return ugyfelek


def _tartalom(resp):
    # The workbooks are streamed from a temporary file; the CSV is a plain response.
    return b"".join(resp.streaming_content) if resp.streaming else resp.content


def _munkafuzet(resp):
    assert resp.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(_tartalom(resp)))


def _nincs_keplet(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)


def test_report_xlsx_has_the_page_figures_and_no_formula(client, koordinator, projekt_a, adatok):
    client.force_login(koordinator)
    oldal = client.get(reverse("indikatorok:jelentes", args=[projekt_a.pk]), {"idoszak": "2021"})
    lap = {s.kulcs: s.ertek for _cs, ss in oldal.context["csoportok"] for s in ss if not s.behuzott}
    wb = _munkafuzet(client.get(reverse("indikatorok:jelentes_xlsx", args=[projekt_a.pk]), {"idoszak": "2021"}))
    _nincs_keplet(wb)
    ws = wb["Összesítő"]
    fejlec = [c.value for c in ws[3]]
    kod, teny = fejlec.index("Kód"), fejlec.index("Tény (időszak)")
    sorok = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    xlsx = {r[kod]: r[teny] for r in sorok if r[0] != "Célértékek"}
    assert xlsx == lap
    assert lap["bevont"] == 5 and lap["CO15"] == 1
    # The evidence sheet of involved participants: the names are text, exactly as typed.
    bevont = wb["bevont"]
    nevek = {r[1] for r in bevont.iter_rows(min_row=2, values_only=True)}
    assert {'=HYPERLINK("http://x") +36 30 123', "@SUM(A1) +36 30 123", "-2+3 +36 30 123"} <= nevek
    assert "Bontások" in wb.sheetnames
    assert Hozzaferes.objects.filter(muvelet="export", projekt_id=projekt_a.pk).exists()


def test_reader_gets_the_summary_without_lists_of_people(client, olvaso, koordinator, projekt_a, adatok):
    client.force_login(olvaso)
    wb = _munkafuzet(client.get(reverse("indikatorok:jelentes_xlsx", args=[projekt_a.pk])))
    assert "Összesítő" in wb.sheetnames and "Bontások" in wb.sheetnames
    assert "bevont" not in wb.sheetnames
    # Sessions are not personal data: their list may stay.
    assert "programalkalmak" in wb.sheetnames
    kodok = {r[1] for r in wb["Összesítő"].iter_rows(min_row=4, values_only=True)}
    assert "CO15" not in kodok and "bevont" in kodok
    assert client.get(reverse("indikatorok:esf_xlsx", args=[projekt_a.pk])).status_code == 403
    assert client.get(reverse("indikatorok:esf_csv", args=[projekt_a.pk])).status_code == 403


def test_esf_participant_data_one_row_per_participant(client, koordinator, mentor, projekt_a, adatok):
    client.force_login(koordinator)
    wb = _munkafuzet(client.get(reverse("indikatorok:esf_xlsx", args=[projekt_a.pk])))
    _nincs_keplet(wb)
    ws = wb.active
    fejlec = [c.value for c in ws[1]]
    assert ws.max_row == 1 + 5
    assert "Kisebbség (pl. roma)" in fejlec and "Kilépés dátuma" in fejlec
    client.force_login(mentor)
    wb = _munkafuzet(client.get(reverse("indikatorok:esf_xlsx", args=[projekt_a.pk])))
    assert "Kisebbség (pl. roma)" not in [c.value for c in wb.active[1]]

    resp = client.get(reverse("indikatorok:esf_csv", args=[projekt_a.pk]))
    szoveg = resp.content.decode("utf-8-sig")
    assert len(szoveg.strip().splitlines()) == 1 + 5
    assert "'=HYPERLINK" in szoveg and "'@SUM(A1)" in szoveg and "'-2+3" in szoveg and "'+36 30 123" in szoveg
    assert Hozzaferes.objects.filter(muvelet="export", rekordok_szama=5).count() == 3


def test_csv_guard_leaves_numbers_and_harmless_text_alone():
    assert csv_ertek(-5) == "-5"
    assert csv_ertek("Kovács") == "Kovács"
    assert csv_ertek("\rx") == "'\rx"
    assert csv_ertek(D(2021, 1, 2)) == "2021-01-02"


# --- the evidence sheets against the drill-down, and query counts ---------------------------------------------


def _celertekek(projekt, kepzesek):
    """Targets on a list of people, on visits twice, on a training, and on a training with no cohort here."""
    nap = D(2023, 2, 28)
    Celertek.objects.create(projekt=projekt, mutato="bevont", ertek=149, hatarido=nap)
    Celertek.objects.create(projekt=projekt, mutato="latogatasok", ertek=500, hatarido=nap)
    Celertek.objects.create(projekt=projekt, mutato="latogatasok", nev="Látogatások (2. cél)", ertek=900, hatarido=nap)
    Celertek.objects.create(projekt=projekt, mutato="kepzesben", kepzes=kepzesek[0], ertek=40, hatarido=nap)
    Celertek.objects.create(projekt=projekt, mutato="kepzesben", kepzes=ft.KepzesFactory(), ertek=10, hatarido=nap)


def _normal(value):
    """A value as both the page and the workbook read back compare: dates as midnight, no empty text."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return None if value == "" else value


def _lista_sorai(client, projekt, kulcs, params):
    """Every row of a drill-down list, page by page: (pk, shown values)."""
    sorok, oldal = [], 1
    while True:
        resp = client.get(reverse("indikatorok:lista", args=[projekt.pk, kulcs]), {**params, "page": oldal})
        assert resp.status_code == 200
        sorok += [tuple(_normal(v) for v in (obj.pk, *ertekek)) for obj, _url, ertekek in resp.context["sorok"]]
        if not resp.context["page_obj"].has_next():
            return resp.context["ind"], sorok
        oldal += 1


@pytest.mark.django_db
def test_every_evidence_sheet_has_exactly_the_rows_of_its_drill_down(client, koordinator, projekt_a):
    from indikatorok.selectors import idoszak_presetek, jelentes
    from indikatorok.tests.generalo import general

    kepzesek = [ft.KepzesFactory() for _ in range(3)]
    general(projekt_a, 120, seed=11, felhasznalo=koordinator, kepzesek=kepzesek)
    _celertekek(projekt_a, kepzesek)
    client.force_login(koordinator)
    wb = _munkafuzet(client.get(reverse("indikatorok:jelentes_xlsx", args=[projekt_a.pk]), {"idoszak": "teljes"}))
    _nincs_keplet(wb)
    osszesito = wb["Összesítő"]
    fejlec = [c.value for c in osszesito[3]]
    kod, lap_oszlop = fejlec.index("Kód"), fejlec.index("Lista munkalapja")
    xlsx_sorok = list(osszesito.iter_rows(min_row=4, values_only=True))
    celok, csoportok = jelentes(koordinator, projekt_a, dict(idoszak_presetek(projekt_a))["teljes"])
    jelentes_sorai = [*celok, *(s for _cs, ss in csoportok for s in ss)]
    assert [r[kod] for r in xlsx_sorok] == [s.kulcs for s in jelentes_sorai]

    hasznalt, listak = set(), set()
    for s, r in zip(jelentes_sorai, xlsx_sorok, strict=True):
        params = {"idoszak": "teljes", **({"kepzes": s.kepzes.pk} if s.kepzes else {})}
        ind, lista = _lista_sorai(client, projekt_a, s.kulcs, params)
        lap = wb[r[lap_oszlop]]
        assert [c.value for c in lap[1]] == ["Azonosító", *(o.cim for o in ind.oszlopok)]
        lap_sorai = [tuple(_normal(v) for v in sor) for sor in lap.iter_rows(min_row=2, values_only=True)]
        assert lap_sorai == lista, (s.kulcs, lap.title)
        hasznalt.add(lap.title)
        listak.add((s.kulcs, s.kepzes.pk if s.kepzes else None))
    # Each list is written once (a target shares its indicator's sheet); no sheet is left unexplained.
    assert len(hasznalt) == len(listak)
    assert set(wb.sheetnames) == hasznalt | {"Összesítő", "Bontások"}
    # The target on a training with no cohort here has a list no indicator row shows: a sheet of its own.
    assert any(nev.startswith("C") and nev.split()[0][1:].isdigit() for nev in hasznalt)
    assert wb["latogatasok"].max_row > 100  # long enough to span several pages of the drill-down


@pytest.mark.django_db
def test_export_query_counts_do_not_grow_with_the_data(client, koordinator, projekt_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indikatorok.tests.generalo import general

    kepzesek = [ft.KepzesFactory() for _ in range(3)]
    _celertekek(projekt_a, kepzesek)
    client.force_login(koordinator)
    exportok = [
        (reverse("indikatorok:jelentes_xlsx", args=[projekt_a.pk]), {"bontas": ["kor", "vegzettseg"]}),
        (reverse("indikatorok:esf_xlsx", args=[projekt_a.pk]), {}),
        (reverse("indikatorok:esf_csv", args=[projekt_a.pk]), {}),
    ]

    def lekerdezesek():
        szamok = []
        for url, params in exportok:
            with CaptureQueriesContext(connection) as c:
                resp = client.get(url, params)
                _tartalom(resp)
            assert resp.status_code == 200, url
            szamok.append(len(c.captured_queries))
        return szamok

    general(projekt_a, 100, seed=3, felhasznalo=koordinator, kepzesek=kepzesek)
    kicsi = lekerdezesek()
    general(projekt_a, 900, seed=4, felhasznalo=koordinator, kepzesek=kepzesek)
    assert lekerdezesek() == kicsi
