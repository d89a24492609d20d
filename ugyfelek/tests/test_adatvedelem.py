"""Privacy screens of a participant: log tab, special-category data, consents, subject access."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from akcioterulet.models import Szerep
from core.models import Hozzaferes, Valtozas
from core.testing import factories as f
from ugyfelek.models import Hozzajarulas, KulonlegesAdat


@pytest.fixture
def ugyfel(projekt_a, mentor):
    return f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Naplós", utonev="Nóra", telefon="")


@pytest.fixture
def masik_mentor(projekt_a):
    user = f.FelhasznaloFactory(username="mentor_a2")
    f.TagsagFactory(projekt=projekt_a, felhasznalo=user, szerep=Szerep.MENTOR)
    return user


def _hozzajarulas(ugyfel, kulonleges=True):
    return Hozzajarulas.objects.create(
        ugyfel=ugyfel,
        datum=datetime.date(2021, 3, 1),
        tajekoztato_verzio="2021/1",
        celok=["nyilvantartas"],
        kulonleges_adatokhoz=kulonleges,
    )


def test_log_tab_shows_who_changed_what_with_field_names(client_as, koordinator, mentor, ugyfel):
    ugyfel.telefon = "+36 30 555 1234"
    ugyfel.save()
    _hozzajarulas(ugyfel)
    KulonlegesAdat.objects.create(ugyfel=ugyfel, kisebbseg="igen")
    c = client_as(mentor)
    c.get(reverse("ugyfelek:ugyfel_reszlet", args=[ugyfel.pk]))
    c = client_as(koordinator)
    resp = c.get(reverse("ugyfelek:ugyfel_naplo", args=[ugyfel.pk]))
    html = resp.content.decode()
    assert "telefon</strong>: – → +36 30 555 1234" in html
    assert "nemzetiségi kisebbséghez (pl. roma) tartozik</strong>: – → rejtett" in html
    assert ">igen<" not in html
    resp = c.get(reverse("ugyfelek:ugyfel_naplo", args=[ugyfel.pk]), {"lap": "hozzaferesek"})
    html = resp.content.decode()
    assert "ügyfél adatlapja" in html and "mentor_a" in html.lower()


def test_log_tab_filters_by_date(client_as, koordinator, ugyfel):
    # Log rows cannot be back-dated (PostgreSQL refuses the UPDATE), so filter around today.
    ma = timezone.localdate()
    c = client_as(koordinator)
    url = reverse("ugyfelek:ugyfel_naplo", args=[ugyfel.pk])
    assert c.get(url, {"mettol": ma, "meddig": ma}).context["paginator"].count == 1
    assert c.get(url, {"mettol": ma + datetime.timedelta(days=1)}).context["paginator"].count == 0
    assert c.get(url, {"meddig": ma - datetime.timedelta(days=1)}).context["paginator"].count == 0


def test_log_tab_is_for_the_coordinator_only(client_as, mentor, ugyfel):
    assert client_as(mentor).get(reverse("ugyfelek:ugyfel_naplo", args=[ugyfel.pk])).status_code == 403


def test_log_tab_query_count_does_not_grow(client_as, koordinator, ugyfel):
    c = client_as(koordinator)
    url = reverse("ugyfelek:ugyfel_naplo", args=[ugyfel.pk])
    szamok = []
    for n in (1, 30):
        for i in range(n):
            ugyfel.telefon = f"+36 1 {i:07d}{n}"
            ugyfel.save()
        for lap in ("valtozasok", "hozzaferesek"):
            c.get(reverse("ugyfelek:ugyfel_reszlet", args=[ugyfel.pk]))
            with CaptureQueriesContext(connection) as q:
                assert c.get(url, {"lap": lap}).status_code == 200
            szamok.append((lap, len(q)))
    assert szamok[:2] == szamok[2:]


def test_special_data_refused_without_consent(client_as, mentor, ugyfel):
    c = client_as(mentor)
    url = reverse("ugyfelek:kulonleges_adat", args=[ugyfel.pk])
    resp = c.post(url, {"kisebbseg": "igen", "fogyatekossag": "", "egeszsegkarosodas": "", "egyeb_hatrany": ""})
    assert resp.status_code == 200
    assert "hozzájárulásával rögzíthető" in resp.content.decode()
    assert not KulonlegesAdat.objects.exists()
    # A consent that does not cover special data is not enough either.
    _hozzajarulas(ugyfel, kulonleges=False)
    c.post(url, {"kisebbseg": "igen"})
    assert not KulonlegesAdat.objects.exists()


def test_special_data_recorded_with_consent_by_assigned_mentor(client_as, mentor, ugyfel):
    _hozzajarulas(ugyfel)
    c = client_as(mentor)
    url = reverse("ugyfelek:kulonleges_adat", args=[ugyfel.pk])
    adat = {"kisebbseg": "nem_valaszolt", "fogyatekossag": "nem", "egeszsegkarosodas": "igen", "egyeb_hatrany": ""}
    assert c.post(url, adat).status_code == 302
    k = KulonlegesAdat.objects.get(ugyfel=ugyfel)
    assert (k.kisebbseg, k.egeszsegkarosodas) == ("nem_valaszolt", "igen")
    c.get(url)
    assert Hozzaferes.objects.filter(ugyfel_id=ugyfel.pk, mit="különleges adatok", felhasznalo=mentor).count() == 1


def test_special_data_hidden_from_unassigned_mentor(client_as, masik_mentor, ugyfel):
    _hozzajarulas(ugyfel)
    c = client_as(masik_mentor)
    assert c.get(reverse("ugyfelek:kulonleges_adat", args=[ugyfel.pk])).status_code == 403
    html = c.get(reverse("ugyfelek:ugyfel_reszlet", args=[ugyfel.pk])).content.decode()
    assert reverse("ugyfelek:kulonleges_adat", args=[ugyfel.pk]) not in html


def test_withdrawal_erases_special_data_and_says_so_without_values(client_as, mentor, ugyfel):
    h = _hozzajarulas(ugyfel)
    KulonlegesAdat.objects.create(ugyfel=ugyfel, kisebbseg="igen", fogyatekossag="nem")
    c = client_as(mentor)
    assert c.post(reverse("ugyfelek:hozzajarulas_visszavonas", args=[h.pk])).status_code == 302
    h.refresh_from_db()
    assert h.visszavonva is not None
    k = KulonlegesAdat.objects.get(ugyfel=ugyfel)
    assert (k.kisebbseg, k.fogyatekossag, k.egeszsegkarosodas) == ("", "", "")
    bej = Valtozas.objects.get(muvelet=Valtozas.Muvelet.VISSZAVONAS)
    assert bej.felhasznalo == mentor and bej.ugyfel_id == ugyfel.pk
    assert set(bej.valtozasok) == {"kisebbseg", "fogyatekossag"}
    assert "igen" not in json.dumps(bej.valtozasok) and '"nem"' not in json.dumps(bej.valtozasok)


def test_consent_recorded_with_purposes_and_printable_form(client_as, mentor, ugyfel):
    c = client_as(mentor)
    url = reverse("ugyfelek:hozzajarulas_lista", args=[ugyfel.pk])
    resp = c.post(
        url,
        {"datum": "2024-05-02", "tajekoztato_verzio": "2026/1", "celok": ["nyilvantartas", "monitoring"]},
    )
    assert resp.status_code == 302
    h = Hozzajarulas.objects.get(ugyfel=ugyfel)
    assert h.celok == ["nyilvantartas", "monitoring"] and h.rogzitette == mentor and not h.kulonleges_adatokhoz
    assert c.post(url, {"datum": "2099-01-01", "tajekoztato_verzio": "x", "celok": ["monitoring"]}).status_code == 200
    html = c.get(reverse("ugyfelek:hozzajarulas_nyomtatvany", args=[ugyfel.pk])).content.decode()
    assert "Naplós Nóra" in html and "ESF monitoring" in html


def test_subject_access_export_holds_everything_and_is_logged(client_as, koordinator, mentor, ugyfel):
    _hozzajarulas(ugyfel)
    KulonlegesAdat.objects.create(ugyfel=ugyfel, kisebbseg="igen")
    h = f.HaztartasFactory(projekt=ugyfel.projekt, cim="Export utca 5.")
    f.HaztartasTagFactory(haztartas=h, ugyfel=ugyfel)
    assert client_as(mentor).get(reverse("ugyfelek:ugyfel_adatkikeres", args=[ugyfel.pk])).status_code == 403
    resp = client_as(koordinator).get(reverse("ugyfelek:ugyfel_adatkikeres", args=[ugyfel.pk]))
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    adat = json.loads(resp.content)
    assert adat["ugyfel"]["csaladi_nev"] == "Naplós"
    assert adat["ugyfelek.kulonlegesadat"][0]["kisebbseg"] == "igen"
    assert adat["haztartasok"][0]["cim"] == "Export utca 5."
    assert adat["ugyfelek.hozzajarulas"][0]["celok"] == ["nyilvantartas"]
    bej = Hozzaferes.objects.get(muvelet=Hozzaferes.Muvelet.EXPORT)
    assert bej.ugyfel_id == ugyfel.pk and bej.felhasznalo == koordinator and bej.rekordok_szama >= 4


def test_model_rule_refuses_special_data_without_consent_in_admin_too(ugyfel):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        KulonlegesAdat(ugyfel=ugyfel, fogyatekossag="igen").full_clean()
    KulonlegesAdat(ugyfel=ugyfel).full_clean()  # an empty record is allowed
    _hozzajarulas(ugyfel)
    KulonlegesAdat(ugyfel=ugyfel, fogyatekossag="igen").full_clean()
