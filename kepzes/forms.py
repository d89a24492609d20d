import functools

from django import forms

from akcioterulet.models import Projekt

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


class KepzesSzuroForm(forms.Form):
    """The training list's filter: one of the user's projects, one training of the catalogue.

    Both are plain choices of ids: an admin's drop-down lists every project, read as three columns once
    (for the check and the drop-down alike), not as 300 model instances checked again by a query.
    """

    projekt = forms.TypedChoiceField(label="Projekt", coerce=int, empty_value=None, required=False)
    kepzes = forms.TypedChoiceField(label="Képzés", coerce=int, empty_value=None, required=False)

    def __init__(self, *args, user, kepzesek, **kwargs):
        super().__init__(*args, **kwargs)
        projektek = Projekt.objects.for_user(user).values_list("pk", "kod", "telepules")

        @functools.cache
        def projekt_valasztek():
            # Labelled as ``Projekt.__str__``; read only if the form is checked or drawn.
            return [("", "minden projekt"), *((pk, f"{kod} – {telepules}") for pk, kod, telepules in projektek)]

        self.fields["projekt"].choices = projekt_valasztek
        # The catalogue the page has read already: no second query for the drop-down.
        self.fields["kepzes"].choices = [("", "minden képzés"), *((k.pk, k.nev) for k in kepzesek)]

    def _valasztott(self, mezo):
        # A valid field counts even if the other one is not (its error is shown next to it).
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(mezo)

    @property
    def valasztott_projekt_id(self):
        """The chosen project's id (one of the user's), or None (every project of the user)."""
        return self._valasztott("projekt")

    @property
    def valasztott_kepzes_id(self):
        """The chosen training's id, or None (every training)."""
        return self._valasztott("kepzes")
