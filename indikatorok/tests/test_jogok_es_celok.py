"""Who sees what on the report, the target screens, the data-quality page and the demo targets."""

import datetime
import io

import pytest
from django.urls import reverse

from core.models import Hozzaferes
from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from indikatorok import demo
from indikatorok.definitions import ERZEKENY_KULCSOK, INDIKATOROK
from indikatorok.models import Celertek, Merfoldko
from indikatorok.selectors import elvart_ertek, jelentes, utemezes

D = datetime.date


def _kulcsok(resp):
    return {s.kulcs for _cs, ss in resp.context["csoportok"] for s in ss}


def test_sensitive_indicators_only_for_the_coordinator(client, koordinator, mentor, olvaso, projekt_a):
    url = reverse("indikatorok:jelentes", args=[projekt_a.pk])
    client.force_login(koordinator)
    assert ERZEKENY_KULCSOK <= _kulcsok(client.get(url))
    for user in (mentor, olvaso):
        client.force_login(user)
        resp = client.get(url)
        assert not ERZEKENY_KULCSOK & _kulcsok(resp)
        assert "CO15" not in resp.content.decode()
        assert client.get(reverse("indikatorok:lista", args=[projekt_a.pk, "CO15"])).status_code == 403


def test_reader_sees_figures_but_no_list_of_people(client, olvaso, projekt_a):
    f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 3, 1))
    client.force_login(olvaso)
    resp = client.get(reverse("indikatorok:jelentes", args=[projekt_a.pk]))
    sor = next(s for _c, ss in resp.context["csoportok"] for s in ss if s.kulcs == "bevont")
    assert sor.ertek == 1 and sor.url is None
    assert reverse("indikatorok:lista", args=[projekt_a.pk, "bevont"]) not in resp.content.decode()
    assert client.get(reverse("indikatorok:lista", args=[projekt_a.pk, "bevont"])).status_code == 403
    # Sessions are not personal data: the reader may open their list.
    assert client.get(reverse("indikatorok:lista", args=[projekt_a.pk, "programalkalmak"])).status_code == 200


def test_drill_down_is_access_logged_and_rejects_bad_input(client, mentor, projekt_a):
    f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 3, 1))
    client.force_login(mentor)
    resp = client.get(reverse("indikatorok:lista", args=[projekt_a.pk, "bevont"]))
    assert resp.status_code == 200
    naplo = Hozzaferes.objects.get(muvelet="lista")
    assert naplo.rekordok_szama == 1 and naplo.projekt_id == projekt_a.pk and naplo.felhasznalo == mentor
    assert client.get(reverse("indikatorok:lista", args=[projekt_a.pk, "nincs_ilyen"])).status_code == 404
    lista = reverse("indikatorok:lista", args=[projekt_a.pk, "kepzesben"])
    assert client.get(lista, {"kepzes": "abc"}).status_code == 404
    # A wrong period falls back to the whole project with a message, never a 500.
    resp = client.get(
        reverse("indikatorok:jelentes", args=[projekt_a.pk]),
        {"idoszak": "egyedi", "kezdete": "2022-05-01", "vege": "2021-01-01"},
    )
    assert resp.status_code == 200
    assert "nem lehet a kezdete előtt" in resp.content.decode()
    resp = client.get(reverse("indikatorok:jelentes", args=[projekt_a.pk]), {"kezdete": "xyz", "idoszak": "1999"})
    assert resp.status_code == 200
    assert "Érvénytelen időszak" in resp.content.decode()
    assert resp.context["idoszak"].kezdete == projekt_a.kezdete


def test_custom_period_is_used(client, koordinator, projekt_a):
    f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 3, 1))
    f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 5, 1))
    client.force_login(koordinator)
    resp = client.get(
        reverse("indikatorok:jelentes", args=[projekt_a.pk]),
        {"idoszak": "egyedi", "kezdete": "2021-04-01", "vege": "2021-12-31"},
    )
    sor = next(s for _c, ss in resp.context["csoportok"] for s in ss if s.kulcs == "bevont")
    assert sor.ertek == 1


def test_coordinator_adds_edits_and_deletes_a_target_bound_to_a_training(client, koordinator, projekt_a):
    park = ft.KepzesFactory(nev="Parkgondozó és kisgépkezelő")
    client.force_login(koordinator)
    data = {
        "mutato": "kepzesben",
        "nev": "40 fő a parkgondozó képzésben",
        "kepzes": park.pk,
        "ertek": "40",
        "hatarido": "2023-06-30",
        "sorrend": "1",
        "merfoldko-TOTAL_FORMS": "2",
        "merfoldko-INITIAL_FORMS": "0",
        "merfoldko-MIN_NUM_FORMS": "0",
        "merfoldko-MAX_NUM_FORMS": "20",
        "merfoldko-0-datum": "2023-03-31",
        "merfoldko-0-ertek": "20",
    }
    resp = client.post(reverse("indikatorok:celertek_uj", args=[projekt_a.pk]), data)
    assert resp.status_code == 302
    c = Celertek.objects.get()
    assert (c.projekt, c.kepzes, c.ertek) == (projekt_a, park, 40)
    assert Merfoldko.objects.get().ertek == 20
    # A training cannot be bound to an indicator that does not count trainees.
    resp = client.post(reverse("indikatorok:celertek_szerkesztes", args=[c.pk]), {**data, "mutato": "bevont"})
    assert resp.status_code == 200 and "nem köthető képzés" in resp.content.decode()
    oldal = client.get(reverse("indikatorok:jelentes", args=[projekt_a.pk]))
    assert [s.nev for s in oldal.context["celok"]] == ["40 fő a parkgondozó képzésben"]
    resp = client.post(reverse("indikatorok:celertek_torles", args=[c.pk]))
    assert resp.status_code == 302 and not Celertek.objects.exists()


