"""The filter-bar fields written without crispy must be the markup crispy's Bootstrap 5 pack writes."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html


class Szuro(forms.Form):
    q = forms.CharField(label="Keresés", required=False, max_length=50, help_text="Név vagy <b>cím</b>.")
    allapot = forms.ChoiceField(
        label="Állapot", required=False, choices=[("", "mind"), ("aktiv", "aktív"), ("kilepett", "kilépett")]
    )
    csoport = forms.ChoiceField(
        label="Csoport", required=False, choices=[("", "---"), ("Régiek", [("1", "első & régi")]), ("2", "második")]
    )
    tol = forms.DateField(
        label="Ettől", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hianyos = forms.BooleanField(label="Csak hiányos", required=False)
    kotelezo = forms.CharField(label="Kötelező")  # not a filter-bar field: crispy draws it


def _crispy(bf):
    return Template("{% load crispy_forms_tags %}{{ bf|as_crispy_field }}").render(Context({"bf": bf}))


def _szurosav(bf):
    return Template("{% load szurosav %}{{ bf|szuro_mezo }}").render(Context({"bf": bf}))


@pytest.mark.parametrize(
    "adat",
    [
        None,
        {"q": 'kov"acs <i>', "allapot": "aktiv", "csoport": "1", "tol": "2026-01-31", "hianyos": "on", "kotelezo": "x"},
        {"allapot": "nincs ilyen", "tol": "nem dátum"},
    ],
    ids=["ures", "kitoltott", "hibas"],
)
def test_filter_fields_are_drawn_as_crispy_draws_them(adat):
    for nev in Szuro.base_fields:
        # crispy adds its classes to the widget it draws, so each side gets a form of its own.
        elvart, kapott = _crispy(Szuro(adat)[nev]), _szurosav(Szuro(adat)[nev])
        assert parse_html(kapott) == parse_html(elvart), nev


def test_a_filter_field_keeps_its_label_help_and_error_links():
    html = _szurosav(Szuro({"tol": "nem dátum"})["tol"])
    assert '<label for="id_tol" class="form-label">Ettől</label>' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_tol_error"' in html
    html = _szurosav(Szuro(initial={"tol": datetime.date(2026, 1, 31)})["tol"])
    assert 'value="2026-01-31"' in html


class Urlap(forms.Form):
    """The fields of a form page (the visit form) that ``mezo`` writes: required ones with crispy's asterisk."""

    nev = forms.CharField(label="Név", help_text="Teljes név.", max_length=20)
    idopont = forms.DateTimeField(
        label="Időpont", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    perc = forms.IntegerField(label="Perc", min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    felelos = forms.ChoiceField(label="Felelős", choices=[("1", "Első"), ("2", "Második <b>")])
    ures_elso = forms.ChoiceField(label="Választás", choices=[("", "---------"), ("a", "A")])
    jegyzet = forms.CharField(label="Feljegyzés", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    kotelezo_pipa = forms.BooleanField(label="Elfogadom")  # a required checkbox: crispy draws it


@pytest.mark.parametrize(
    "adat",
    [
        None,
        {
            "nev": 'a"b <c>',
            "idopont": "2026-12-05T10:30",
            "perc": "45",
            "felelos": "2",
            "ures_elso": "a",
            "jegyzet": "első sor\n<második>",
            "kotelezo_pipa": "on",
        },
        {"nev": "", "idopont": "nem idő", "perc": "0", "felelos": "9", "jegyzet": ""},
    ],
    ids=["ures", "kitoltott", "hibas"],
)
def test_form_fields_are_drawn_as_crispy_draws_them(adat):
    for nev in Urlap.base_fields:
        elvart = _crispy(Urlap(adat)[nev])
        kapott = Template("{% load szurosav %}{{ bf|mezo }}").render(Context({"bf": Urlap(adat)[nev]}))
        assert parse_html(kapott) == parse_html(elvart), nev
