"""The home page keeps its lists under the data versions of the tables and columns each reads (core.adatverzio): a
second view runs no list query, any committed change of the data, by whatever path, shows at once, and a
saved visit recounts the mentor's lists (one statement) and the visits' details, not the names."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import KovetoFeladat, Latogatas
from ugyfelek.utolso_latogatas import frissites

pytestmark = pytest.mark.django_db(transaction=True)

KEZDOLAP = reverse("kezdolap")


def _megnyit(client):
    with CaptureQueriesContext(connection) as q:
        resp = client.get(KEZDOLAP)
    assert resp.status_code == 200
    return resp, len(q)


def _olvasott_listak(client) -> set[str]:
    """The tables whose lists a view of the home page recounted (the FROM of each list query)."""
    with CaptureQueriesContext(connection) as q:
        assert client.get(KEZDOLAP).status_code == 200
    fo = {
        "ugyfelek_kovetofeladat",
        "ugyfelek_fejlesztesiterv",
        "ugyfelek_latogatas",
        "ugyfelek_ugyfel",
        "ugyfelek_latogatastema",
        "akcioterulet_felhasznalo",
    }
    return {t for sor in q.captured_queries for t in fo if f'FROM "{t}"' in sor["sql"]} - {"akcioterulet_felhasznalo"}


def _kliens(user):
    """A client of its own signed in as ``user`` (``client_as`` signs the one shared client in again)."""
    kliens = Client()
    kliens.force_login(user)
    return kliens


def _nevek(lista):
    return [str(x) for x in lista.sorok]


def test_a_second_view_reads_the_kept_lists_and_any_change_shows_at_once(vilag, client_as):
    c = client_as(vilag.mentor)
    elso, n_elso = _megnyit(c)
    masodik, n_masodik = _megnyit(c)
    # Sign-in, memberships, the version, the projects of the menu: no list is recounted.
    assert n_masodik == 4 < n_elso
    assert masodik.context["nap"] == elso.context["nap"]

    # A visit saved through the model: the caseload and the latest visits are recounted, in one statement, with the
    # visits' topics and members present; not the follow-ups and plans due, nor the names (the same people).
    uj = Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel, idopont=timezone.now()
    )
    resp, n = _megnyit(c)
    assert resp.context["nap"].legutobbi_latogatasok[0] == uj
    assert n_masodik < n < n_elso
    Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel, idopont=timezone.now())
    with CaptureQueriesContext(connection) as q:
        assert c.get(KEZDOLAP).status_code == 200
    adatok = [sor["sql"] for sor in q.captured_queries if '"ugyfelek_' in sor["sql"]]
    assert len(adatok) == 2, adatok
    assert all(f'FROM "{t}"' in adatok[0] for t in ("ugyfelek_latogatas", "ugyfelek_ugyfel"))
    assert 'FROM "ugyfelek_kovetofeladat"' not in adatok[0]
    assert 'FROM "ugyfelek_latogatastema"' in adatok[1]

    # A follow-up closed by a bulk UPDATE (no signal, no model code) leaves the overdue list.
    lejart = KovetoFeladat.objects.create(
        projekt=vilag.projekt_a,
        ugyfel=vilag.ugyfel,
        leiras="Lejárt",
        hatarido=timezone.localdate() - datetime.timedelta(days=1),
        felelos=vilag.mentor,
    )
    assert _megnyit(c)[0].context["nap"].lejart_feladatok.sorok == [lejart]
    KovetoFeladat.objects.filter(pk=lejart.pk).update(kesz=True)
    assert _megnyit(c)[0].context["nap"].lejart_feladatok.sorok == []

    # The stored last visit, rewritten by plain SQL when a visit moves back in time: due for a visit.
    Latogatas.objects.filter(projekt=vilag.projekt_a).update(idopont=timezone.now() - datetime.timedelta(days=90))
    assert vilag.ugyfel.pk not in [u.pk for u in _megnyit(c)[0].context["nap"].nem_latogatottak.sorok]
    frissites([vilag.ugyfel.pk])
    assert vilag.ugyfel.pk in [u.pk for u in _megnyit(c)[0].context["nap"].nem_latogatottak.sorok]


def test_a_renamed_participant_shows_in_every_list_at_once(vilag, client_as):
    c = client_as(vilag.mentor)
    KovetoFeladat.objects.create(
        projekt=vilag.projekt_a,
        ugyfel=vilag.ugyfel,
        leiras="Lejárt",
        hatarido=timezone.localdate() - datetime.timedelta(days=1),
        felelos=vilag.mentor,
    )
    Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel, idopont=timezone.now())
    c.get(KEZDOLAP)
    vilag.ugyfel.csaladi_nev = "Átnevezett"
    vilag.ugyfel.save()
    with CaptureQueriesContext(connection) as q:
        resp = c.get(KEZDOLAP)
    nap = resp.context["nap"]
    assert nap.lejart_feladatok.sorok[0].ugyfel.csaladi_nev == "Átnevezett"
    assert nap.legutobbi_latogatasok[0].ugyfel.csaladi_nev == "Átnevezett"
    assert "Átnevezett" in resp.content.decode()
    # The names are read apart from the lists: the rename recounts them alone, in one query.
    adatok = [sor["sql"] for sor in q.captured_queries if 'FROM "ugyfelek_' in sor["sql"]]
    assert len(adatok) == 1 and 'FROM "ugyfelek_ugyfel"' in adatok[0] and '"csaladi_nev"' in adatok[0], adatok


def test_a_renamed_household_member_and_a_moved_household_show_at_once(vilag, client_as):
    """The names of those present at a household visit, a household's new address, and the coordinator's list of
    those nobody visited: each read with the page's names."""
    from ugyfelek.models import Haztartas, Ugyfel

    soha = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor, csaladi_nev="Sohalátott")
    haztartas = f.HaztartasFactory(projekt=vilag.projekt_a, nev="", cim="Régi utca 1.")
    lat = Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.mentor, haztartas=haztartas, idopont=timezone.now()
    )
    lat.jelenlevok.add(vilag.ugyfel)
    mentor, koord = _kliens(vilag.mentor), _kliens(vilag.koordinator)
    mentor.get(KEZDOLAP), koord.get(KEZDOLAP)
    Ugyfel.objects.filter(pk=vilag.ugyfel.pk).update(utonev="Jelenlévő")
    Haztartas.objects.filter(pk=haztartas.pk).update(cim="Új utca 2.")
    Ugyfel.objects.filter(pk=soha.pk).update(csaladi_nev="Átnevezett")

    nap = mentor.get(KEZDOLAP).context["nap"]
    legutobbi = nap.legutobbi_latogatasok[0]
    assert str(legutobbi.haztartas) == "Új utca 2."
    assert legutobbi.jelen_nevek == [f"{vilag.ugyfel.csaladi_nev} Jelenlévő"]
    assert "Átnevezett" in [u.csaladi_nev for u in nap.nem_latogatottak.sorok]
    attekintes = koord.get(KEZDOLAP).context["attekintes"]
    assert "Átnevezett" in [u.csaladi_nev for u in attekintes.nem_latogatottak.sorok]
    assert _olvasott_listak(mentor) == set() and _olvasott_listak(koord) == set()