def test_on_track_status_follows_the_linear_expectation(projekt_a):
    projekt_a.kezdete, projekt_a.vege = D(2021, 1, 1), D(2022, 12, 31)
    c = Celertek(projekt=projekt_a, mutato="bevont", ertek=100, hatarido=D(2022, 12, 31))
    felido = D(2022, 1, 1)
    assert elvart_ertek(c, projekt_a, felido) == 50
    assert utemezes(c, projekt_a, 50, felido).kod == "utemben"
    assert utemezes(c, projekt_a, 49, felido).kod == "lemaradt"
    assert utemezes(c, projekt_a, 100, felido).kod == "teljesult"
    assert utemezes(c, projekt_a, 99, D(2023, 1, 1)).kod == "nem_teljesult"


def test_data_quality_page_links_each_record(client, koordinator, projekt_a):
    hianyos = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Hiányos")
    client.force_login(koordinator)
    resp = client.get(reverse("indikatorok:adatminoseg", args=[projekt_a.pk]))
    assert resp.status_code == 200
    assert reverse("ugyfelek:ugyfel_szerkesztes", args=[hianyos.pk]) in resp.content.decode()
    resp = client.get(reverse("indikatorok:adatminoseg", args=[projekt_a.pk]), {"szakasz": "hianyos"})
    assert resp.status_code == 200
    assert client.get(reverse("indikatorok:adatminoseg", args=[projekt_a.pk]), {"szakasz": "x"}).status_code == 404


def test_nav_shows_report_to_everyone_and_data_quality_to_staff(client, olvaso, mentor):
    client.force_login(olvaso)
    html = client.get(reverse("indikatorok:jelentes_index"), follow=True).content.decode()
    assert reverse("indikatorok:jelentes_index") in html
    assert reverse("indikatorok:adatminoseg_index") not in html
    client.force_login(mentor)
    html = client.get(reverse("indikatorok:jelentes_index"), follow=True).content.decode()
    assert reverse("indikatorok:adatminoseg_index") in html


@pytest.fixture
def demo_projektek(db):
    kaposvar = f.ProjektFactory(kod=demo.KAPOSVAR, telepules="Kaposvár", kezdete=D(2021, 3, 1), vege=D(2023, 2, 28))
    kecskemet = f.ProjektFactory(kod=demo.KECSKEMET, telepules="Kecskemét", kezdete=D(2019, 1, 1), vege=D(2023, 11, 30))
    return kaposvar, kecskemet


def test_demo_targets_kaposvar_149_and_kecskemet_trainings(demo_projektek):
    kaposvar, kecskemet = demo_projektek
    # A training created by the trainings' demo under the same name is reused, not duplicated.
    targonca = ft.KepzesFactory(nev="Targoncavezető")
    demo.epit(io.StringIO())
    demo.epit(io.StringIO())  # idempotent
    assert Celertek.objects.get(projekt=kaposvar, mutato="bevont").ertek == 149
    assert Celertek.objects.get(projekt=kaposvar, mutato="bevont").hatarido == D(2023, 2, 28)
    kepzesi = {c.kepzes.nev: int(c.ertek) for c in Celertek.objects.filter(projekt=kecskemet, mutato="kepzesben")}
    assert kepzesi == {"Targoncavezető": 50, "Személyes kompetenciafejlesztés": 200, "Parkgondozó és kisgépkezelő": 40}
    assert Celertek.objects.get(projekt=kecskemet, kepzes__nev="Targoncavezető").kepzes == targonca
    assert Celertek.objects.count() == 9 and Merfoldko.objects.count() == 2


def test_demo_report_shows_targets_against_figures(demo_projektek):
    kaposvar, kecskemet = demo_projektek
    demo.epit(io.StringIO())
    admin = f.FelhasznaloFactory(is_superuser=True)
    for i in range(3):
        f.UgyfelFactory(projekt=kaposvar, megallapodas_datuma=D(2021, 4, 1 + i))
    targonca = Celertek.objects.get(projekt=kecskemet, kepzes__nev="Targoncavezető").kepzes
    cs = ft.CsoportFactory(projekt=kecskemet, kepzes=targonca, kezdete=D(2021, 3, 1), vege=D(2021, 9, 30))
    for _ in range(4):
        ft.BeiratkozasFactory(csoport=cs, statusz="elvegezte")
    from indikatorok.definitions import Idoszak

    celok, _ = jelentes(admin, kaposvar, Idoszak(kaposvar.kezdete, kaposvar.vege))
    bevont = next(s for s in celok if s.kulcs == "bevont")
    assert (bevont.ertek, int(bevont.celertek.ertek)) == (3, 149)
    celok, _ = jelentes(admin, kecskemet, Idoszak(kecskemet.kezdete, kecskemet.vege))
    kepzesi = {s.kepzes.nev: (s.ertek, int(s.celertek.ertek)) for s in celok if s.kepzes}
    assert kepzesi == {
        "Targoncavezető": (4, 50),
        "Személyes kompetenciafejlesztés": (0, 200),
        "Parkgondozó és kisgépkezelő": (0, 40),
    }
    assert INDIKATOROK["kepzesben"].ertek(kecskemet, Idoszak(kecskemet.kezdete, kecskemet.vege)) == 4
