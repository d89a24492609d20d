import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import HaztartasTag, KovetoFeladat, Latogatas, Ugyfel
from ugyfelek.selectors import KEZDOLAP_SOROK, Lista, koordinator_attekintes, mentor_napja
from ugyfelek.utolso_latogatas import frissites

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
    # Due in 20 days: in neither list.
    KovetoFeladat.objects.create(
        projekt=vilag.projekt_a,
        ugyfel=regi,
        leiras="Később",
        hatarido=ma + datetime.timedelta(days=20),
        felelos=vilag.mentor,
    )
    nap = mentor_napja(vilag.mentor, teljes={"ugyfelek", "haztartasok"})
    assert nap.lejart_feladatok.sorok == [lejart] and nap.lejart_feladatok.osszesen == 1
    assert nap.heti_feladatok.sorok == [vilag.feladat] and nap.heti_feladatok.osszesen == 1
    assert nap.esedekes_felulvizsgalatok.sorok == [vilag.terv]
    # Ilona was present at a household visit today; the other one was visited 45 days ago.
    assert [u.pk for u in nap.nem_latogatottak.sorok] == [regi.pk] and nap.nem_latogatottak.osszesen == 1
    assert {u.pk for u in nap.ugyfelek} == {vilag.ugyfel.pk, regi.pk} and nap.ugyfelek_szama == 2
    assert [h.pk for h in nap.haztartasok] == [vilag.haztartas.pk] and nap.haztartasok[0].aktiv_tagok == 1
    assert nap.legutobbi_latogatasok[0] == vilag.latogatas
    assert nap.legutobbi_latogatasok[0].jelen_nevek == ["Kovács Ilona"]
    assert nap.legutobbi_latogatasok[0].tema_nevek == ["adósságkezelés"]
    # Nothing of another project's mentor.
    masik = mentor_napja(vilag.mentor_b, teljes={"haztartasok"})
    assert not (masik.lejart_feladatok.sorok or masik.heti_feladatok.sorok or masik.legutobbi_latogatasok)
    assert not masik.haztartasok


def test_not_visited_threshold_comes_from_settings(vilag, settings):
    Latogatas.objects.filter(pk=vilag.latogatas.pk).update(idopont=timezone.now() - datetime.timedelta(days=10))
    # update() sends no signals: recompute the stored last visit as the app's writes do.
    frissites([vilag.ugyfel.pk])
    settings.KAPOCS_NEM_LATOGATOTT_NAPOK = 30
    assert mentor_napja(vilag.mentor).nem_latogatottak == Lista([], 0)
    settings.KAPOCS_NEM_LATOGATOTT_NAPOK = 7
    assert [u.pk for u in mentor_napja(vilag.mentor).nem_latogatottak.sorok] == [vilag.ugyfel.pk]


def test_not_visited_is_counted_in_calendar_days(vilag, settings):
    """With 30: last visited 30 days ago, late that evening, is due all day today; 29 days ago, just
    after midnight, is not (the same at any hour of today, so the lists are the same all day)."""
    settings.KAPOCS_NEM_LATOGATOTT_NAPOK = 30
    ma = timezone.localdate()

    def latogatva(napja, ora, perc):
        nap = ma - datetime.timedelta(days=napja)
        idopont = timezone.make_aware(datetime.datetime.combine(nap, datetime.time(ora, perc)))
        Latogatas.objects.filter(projekt=vilag.projekt_a).update(idopont=idopont)
        frissites([vilag.ugyfel.pk])
        return [u.pk for u in mentor_napja(vilag.mentor, ma=ma).nem_latogatottak.sorok]

    assert latogatva(30, 23, 59) == [vilag.ugyfel.pk]
    assert latogatva(29, 0, 1) == []


