"""The drill-down: exactly the records behind one figure of the report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from core import audit
from core.models import Hozzaferes
from kepzes.models import Kepzes
from ugyfelek.models import Ugyfel

from ..definitions import BONTASOK, INDIKATOROK
from ..forms import IdoszakForm
from ..oszlopok import oszlop_ertekek, oszlopos
from .common import idoszak_parameterek, projekt_vagy_404


def kepzes_parameter(request):
    """The training a figure is bound to (``?kepzes=id``); a wrong id answers 404."""
    kepzes_id = request.GET.get("kepzes")
    if not kepzes_id:
        return None
    if not kepzes_id.isdigit():
        raise Http404("Ismeretlen képzés.")
    kepzes = Kepzes.objects.filter(pk=kepzes_id).first()
    if kepzes is None:
        raise Http404("Ismeretlen képzés.")
    return kepzes


def bontas_szures(request, ind, qs):
    """A breakdown cell's rows: ``?bontas=nem&ertek=0`` (complete records) or ``?hianyos=1``."""
    if not ind.bonthato:
        return qs, ""
    if request.GET.get("hianyos") == "1":
        return qs.exclude(Ugyfel.TELJES_Q), "hiányos adatlapú rekordok"
    kulcs, ertek = request.GET.get("bontas"), request.GET.get("ertek", "")
    if kulcs in BONTASOK and ertek.isdigit() and int(ertek) < len(BONTASOK[kulcs][1]):
        cim, q = BONTASOK[kulcs][1][int(ertek)]
        return qs.filter(Ugyfel.TELJES_Q & q), f"{BONTASOK[kulcs][0]}: {cim}"
    return qs, ""


@login_required
def lista(request, pk, kulcs):
    projekt = projekt_vagy_404(request, pk)
    ind = INDIKATOROK.get(kulcs)
    if ind is None:
        raise Http404("Ismeretlen indikátor.")
    if not ind.lathato(request.user, projekt):
        raise PermissionDenied("Ezt az indikátort csak a projekt koordinátora láthatja.")
    if ind.szemelyes and not request.user.lat_szemelyes_adatot(projekt):
        raise PermissionDenied("A személyek listáját az olvasó szerepkör nem láthatja.")
    form = IdoszakForm(request.GET or None, projekt=projekt)
    idoszak = form.valasztott()
    kepzes = kepzes_parameter(request) if ind.kepzeshez else None
    qs, szures = bontas_szures(request, ind, ind.queryset(projekt, idoszak, kepzes))
    oldal = Paginator(oszlopos(qs, ind.oszlopok), 50).get_page(request.GET.get("page"))
    sorok = [(obj, ind.link(obj), oszlop_ertekek(obj, ind.oszlopok)) for obj in oldal.object_list]
    osszeg = ind.ertek(projekt, idoszak, kepzes) if ind.osszeg and not szures else None
    audit.log_access(
        request,
        Hozzaferes.Muvelet.LISTA,
        f"indikátor lista: {ind.kulcs}",
        projekt_id=projekt.pk,
        rekordok_szama=oldal.paginator.count,
    )
    return render(
        request,
        "indikatorok/lista.html",
        {
            "projekt": projekt,
            "ind": ind,
            "idoszak": idoszak,
            "kepzes": kepzes,
            "szures": szures,
            "page_obj": oldal,
            "paginator": oldal.paginator,
            "sorok": sorok,
            "osszeg": osszeg,
            "idoszak_qs": idoszak_parameterek(request),
        },
    )
