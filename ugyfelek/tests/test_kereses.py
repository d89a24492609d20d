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