def test_coordinator_sees_the_team_and_whom_nobody_visited(vilag):
    ma = timezone.localdate()
    KovetoFeladat.objects.create(
        projekt=vilag.projekt_a, leiras="Lejárt", hatarido=ma - datetime.timedelta(days=2), felelos=vilag.mentor
    )
    senki = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    Latogatas.objects.create(projekt=vilag.projekt_b, szerzo=vilag.mentor_b, ugyfel=vilag.ugyfel_b)
    a = koordinator_attekintes(vilag.koordinator)
    csapat = {m.username: m for m in a.csapat.sorok}
    assert set(csapat) == {"koordinator_a", "mentor_a"}
    assert csapat["mentor_a"].havi_latogatasok == (1 if vilag.latogatas.idopont.date() >= ma.replace(day=1) else 0)
    assert csapat["mentor_a"].lejart_feladatok == 1
    assert csapat["mentor_a"].lejart_felulvizsgalatok == 1
    assert csapat["mentor_a"].ugyfelek_szama == 2
    assert [u.pk for u in a.nem_latogatottak.sorok] == [senki.pk] and a.nem_latogatottak.osszesen == 1


def test_the_team_table_shows_each_members_figures_and_links_to_their_visits(vilag, client_as):
    ma = timezone.localdate()
    KovetoFeladat.objects.create(
        projekt=vilag.projekt_a, leiras="Lejárt", hatarido=ma - datetime.timedelta(days=2), felelos=vilag.mentor
    )
    vilag.mentor.first_name, vilag.mentor.last_name = "<b>Éva</b>", "Kiss & Tsa"
    vilag.mentor.save()
    html = client_as(vilag.koordinator).get(KEZDOLAP).content.decode()
    tabla = html[html.index('<table class="table table-sm align-middle" id="csapat">') :]
    tabla = tabla[: tabla.index("</table>")]
    havi = 1 if vilag.latogatas.idopont.date() >= ma.replace(day=1) else 0
    lista = reverse("ugyfelek:latogatas_lista")
    # The name escaped; participants, visits this month; an overdue follow-up and plan review in red.
    assert (
        f'<tr><th scope="row"><a href="{lista}?mentor={vilag.mentor.pk}">Kiss &amp; Tsa &lt;b&gt;Éva&lt;/b&gt;</a></th>'
        f'<td class="text-end">1</td><td class="text-end">{havi}</td>'
        '<td class="text-end"><span class="text-danger fw-semibold">1</span></td>'
        '<td class="text-end"><span class="text-danger fw-semibold">1</span></td></tr>'
    ) in tabla
    # Nothing overdue, nobody mentored: plain zeros.
    assert (
        f'<tr><th scope="row"><a href="{lista}?mentor={vilag.koordinator.pk}">{vilag.koordinator}</a></th>'
        '<td class="text-end">0</td><td class="text-end">0</td><td class="text-end">0</td><td class="text-end">0</td>'
        "</tr>"
    ) in tabla
    assert tabla.count("<tr>") == 3  # the heading and the two members


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
    assert terv in mentor_napja(vilag.koordinator).esedekes_felulvizsgalatok.sorok
    assert terv not in mentor_napja(vilag.mentor).esedekes_felulvizsgalatok.sorok
    csapat = {m.username: m for m in koordinator_attekintes(vilag.koordinator).csapat.sorok}
    assert csapat["koordinator_a"].lejart_felulvizsgalatok == 1


def test_coordinator_without_participants_sees_no_empty_mentor_sections(vilag, client_as):
    html = client_as(vilag.koordinator).get(KEZDOLAP).content.decode()
    assert 'id="ugyfeleim-cim"' not in html and 'id="lejart-cim"' in html
    assert 'id="ugyfeleim-cim"' in client_as(vilag.mentor).get(KEZDOLAP).content.decode()


def _feladatok(vilag, n, *, napok=-1, felelos=None):
    return [
        KovetoFeladat.objects.create(
            projekt=vilag.projekt_a,
            leiras=f"Teendő {i}",
            hatarido=timezone.localdate() + datetime.timedelta(days=napok),
            felelos=felelos or vilag.mentor,
        )
        for i in range(n)
    ]


