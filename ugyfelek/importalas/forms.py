"""The upload form of the import: a project of the user's own, and the file."""

from django import forms

from akcioterulet.models import Projekt, Szerep


def importalhato_projektek(user):
    """The projects ``user`` may import into: the ones they coordinate (admins: all)."""
    return Projekt.objects.for_user(user, szerepek=(Szerep.KOORDINATOR,))


class ImportFeltoltesForm(forms.Form):
    projekt = forms.ModelChoiceField(
        label="Projekt", queryset=Projekt.objects.none(), help_text="Ebbe a projektbe kerülnek az ügyfelek."
    )
    fajl = forms.FileField(
        label="Fájl",
        help_text="Excel-munkafüzet (.xlsx) vagy CSV (.csv), legfeljebb 10 MB és 50 000 sor; a sablon fejlécével.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        projektek = importalhato_projektek(user)
        self.fields["projekt"].queryset = projektek
        if len(projektek) == 1:
            self.fields["projekt"].initial = projektek[0]


class ImportDontesForm(forms.Form):
    """Confirm or cancel a previewed import (the log row names the stored file)."""

    naplo = forms.IntegerField(widget=forms.HiddenInput)
