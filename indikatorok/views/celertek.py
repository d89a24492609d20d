"""Targets of a project (and their milestones): the coordinator's (and the admin's) screens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..definitions import INDIKATOROK
from ..forms import CelertekForm, MerfoldkoFormSet
from ..models import Celertek
from .common import koordinator_projekt


@login_required
def celertek_lista(request, pk):
    projekt = koordinator_projekt(request, pk)
    celok = Celertek.objects.filter(projekt=projekt).select_related("kepzes").prefetch_related("merfoldkovek")
    return render(
        request,
        "indikatorok/celertek_lista.html",
        {"projekt": projekt, "celok": [(c, INDIKATOROK.get(c.mutato)) for c in celok]},
    )


def _urlap(request, projekt, celertek):
    form = CelertekForm(request.POST or None, instance=celertek, projekt=projekt)
    formset = MerfoldkoFormSet(request.POST or None, instance=form.instance, prefix="merfoldko")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            form.save()
            formset.instance = form.instance
            formset.save()
        messages.success(request, "A célértéket elmentettük.")
        return redirect("indikatorok:celertek_lista", projekt.pk)
    return render(
        request,
        "indikatorok/celertek_urlap.html",
        {
            "projekt": projekt,
            "form": form,
            "formset": formset,
            "cim": "Új célérték" if celertek is None else f"Célérték szerkesztése: {celertek}",
            "vissza_url": reverse("indikatorok:celertek_lista", args=[projekt.pk]),
        },
    )


@login_required
def celertek_uj(request, pk):
    projekt = koordinator_projekt(request, pk)
    return _urlap(request, projekt, None)


def _celertek(request, pk):
    celertek = get_object_or_404(Celertek.objects.for_user(request.user).select_related("projekt"), pk=pk)
    if not request.user.koordinator(celertek.projekt_id):
        raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
    return celertek


@login_required
def celertek_szerkesztes(request, pk):
    celertek = _celertek(request, pk)
    return _urlap(request, celertek.projekt, celertek)


@login_required
def celertek_torles(request, pk):
    celertek = _celertek(request, pk)
    vissza = reverse("indikatorok:celertek_lista", args=[celertek.projekt_id])
    if request.method == "POST":
        celertek.delete()
        messages.success(request, "A célértéket töröltük.")
        return redirect(vissza)
    return render(
        request,
        "generic/confirm.html",
        {
            "cim": "Célérték törlése",
            "szoveg": f"Biztosan törli ezt a célértéket: {celertek}? A mérföldkövei is törlődnek; "
            "a teljesítés adatai megmaradnak.",
            "vissza_url": vissza,
        },
    )
