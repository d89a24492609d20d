from django import forms
from django.core.validators import FileExtensionValidator

from .models import Fenykep, Program

MAX_KEPMERET = 10 * 1024 * 1024
KEPFORMATUMOK = {"JPEG", "PNG", "WEBP"}


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["projekt", "nev", "tipus", "celcsoport", "also_korhatar", "felso_korhatar", "szervezo", "leiras"]
        widgets = {"leiras": forms.Textarea(attrs={"rows": 3})}


class FenykepForm(forms.ModelForm):
    """A photo of a session: JPEG, PNG or WebP up to 10 MB, checked by opening it as an image."""

    kep = forms.ImageField(
        label="Kép",
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"], message="Csak JPEG, PNG vagy WebP kép.")],
        error_messages={"invalid_image": "A feltöltött fájl nem kép, vagy sérült."},
    )

    class Meta:
        model = Fenykep
        fields = ["kep", "leiras", "hozzajarultak"]

    def clean_kep(self):
        kep = self.cleaned_data["kep"]
        if kep.size > MAX_KEPMERET:
            raise forms.ValidationError("A kép legfeljebb 10 MB lehet.")
        formatum = getattr(getattr(kep, "image", None), "format", None)
        if formatum not in KEPFORMATUMOK:
            raise forms.ValidationError("Csak JPEG, PNG vagy WebP kép.")
        return kep
