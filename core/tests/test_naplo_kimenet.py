"""No personal data in the application logs, at any level, on any logger."""

import logging

import pytest
from django.urls import reverse

from core.testing.factories import ervenyes_taj
from ugyfelek.models import Ugyfel

KANARI_NEV = "Kanárinév"
KANARI_UTONEV = "Csipogó"
KANARI_TAJ = ervenyes_taj(77700011)
KANARI_CIM = "Kanárifészek utca 13."
KANARI_TELEFON = "+36 70 123 9876"
KANARI_FELHASZNALO = "kanari.felhasznalo"
KANARIK = [KANARI_NEV, KANARI_UTONEV, KANARI_TAJ, KANARI_CIM, KANARI_TELEFON, KANARI_FELHASZNALO, "kanarinev"]


@pytest.fixture
def minden_log(caplog):
    # Every logger at DEBUG, except the two the settings hold back on purpose (SQL parameters,
    # template contexts): their levels are part of what is tested.
    caplog.set_level(logging.DEBUG)
    for nev in ("django", "django.request", "django.security", "django.server", "axes", "django_otp", "core"):
        caplog.set_level(logging.DEBUG, logger=nev)
    return caplog


def test_flows_with_personal_data_leave_none_in_the_logs(client, koordinator, projekt_a, minden_log):
    client.force_login(koordinator)
    adat = {
        "projekt": projekt_a.pk,
        "csaladi_nev": KANARI_NEV,
        "utonev": KANARI_UTONEV,
        "anyja_neve": "Kanári Anya",
        "szuletesi_datum": "1980-01-02",
        "nem": "no",
        "taj": KANARI_TAJ,
        "cim": KANARI_CIM,
        "telefon": KANARI_TELEFON,
        "hajlektalan": "",
    }
    resp = client.post(reverse("ugyfelek:ugyfel_uj"), adat)
    assert resp.status_code == 302, resp.context["form"].errors if resp.context else resp
    ugyfel = Ugyfel.objects.get(csaladi_nev=KANARI_NEV)
    # Edit with an error (bad TAJ) and then correctly.
    client.post(reverse("ugyfelek:ugyfel_szerkesztes", args=[ugyfel.pk]), {**adat, "taj": "123"})
    client.post(reverse("ugyfelek:ugyfel_szerkesztes", args=[ugyfel.pk]), {**adat, "telefon": KANARI_TELEFON + "1"})
    # Search by name and by TAJ, view, a page that does not exist, a forbidden one.
    assert client.get(reverse("ugyfelek:ugyfel_lista"), {"q": KANARI_NEV}).status_code == 200
    assert client.get(reverse("ugyfelek:ugyfel_lista"), {"q": KANARI_TAJ}).status_code == 200
    assert client.get(reverse("ugyfelek:ugyfel_reszlet", args=[ugyfel.pk])).status_code == 200
    client.get(f"/ugyfelek/nincs-ilyen/?q={KANARI_NEV}")
    client.get(reverse("ugyfelek:ugyfel_adatkikeres", args=[ugyfel.pk]))
    client.logout()
    # Failed sign-ins with a user name that is a person's name, up to the lockout.
    for _ in range(6):
        client.post(reverse("login"), {"username": KANARI_FELHASZNALO, "password": KANARI_NEV})
    assert any(r.name.startswith("axes") for r in minden_log.records), "the log capture works"

    szoveg = "\n".join(
        [minden_log.text] + [f"{r.getMessage()} {r.args!r} {getattr(r, 'request', '')!r}" for r in minden_log.records]
    ).lower()
    for kanari in KANARIK:
        assert kanari.lower() not in szoveg, f"{kanari!r} a naplóban"


def test_sql_is_never_logged():
    from django.conf import settings

    assert settings.LOGGING["loggers"]["django.db.backends"]["level"] == "WARNING"
    assert settings.LOGGING["loggers"]["django.template"]["level"] == "INFO"
