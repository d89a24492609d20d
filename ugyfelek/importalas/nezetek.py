"""What the admin's and the coordinators' import screens share: finding the log row, the messages."""

from django.contrib import messages
from django.http import Http404, HttpResponse

from ugyfelek.models import ImportNaplo

from . import sablon


def sajat_naplo(user, pk) -> ImportNaplo:
    """A previewed import of ``user`` (own projects only); anyone else's answers 404."""
    naplo = (
        ImportNaplo.objects.for_user(user).filter(pk=pk, felhasznalo=user).select_related("projekt").first()
        if pk
        else None
    )
    if naplo is None:
        raise Http404("Nincs ilyen importálás.")
    return naplo


def eredmeny_uzenet(request, eredmeny) -> None:
    if eredmeny.mentve:
        messages.success(request, f"Az importálás kész. {eredmeny.osszegzes()}")
    elif eredmeny.hiba:
        messages.error(request, f"Semmit nem importáltunk: {eredmeny.hiba}")
    else:
        messages.error(request, f"Semmit nem importáltunk, mert a fájlban hibás sorok vannak. {eredmeny.osszegzes()}")


def sablon_valasz() -> HttpResponse:
    """The template .xlsx as a download."""
    valasz = HttpResponse(sablon.sablon_xlsx(), content_type=sablon.XLSX_TIPUS)
    valasz["Content-Disposition"] = f'attachment; filename="{sablon.FAJLNEV}"'
    return valasz
