"""Privacy screens of one participant: the log, special-category data, consents, subject access.

All of them find the participant through ``Ugyfel.objects.for_user`` (another
project: 404, report reader: 403) before anything else.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from core import audit
from core.access import ProjektJogMixin
from core.models import Hozzaferes, Valtozas

from ..forms import HOZZAJARULAS_CELOK, TAJEKOZTATO_VERZIO, HozzajarulasForm, KulonlegesAdatForm, NaploSzuroForm
from ..models import Hozzajarulas, KulonlegesAdat, Ugyfel
from ..selectors import kulonleges_adatot_lathat, ugyfel_minden_adata
from ..services import aktiv_kulonleges_hozzajarulas, hozzajarulas_visszavonas


def _ugyfel(request, pk):
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Ehhez az oldalhoz nincs jogosultsága.")
    return get_object_or_404(Ugyfel.objects.for_user(request.user).select_related("projekt", "mentor"), pk=pk)


class UgyfelNaploView(ProjektJogMixin, DetailView):
    """Who changed and who viewed this person: for the project's coordinator only."""

    model = Ugyfel
    template_name = "ugyfelek/ugyfel_naplo.html"
    koordinator_kell = True
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        szuro = NaploSzuroForm(self.request.GET or None)
        lap = "hozzaferesek" if self.request.GET.get("lap") == "hozzaferesek" else "valtozasok"
        model = Hozzaferes if lap == "hozzaferesek" else Valtozas
        qs = model.objects.for_user(self.request.user).filter(ugyfel_id=self.object.pk).select_related("felhasznalo")
        qs = szuro.szur(qs)
        oldal = Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))
        ctx.update(szuro=szuro, lap=lap, page_obj=oldal, paginator=oldal.paginator, bejegyzesek=oldal.object_list)
        return ctx


@login_required
def kulonleges_adat(request, pk):
    """Record or edit the special-category answers: consent on file, coordinator or assigned mentor."""
    ugyfel = _ugyfel(request, pk)
    if not kulonleges_adatot_lathat(request.user, ugyfel):
        raise PermissionDenied("A különleges adatokat csak a koordinátor és az ügyfél mentora láthatja.")
    adat = KulonlegesAdat.objects.for_user(request.user).filter(ugyfel=ugyfel).first() or KulonlegesAdat(ugyfel=ugyfel)
    van_hozzajarulas = aktiv_kulonleges_hozzajarulas(ugyfel)
    form = KulonlegesAdatForm(request.POST or None, instance=adat)
    if request.method == "POST":
        if not van_hozzajarulas:
            messages.error(
                request,
                "Különleges adat csak az ügyfél erre is kiterjedő, vissza nem vont hozzájárulásával rögzíthető. "
                "Előbb rögzítse a hozzájárulást.",
            )
        elif form.is_valid():
            form.save()
            messages.success(request, "A különleges adatokat elmentettük.")
            return redirect("ugyfelek:ugyfel_reszlet", ugyfel.pk)
    else:
        # Reading special-category data is logged like opening the participant's page.
        audit.log_access(request, Hozzaferes.Muvelet.MEGTEKINTES, "különleges adatok", obj=ugyfel)
    return render(
        request,
        "ugyfelek/kulonleges_adat.html",
        {"ugyfel": ugyfel, "form": form, "van_hozzajarulas": van_hozzajarulas},
    )


@login_required
def hozzajarulasok(request, pk):
    """The participant's consents, and a form to record a new one."""
    ugyfel = _ugyfel(request, pk)
    form = HozzajarulasForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        uj = form.save(commit=False)
        uj.ugyfel = ugyfel
        uj.rogzitette = request.user
        uj.save()
        messages.success(request, "A hozzájárulást rögzítettük.")
        return redirect("ugyfelek:hozzajarulas_lista", ugyfel.pk)
    lista = Hozzajarulas.objects.for_user(request.user).filter(ugyfel=ugyfel).select_related("rogzitette")
    celok = dict(HOZZAJARULAS_CELOK)
    return render(
        request,
        "ugyfelek/hozzajarulas_lista.html",
        {
            "ugyfel": ugyfel,
            "form": form,
            "hozzajarulasok": [(h, [celok.get(c, c) for c in h.celok]) for h in lista],
        },
    )


@login_required
@require_POST
def hozzajarulas_visszavonas_view(request, pk):
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Ehhez az oldalhoz nincs jogosultsága.")
    hozzajarulas = get_object_or_404(Hozzajarulas.objects.for_user(request.user), pk=pk)
    hozzajarulas_visszavonas(hozzajarulas=hozzajarulas)
    messages.success(request, "A hozzájárulás visszavonását rögzítettük; a különleges adatokat töröltük.")
    return redirect("ugyfelek:hozzajarulas_lista", hozzajarulas.ugyfel_id)


@login_required
def hozzajarulas_nyomtatvany(request, pk):
    """The printable consent form, with the participant's name filled in, to be signed on paper."""
    ugyfel = _ugyfel(request, pk)
    audit.log_access(request, Hozzaferes.Muvelet.LETOLTES, "hozzájárulási nyilatkozat", obj=ugyfel)
    return render(
        request,
        "ugyfelek/hozzajarulas_nyomtatvany.html",
        {"ugyfel": ugyfel, "celok": HOZZAJARULAS_CELOK, "verzio": TAJEKOZTATO_VERZIO},
    )


@login_required
def ugyfel_adatkikeres(request, pk):
    """Everything held about one person, as JSON (GDPR Art. 15): coordinator only, access-logged."""
    ugyfel = _ugyfel(request, pk)
    if not request.user.koordinator(ugyfel.projekt_id):
        raise PermissionDenied("Az adatkikérést csak a projekt koordinátora töltheti le.")
    adatok, darab = ugyfel_minden_adata(ugyfel)
    audit.log_access(request, Hozzaferes.Muvelet.EXPORT, "érintetti adatkikérés", obj=ugyfel, rekordok_szama=darab)
    valasz = HttpResponse(
        json.dumps(adatok, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    valasz["Content-Disposition"] = f'attachment; filename="adatkikeres-{ugyfel.pk}-{timezone.localdate():%Y%m%d}.json"'
    return valasz
