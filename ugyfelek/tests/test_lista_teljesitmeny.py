"""The participant and household lists on many rows: constant queries, search through the trigram index."""

from importlib import import_module

import pytest
from django.db import connection
from django.urls import reverse

from core.testing import factories as f
from ugyfelek.models import Ugyfel


def _ugyfelek(projekt, mentor, db):
    for i in range(db):
        u = f.UgyfelFactory(projekt=projekt, mentor=mentor, csaladi_nev="Kovács" if i % 2 else "Szabó")
        f.HaztartasTagFactory(haztartas=f.HaztartasFactory(projekt=projekt), ugyfel=u)


@pytest.mark.parametrize(
    "url_nev,query",
    [
        ("ugyfelek:ugyfel_lista", ""),
        ("ugyfelek:ugyfel_lista", "q=kovacs"),
        ("ugyfelek:ugyfel_lista", "q=100"),
        ("ugyfelek:ugyfel_lista", "page=2"),
        ("ugyfelek:haztartas_lista", ""),
        ("ugyfelek:haztartas_lista", "q=minta"),
    ],
)
def test_list_pages_keep_their_query_count_as_rows_grow(
    url_nev, query, projekt_a, mentor, client_as, django_assert_num_queries
):
    kliens = client_as(mentor)
    url = f"{reverse(url_nev)}?{query}"
    _ugyfelek(projekt_a, mentor, 30)
    kliens.get(url)  # the session and the user are now warm, as on every later request
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as keves:
        assert kliens.get(url).status_code == 200
    _ugyfelek(projekt_a, mentor, 60)
    with django_assert_num_queries(len(keves.captured_queries)):
        assert kliens.get(url).status_code == 200


def test_search_ignores_accents_and_case_and_finds_taj_digits(projekt_a, mentor, client_as):
    u = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Ökrös", utonev="Írisz", taj="123456788")
    f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Szabó", utonev="Béla")
    kliens = client_as(mentor)
    for q in ("okros iri", "ÖKRÖS", "345678"):
        tartalom = kliens.get(reverse("ugyfelek:ugyfel_lista"), {"q": q}).content.decode()
        assert u.nev in tartalom, q
        assert "Szabó Béla" not in tartalom, q


@pytest.mark.parametrize(
    "url_nev,tabla,q",
    [
        ("ugyfelek:ugyfel_lista", "ugyfelek_ugyfel", "kovacs"),
        ("ugyfelek:haztartas_lista", "ugyfelek_haztartas", "minta"),
    ],
)
def test_a_search_page_reads_its_rows_by_id_without_searching_again(url_nev, tabla, q, projekt_a, mentor, client_as):
    from django.test.utils import CaptureQueriesContext

    _ugyfelek(projekt_a, mentor, 3)
    kliens = client_as(mentor)
    with CaptureQueriesContext(connection) as lekerdezesek:
        assert kliens.get(reverse(url_nev), {"q": q}).status_code == 200
    sajat = [q["sql"] for q in lekerdezesek.captured_queries if f'FROM "{tabla}"' in q["sql"]]
    assert "kereso_szoveg" in sajat[0]  # the count (and the ids) search
    assert "kereso_szoveg" not in sajat[-1] and " IN (" in sajat[-1]  # the rows: by id alone


def test_list_says_more_than_the_limit_past_it(projekt_a, mentor, client_as, monkeypatch):
    from core.pagination import GyorsPaginator

    monkeypatch.setattr(GyorsPaginator, "korlat", 3)
    for _ in range(5):
        f.UgyfelFactory(projekt=projekt_a, mentor=mentor)
    tartalom = client_as(mentor).get(reverse("ugyfelek:ugyfel_lista")).content.decode()
    assert "Találatok: több mint 3" in tartalom


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm indexes exist only on PostgreSQL")
@pytest.mark.parametrize(
    "szoveg,index",
    [("kovacs", "ugyfel_projekt_kereso_gin"), ("12345", "ugyfel_taj_trgm")],
)
def test_search_can_use_the_trigram_indexes(szoveg, index, db):
    # With sequential scans priced out, the plan shows whether an index can serve "contains" at all
    # (on a handful of test rows the planner would rightly read the table instead).
    qs = Ugyfel.objects.kereses(szoveg).order_by()
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("EXPLAIN " + sql, params)
        terv = "\n".join(r[0] for r in cur.fetchall())
    assert index in terv, terv


@pytest.mark.skipif(connection.vendor != "postgresql", reason="extended statistics exist only on PostgreSQL")
def test_the_planner_knows_that_staff_rows_belong_to_their_project(db):
    """Without the dependency the planner underestimates a mentor's rows in their project tenfold and sorts
    all their visits for a page of 25 (migration ugyfelek 0012)."""
    osszefuggesek = import_module("ugyfelek.migrations.0012_oszlop_osszefuggesek").OSSZEFUGGESEK
    with connection.cursor() as cur:
        cur.execute(
            "SELECT s.stxname, c.relname, s.stxkind FROM pg_statistic_ext s JOIN pg_class c ON c.oid = s.stxrelid"
        )
        meglevo = {(nev, tabla): fajta for nev, tabla, fajta in cur.fetchall()}
    for nev, tabla, _oszlop in osszefuggesek:
        assert "f" in meglevo[(nev, tabla)]  # functional dependencies