def test_a_long_list_shows_its_first_rows_how_many_in_all_and_opens_in_full(vilag, client_as):
    feladatok = _feladatok(vilag, KEZDOLAP_SOROK + 2)
    c = client_as(vilag.mentor)
    resp = c.get(KEZDOLAP)
    html = resp.content.decode()
    assert [f.pk for f in resp.context["nap"].lejart_feladatok.sorok] == [f.pk for f in feladatok[:KEZDOLAP_SOROK]]
    assert sum(f'data-feladat="{f.pk}"' in html for f in feladatok) == KEZDOLAP_SOROK
    assert f'<span class="badge text-bg-danger">{KEZDOLAP_SOROK + 2}</span>' in html
    assert "?mind=lejart_feladatok#lejart-cim" in html and "még 2 nem látszik" in html
    html = c.get(KEZDOLAP, {"mind": "lejart_feladatok"}).content.decode()
    assert all(f'data-feladat="{f.pk}"' in html for f in feladatok)
    assert "?mind=lejart_feladatok" not in html and f"Csak az első {KEZDOLAP_SOROK} megjelenítése" in html
    # A list name that does not exist opens nothing.
    resp = c.get(KEZDOLAP, {"mind": "minden"})
    assert resp.status_code == 200 and resp.context["mind"] == ""


def test_my_participants_link_to_the_filtered_list_and_open_with_their_last_visit(vilag, client_as):
    masik = f.FelhasznaloFactory()
    f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=masik)
    f.UgyfelFactory(projekt=vilag.projekt_a, mentor=masik)
    kilepett = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor, kilepes_datuma=timezone.localdate())
    c = client_as(vilag.mentor)
    html = c.get(KEZDOLAP).content.decode()
    assert vilag.ugyfel.nev not in html.split('id="ugyfeleim"')[1].split("</ul>")[0]
    lista = reverse("ugyfelek:ugyfel_lista") + f"?mentor={vilag.mentor.pk}&allapot=aktiv"
    assert lista.replace("&", "&amp;") in html
    assert [u.pk for u in c.get(lista).context["object_list"]] == [vilag.ugyfel.pk]
    resp = c.get(KEZDOLAP, {"mind": "ugyfelek"})
    assert [u.pk for u in resp.context["nap"].ugyfelek] == [vilag.ugyfel.pk]
    sajat = resp.content.decode().split('id="ugyfeleim"')[1].split("</ul>")[0]
    assert (
        vilag.ugyfel.nev in sajat
        and "utoljára: " + timezone.localtime(vilag.latogatas.idopont).strftime("%Y. %m. %d.") in sajat
    )
    assert kilepett.nev not in sajat


def test_my_households_open_on_request_with_the_members_living_there(vilag, client_as):
    """A household counts while someone I mentor lives there (exited from the programme or not)."""
    elkoltozott_haz = f.HaztartasFactory(projekt=vilag.projekt_a, nev="Régi ház")
    HaztartasTag.objects.create(
        haztartas=elkoltozott_haz,
        ugyfel=vilag.ugyfel,
        mettol=datetime.date(2019, 1, 1),
        meddig=datetime.date(2020, 12, 31),
    )
    kilepett = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor, kilepes_datuma=timezone.localdate())
    masik = f.HaztartasFactory(projekt=vilag.projekt_a, nev="Kilépett háza")
    HaztartasTag.objects.create(haztartas=masik, ugyfel=kilepett, mettol=datetime.date(2021, 1, 1))
    c = client_as(vilag.mentor)
    assert 'href="?mind=haztartasok#haztartasaim-cim"' in c.get(KEZDOLAP).content.decode()
    resp = c.get(KEZDOLAP, {"mind": "haztartasok"})
    assert {h.pk: h.aktiv_tagok for h in resp.context["nap"].haztartasok} == {vilag.haztartas.pk: 1, masik.pk: 1}
    assert "Régi ház" not in resp.content.decode()


