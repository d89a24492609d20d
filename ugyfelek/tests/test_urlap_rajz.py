"""``{% urlap form %}`` writes the participant form as ``{% crispy form %}`` does, in every state of the form."""

import re

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.html import parse_html

from core.testing import factories as f
from ugyfelek.forms import HaztartasForm, UgyfelForm

pytestmark = pytest.mark.django_db

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
URLAP = Template("{% load szurosav %}{% urlap form %}")
TOKEN = re.compile(r'(?<=name="csrfmiddlewaretoken" value=")[^"]+')


def _rajzok(urlap_keszito):
    keres = RequestFactory().post("/")
    # crispy adds its classes to the widgets it draws, so each side gets a form of its own.
    elvart = CRISPY.render(RequestContext(keres, {"form": urlap_keszito()}))
    kapott = URLAP.render(RequestContext(keres, {"form": urlap_keszito()}))
    assert "csrfmiddlewaretoken" in elvart
    # The token is masked anew at each render.
    return parse_html(TOKEN.sub("", kapott)), parse_html(TOKEN.sub("", elvart))


def test_a_new_participants_form(vilag):
    kapott, elvart = _rajzok(lambda: UgyfelForm(user=vilag.koordinator))
    assert kapott == elvart


def test_a_saved_participants_form(vilag):
    vilag.ugyfel.szuletesi_nev = 'Régi "név" <b>'
    kapott, elvart = _rajzok(lambda: UgyfelForm(instance=vilag.ugyfel, user=vilag.koordinator))
    assert kapott == elvart


def test_a_participants_form_with_errors(vilag):
    adat = {
        "projekt": str(vilag.projekt_a.pk),
        "csaladi_nev": "",
        "utonev": "Ilona",
        "szuletesi_datum": "nem dátum",
        "taj": "123",
        "mentor": str(vilag.mentor_b.pk),
        "munkaeropiaci_statusz": "nincs ilyen",
        "haztartas_munkanelkuli": "true",
    }
    kapott, elvart = _rajzok(lambda: UgyfelForm(adat, user=vilag.koordinator))
    assert kapott == elvart
    assert 'id="error_1_id_csaladi_nev"' in str(kapott)

    def hibas_urlap():
        urlap = UgyfelForm(adat, user=vilag.koordinator)
        urlap.is_valid()
        urlap.add_error(None, "Az egész <űrlap> hibás.")
        return urlap

    kapott, elvart = _rajzok(hibas_urlap)
    assert kapott == elvart and "alert-danger" in str(kapott)


def test_a_form_without_a_layout_is_drawn_by_crispy(vilag):
    kapott, elvart = _rajzok(lambda: HaztartasForm(user=vilag.koordinator))
    assert kapott == elvart


def test_a_superusers_new_participant_form(vilag):
    kapott, elvart = _rajzok(lambda: UgyfelForm(user=f.FelhasznaloFactory(is_superuser=True)))
    assert kapott == elvart


MEZOK = Template("{% load szurosav %}{{ form|mezok }}")
CRISPY_SZURO = Template("{% load crispy_forms_tags %}{{ form|crispy }}")
CEL_MEZO = Template("{% load szurosav %}{% for bf in form %}{{ bf|mezo }}{% endfor %}")
CEL_CRISPY = Template("{% load crispy_forms_filters %}{% for bf in form %}{{ bf|as_crispy_field }}{% endfor %}")


@pytest.mark.parametrize(
    "adat",
    [None, {"keszult": "2026-01-31", "felulvizsgalat_honap": "3", "helyzetleiras": "<b>Helyzet</b>"}, {"keszult": "x"}],
    ids=["ures", "kitoltott", "hibas"],
)
def test_the_plan_form_and_its_goals_are_drawn_as_crispy_draws_them(vilag, adat):
    """The plan page: ``|mezok`` for ``|crispy``, ``|mezo`` for every goal row's ``|as_crispy_field``."""
    from django.template import Context

    from ugyfelek.forms_mentoralas import FejlesztesiTervForm, TervCelFormSet
    from ugyfelek.models import FejlesztesiTerv

    terv = FejlesztesiTerv(projekt=vilag.projekt_a, ugyfel=vilag.ugyfel, keszitette=vilag.mentor)
    kapott = MEZOK.render(Context({"form": FejlesztesiTervForm(adat, instance=terv)}))
    elvart = CRISPY_SZURO.render(Context({"form": FejlesztesiTervForm(adat, instance=terv)}))
    assert parse_html(kapott) == parse_html(elvart)
    cel_adat = None
    if adat is not None:
        cel_adat = {
            "cel-TOTAL_FORMS": "1",
            "cel-INITIAL_FORMS": "0",
            "cel-0-terulet": "nincs ilyen" if "x" in adat.values() else "",
            "cel-0-leiras": "Munka <keresés>",
            "cel-0-hatarido": adat.get("keszult"),
            "cel-0-statusz": "",
        }

    def cel():
        return TervCelFormSet(cel_adat, instance=terv, prefix="cel").forms[0]

    kapott = CEL_MEZO.render(Context({"form": cel()}))
    assert parse_html(kapott) == parse_html(CEL_CRISPY.render(Context({"form": cel()})))
    if adat and "x" in adat.values():
        assert "is-invalid" in kapott