def test_an_edit_of_what_no_list_shows_recounts_no_list(vilag, client_as):
    """A participant's phone number, saved through the model: the home pages show no phone number."""
    mentor, koord = _kliens(vilag.mentor), _kliens(vilag.koordinator)
    mentor.get(KEZDOLAP), koord.get(KEZDOLAP)
    ugyfel = vilag.ugyfel
    ugyfel.telefon = "+36 30 765 4321"
    ugyfel.save()
    assert _olvasott_listak(mentor) == set()
    assert _olvasott_listak(koord) == set()


def test_after_a_visit_the_coordinator_recounts_the_teams_figures_not_their_own_lists(vilag, client_as):
    c = client_as(vilag.koordinator)
    elso = c.get(KEZDOLAP).context["attekintes"]
    Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel, idopont=timezone.now())
    with CaptureQueriesContext(connection) as q:
        assert c.get(KEZDOLAP).status_code == 200
    adatok = [sor["sql"] for sor in q.captured_queries if '"ugyfelek_' in sor["sql"]]
    # The team's two figures that read visits in one statement, and the list of those nobody visited lately (their
    # last visits); not the overdue follow-ups and plans, nor the coordinator's own lists, which read no visit.
    assert len(adatok) == 2, adatok
    assert adatok[0].count("UNION ALL") == 1 and 'FROM "ugyfelek_latogatas"' in adatok[0]
    assert 'FROM "ugyfelek_kovetofeladat"' not in adatok[0]
    assert "GROUP BY" not in adatok[1] and 'FROM "ugyfelek_ugyfel"' in adatok[1]
    utana = c.get(KEZDOLAP).context["attekintes"]
    havi = {m.pk: m.havi_latogatasok for m in utana.csapat.sorok}
    assert havi[vilag.mentor.pk] == {m.pk: m.havi_latogatasok for m in elso.csapat.sorok}[vilag.mentor.pk] + 1