def test_nobody_visited_list_of_the_coordinator_counts_all_and_opens_in_full(vilag, client_as):
    # Present at a household visit only: visited.
    jelen = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    HaztartasTag.objects.create(haztartas=vilag.haztartas, ugyfel=jelen, mettol=datetime.date(2021, 1, 1))
    vilag.latogatas.jelenlevok.add(jelen)
    soha = [f.UgyfelFactory(projekt=vilag.projekt_a) for _ in range(KEZDOLAP_SOROK + 1)]
    regen = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=regen, idopont=timezone.now() - datetime.timedelta(days=90)
    )
    f.UgyfelFactory(projekt=vilag.projekt_b)
    c = client_as(vilag.koordinator)
    a = c.get(KEZDOLAP).context["attekintes"]
    assert a.nem_latogatottak.osszesen == len(soha) + 1
    assert [u.pk for u in a.nem_latogatottak.sorok] == [u.pk for u in soha][:KEZDOLAP_SOROK]
    resp = c.get(KEZDOLAP, {"mind": "senki_nem_latogatta"})
    # Never visited first, then the longest ago.
    assert [u.pk for u in resp.context["attekintes"].nem_latogatottak.sorok] == [u.pk for u in soha] + [regen.pk]
    assert "nincs mentor" in resp.content.decode()


def test_a_plan_of_a_participant_without_a_mentor_is_due_for_its_author_until_one_is_assigned(vilag):
    from ugyfelek.models import FejlesztesiTerv

    mentor_nelkul = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=None)
    terv = FejlesztesiTerv.objects.create(
        projekt=vilag.projekt_a,
        ugyfel=mentor_nelkul,
        keszult=datetime.date(2021, 1, 1),
        keszitette=vilag.koordinator,
        kovetkezo_felulvizsgalat=datetime.date(2021, 4, 1),
    )
    assert mentor_napja(vilag.koordinator).esedekes_felulvizsgalatok.sorok == [terv]
    csapat = {m.username: m.lejart_felulvizsgalatok for m in koordinator_attekintes(vilag.koordinator).csapat.sorok}
    assert csapat == {"koordinator_a": 1, "mentor_a": 1}
    Ugyfel.objects.filter(pk=mentor_nelkul.pk).update(mentor=vilag.mentor)
    assert terv not in mentor_napja(vilag.koordinator).esedekes_felulvizsgalatok.sorok
    assert terv in mentor_napja(vilag.mentor).esedekes_felulvizsgalatok.sorok
    csapat = {m.username: m.lejart_felulvizsgalatok for m in koordinator_attekintes(vilag.koordinator).csapat.sorok}
    assert csapat == {"koordinator_a": 0, "mentor_a": 2}


def test_a_coordinator_who_mentors_someone_sees_their_caseload(vilag, client_as):
    f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.koordinator)
    resp = client_as(vilag.koordinator).get(KEZDOLAP)
    assert resp.context["nap"].ugyfelek_szama == 1
    assert 'id="ugyfeleim-cim"' in resp.content.decode() and 'id="csapat"' in resp.content.decode()


