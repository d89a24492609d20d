"""The data-quality page: likely duplicates by the folded name kept with each participant, and the overview kept
under the data versions of what it read (core.adatverzio): recounted when a checked column changes, not after a
visit."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from indikatorok.selectors import duplikatum_csoportok
from ugyfelek.models import FejlesztesiTerv, Latogatas, Ugyfel
from ugyfelek.services import ugyfel_anonimizalas

pytestmark = pytest.mark.django_db(transaction=True)

SZULETES = datetime.date(1980, 5, 17)


def _pkk(csoportok):
    return [{t["pk"] for t in cs} for cs in csoportok]


def test_the_name_key_is_kept_by_every_write(projekt_a, koordinator):
    u = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Kovács", utonev="Ilona  Éva")
    assert Ugyfel.objects.get(pk=u.pk).nev_kulcs == "kovacs ilona eva"
    u.utonev = "Ilona"
    u.save(update_fields=["utonev"])
    assert Ugyfel.objects.get(pk=u.pk).nev_kulcs == "kovacs ilona"
    ugyfel_anonimizalas(ugyfel=Ugyfel.objects.get(pk=u.pk))
    assert Ugyfel.objects.get(pk=u.pk).nev_kulcs == ""


def test_duplicates_ignore_accents_and_case_but_not_the_birth_date(projekt_a, projekt_b):
    a = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Kovács", utonev="Ilona", szuletesi_datum=SZULETES)
    b = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="KOVACS", utonev="ilona", szuletesi_datum=SZULETES)
    # Born the same day with another name, the same name another day, the same person in another project.
    f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Kovács", utonev="Ilka", szuletesi_datum=SZULETES)
    f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Kovács", utonev="Ilona", szuletesi_datum=SZULETES.replace(day=18))
    f.UgyfelFactory(projekt=projekt_b, csaladi_nev="Kovács", utonev="Ilona", szuletesi_datum=SZULETES)
    c = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Szabó", utonev="Ádám", szuletesi_datum=SZULETES)
    d = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Szabo", utonev="Adam", szuletesi_datum=SZULETES)
    e = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Szabó", utonev="Ádám", szuletesi_datum=SZULETES)
    # In the order of the list (by name), each group's members too.
    assert _pkk(duplikatum_csoportok(projekt_a)) == [{a.pk, b.pk}, {c.pk, d.pk, e.pk}]
    ugyfel_anonimizalas(ugyfel=Ugyfel.objects.get(pk=d.pk))
    assert _pkk(duplikatum_csoportok(projekt_a)) == [{a.pk, b.pk}, {c.pk, e.pk}]


def test_the_overview_is_kept_until_a_checked_column_changes(projekt_a, koordinator, mentor, client_as):
    a = f.UgyfelFactory(
        projekt=projekt_a, mentor=mentor, csaladi_nev="Kovács", utonev="Ilona", szuletesi_datum=SZULETES
    )
    b = f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Kovacs", utonev="Ilka", szuletesi_datum=SZULETES)
    c = client_as(koordinator)
    url = reverse("indikatorok:adatminoseg", args=[projekt_a.pk])

    def megnyit():
        with CaptureQueriesContext(connection) as q:
            resp = c.get(url)
        assert resp.status_code == 200
        megnyit.ugyfel = sum('FROM "ugyfelek_ugyfel"' in sor["sql"] for sor in q.captured_queries)
        # The statement that counts every check (a subquery each, named after its check).
        megnyit.szamolas = sum('AS "hianyos"' in sor["sql"] for sor in q.captured_queries)
        return {sz["kulcs"]: sz["szam"] for sz in resp.context["szakaszok"]}, resp

    elso, _resp = megnyit()
    assert elso["duplikatum"] == 0 and megnyit.ugyfel > 0 and megnyit.szamolas == 1
    assert megnyit()[0] == elso and megnyit.ugyfel == 0

    # A visit changes the participant's last visit, which the page does not show: nothing is recounted.
    Latogatas.objects.create(projekt=projekt_a, szerzo=mentor, ugyfel=a, idopont=timezone.now())
    assert megnyit()[0] == elso and megnyit.ugyfel == 0

    # A renamed participant: at the next view a likely duplicate, with the list's link to each.
    b = Ugyfel.objects.get(pk=b.pk)
    b.utonev = "Ilona"
    b.save()
    szamok, resp = megnyit()
    assert szamok["duplikatum"] == 2 and megnyit.ugyfel > 0
    # The counts read no name: the duplicates' groups are recounted, not the checks' counts.
    assert megnyit.szamolas == 0
    for u in (a, b):
        assert reverse("ugyfelek:ugyfel_reszlet", args=[u.pk]) in resp.content.decode()
    assert {k: v for k, v in szamok.items() if k != "duplikatum"} == {
        k: v for k, v in elso.items() if k != "duplikatum"
    }


def test_the_preview_rows_are_shown_without_a_query_each(projekt_a, koordinator, client_as):
    c = client_as(koordinator)
    url = reverse("indikatorok:adatminoseg", args=[projekt_a.pk])

    def friss_lekerdezesek():
        cache.clear()
        with CaptureQueriesContext(connection) as q:
            resp = c.get(url)
        return len(q), resp.content.decode()

    f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Hiányos00", utonev="Anna", nem="", akcioteruleten_kivul=True)
    egy, _html = friss_lekerdezesek()
    for i in range(1, 15):
        f.UgyfelFactory(
            projekt=projekt_a, csaladi_nev=f"Hiányos{i:02d}", utonev="Anna", nem="", akcioteruleten_kivul=True
        )
    # Each row's columns come with its list: deferred columns would cost a query per row.
    tizenot, html = friss_lekerdezesek()
    assert tizenot == egy
    # The first ten of each list by name, with what is missing and the address outside the action area.
    assert html.count("Hiányos0") == 2 * 10 and "Hiányos10" not in html
    assert "hiányzik: nem" in html and "Mind a 15 megjelenítése" in html


def test_a_checks_page_counts_from_the_kept_overview_and_pages_through_every_row(
    projekt_a, koordinator, mentor, client_as
):
    """``?szakasz=``: the number of rows is the overview's kept count (no count of the check's rows), every row comes
    on one of the pages, with the columns the page shows and no query per row; a new row shows at the next view."""
    megallapodas = datetime.date(2024, 3, 1)
    tervezett = f.UgyfelFactory(
        projekt=projekt_a, mentor=mentor, csaladi_nev="Tervezett", megallapodas_datuma=megallapodas
    )
    FejlesztesiTerv.objects.create(
        projekt=projekt_a,
        ugyfel=tervezett,
        keszult=megallapodas,
        keszitette=mentor,
        kovetkezo_felulvizsgalat=megallapodas,
    )
    terv_nelkul = [
        f.UgyfelFactory(
            projekt=projekt_a, mentor=mentor, csaladi_nev=f"Tervtelen{i:02d}", megallapodas_datuma=megallapodas
        )
        for i in range(53)
    ]
    c = client_as(koordinator)
    url = reverse("indikatorok:adatminoseg", args=[projekt_a.pk])
    c.get(url)  # the overview keeps the counts

    def oldal(n):
        with CaptureQueriesContext(connection) as q:
            resp = c.get(url, {"szakasz": "terv_nelkul", "page": n})
        assert resp.status_code == 200
        sz = resp.context["szakaszok"][0]
        return sz, resp.content.decode(), [s["sql"] for s in q.captured_queries]

    sz1, html1, lekerdezesek1 = oldal(1)
    sz2, html2, lekerdezesek2 = oldal(2)
    assert sz1["szam"] == sz2["szam"] == 53
    assert not any("COUNT(" in sql for sql in lekerdezesek1 + lekerdezesek2)
    assert len(lekerdezesek1) == len(lekerdezesek2)
    latott = [u.pk for u in sz1["sorok"]] + [u.pk for u in sz2["sorok"]]
    assert latott == [u.pk for u in terv_nelkul] and tervezett.pk not in latott
    assert html1.count("megállapodás: 2024. 03. 01.") == 50 and html2.count("megállapodás: 2024. 03. 01.") == 3

    # One more without a plan: the kept count follows at once.
    uj = f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Tervtelen99", megallapodas_datuma=megallapodas)
    sz2, html2, _lekerdezesek = oldal(2)
    assert sz2["szam"] == 54 and uj.pk in [u.pk for u in sz2["sorok"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_each_check_is_counted_from_an_index_of_its_own_rows(projekt_a, koordinator):
    """One pass over every participant of the project read 10,000 rows of a large one from the table; each check
    now reads the index that holds its rows alone (``Ugyfel.Meta.indexes``)."""
    from indikatorok.selectors import adatminoseg_osszesito

    f.UgyfelFactory(projekt=projekt_a, nem="", akcioteruleten_kivul=True)
    with CaptureQueriesContext(connection) as q:
        adatminoseg_osszesito(projekt_a, duplikatumok=[])
    (sql,) = [sor["sql"] for sor in q.captured_queries if 'AS "hianyos"' in sor["sql"]]
    with transaction.atomic(), connection.cursor() as cur:
        # On a handful of test rows the planner would rightly read the table: priced out, the plan shows
        # whether each index can serve its check at all.
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        cur.execute("EXPLAIN " + sql)
        terv = "\n".join(r[0] for r in cur.fetchall())
    for index in (
        "ugyfel_hianyos_idx",
        "ugyfel_eredmeny28_idx",
        "ugyfel_eredmeny6ho_idx",
        "ugyfel_kivul_idx",
        "ugyfel_terv_nelkul_idx",
        "haztartas_kivul_idx",
    ):
        assert index in terv, terv


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_a_page_of_those_without_a_plan_is_read_in_name_order_from_its_index(projekt_a):
    """The participants with an agreement but no plan are indexed by name with the column the page shows: a deep page
    walks the index alone, not the project's participants from the table, nor a sort."""
    from indikatorok.views.adatminoseg import _sorai

    f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=datetime.date(2024, 1, 1))
    sql, params = _sorai(projekt_a, "terv_nelkul", timezone.localdate())[950:1000].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        cur.execute("EXPLAIN " + sql, params)
        terv = "\n".join(r[0] for r in cur.fetchall())
    assert "Index Only Scan using ugyfel_terv_nelkul_idx" in terv and "Sort" not in terv, terv