def test_the_coordinators_kept_home_reads_the_versions_once(vilag, client_as):
    """The team's counts, the list of those nobody visited and the coordinator's own lists are kept in three
    batches; the names they depend on are kept with them, so one query reads every version they need."""
    c = client_as(vilag.koordinator)
    _megnyit(c)
    _, n = _megnyit(c)
    assert n == 4


def test_the_team_table_follows_a_renamed_colleague(vilag, client_as):
    c = client_as(vilag.koordinator)
    assert "Újnév" not in c.get(KEZDOLAP).content.decode()
    vilag.mentor.last_name = "Újnév"
    vilag.mentor.save()
    assert "Újnév" in c.get(KEZDOLAP).content.decode()


def test_each_user_has_their_own_lists_and_another_projects_change_keeps_them(vilag, client_as):
    mentor_lapja = client_as(vilag.mentor).get(KEZDOLAP).context["nap"]
    koord_lapja = client_as(vilag.koordinator).get(KEZDOLAP).context["attekintes"]
    assert koord_lapja.csapat and not hasattr(mentor_lapja, "csapat")
    # A change in project B: project A's pages are still the kept ones.
    f.UgyfelFactory(projekt=vilag.projekt_b, mentor=vilag.mentor_b)
    assert _megnyit(client_as(vilag.mentor))[1] == 4


def test_inside_a_transaction_nothing_is_kept(vilag, client_as):
    """What a transaction reads may be its own uncommitted writes: never kept for others."""
    c = client_as(vilag.mentor)
    with transaction.atomic():
        _megnyit(c)
        _, n = _megnyit(c)
    assert n > 4
    assert not cache._cache  # the test cache (local memory) holds nothing


def test_the_show_all_lists_are_kept_apart(vilag, client_as):
    c = client_as(vilag.mentor)
    c.get(KEZDOLAP)
    resp = c.get(KEZDOLAP, {"mind": "ugyfelek"})
    assert [u.pk for u in resp.context["nap"].ugyfelek] == [vilag.ugyfel.pk]
    assert c.get(KEZDOLAP).context["nap"].ugyfelek is None


def test_a_topic_or_a_member_present_added_later_shows_at_once(vilag, client_as):
    """The latest visits' topics and members present are read by a written-out statement (``latogatas_reszletek``):
    the kept list depends on the tables it names, so a topic or a member added to a visit afterwards shows."""
    haztartas = f.HaztartasFactory(projekt=vilag.projekt_a)
    lat = Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.mentor, haztartas=haztartas, idopont=timezone.now()
    )
    c = _kliens(vilag.mentor)
    assert c.get(KEZDOLAP).context["nap"].legutobbi_latogatasok[0].tema_nevek == []
    lat.temak.create(tema="egeszseg")
    assert c.get(KEZDOLAP).context["nap"].legutobbi_latogatasok[0].tema_nevek == ["egészség"]
    lat.jelenlevok.add(vilag.ugyfel)
    assert c.get(KEZDOLAP).context["nap"].legutobbi_latogatasok[0].jelen_nevek == [vilag.ugyfel.nev]
