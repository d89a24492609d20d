"""The indicator report of a project for a period, with targets, breakdowns and the progress chart."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from akcioterulet.models import Projekt
from core.adatverzio import Gyorsito

from .. import selectors
from ..definitions import BONTASOK, HIANYOS_OSZLOP
from ..forms import IdoszakForm
from .common import idoszak_parameterek, projekt_vagy_404


@login_required
def jelentes_index(request):
    projektek = list(Projekt.objects.for_user(request.user))
    if len(projektek) == 1:
        return redirect("indikatorok:jelentes", projektek[0].pk)
    return render(
        request,
        "indikatorok/projekt_valaszto.html",
        {"projektek": projektek, "cim": "Indikátorjelentés", "url_nev": "indikatorok:jelentes"},
    )


def jelentes_adatai(request, projekt, *, grafikon=False):
    """Period, breakdowns and rows of the report as the page (and its export) shows them.

    With ``grafikon`` the cumulative series of the target chosen by
    ``?grafikon=<id>`` (or the first target) is computed with the figures and
    set on its row as ``sorozat``.
    """
    form = IdoszakForm(request.GET or None, projekt=projekt)
    if form.is_bound and not form.is_valid():
        for hiba in form.non_field_errors():
            messages.error(request, hiba)
        if any(form.has_error(mezo) for mezo in form.fields):
            messages.error(request, "Érvénytelen időszak vagy dátum; a teljes projekt adatai látszanak.")
    idoszak = form.valasztott()
    bontasok = form.bontasok()
    valasztott = request.GET.get("grafikon", "") if grafikon else None
    # Each evidence model's figures are recounted when a table they read changed (core.adatverzio), or the
    # next day; they depend on the user only through their role in the project, so users of one role share them.
    gyorsito = Gyorsito(request.user, "jelentes", (timezone.localdate(),), projekt=projekt)
    celok, csoportok = selectors.jelentes(
        request.user, projekt, idoszak, bontasok, grafikon=valasztott, futtato=gyorsito.reszek
    )
    alap = idoszak_parameterek(request)
    # The lists' URL reversed once around a placeholder key: the report has a hundred rows.
    lista_url = reverse("indikatorok:lista", args=[projekt.pk, "__kulcs__"]).partition("__kulcs__")
    for sor in [*celok, *(s for _c, cs in csoportok for s in cs)]:
        _linkek(sor, lista_url, alap, bontasok)
    return form, idoszak, bontasok, celok, csoportok


def _linkek(sor, lista_url, alap, bontasok):
    """The drill-down URL of the figure and of every breakdown cell (None where the list is not allowed)."""
    if not sor.lista:
        sor.url, sor.hianyos_url = None, None
        sor.cellak = [(cim, n, None) for k in bontasok for cim, n in sor.bontas.get(k, [])]
        return
    eleje, _kulcs, vege = lista_url
    url = f"{eleje}{quote(sor.kulcs)}{vege}"
    params = [p for p in (alap, f"kepzes={sor.kepzes.pk}" if sor.kepzes else "") if p]
    sor.url = f"{url}?{'&'.join(params)}" if params else url
    sep = "&" if params else "?"
    sor.hianyos_url = f"{sor.url}{sep}hianyos=1"
    sor.cellak = [
        (cim, n, f"{sor.url}{sep}{urlencode({'bontas': k, 'ertek': i})}")
        for k in bontasok
        for i, (cim, n) in enumerate(sor.bontas.get(k, []))
    ]


@login_required
def jelentes(request, pk):
    projekt = projekt_vagy_404(request, pk)
    form, idoszak, bontasok, celok, csoportok = jelentes_adatai(request, projekt, grafikon=True)
    grafikon = None
    sor = next((s for s in celok if s.sorozat is not None), None)
    if sor is not None:
        c = sor.celertek
        grafikon = {
            "sor": sor,
            "adat": {
                "cim": sor.nev,
                "celertek": int(c.ertek),
                "hatarido": c.hatarido.isoformat(),
                "pontok": sor.sorozat,
                "merfoldkovek": [{"datum": m.datum.isoformat(), "ertek": int(m.ertek)} for m in c.merfoldkovek.all()],
            },
        }
    bontas_fejlecek = [(k, BONTASOK[k][0], [cim for cim, _q in BONTASOK[k][1]]) for k in bontasok]
    return render(
        request,
        "indikatorok/jelentes.html",
        {
            "projekt": projekt,
            "form": form,
            "idoszak": idoszak,
            "celok": celok,
            "csoportok": csoportok,
            "bontasok": bontasok,
            "bontas_fejlecek": bontas_fejlecek,
            "hianyos_oszlop": HIANYOS_OSZLOP,
            "grafikon": grafikon,
            "idoszak_qs": idoszak_parameterek(request),
            "teljes_qs": request.GET.urlencode(),
            "koordinator": request.user.koordinator(projekt),
            "szemelyes": request.user.lat_szemelyes_adatot(projekt),
        },
    )
