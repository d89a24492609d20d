"""The training list at any scale: a project's cohorts with their figures, the country's summary for admins,
one training's cohorts paged, and a number of queries that does not grow with the cohorts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akcioterulet.models import Szerep
from core.testing import factories as f
from kepzes import selectors
from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Kepzes
from kepzes.views import KepzesListView

D = datetime.date
URL = reverse("kepzes:kepzes_lista")


@pytest.fixture
def targonca(db):
    return Kepzes.objects.create(nev="Targoncavezető", tipus="szakkepesites", oraszam=60)


@pytest.fixture
def parkgondozo(db):
    return Kepzes.objects.create(nev="Parkgondozó", tipus="szakkepesites", oraszam=120)


def _csoport(projekt, kepzes, kezdete, nev="", *, emberek=0, alkalmak=0):
    c = Csoport.objects.create(projekt=projekt, kepzes=kepzes, kezdete=kezdete, nev=nev)
    for _ in range(emberek):
        Beiratkozas.objects.create(csoport=c, ugyfel=f.UgyfelFactory(projekt=projekt), datum=kezdete)
    for i in range(alkalmak):
        Foglalkozas.objects.create(csoport=c, datum=kezdete + datetime.timedelta(days=i))
    return c


def _kartyak(resp):
    """{training name: (number of cohorts, [names of the cohorts shown])} from the page's context."""
    return {k.nev: (k.csoportok_db, [str(c) for c in k.sajat_csoportok]) for k in resp.context["kepzesek"]}


