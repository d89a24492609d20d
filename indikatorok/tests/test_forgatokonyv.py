"""A hand-computed scenario: every figure of every indicator is checked against a number worked out by hand.

Project 2021-01-01 – 2022-12-31 (rural). Participants:
- A Nagy Anna, nő, 1990-05-10; agreement 2021-03-01; unemployed, ISCED 1-2, jobless household with
  children; minority: yes. Left 2021-09-30: employed (28 days) and employed (6 months).
- B Kiss Béla, férfi, 2000-02-01; plan 2021-06-15 (no agreement); inactive in education, ISCED 3-4.
  Left 2022-03-31: in education; no 6-month result yet.
- C Tóth Csaba, férfi, 1960-07-20; plan 2021-12-01, agreement 2022-02-01 (involved on the earlier);
  long-term unemployed, ISCED 0, jobless household, homeless; disability and other disadvantage: yes.
  Left 2022-06-30: job-searching; employed after 6 months.
- D Szabó Dóra, nő, 1985-01-01; agreement 2022-05-01; INCOMPLETE (no labour-market status).
- G Kovács Gábor, férfi, 1980-08-08; agreement 2021-02-01; inactive, ISCED 1-2.
  Left 2021-11-30: job-searching; improved situation after 6 months.
- E Varga Éva (not involved): forklift training completed with certificate, park keeper completed; family day.
- H Fekete Hajnalka (not involved): left 2022-10-01 without results; address outside the action area.
- I NAGY ANNA, 1990-05-10 (not involved): a likely duplicate of A.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from indikatorok.definitions import INDIKATOROK, Idoszak, bontas
from indikatorok.selectors import adatminoseg_osszesito, adatminoseg_qs, duplikatum_csoportok
from kepzes.models import Beiratkozas

D = datetime.date
EGESZ = Idoszak(D(2021, 1, 1), D(2022, 12, 31))
EV_2021 = Idoszak(D(2021, 1, 1), D(2021, 12, 31))
EV_2022 = Idoszak(D(2022, 1, 1), D(2022, 12, 31))

TELJES = {
    "munkaeropiaci_statusz": "foglalkoztatott",
    "iskolai_vegzettseg": "isced_3_4",
    "haztartas_munkanelkuli": False,
    "haztartas_eltartott_gyermekkel": False,
    "haztartas_egyedulallo_szulo": False,
}

# (whole project, 2021, 2022)
ELVART = {
    "bevont": (5, 4, 1),
    "bevont_hianyos": (1, 0, 1),
    "CO01": (2, 2, 0),
    "CO02": (1, 1, 0),
    "CO03": (2, 2, 0),
    "CO04": (1, 1, 0),
    "CO05": (0, 0, 0),
    "CO06": (1, 1, 0),
    "CO07": (1, 1, 0),
    "CO08": (1, 1, 0),
    "CO09": (3, 3, 0),
    "CO10": (1, 1, 0),
    "CO11": (0, 0, 0),
    "CO12": (2, 2, 0),
    "CO13": (1, 1, 0),
    "CO14": (0, 0, 0),
    "CO15": (1, 1, 0),
    "CO16": (1, 1, 0),
    "CO17": (1, 1, 0),
    "CO18": (1, 1, 0),
    "CO19": (4, 4, 0),
    "CR01": (1, 1, 0),
    "CR02": (1, 0, 1),
    "CR03": (0, 0, 0),
    "CR04": (1, 1, 0),
    "CR05": (2, 1, 1),
    "CR06": (2, 1, 1),
    "CR07": (1, 1, 0),
    "CR08": (1, 0, 1),
    "CR09": (2, 1, 1),
    "kepzesben": (3, 2, 2),
    "kepzest_elvegezte": (1, 1, 1),
    "tanusitvany": (1, 1, 0),
    "lemorzsolodott": (1, 1, 0),
    "kozossegi_resztvevok": (4, 2, 2),
    "programalkalmak": (3, 2, 1),
    "reszvetelek": (50, 8, 42),
    "latogatasok": (4, 2, 2),
    "haztartasok": (2, 2, 0),
    "fejlesztesi_tervvel": (2, 2, 0),
    "teljesult_celok": (3, 1, 2),
}


@pytest.fixture
def forgatokonyv(db):
    p = f.ProjektFactory(kezdete=D(2021, 1, 1), vege=D(2022, 12, 31), videki=True)
    user = f.FelhasznaloFactory()

    def ugyfel(**kw):
        return f.UgyfelFactory(projekt=p, **{**TELJES, **kw})

    s = {}
    s["A"] = ugyfel(
        csaladi_nev="Nagy",
        utonev="Anna",
        nem="no",
        szuletesi_datum=D(1990, 5, 10),
        megallapodas_datuma=D(2021, 3, 1),
        munkaeropiaci_statusz="munkanelkuli",
        iskolai_vegzettseg="isced_1_2",
        haztartas_munkanelkuli=True,
        haztartas_eltartott_gyermekkel=True,
        kilepes_datuma=D(2021, 9, 30),
        eredmeny_28="foglalkoztatott",
        eredmeny_6ho="foglalkoztatott",
    )
    ft.KulonlegesAdatFactory(ugyfel=s["A"], kisebbseg="igen")
    s["B"] = ugyfel(
        csaladi_nev="Kiss",
        utonev="Béla",
        nem="ferfi",
        szuletesi_datum=D(2000, 2, 1),
        munkaeropiaci_statusz="inaktiv_oktatasban",
        kilepes_datuma=D(2022, 3, 31),
        eredmeny_28="oktatasban",
    )
    s["C"] = ugyfel(
        csaladi_nev="Tóth",
        utonev="Csaba",
        nem="ferfi",
        szuletesi_datum=D(1960, 7, 20),
        megallapodas_datuma=D(2022, 2, 1),
        munkaeropiaci_statusz="tartosan_munkanelkuli",
        iskolai_vegzettseg="isced_0",
        haztartas_munkanelkuli=True,
        hajlektalan=True,
        kilepes_datuma=D(2022, 6, 30),
        eredmeny_28="allaskereso",
        eredmeny_6ho="foglalkoztatott",
    )
    ft.KulonlegesAdatFactory(ugyfel=s["C"], fogyatekossag="igen", egyeb_hatrany="igen", kisebbseg="nem_valaszolt")
    s["D"] = ugyfel(
        csaladi_nev="Szabó",
        utonev="Dóra",
        nem="no",
        szuletesi_datum=D(1985, 1, 1),
        megallapodas_datuma=D(2022, 5, 1),
        munkaeropiaci_statusz="",
        iskolai_vegzettseg="isced_5_8",
    )
    s["G"] = ugyfel(
        csaladi_nev="Kovács",
        utonev="Gábor",
        nem="ferfi",
        szuletesi_datum=D(1980, 8, 8),
        megallapodas_datuma=D(2021, 2, 1),
        munkaeropiaci_statusz="inaktiv",
        iskolai_vegzettseg="isced_1_2",
        kilepes_datuma=D(2021, 11, 30),
        eredmeny_28="allaskereso",
        eredmeny_6ho="jobb_helyzet",
    )
    s["E"] = ugyfel(csaladi_nev="Varga", utonev="Éva", szuletesi_datum=D(1970, 3, 3))
    s["H"] = ugyfel(
        csaladi_nev="Fekete",
        utonev="Hajnalka",
        szuletesi_datum=D(1975, 4, 4),
        kilepes_datuma=D(2022, 10, 1),
        akcioteruleten_kivul=True,
    )
    s["I"] = ugyfel(csaladi_nev="NAGY", utonev="ANNA", szuletesi_datum=D(1990, 5, 10))

    terv_b = ft.FejlesztesiTervFactory(projekt=p, ugyfel=s["B"], keszult=D(2021, 6, 15), keszitette=user)
    terv_c = ft.FejlesztesiTervFactory(projekt=p, ugyfel=s["C"], keszult=D(2021, 12, 1), keszitette=user)
    h1 = f.HaztartasFactory(projekt=p, nev="H1")
    h2 = f.HaztartasFactory(projekt=p, nev="H2")
    h3 = f.HaztartasFactory(projekt=p, nev="H3")
    terv_h = ft.FejlesztesiTervFactory(projekt=p, ugyfel=None, haztartas=h1, keszult=D(2022, 1, 10), keszitette=user)
    ft.TervCelFactory(terv=terv_b, statusz="teljesult", teljesult_datum=D(2021, 10, 1))
    ft.TervCelFactory(terv=terv_b, statusz="folyamatban")
    ft.TervCelFactory(terv=terv_c, statusz="teljesult", teljesult_datum=D(2022, 3, 1))
    ft.TervCelFactory(terv=terv_h, statusz="teljesult", teljesult_datum=D(2022, 4, 1))

    f.HaztartasTagFactory(haztartas=h1, ugyfel=s["A"], mettol=D(2021, 1, 1))
    f.HaztartasTagFactory(haztartas=h1, ugyfel=s["B"], mettol=D(2021, 1, 1))
    f.HaztartasTagFactory(haztartas=h2, ugyfel=s["C"], mettol=D(2021, 1, 1), meddig=D(2021, 12, 31))

    def ido(d):
        return timezone.make_aware(datetime.datetime.combine(d, datetime.time(10)))

    ft.LatogatasFactory(projekt=p, ugyfel=s["A"], szerzo=user, idopont=ido(D(2021, 3, 5)))
    ft.LatogatasFactory(projekt=p, ugyfel=None, haztartas=h3, szerzo=user, idopont=ido(D(2021, 7, 1)))
    ft.LatogatasFactory(projekt=p, ugyfel=s["C"], szerzo=user, idopont=ido(D(2022, 2, 2)))
    ft.LatogatasFactory(projekt=p, ugyfel=s["D"], szerzo=user, idopont=ido(D(2022, 8, 1)))

    targonca = ft.KepzesFactory(nev="Targoncavezető")
    park = ft.KepzesFactory(nev="Parkgondozó és kisgépkezelő")
    cs1 = ft.CsoportFactory(projekt=p, kepzes=targonca, kezdete=D(2021, 3, 1), vege=D(2021, 6, 30))
    cs2 = ft.CsoportFactory(projekt=p, kepzes=park, kezdete=D(2022, 3, 1), vege=D(2022, 5, 31))
    st = Beiratkozas.Statusz
    ft.BeiratkozasFactory(
        csoport=cs1,
        ugyfel=s["E"],
        statusz=st.ELVEGEZTE,
        elvegezte_datum=D(2021, 6, 30),
        tanusitvany=True,
        tanusitvany_szama="T-1",
        tanusitvany_datuma=D(2021, 7, 5),
    )
    ft.BeiratkozasFactory(csoport=cs1, ugyfel=s["A"], statusz=st.LEMORZSOLODOTT, lemorzsolodas_datuma=D(2021, 4, 15))
    ft.BeiratkozasFactory(csoport=cs1, ugyfel=s["B"], statusz=st.JELENTKEZETT)
    ft.BeiratkozasFactory(csoport=cs2, ugyfel=s["E"], statusz=st.ELVEGEZTE, datum=D(2022, 2, 20))
    ft.BeiratkozasFactory(csoport=cs2, ugyfel=s["G"], statusz=st.RESZT_VESZ, datum=D(2022, 2, 20))

    klub = ft.ProgramFactory(projekt=p, nev="Női klub")
    csaladi_nap = ft.ProgramFactory(projekt=p, nev="Családi nap", tipus="esemeny")
    a1 = ft.AlkalomFactory(program=klub, datum=D(2021, 4, 10), letszam_nem_regisztralt=5)
    a2 = ft.AlkalomFactory(program=klub, datum=D(2021, 5, 10))
    a3 = ft.AlkalomFactory(program=csaladi_nap, datum=D(2022, 6, 1), letszam_nem_regisztralt=40)
    for alkalom, kik in ((a1, "AB"), (a2, "A"), (a3, "CE")):
        for k in kik:
            ft.ReszvetelFactory(alkalom=alkalom, ugyfel=s[k])
    s.update(projekt=p, targonca=targonca, park=park)
    return s


@pytest.mark.parametrize("kulcs", sorted(ELVART))
def test_every_figure_matches_the_hand_computed_value(forgatokonyv, kulcs):
    p = forgatokonyv["projekt"]
    ind = INDIKATOROK[kulcs]
    kapott = tuple(ind.ertek(p, i) for i in (EGESZ, EV_2021, EV_2022))
    assert kapott == ELVART[kulcs]


def test_every_indicator_is_in_the_scenario():
    assert set(ELVART) == set(INDIKATOROK)


def test_training_figures_per_training(forgatokonyv):
    p, targonca, park = forgatokonyv["projekt"], forgatokonyv["targonca"], forgatokonyv["park"]
    kepzesben = INDIKATOROK["kepzesben"]
    assert kepzesben.ertek(p, EGESZ, targonca) == 2  # A (dropped out) and E; B only signed up
    assert kepzesben.ertek(p, EGESZ, park) == 2  # E and G
    assert INDIKATOROK["kepzest_elvegezte"].ertek(p, EGESZ, park) == 1
    assert INDIKATOROK["tanusitvany"].ertek(p, EGESZ, park) == 0
    assert INDIKATOROK["lemorzsolodott"].ertek(p, EV_2022, targonca) == 0


def test_breakdowns_count_complete_records_and_show_the_incomplete_apart(forgatokonyv):
    p = forgatokonyv["projekt"]
    b = bontas(INDIKATOROK["bevont"].queryset(p, EGESZ), ["nem", "kor", "kor_esf", "vegzettseg"])
    assert b["osszes"] == 5 and b["hianyos"] == 1
    assert dict(b["nem"]) == {"férfi": 3, "nő": 1}
    assert [n for _c, n in b["kor"]] == [1, 2, 1]  # B 21; A 30, G 40; C 61
    assert [n for _c, n in b["kor_esf"]] == [0, 1, 1]  # B 21; C 61
    assert sum(n for _c, n in b["vegzettseg"]) == 4


def test_data_quality_finds_each_problem(forgatokonyv):
    p = forgatokonyv["projekt"]
    assert adatminoseg_osszesito(p) == {
        "hianyos": 1,  # D
        "eredmeny_28": 1,  # H
        "eredmeny_6ho": 2,  # B, H
        "terv_nelkul": 3,  # A, D, G
        "kivul": 1,  # H
        "haztartas_kivul": 0,
        "duplikatum": 2,  # A = I
    }
    [csoport] = duplikatum_csoportok(p)
    assert {t["pk"] for t in csoport} == {forgatokonyv["A"].pk, forgatokonyv["I"].pk}
    # The overview's conditional counts are the sizes of the lists each check opens.
    for szakasz, n in adatminoseg_osszesito(p).items():
        if szakasz != "duplikatum":
            assert adatminoseg_qs(p, szakasz).count() == n, szakasz


def test_report_page_shows_the_hand_computed_figures(forgatokonyv, client):
    p = forgatokonyv["projekt"]
    admin = f.FelhasznaloFactory(is_superuser=True)
    client.force_login(admin)
    resp = client.get(reverse("indikatorok:jelentes", args=[p.pk]), {"idoszak": "2021"})
    assert resp.status_code == 200
    sorok = {s.kulcs: s.ertek for _cs, ss in resp.context["csoportok"] for s in ss if not s.behuzott}
    assert sorok == {k: v[1] for k, v in ELVART.items()}


@pytest.mark.parametrize(
    "szuletes,elvart",
    [(D(1996, 6, 16), 24), (D(1996, 6, 15), 25), (D(1996, 6, 14), 25), (D(1966, 6, 15), 55), (D(1966, 6, 16), 54)],
)
def test_age_at_entry_counts_whole_years_to_the_day(db, szuletes, elvart):
    from indikatorok.definitions import ugyfelek

    p = f.ProjektFactory()
    u = f.UgyfelFactory(projekt=p, szuletesi_datum=szuletes, megallapodas_datuma=D(2021, 6, 15))
    assert ugyfelek(p).get(pk=u.pk).eletkor == elvart
