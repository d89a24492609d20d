from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django.views.generic import ListView, UpdateView

from core.access import ProjektJogMixin

from . import selectors
from .forms import BeiratkozasForm
from .jelenlet import FORRAS
from .models import Beiratkozas, Kepzes
from .services import beiratkozas_elvegezte


class KepzesListView(ProjektJogMixin, ListView):
    """The training catalogue with the cohorts of the user's projects and their progress."""

    model = Kepzes
    szemelyes = False
    template_name = "kepzes/kepzes_lista.html"

    def get_queryset(self):
        sajat = selectors.csoportok(self.request.user).order_by("-kezdete", "pk")
        return Kepzes.objects.prefetch_related(Prefetch("csoportok", queryset=sajat, to_attr="sajat_csoportok"))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "koordinator": self.request.user.koordinator()}


class BeiratkozasUpdateView(ProjektJogMixin, UpdateView):
    model = Beiratkozas
    form_class = BeiratkozasForm
    koordinator_kell = True
    template_name = "generic/form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("ugyfel", "csoport__kepzes")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.helper = FormHelper()
        form.helper.form_tag = False
        return form

    def form_valid(self, form):
        form.save()
        messages.success(self.request, "A beiratkozás adatait elmentettük.")
        return redirect(FORRAS.szulo_url(self.object.csoport))

    def get_context_data(self, **kwargs):
        cim = f"{self.object.ugyfel.nev} – {self.object.csoport}"
        return {**super().get_context_data(**kwargs), "cim": cim, "vissza_url": FORRAS.szulo_url(self.object.csoport)}


@require_POST
@login_required
def beiratkozas_elvegezte_view(request, pk):
    """Accept the grid's "completed" proposal for one enrolment (coordinator)."""
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Ehhez nincs jogosultsága.")
    b = get_object_or_404(Beiratkozas.objects.for_user(request.user).select_related("csoport"), pk=pk)
    if not request.user.koordinator(b.csoport.projekt_id):
        raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
    try:
        beiratkozas_elvegezte(beiratkozas=b)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"{b.ugyfel.nev}: elvégezte.")
    return redirect(FORRAS.url("racs", b.csoport_id))