def test_the_compiled_statements_are_the_projects_and_the_days_own(projekt_a, projekt_b, koordinator, client_as):
    """The counts and the first rows are compiled once per project and day (``_szamok_sql``, ``_elonezet_sql``):
    another project, or another day, gets its own figures and rows."""
    from indikatorok.selectors import adatminoseg_osszesito
    from indikatorok.views.adatminoseg import _elonezet

    ma = timezone.localdate()
    kilepett = ma - datetime.timedelta(days=40)
    a = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Anna", nem="", kilepes_datuma=kilepett, eredmeny_28="")
    f.UgyfelFactory(projekt=projekt_b, csaladi_nev="Béla", nem="")
    f.UgyfelFactory(projekt=projekt_b, csaladi_nev="Cecil", nem="")
    assert adatminoseg_osszesito(projekt_a, ma)["hianyos"] == 1
    assert adatminoseg_osszesito(projekt_b, ma)["hianyos"] == 2
    assert [u.csaladi_nev for u in _elonezet(projekt_b, "hianyos", ma)] == ["Béla", "Cecil"]
    assert _elonezet(projekt_a, "eredmeny_28", ma) == [a]
    # Twenty days earlier the exit was not yet 28 days ago.
    korabban = ma - datetime.timedelta(days=20)
    assert adatminoseg_osszesito(projekt_a, korabban)["eredmeny_28"] == 0
    assert adatminoseg_osszesito(projekt_a, ma)["eredmeny_28"] == 1
    assert _elonezet(projekt_a, "eredmeny_28", korabban) == []


def test_a_household_outside_the_action_area_is_previewed_with_its_address(projekt_a, koordinator, client_as):
    f.HaztartasFactory(projekt=projekt_a, nev="Kívüli család", cim="Messzi utca 7.", akcioteruleten_kivul=True)
    f.HaztartasFactory(projekt=projekt_a, nev="Belső család", cim="Közeli utca 1.")
    resp = client_as(koordinator).get(reverse("indikatorok:adatminoseg", args=[projekt_a.pk]))
    (szakasz,) = [sz for sz in resp.context["szakaszok"] if sz["kulcs"] == "haztartas_kivul"]
    assert szakasz["szam"] == 1 and [h.cim for h in szakasz["sorok"]] == ["Messzi utca 7."]
    html = resp.content.decode()
    assert "Messzi utca 7." in html and "Közeli utca 1." not in html
