import io
import uuid

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import FileExtensionValidator
from PIL import Image, ImageOps

from .models import Fenykep, Program

MAX_KEPMERET = 10 * 1024 * 1024
MAX_KEPPONT = 40_000_000
KEPFORMATUMOK = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["projekt", "nev", "tipus", "celcsoport", "also_korhatar", "felso_korhatar", "szervezo", "leiras"]
        widgets = {"leiras": forms.Textarea(attrs={"rows": 3})}


class FenykepForm(forms.ModelForm):
    """A photo of a session: JPEG, PNG or WebP up to 10 MB, checked by opening it as an image.

    The stored file is re-encoded under a random name: no EXIF (a phone photo's GPS position
    would show where a family lives) and no original file name (often a person's name).
    """

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
        return _tisztitott(kep, formatum)


def _tisztitott(kep, formatum):
    kep.seek(0)
    with Image.open(kep) as kepfajl:
        if kepfajl.width * kepfajl.height > MAX_KEPPONT:
            raise forms.ValidationError("A kép felbontása túl nagy (legfeljebb 40 megapixel).")
        kepfajl = ImageOps.exif_transpose(kepfajl)
        if formatum == "JPEG" and kepfajl.mode not in ("RGB", "L"):
            kepfajl = kepfajl.convert("RGB")
        puffer = io.BytesIO()
        kepfajl.save(puffer, formatum, **({"quality": 90} if formatum != "PNG" else {}))
    nev = f"{uuid.uuid4().hex}.{KEPFORMATUMOK[formatum]}"
    return SimpleUploadedFile(nev, puffer.getvalue(), content_type=Image.MIME[formatum])