def _lekerdezesek(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_list_counts_each_enrolment_once_whatever_the_sessions(projekt_a, koordinator, client_as, targonca):
    c = _csoport(projekt_a, targonca, D(2021, 3, 1), "Targonca tavasz", emberek=5, alkalmak=3)
    a, b, cc, d, _e = c.beiratkozasok.order_by("pk")
    Beiratkozas.objects.filter(pk=a.pk).update(statusz="elvegezte", tanusitvany=True, tanusitvany_szama="T-1")
    Beiratkozas.objects.filter(pk=b.pk).update(statusz="elvegezte")
    Beiratkozas.objects.filter(pk=cc.pk).update(statusz="lemorzsolodott", lemorzsolodas_datuma=D(2021, 4, 1))
    Beiratkozas.objects.filter(pk=d.pk).update(statusz="reszt_vesz")
    _csoport(projekt_a, targonca, D(2022, 1, 10), "Targonca tél")  # no enrolment: zeros, not a missing row

    resp = client_as(koordinator).get(URL)
    (k,) = resp.context["kepzesek"]
    szamok = {
        str(x): (x.beiratkozott, x.resztvesz, x.elvegezte, x.lemorzsolodott, x.tanusitvanyok) for x in k.sajat_csoportok
    }
    assert szamok == {"Targonca tavasz": (5, 1, 2, 1, 1), "Targonca tél": (0, 0, 0, 0, 0)}
    assert "<td>5</td><td>1</td><td>2</td><td>1</td><td>1</td>" in resp.content.decode()
    # The cohort's own page (sessions joined too) gives the same figures.
    x = selectors.csoportok_haladassal(Csoport.objects.filter(pk=c.pk)).get()
    assert (x.beiratkozott, x.resztvesz, x.elvegezte, x.lemorzsolodott, x.tanusitvanyok, x.foglalkozasok_db) == (
        5,
        1,
        2,
        1,
        1,
        3,
    )


def test_a_project_user_sees_the_cohorts_of_their_project_latest_first(
    projekt_a, projekt_b, koordinator, mentor_b, client_as, targonca, parkgondozo
):
    _csoport(projekt_a, targonca, D(2021, 3, 1), "A régi")
    _csoport(projekt_a, targonca, D(2022, 3, 1), "A új")
    _csoport(projekt_b, targonca, D(2022, 5, 1), "B targonca")
    _csoport(projekt_b, parkgondozo, D(2022, 5, 1), "B park")

    resp = client_as(koordinator).get(URL)
    assert _kartyak(resp) == {"Parkgondozó": (0, []), "Targoncavezető": (2, ["A új", "A régi"])}
    html = resp.content.decode()
    assert "Ebből a képzésből még nincs csoport." in html
    # One project: nothing to choose between, nothing left out.
    assert 'name="projekt"' not in html and "Összesen" not in html and not resp.context["orszagos"]

    resp = client_as(mentor_b).get(URL)
    assert _kartyak(resp) == {"Parkgondozó": (1, ["B park"]), "Targoncavezető": (1, ["B targonca"])}


def test_past_the_limit_the_page_says_how_many_and_links_to_the_rest(
    projekt_a, koordinator, client_as, targonca, monkeypatch
):
    monkeypatch.setattr(KepzesListView, "csoport_korlat", 2)
    monkeypatch.setattr(KepzesListView, "paginate_by", 2)
    for ev in (2019, 2020, 2021, 2022, 2023):
        _csoport(projekt_a, targonca, D(ev, 2, 1), f"Targonca {ev}")
    client = client_as(koordinator)

    resp = client.get(URL)
    assert _kartyak(resp) == {"Targoncavezető": (5, ["Targonca 2023", "Targonca 2022"])}
    html = resp.content.decode()
    assert "Összesen 5 csoport, ebből a legutóbb indult 2 látható." in html
    assert f'<a href="?kepzes={targonca.pk}">Az összes csoport' in html

    # The training's own list: every cohort, paged.
    resp = client.get(URL, {"kepzes": targonca.pk})
    assert _kartyak(resp) == {"Targoncavezető": (5, ["Targonca 2023", "Targonca 2022"])}
    assert "Csoportok: 5" in resp.content.decode() and "Következő" in resp.content.decode()
    resp = client.get(URL, {"kepzes": targonca.pk, "page": 3})
    assert _kartyak(resp) == {"Targoncavezető": (5, ["Targonca 2019"])}
    assert '<a href="/kepzesek/">← Minden képzés</a>' in resp.content.decode()


def test_an_admin_sees_the_countrys_summary_and_narrows_it_by_project_or_training(
    projekt_a, projekt_b, admin_user, client_as, targonca, parkgondozo
):
    _csoport(projekt_a, targonca, D(2021, 3, 1), "A targonca", emberek=2)
    _csoport(projekt_a, targonca, D(2022, 3, 1), "A targonca 2")
    _csoport(projekt_b, targonca, D(2022, 5, 1), "B targonca", emberek=1)
    client = client_as(admin_user)

    resp = client.get(URL)
    assert resp.context["orszagos"]
    assert {k.nev: (k.csoportok_db, k.projektek_db, k.sajat_csoportok) for k in resp.context["kepzesek"]} == {
        "Parkgondozó": (0, 0, []),
        "Targoncavezető": (3, 2, []),
    }
    html = resp.content.decode()
    assert "3 csoport 2 projektben." in html and f'href="?kepzes={targonca.pk}"' in html
    assert "A targonca" not in html  # no cohort rows across the country
    assert '<label for="id_projekt" class="form-label">Projekt</label>' in html
    assert f'<option value="{projekt_b.pk}">{projekt_b}</option>' in html

    resp = client.get(URL, {"projekt": projekt_a.pk})
    assert not resp.context["orszagos"]
    assert _kartyak(resp) == {"Parkgondozó": (0, []), "Targoncavezető": (2, ["A targonca 2", "A targonca"])}

    resp = client.get(URL, {"kepzes": targonca.pk})
    assert _kartyak(resp) == {"Targoncavezető": (3, ["B targonca", "A targonca 2", "A targonca"])}
    assert [c.beiratkozott for c in resp.context["kepzesek"][0].sajat_csoportok] == [1, 0, 2]

    resp = client.get(URL, {"kepzes": targonca.pk, "projekt": projekt_b.pk})
    assert _kartyak(resp) == {"Targoncavezető": (1, ["B targonca"])}


def test_the_project_filter_offers_and_accepts_only_the_users_projects(projekt_a, projekt_b, client_as, targonca):
    projekt_c = f.ProjektFactory(telepules="Pécs")
    ketto = f.FelhasznaloFactory(username="ket_projekt")
    f.TagsagFactory(projekt=projekt_a, felhasznalo=ketto, szerep=Szerep.MENTOR)
    f.TagsagFactory(projekt=projekt_b, felhasznalo=ketto, szerep=Szerep.OLVASO)
    _csoport(projekt_a, targonca, D(2021, 3, 1), "A targonca")
    _csoport(projekt_b, targonca, D(2021, 3, 1), "B targonca")
    _csoport(projekt_c, targonca, D(2021, 3, 1), "C targonca")
    client = client_as(ketto)

    resp = client.get(URL)
    html = resp.content.decode()
    assert _kartyak(resp) == {"Targoncavezető": (2, ["A targonca", "B targonca"])}
    assert f'value="{projekt_b.pk}"' in html and f'value="{projekt_c.pk}"' not in html

    resp = client.get(URL, {"projekt": projekt_b.pk})
    assert _kartyak(resp) == {"Targoncavezető": (1, ["B targonca"])}

    # Another project is refused, not shown: the page stays on the user's own projects.
    resp = client.get(URL, {"projekt": projekt_c.pk})
    assert _kartyak(resp) == {"Targoncavezető": (2, ["A targonca", "B targonca"])}
    assert resp.context["szuro"].errors["projekt"]
    assert "C targonca" not in resp.content.decode()


def test_latest_cohorts_per_training_and_their_number(projekt_a, projekt_b, targonca, parkgondozo):
    for ev in (2020, 2021, 2022):
        _csoport(projekt_a, targonca, D(ev, 1, 1), f"T{ev}")
    _csoport(projekt_b, targonca, D(2023, 1, 1), "T B")
    _csoport(projekt_a, parkgondozo, D(2020, 1, 1), "P")
    eredmeny = selectors.legutobbi_csoportok(Csoport.objects.for_projekt(projekt_a), 2)
    assert {k: (db, [c.nev for c in cs]) for k, (db, cs) in eredmeny.items()} == {
        targonca.pk: (3, ["T2022", "T2021"]),
        parkgondozo.pk: (1, ["P"]),
    }
    assert selectors.kepzesenkenti_szamok(Csoport.objects.all()) == {targonca.pk: (4, 2), parkgondozo.pk: (1, 1)}


def test_the_number_of_queries_does_not_grow_with_the_cohorts(
    projekt_a, projekt_b, koordinator, admin_user, client_as, targonca, parkgondozo, django_assert_num_queries
):
    _csoport(projekt_a, targonca, D(2021, 1, 1), emberek=1, alkalmak=1)
    _csoport(projekt_b, targonca, D(2021, 1, 1), emberek=1)
    oldalak = [
        (koordinator, URL),
        (koordinator, f"{URL}?kepzes={targonca.pk}"),
        (admin_user, URL),
        (admin_user, f"{URL}?projekt={projekt_a.pk}"),
        (admin_user, f"{URL}?kepzes={targonca.pk}"),
    ]
    kicsi = {}
    for user, url in oldalak:
        client = client_as(user)
        client.get(url)  # the session is warm, as on every later request
        kicsi[user.pk, url] = _lekerdezesek(client, url)

    # Many more cohorts, in both trainings and projects, past the per-training limit and the page size.
    for i in range(30):
        for projekt in (projekt_a, projekt_b):
            _csoport(projekt, (targonca, parkgondozo)[i % 2], D(2019, 1, 1) + datetime.timedelta(days=i), emberek=2)
    for user, url in oldalak:
        client = client_as(user)
        client.get(url)
        with django_assert_num_queries(kicsi[user.pk, url]):
            resp = client.get(url)
        assert resp.status_code == 200
    assert len(resp.context["kepzesek"][0].sajat_csoportok) == KepzesListView.paginate_by
