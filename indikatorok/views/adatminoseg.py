"""The data-quality page: records to fix before a report is sent, each linking to its page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from akcioterulet.models import Projekt, Szerep
from core import audit
from core.models import Hozzaferes

from .. import selectors
from .common import szemelyes_projekt

ELONEZET = 10


@login_required
def adatminoseg_index(request):
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Az adatminőségi oldal személyes adatokat mutat.")
    projektek = list(Projekt.objects.for_user(request.user, szerepek=(Szerep.KOORDINATOR, Szerep.MENTOR)))
    if len(projektek) == 1:
        return redirect("indikatorok:adatminoseg", projektek[0].pk)
    return render(
        request,
        "indikatorok/projekt_valaszto.html",
        {"projektek": projektek, "cim": "Adatminőség", "url_nev": "indikatorok:adatminoseg"},
    )


@login_required
def adatminoseg(request, pk):
    projekt = szemelyes_projekt(request, pk)
    szakasz = request.GET.get("szakasz")
    if szakasz and szakasz not in selectors.SZAKASZOK:
        raise Http404("Ismeretlen ellenőrzés.")
    duplikatumok = selectors.duplikatum_csoportok(projekt)
    # The overview's counts in three queries (the single-check page counts its own list as it pages it).
    szamok = None if szakasz else selectors.adatminoseg_osszesito(projekt, duplikatumok=duplikatumok)
    szakaszok = []
    osszesen = 0
    for kulcs, cim in selectors.SZAKASZOK.items():
        if szakasz and kulcs != szakasz:
            continue
        if kulcs == "duplikatum":
            tagok = [t for cs in duplikatumok for t in cs]
            szakaszok.append({"kulcs": kulcs, "cim": cim, "szam": len(tagok), "csoportok": duplikatumok})
            osszesen += len(tagok)
            continue
        qs = selectors.adatminoseg_qs(projekt, kulcs).order_by("pk")
        if kulcs != "haztartas_kivul":
            qs = qs.order_by("csaladi_nev", "utonev", "pk")
        if szakasz:
            oldal = Paginator(qs, 50).get_page(request.GET.get("page"))
            szam, sorok = oldal.paginator.count, list(oldal.object_list)
        else:
            oldal = None
            szam = szamok[kulcs]
            sorok = list(qs[:ELONEZET]) if szam else []
        osszesen += szam
        szakaszok.append({"kulcs": kulcs, "cim": cim, "szam": szam, "sorok": sorok, "oldal": oldal})
    audit.log_access(request, Hozzaferes.Muvelet.LISTA, "adatminőség", projekt_id=projekt.pk, rekordok_szama=osszesen)
    return render(
        request,
        "indikatorok/adatminoseg.html",
        {
            "projekt": projekt,
            "szakaszok": szakaszok,
            "szakasz": szakasz,
            "elonezet": ELONEZET,
            "page_obj": szakaszok[0]["oldal"] if szakasz and szakaszok and szakaszok[0].get("oldal") else None,
        },
    )
