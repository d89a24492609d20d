from django import forms

from .models import Beiratkozas, Csoport


def _nap():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CsoportForm(forms.ModelForm):
    class Meta:
        model = Csoport
        fields = ["projekt", "kepzes", "nev", "kezdete", "vege", "helyszin", "oktato", "letszam"]
        widgets = {"kezdete": _nap(), "vege": _nap()}


class BeiratkozasForm(forms.ModelForm):
    """Status and certificate of one enrolment (the coordinator's edit)."""

    class Meta:
        model = Beiratkozas
        fields = [
            "statusz",
            "elvegezte_datum",
            "lemorzsolodas_datuma",
            "lemorzsolodas_oka",
            "tanusitvany",
            "tanusitvany_szama",
            "tanusitvany_datuma",
        ]
        widgets = {f: _nap() for f in ["elvegezte_datum", "lemorzsolodas_datuma", "tanusitvany_datuma"]}
