from urllib.parse import urlencode

from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django.views.generic import ListView, UpdateView

from core.access import ProjektJogMixin
from core.pagination import GyorsPaginator

from . import selectors
from .forms import BeiratkozasForm, KepzesSzuroForm
from .jelenlet import FORRAS
from .models import Beiratkozas, Csoport, Kepzes
from .services import beiratkozas_elvegezte


class KepzesListView(ProjektJogMixin, ListView):
    """The training catalogue with the cohorts of the user's projects and their progress.

    The page costs the same however many cohorts there are:
    - for the staff of a project (or of a few) each training shows its latest ``csoport_korlat``
      cohorts with their figures; if it has more, the page says how many and links to them;
    - admins see every project: by default each training shows how many cohorts it has and in how many
      projects, with a link to its cohorts; choosing a project shows that project's cohorts as above;
    - one training's cohorts (``?kepzes=``) are paged.
    Users of several projects (and admins) may narrow the page to one project.
    """

    model = Csoport
    szemelyes = False
    template_name = "kepzes/kepzes_lista.html"
    # Cohorts per training on the catalogue: more than a project runs of one training in its term.
    csoport_korlat = 10
    # Cohorts per page of one training's list.
    paginate_by = 25
    paginator_class = GyorsPaginator

    def get_queryset(self):
        user = self.request.user
        self.kepzesek = list(Kepzes.objects.all())
        self.szuro = KepzesSzuroForm(self.request.GET or None, user=user, kepzesek=self.kepzesek)
        self.kepzes_id = self.szuro.valasztott_kepzes_id
        self.projekt_id = self.szuro.valasztott_projekt_id
        self.lathato = super().get_queryset()
        if self.projekt_id is not None:
            self.lathato = self.lathato.for_projekt(self.projekt_id)
        if self.kepzes_id is None:
            return self.lathato
        return self.lathato.filter(kepzes_id=self.kepzes_id).order_by("-kezdete", "pk")

    def get_paginate_by(self, queryset):
        # Only one training's list is paged; the catalogue shows at most ``csoport_korlat`` per training.
        return None if self.kepzes_id is None else self.paginate_by

    def get_paginator(self, *args, **kwargs):
        # The page's rows are read by id with their figures (core.pagination).
        sorok = selectors.csoportok_letszammal(self.lathato).select_related("projekt")
        return super().get_paginator(*args, sorok=sorok, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        # Every project's cohorts would be thousands of rows: the country's summary instead.
        orszagos = user.is_superuser and self.projekt_id is None and self.kepzes_id is None
        kepzesek = self.kepzesek
        if self.kepzes_id is not None:
            kepzesek = [k for k in kepzesek if k.pk == self.kepzes_id]
            k = kepzesek[0]
            k.csoportok_db, k.sajat_csoportok = ctx["paginator"].count, list(ctx["page_obj"])
        elif orszagos:
            szamok = selectors.kepzesenkenti_szamok(self.lathato)
            for k in kepzesek:
                k.csoportok_db, k.projektek_db = szamok.get(k.pk, (0, 0))
                k.sajat_csoportok = []
        else:
            csoportok = selectors.legutobbi_csoportok(self.lathato, self.csoport_korlat)
            for k in kepzesek:
                k.csoportok_db, k.sajat_csoportok = csoportok.get(k.pk, (0, []))
        for k in kepzesek:
            for c in k.sajat_csoportok:
                c.kepzes = k  # an unnamed cohort is called after its training
        # Back to every training, keeping the project chosen.
        parameterek = [(k, v) for k, v in self.request.GET.items() if v and k not in ("kepzes", "page")]
        return {
            **ctx,
            "kepzesek": kepzesek,
            "orszagos": orszagos,
            "egy_kepzes": self.kepzes_id is not None,
            "szuro": self.szuro,
            # One project's staff have nothing to choose between.
            "szuro_lathato": user.is_superuser or len(user.projekt_idk()) > 1,
            "osszes_kepzes_url": f"?{urlencode(parameterek)}" if parameterek else self.request.path,
            "koordinator": user.koordinator(),
        }


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