@pytest.mark.parametrize(
    "kinek,mind",
    [
        ("mentor", ""),
        ("mentor", "lejart_feladatok"),
        ("mentor", "ugyfelek"),
        ("mentor", "haztartasok"),
        ("mentor", "nem_latogatottak"),
        ("koordinator", ""),
        ("koordinator", "senki_nem_latogatta"),
    ],
)
def test_one_row_or_many_in_every_list_the_same_number_of_queries(
    vilag, client_as, django_assert_num_queries, kinek, mind
):
    """No row reads anything more (a deferred column, a relation): each list goes from one row to many."""
    user = getattr(vilag, kinek)
    c = client_as(user)
    url = KEZDOLAP + (f"?mind={mind}" if mind else "")
    # One row to start with: someone never visited (the names shown are read apart, once a page has any).
    f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    egy = _lekerdezesek(c, url)
    ugyfelek, _ = latogatasok(40, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    for u in ugyfelek:
        HaztartasTag.objects.create(
            haztartas=f.HaztartasFactory(projekt=vilag.projekt_a), ugyfel=u, mettol=datetime.date(2022, 1, 1)
        )
    for _ in range(KEZDOLAP_SOROK + 1):
        f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)  # never visited
    _feladatok(vilag, KEZDOLAP_SOROK + 1, felelos=user)
    _feladatok(vilag, KEZDOLAP_SOROK + 1, napok=2, felelos=user)
    resp = c.get(url)
    nap = resp.context["nap"]
    assert nap.lejart_feladatok.osszesen > KEZDOLAP_SOROK and nap.heti_feladatok.osszesen > KEZDOLAP_SOROK
    if kinek == "mentor":
        assert nap.nem_latogatottak.osszesen > KEZDOLAP_SOROK and len(nap.legutobbi_latogatasok) == KEZDOLAP_SOROK
    else:
        assert resp.context["attekintes"].nem_latogatottak.osszesen > KEZDOLAP_SOROK
    with django_assert_num_queries(egy):
        assert c.get(url).status_code == 200


def test_nobody_visited_in_full_comes_a_page_at_a_time(vilag, client_as, monkeypatch):
    import ugyfelek.selectors
    import ugyfelek.views.kezdolap

    monkeypatch.setattr(ugyfelek.selectors, "TELJES_OLDAL", 3)
    monkeypatch.setattr(ugyfelek.views.kezdolap, "TELJES_OLDAL", 3)
    soha = [f.UgyfelFactory(projekt=vilag.projekt_a) for _ in range(7)]
    c = client_as(vilag.koordinator)

    def oldal(o):
        resp = c.get(KEZDOLAP, {"mind": "senki_nem_latogatta", "oldal": o})
        return [u.pk for u in resp.context["attekintes"].nem_latogatottak.sorok], resp.context["lapozo"]

    sorok, lapozo = oldal(1)
    assert sorok == [u.pk for u in soha[:3]] and lapozo == {"tol": 1, "ig": 3, "elozo": None, "kovetkezo": 2}
    sorok, lapozo = oldal(3)
    assert sorok == [soha[6].pk] and lapozo == {"tol": 7, "ig": 7, "elozo": 2, "kovetkezo": None}
    assert oldal(99) == oldal(3)  # past the end: the last page
    assert oldal("x") == oldal(1)
    html = c.get(KEZDOLAP, {"mind": "senki_nem_latogatta", "oldal": 2}).content.decode()
    assert "oldal=1#senki-cim" in html and "oldal=3#senki-cim" in html and "4–6. / 7" in html


