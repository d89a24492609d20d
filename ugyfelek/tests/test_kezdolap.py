import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import KovetoFeladat, Latogatas
from ugyfelek.selectors import koordinator_attekintes, mentor_napja

from .mentoralas_adatok import latogatasok

KEZDOLAP = reverse("kezdolap")


def _lekerdezesek(client, url):
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx)


def test_mentors_day_lists_what_is_due(vilag):
    ma = timezone.localdate()
    regi = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=regi, idopont=timezone.now() - datetime.timedelta(days=45)
    )
    lejart = KovetoFeladat.objects.create(
        projekt=vilag.projekt_a,
        ugyfel=regi,
        leiras="Lejárt",
        hatarido=ma - datetime.timedelta(days=1),
        felelos=vilag.mentor,
    )
    kesobbi = KovetoFeladat.objects.create(
        projekt=vilag.projekt_a,
        ugyfel=regi,
        leiras="Később",
        hatarido=ma + datetime.timedelta(days=20),
        felelos=vilag.mentor,
    )
    nap = mentor_napja(vilag.mentor)
    assert lejart in nap.lejart_feladatok and vilag.feladat in nap.heti_feladatok
    assert kesobbi not in nap.lejart_feladatok + nap.heti_feladatok
    assert vilag.terv in nap.esedekes_felulvizsgalatok
    # Ilona was present at a household visit today; the other one was visited 45 days ago.
    assert [u.pk for u in nap.nem_latogatottak] == [regi.pk]
    assert {u.pk for u in nap.ugyfelek} == {vilag.ugyfel.pk, regi.pk}
    assert [h.pk for h in nap.haztartasok] == [vilag.haztartas.pk] and nap.haztartasok[0].aktiv_tagok == 1
    assert nap.legutobbi_latogatasok[0] == vilag.latogatas
    # Nothing of another project's mentor.
    masik = mentor_napja(vilag.mentor_b)
    assert not (masik.lejart_feladatok or masik.heti_feladatok or masik.legutobbi_latogatasok or masik.haztartasok)


def test_not_visited_threshold_comes_from_settings(vilag, settings):
    Latogatas.objects.filter(pk=vilag.latogatas.pk).update(idopont=timezone.now() - datetime.timedelta(days=10))
    settings.KAPOCS_NEM_LATOGATOTT_NAPOK = 30
    assert mentor_napja(vilag.mentor).nem_latogatottak == []
    settings.KAPOCS_NEM_LATOGATOTT_NAPOK = 7
    assert [u.pk for u in mentor_napja(vilag.mentor).nem_latogatottak] == [vilag.ugyfel.pk]


def test_coordinator_sees_the_team_and_whom_nobody_visited(vilag):
    ma = timezone.localdate()
    KovetoFeladat.objects.create(
        projekt=vilag.projekt_a, leiras="Lejárt", hatarido=ma - datetime.timedelta(days=2), felelos=vilag.mentor
    )
    senki = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    Latogatas.objects.create(projekt=vilag.projekt_b, szerzo=vilag.mentor_b, ugyfel=vilag.ugyfel_b)
    a = koordinator_attekintes(vilag.koordinator)
    csapat = {m.username: m for m in a.csapat}
    assert set(csapat) == {"koordinator_a", "mentor_a"}
    assert csapat["mentor_a"].havi_latogatasok == (1 if vilag.latogatas.idopont.date() >= ma.replace(day=1) else 0)
    assert csapat["mentor_a"].lejart_feladatok == 1
    assert csapat["mentor_a"].lejart_felulvizsgalatok == 1
    assert csapat["mentor_a"].ugyfelek_szama == 2
    assert [u.pk for u in a.nem_latogatottak] == [senki.pk] and a.nem_latogatottak_szama == 1


def test_reader_home_page_has_no_personal_data(vilag, client_as):
    html = client_as(vilag.olvaso).get(KEZDOLAP).content.decode()
    assert vilag.ugyfel.nev not in html and str(vilag.haztartas) not in html
    assert vilag.projekt_a.kod in html
    assert "csapat" not in html.lower()


def test_mentor_home_page_shows_the_recent_visit_and_no_team(vilag, client_as):
    html = client_as(vilag.mentor).get(KEZDOLAP).content.decode()
    assert reverse("ugyfelek:latogatas_reszlet", args=[vilag.latogatas.pk]) in html
    assert 'id="csapat"' not in html
    assert 'id="csapat"' in client_as(vilag.koordinator).get(KEZDOLAP).content.decode()


def test_home_pages_run_the_same_number_of_queries_for_20_and_200_visits(vilag, client_as, django_assert_num_queries):
    masik_mentor = f.FelhasznaloFactory()
    f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=masik_mentor)
    ugyfelek, haztartas = latogatasok(20, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    m_ugyfelek, m_haztartas = latogatasok(20, projekt=vilag.projekt_a, szerzo=masik_mentor)
    c = client_as(vilag.mentor)
    mentor_keves = _lekerdezesek(c, KEZDOLAP)
    c = client_as(vilag.koordinator)
    koord_keves = _lekerdezesek(c, KEZDOLAP)

    latogatasok(180, projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfelek=ugyfelek, haztartas=haztartas)
    latogatasok(180, projekt=vilag.projekt_a, szerzo=masik_mentor)
    c = client_as(vilag.mentor)
    with django_assert_num_queries(mentor_keves):
        assert c.get(KEZDOLAP).status_code == 200
    c = client_as(vilag.koordinator)
    with django_assert_num_queries(koord_keves):
        assert c.get(KEZDOLAP).status_code == 200


def test_household_plan_review_is_due_for_its_author(vilag):
    from ugyfelek.models import FejlesztesiTerv

    terv = FejlesztesiTerv.objects.create(
        projekt=vilag.projekt_a,
        haztartas=vilag.haztartas,
        keszult=datetime.date(2021, 1, 1),
        keszitette=vilag.koordinator,
        kovetkezo_felulvizsgalat=datetime.date(2021, 4, 1),
    )
    assert terv in mentor_napja(vilag.koordinator).esedekes_felulvizsgalatok
    assert terv not in mentor_napja(vilag.mentor).esedekes_felulvizsgalatok
    csapat = {m.username: m for m in koordinator_attekintes(vilag.koordinator).csapat}
    assert csapat["koordinator_a"].lejart_felulvizsgalatok == 1


def test_coordinator_without_participants_sees_no_empty_mentor_sections(vilag, client_as):
    html = client_as(vilag.koordinator).get(KEZDOLAP).content.decode()
    assert 'id="ugyfeleim-cim"' not in html and 'id="lejart-cim"' in html
    assert 'id="ugyfeleim-cim"' in client_as(vilag.mentor).get(KEZDOLAP).content.decode()
