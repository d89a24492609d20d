"""The coordinators' import screen: upload, preview, confirm or cancel, template download.

The same flow as the admin's import (``UgyfelAdmin.import_action``), through
the same service; only coordinators (of the chosen project) and admins.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..importalas import services
from ..importalas.forms import ImportFeltoltesForm
from ..importalas.nezetek import eredmeny_uzenet, sablon_valasz, sajat_naplo
from ..importalas.oszlopok import OSZLOPOK


def _koordinator(request):
    if not request.user.koordinator():
        raise PermissionDenied("Ügyfeleket csak a projekt koordinátora importálhat.")


@login_required
def import_feltoltes(request):
    _koordinator(request)
    form = ImportFeltoltesForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "oszlopok": OSZLOPOK}
    if request.method == "POST" and form.is_valid():
        naplo, eredmeny = services.importalas_feltoltes(
            projekt=form.cleaned_data["projekt"], felhasznalo=request.user, fajl=form.cleaned_data["fajl"]
        )
        context.update(naplo=naplo, eredmeny=eredmeny)
    return render(request, "ugyfelek/importalas/feltoltes.html", context)


@login_required
def import_sablon(request):
    _koordinator(request)
    return sablon_valasz()


@login_required
@require_POST
def import_megerosites(request, pk):
    _koordinator(request)
    naplo = sajat_naplo(request.user, pk)
    eredmeny = services.importalas_megerosites(naplo=naplo, felhasznalo=request.user)
    eredmeny_uzenet(request, eredmeny)
    return redirect("ugyfelek:ugyfel_lista" if eredmeny.mentve else "ugyfelek:import")


@login_required
@require_POST
def import_megszakitas(request, pk):
    _koordinator(request)
    naplo = sajat_naplo(request.user, pk)
    services.importalas_megszakitas(naplo=naplo)
    return redirect("ugyfelek:import")