def test_a_large_team_shows_its_first_rows_and_the_rest_a_page_at_a_time(vilag, client_as, monkeypatch):
    """Someone who oversees many projects (a national programme's staff) sees the first members of the team by
    name and how many there are; "show all" pages through them, with the same number of queries."""
    from ugyfelek import selectors
    from ugyfelek.views import kezdolap

    monkeypatch.setattr(selectors, "TELJES_OLDAL", 10)
    monkeypatch.setattr(kezdolap, "TELJES_OLDAL", 10)
    c = client_as(vilag.koordinator)
    url = reverse("kezdolap")
    keves = _lekerdezesek(c, url)
    for i in range(60):
        f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=f.FelhasznaloFactory(last_name=f"Zágon{i:02d}"))
    assert _lekerdezesek(c, url) == keves
    csapat = c.get(url).context["attekintes"].csapat
    osszesen = csapat.osszesen
    assert len(csapat.sorok) == selectors.CSAPAT_SOROK and osszesen > 60
    html = c.get(url).content.decode()
    assert f"A csapat mind a {osszesen} tagja" in html and 'href="?mind=csapat#csapat-cim"' in html
    # In full, ten to a page here; every member once, in the table's order.
    latott = []
    for oldal in range(1, osszesen // 10 + 2):
        resp = c.get(url, {"mind": "csapat", "oldal": oldal})
        latott += [m.pk for m in resp.context["attekintes"].csapat.sorok]
    assert len(latott) == len(set(latott)) == osszesen
    masodik = c.get(url, {"mind": "csapat", "oldal": 2}).content.decode()
    assert f"11–20. / {osszesen}" in masodik and "oldal=3#csapat-cim" in masodik and "oldal=1#csapat-cim" in masodik
    # A page past the end shows the first.
    resp = c.get(url, {"mind": "csapat", "oldal": 99})
    assert resp.context["attekintes"].csapat.kezdet == 0 and len(resp.context["attekintes"].csapat.sorok) == 10


def test_the_days_lists_come_from_the_users_projects_and_their_visits_as_a_colleague(vilag):
    """The lists' written-out statement scopes as ``for_user`` does: a follow-up of a project where the user has no
    role is not theirs to see, until they have one; a visit recorded by a colleague is the mentor's when they were
    present, not otherwise."""
    from akcioterulet.models import Felhasznalo, Szerep

    tegnap = timezone.localdate() - datetime.timedelta(days=1)
    sajat = KovetoFeladat.objects.create(
        projekt=vilag.projekt_a, ugyfel=vilag.ugyfel, leiras="A", hatarido=tegnap, felelos=vilag.mentor
    )
    masik = KovetoFeladat.objects.create(
        projekt=vilag.projekt_b, ugyfel=vilag.ugyfel_b, leiras="B", hatarido=tegnap, felelos=vilag.mentor
    )
    most = timezone.now()
    kozos = Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.koordinator, ugyfel=vilag.ugyfel, idopont=most
    )
    kozos.munkatarsak.add(vilag.mentor)
    nelkule = Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.koordinator, ugyfel=vilag.ugyfel, idopont=most
    )

    nap = mentor_napja(vilag.mentor)
    assert [f.pk for f in nap.lejart_feladatok.sorok] == [sajat.pk] and nap.lejart_feladatok.osszesen == 1
    latogatasok = [lat.pk for lat in nap.legutobbi_latogatasok]
    assert kozos.pk in latogatasok and nelkule.pk not in latogatasok
    assert next(lat for lat in nap.legutobbi_latogatasok if lat.pk == kozos.pk).szerzo.teljes_nev == str(
        vilag.koordinator
    )

    f.TagsagFactory(projekt=vilag.projekt_b, felhasznalo=vilag.mentor, szerep=Szerep.MENTOR)
    ket_projektes = Felhasznalo.objects.get(pk=vilag.mentor.pk)  # memberships read afresh
    nap = mentor_napja(ket_projektes)
    assert [f.pk for f in nap.lejart_feladatok.sorok] == [sajat.pk, masik.pk]
    assert nap.lejart_feladatok.osszesen == 2


def test_the_names_of_the_lists_are_read_through_the_users_projects(vilag):
    """The names statement scopes as ``for_user``: an id of another project's participant or household names no one."""
    from ugyfelek.selectors import _nevek

    haztartas_b = f.HaztartasFactory(projekt=vilag.projekt_b)
    ugyfelek, haztartasok = _nevek(
        vilag.mentor, {vilag.ugyfel.pk, vilag.ugyfel_b.pk}, {vilag.haztartas.pk, haztartas_b.pk}
    )
    assert ugyfelek == {vilag.ugyfel.pk: ("Kovács", "Ilona")}
    assert set(haztartasok) == {vilag.haztartas.pk}
    assert _nevek(vilag.admin, {vilag.ugyfel_b.pk}, set())[0] == {
        vilag.ugyfel_b.pk: (vilag.ugyfel_b.csaladi_nev, vilag.ugyfel_b.utonev)
    }
    assert _nevek(vilag.olvaso, {vilag.ugyfel.pk}, {vilag.haztartas.pk}) == ({}, {})
