from crispy_forms.helper import FormHelper
from django import forms

from kepzes.models import Kepzes

from .definitions import BONTASOK, INDIKATOROK, Idoszak
from .models import Celertek, Merfoldko
from .selectors import idoszak_presetek

EGYEDI = "egyedi"


class IdoszakForm(forms.Form):
    """The report's period (a preset or any two dates) and the breakdowns asked for."""

    idoszak = forms.ChoiceField(label="Időszak", required=False)
    kezdete = forms.DateField(
        label="Egyedi időszak kezdete", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    vege = forms.DateField(label="Egyedi időszak vége", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    bontas = forms.MultipleChoiceField(
        label="További bontások",
        required=False,
        choices=[(k, v[0]) for k, v in BONTASOK.items() if k != "nem"],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data, *, projekt):
        super().__init__(data)
        self.projekt = projekt
        self.presetek = dict(idoszak_presetek(projekt))
        self.fields["idoszak"].choices = [(k, i.nev) for k, i in self.presetek.items()] + [
            (EGYEDI, "Egyedi (lent megadott dátumok)")
        ]

    def clean(self):
        d = super().clean()
        if d.get("idoszak") == EGYEDI or (not d.get("idoszak") and (d.get("kezdete") or d.get("vege"))):
            if not d.get("kezdete") or not d.get("vege"):
                raise forms.ValidationError("Egyedi időszakhoz adja meg a kezdő és a záró dátumot is.")
            if d["vege"] < d["kezdete"]:
                raise forms.ValidationError("Az időszak vége nem lehet a kezdete előtt.")
        return d

    def valasztott(self) -> Idoszak:
        """The chosen period; the whole project when the input is missing or invalid."""
        if self.is_bound and self.is_valid():
            d = self.cleaned_data
            if d.get("kezdete") and d.get("vege") and d.get("idoszak") in ("", EGYEDI):
                return Idoszak(d["kezdete"], d["vege"])
            if d.get("idoszak") in self.presetek:
                return self.presetek[d["idoszak"]]
        return self.presetek["teljes"]

    def bontasok(self):
        if self.is_bound and self.is_valid():
            return ["nem", *self.cleaned_data["bontas"]]
        return ["nem"]


class CelertekForm(forms.ModelForm):
    """A target of the project: an indicator, optionally bound to one training, with value and deadline."""

    mutato = forms.ChoiceField(label="Indikátor")

    class Meta:
        model = Celertek
        fields = ["mutato", "nev", "kepzes", "ertek", "hatarido", "sorrend"]
        widgets = {"hatarido": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "nev": "Pl. „40 fő a parkgondozó képzésben”. Üresen az indikátor neve látszik.",
            "kepzes": "Csak a „Képzésben részt vevők” típusú indikátoroknál: a célérték egy képzésre szól.",
        }

    def __init__(self, *args, projekt, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.projekt = projekt
        self.fields["mutato"].choices = [
            (k, f"{k} – {i.nev}" if k[:2] in ("CO", "CR") else i.nev) for k, i in INDIKATOROK.items()
        ]
        self.fields["kepzes"].queryset = Kepzes.objects.order_by("nev")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        d = super().clean()
        ind = INDIKATOROK.get(d.get("mutato"))
        if d.get("kepzes") and ind and not ind.kepzeshez:
            self.add_error("kepzes", "Ehhez az indikátorhoz nem köthető képzés.")
        if d.get("ertek") is not None and d["ertek"] <= 0:
            self.add_error("ertek", "A célérték legyen pozitív egész szám.")
        return d


class MerfoldkoForm(forms.ModelForm):
    class Meta:
        model = Merfoldko
        fields = ["datum", "ertek"]
        widgets = {"datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


MerfoldkoFormSet = forms.inlineformset_factory(
    Celertek, Merfoldko, form=MerfoldkoForm, extra=2, can_delete=True, max_num=20
)
