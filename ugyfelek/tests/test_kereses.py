"""Search ignores accents and case: "kovacs" finds "Kovács"."""

import pytest
from django.urls import reverse

from core.testing import factories as f
from ugyfelek.models import Ugyfel

pytestmark = pytest.mark.django_db


@pytest.fixture
def ugyfelek(projekt_a, mentor):
    return {
        "kovacs": f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Kovács", utonev="Ödön"),
        "kovacsne": f.UgyfelFactory(
            projekt=projekt_a, csaladi_nev="Próba", utonev="Éva", szuletesi_nev="Kovács Éva", cim="Apátság utca 3."
        ),
        "minta": f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Minta", utonev="Ilona", cim="Zárda utca 9."),
    }


@pytest.mark.parametrize("keresett", ["kovacs", "KOVÁCS", "Kovács", "kováCS"])
def test_search_ignores_accents_and_case(ugyfelek, keresett):
    assert set(Ugyfel.objects.kereses(keresett)) == {ugyfelek["kovacs"], ugyfelek["kovacsne"]}


def test_search_on_full_name_and_address_words(ugyfelek):
    assert list(Ugyfel.objects.kereses("kovacs odon")) == [ugyfelek["kovacs"]]
    assert list(Ugyfel.objects.kereses("apatsag")) == [ugyfelek["kovacsne"]]


def test_search_by_taj_with_or_without_spaces(ugyfelek):
    taj = ugyfelek["minta"].taj
    assert list(Ugyfel.objects.kereses(f"{taj[:3]} {taj[3:6]} {taj[6:]}")) == [ugyfelek["minta"]]
    assert list(Ugyfel.objects.kereses(taj)) == [ugyfelek["minta"]]


def test_participant_list_search_finds_kovacs_when_typed_without_accents(client_as, mentor, ugyfelek):
    resp = client_as(mentor).get(reverse("ugyfelek:ugyfel_lista"), {"q": "kovacs"})
    assert resp.status_code == 200
    assert set(resp.context["object_list"]) == {ugyfelek["kovacs"], ugyfelek["kovacsne"]}
    assert "Kovács Ödön" in resp.content.decode()


def test_name_change_keeps_search_column_current(ugyfelek):
    u = ugyfelek["minta"]
    u.csaladi_nev = "Szőcs"
    u.save(update_fields=["csaladi_nev"])
    assert list(Ugyfel.objects.kereses("szocs")) == [u]


@pytest.mark.parametrize("keresett", ["Kovács", "kovacs", "KOVÁCS ÖDÖN"])
def test_admin_search_ignores_accents_and_case(client_as, admin_user, ugyfelek, keresett):
    resp = client_as(admin_user).get(reverse("admin:ugyfelek_ugyfel_changelist"), {"q": keresett})
    talalt = set(resp.context["cl"].result_list)
    assert ugyfelek["kovacs"] in talalt and ugyfelek["minta"] not in talalt


def test_admin_searches_as_the_app_does_taj_digits_households_and_the_autocomplete(
    client_as, admin_user, projekt_a, ugyfelek
):
    """The admin's lists and its participant pickers search through the models' own search (the trigram index of
    the folded search text on PostgreSQL): TAJ digits written with spaces, a household by its address."""
    c = client_as(admin_user)
    taj = ugyfelek["minta"].taj
    resp = c.get(reverse("admin:ugyfelek_ugyfel_changelist"), {"q": f"{taj[:3]} {taj[3:6]} {taj[6:]}"})
    assert list(resp.context["cl"].result_list) == [ugyfelek["minta"]]
    resp = c.get(reverse("admin:ugyfelek_ugyfel_changelist"), {"q": "   "})
    assert set(resp.context["cl"].result_list) == set(ugyfelek.values())

    haztartas = f.HaztartasFactory(projekt=projekt_a, cim="Zöldfa utca 12.")
    f.HaztartasFactory(projekt=projekt_a, cim="Petőfi utca 1.")
    resp = c.get(reverse("admin:ugyfelek_haztartas_changelist"), {"q": "ZOLDFA"})
    assert list(resp.context["cl"].result_list) == [haztartas]

    # A visit's participant picker (``autocomplete_fields``) asks the participants' admin.
    resp = c.get(
        reverse("admin:autocomplete"),
        {"term": "kovács ödön", "app_label": "ugyfelek", "model_name": "latogatas", "field_name": "ugyfel"},
    )
    assert [int(r["id"]) for r in resp.json()["results"]] == [ugyfelek["kovacs"].pk]


def test_the_admin_search_can_use_the_trigram_index(client_as, admin_user, ugyfelek):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm indexes exist only on PostgreSQL")
    with CaptureQueriesContext(connection) as q:
        client_as(admin_user).get(reverse("admin:ugyfelek_ugyfel_changelist"), {"q": "kovacs"})
    (sql,) = {s["sql"] for s in q.captured_queries if "kereso_szoveg" in s["sql"] and "COUNT" in s["sql"]}
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("EXPLAIN " + sql)
        terv = "\n".join(r[0] for r in cur.fetchall())
    assert "ugyfel_projekt_kereso_gin" in terv, terv
