"""Bad participant data is refused with a Hungarian message, in the app's forms and in the admin alike."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import Ugyfel

pytestmark = pytest.mark.django_db

HIBAS_TAJ = "123456789"  # the check digit of 12345678 is 8
ROSSZ_TAJ_UZENET = "A TAJ szám ellenőrző számjegye hibás."
JOVOBELI_UZENET = "A születési dátum nem lehet a jövőben."
KILEPES_UZENET = "A kilépés dátuma nem lehet a bevonás dátuma előtt."
DUPLA_TAJ_UZENET = "Ezzel a TAJ számmal már van ügyfél ebben a projektben."


def _holnap():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def _urlap_adatok(projekt, **valtozas):
    adatok = {
        "projekt": projekt.pk,
        "csaladi_nev": "Próba",
        "utonev": "Anna",
        "anyja_neve": "Minta Mária",
        "szuletesi_datum": "1985-03-12",
        "nem": "no",
        "taj": f.ervenyes_taj(),
        "bevonas_datuma": "2021-03-01",
    }
    adatok.update(valtozas)
    return adatok


def _hibak(resp):
    assert resp.status_code == 200, resp.status_code
    form = resp.context["adminform"].form if "adminform" in resp.context else resp.context["form"]
    return [str(h) for hibak in form.errors.values() for h in hibak]


# --- the app's forms ---------------------------------------------------------


@pytest.mark.parametrize(
    "valtozas, uzenet",
    [
        ({"taj": "123 456 789"}, ROSSZ_TAJ_UZENET),
        ({"szuletesi_datum": "__holnap__"}, JOVOBELI_UZENET),
    ],
    ids=["rossz_taj", "jovobeli_szuletes"],
)
def test_participant_form_refuses_bad_identity_data_with_hungarian_message(
    client_as, koordinator, projekt_a, valtozas, uzenet
):
    valtozas = {k: _holnap() if v == "__holnap__" else v for k, v in valtozas.items()}
    resp = client_as(koordinator).post(reverse("ugyfelek:ugyfel_uj"), _urlap_adatok(projekt_a, **valtozas))
    assert uzenet in _hibak(resp)
    assert resp.content.decode().count(uzenet) >= 1
    assert not Ugyfel.objects.exists()


def test_participant_form_refuses_second_participant_with_same_taj_in_project(client_as, koordinator, projekt_a):
    meglevo = f.UgyfelFactory(projekt=projekt_a)
    taj_szokozzel = f"{meglevo.taj[:3]} {meglevo.taj[3:6]} {meglevo.taj[6:]}"
    resp = client_as(koordinator).post(reverse("ugyfelek:ugyfel_uj"), _urlap_adatok(projekt_a, taj=taj_szokozzel))
    assert DUPLA_TAJ_UZENET in _hibak(resp)
    assert Ugyfel.objects.count() == 1


def test_same_taj_is_allowed_in_another_project(client_as, koordinator, projekt_a, projekt_b):
    masik = f.UgyfelFactory(projekt=projekt_b)
    resp = client_as(koordinator).post(reverse("ugyfelek:ugyfel_uj"), _urlap_adatok(projekt_a, taj=masik.taj))
    assert resp.status_code == 302
    assert Ugyfel.objects.filter(taj=masik.taj).count() == 2


def test_exit_form_refuses_exit_date_before_involvement(client_as, koordinator, projekt_a):
    ugyfel = f.UgyfelFactory(projekt=projekt_a, bevonas_datuma=datetime.date(2021, 3, 1))
    resp = client_as(koordinator).post(
        reverse("ugyfelek:ugyfel_kilepes", args=[ugyfel.pk]),
        {"kilepes_datuma": "2021-02-01", "kilepes_oka": "kilepett"},
    )
    assert KILEPES_UZENET in _hibak(resp)
    ugyfel.refresh_from_db()
    assert ugyfel.kilepes_datuma is None


def test_edit_form_keeps_own_taj_without_duplicate_error(client_as, mentor, projekt_a):
    ugyfel = f.UgyfelFactory(projekt=projekt_a, mentor=mentor)
    adatok = _urlap_adatok(projekt_a, taj=ugyfel.taj, telefon="+36 30 555 0000")
    del adatok["projekt"]
    resp = client_as(mentor).post(reverse("ugyfelek:ugyfel_szerkesztes", args=[ugyfel.pk]), adatok)
    assert resp.status_code == 302
    ugyfel.refresh_from_db()
    assert ugyfel.telefon == "+36 30 555 0000"


# --- the Django admin --------------------------------------------------------


def _admin_adatok(ugyfel, **valtozas):
    """The admin change form's data for ``ugyfel``, as the browser would post it."""
    adatok = {}
    for mezo in Ugyfel._meta.concrete_fields:
        if not mezo.editable or mezo.primary_key or mezo.name == "anonimizalva":
            continue
        ertek = getattr(ugyfel, mezo.attname)
        if isinstance(ertek, bool):
            if mezo.null:
                adatok[mezo.name] = "true" if ertek else "false"
            elif ertek:
                adatok[mezo.name] = "on"
        elif ertek is not None:
            adatok[mezo.name] = ertek.isoformat() if isinstance(ertek, datetime.date) else ertek
    adatok.update(valtozas)
    return adatok


@pytest.mark.parametrize(
    "valtozas, uzenet",
    [
        ({"taj": HIBAS_TAJ}, ROSSZ_TAJ_UZENET),
        ({"szuletesi_datum": "__holnap__"}, JOVOBELI_UZENET),
        ({"kilepes_datuma": "2021-02-01", "kilepes_oka": "kilepett"}, KILEPES_UZENET),
    ],
    ids=["rossz_taj", "jovobeli_szuletes", "kilepes_bevonas_elott"],
)
def test_admin_change_refuses_bad_participant_data_with_hungarian_message(
    client_as, admin_user, projekt_a, valtozas, uzenet
):
    ugyfel = f.UgyfelFactory(projekt=projekt_a, bevonas_datuma=datetime.date(2021, 3, 1))
    valtozas = {k: _holnap() if v == "__holnap__" else v for k, v in valtozas.items()}
    url = reverse("admin:ugyfelek_ugyfel_change", args=[ugyfel.pk])
    resp = client_as(admin_user).post(url, _admin_adatok(ugyfel, **valtozas))
    assert uzenet in _hibak(resp)
    regi = Ugyfel.objects.get(pk=ugyfel.pk)
    assert (regi.taj, regi.szuletesi_datum, regi.kilepes_datuma) == (ugyfel.taj, ugyfel.szuletesi_datum, None)


def test_admin_add_refuses_second_participant_with_same_taj_in_project(client_as, admin_user, projekt_a):
    meglevo = f.UgyfelFactory(projekt=projekt_a)
    uj = f.UgyfelFactory.build(projekt=projekt_a, taj=meglevo.taj)
    resp = client_as(admin_user).post(reverse("admin:ugyfelek_ugyfel_add"), _admin_adatok(uj))
    assert DUPLA_TAJ_UZENET in _hibak(resp)
    assert Ugyfel.objects.count() == 1


def test_admin_add_accepts_valid_participant(client_as, admin_user, projekt_a):
    uj = f.UgyfelFactory.build(projekt=projekt_a)
    resp = client_as(admin_user).post(reverse("admin:ugyfelek_ugyfel_add"), _admin_adatok(uj))
    assert resp.status_code == 302, _hibak(resp)
    assert Ugyfel.objects.get().kereso_szoveg
