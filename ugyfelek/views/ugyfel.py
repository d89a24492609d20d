from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import DeleteView, DetailView, ListView, UpdateView

from core import audit
from core.access import ProjektJogMixin
from core.models import Hozzaferes
from core.pagination import GyorsPaginator

from .. import timeline, timeline_sources
from ..forms import KilepesForm, ProjektValasztoForm, UgyfelForm, UgyfelSzuroForm, sok_projektje_van
from ..models import Ugyfel
from ..selectors import kulonleges_adatot_lathat
from ..services import cim_besorolas


class UgyfelListView(ProjektJogMixin, ListView):
    model = Ugyfel
    template_name = "ugyfelek/ugyfel_lista.html"
    paginate_by = 25
    paginator_class = GyorsPaginator

    # The columns the list shows (ugyfel_lista.html), the entry-data fields behind its "hiányos" badge,
    # and the mentor's name: 25 rows of three wide tables cost more to build than to read.
    LISTA_MEZOK = (
        "csaladi_nev",
        "utonev",
        "szuletesi_datum",
        "cim",
        "akcioteruleten_kivul",
        "kilepes_datuma",
        *Ugyfel.BELEPESI_MEZOK,
        "mentor__first_name",
        "mentor__last_name",
        "mentor__username",
    )

    def get_queryset(self):
        self.szuro = UgyfelSzuroForm(self.request.GET or None, user=self.request.user)
        self.sorok = super().get_queryset().select_related("mentor").only(*self.LISTA_MEZOK)
        return self.szuro.szur(self.sorok)

    def get_paginator(self, *args, **kwargs):
        # The shown rows are read by id without the search repeated (core.pagination).
        return super().get_paginator(*args, sorok=self.sorok, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["szuro"] = self.szuro
        return ctx


class UgyfelDetailView(ProjektJogMixin, DetailView):
    model = Ugyfel
    template_name = "ugyfelek/ugyfel_reszlet.html"

    def get_queryset(self):
        # Whether the participant has any training or programme row at all: the timeline asks
        # only the sources that have something to show.
        return (
            super()
            .get_queryset()
            .select_related("projekt", "mentor", "akcioterulet")
            .annotate(**timeline.van_sora_annotaciok())
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ugyfel = self.object
        user = self.request.user
        # The participant's households and plans, read straight (the prefetch machinery costs more
        # than the queries). The plans also give the timeline's plan events, so they are read once; the date
        # of involvement is the participant's own column (``bevonva_ota``).
        ctx["tagsagok"] = list(ugyfel.haztartas_tagsagok.select_related("haztartas").order_by("-mettol"))
        ctx["tervek"] = list(timeline_sources.tervek_lekerdezes(user, ugyfel=ugyfel))
        ctx["koordinator"] = user.koordinator(ugyfel.projekt_id)
        ctx["kulonleges_lathato"] = kulonleges_adatot_lathat(user, ugyfel)
        ctx["idovonal"] = timeline.esemenyek(user=user, ugyfel=ugyfel, tervek=ctx["tervek"])
        ctx["terv_uj_url"] = reverse("ugyfelek:terv_uj", args=[ugyfel.pk])
        audit.log_access(self.request, Hozzaferes.Muvelet.MEGTEKINTES, "ügyfél adatlapja", obj=ugyfel)
        return ctx


class UgyfelCreateView(ProjektJogMixin, UpdateView):
    """Create is an update of a new object, so both share one form page."""

    model = Ugyfel
    form_class = UgyfelForm
    template_name = "generic/form.html"

    def get_object(self, queryset=None):
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        # The project chosen in the first step (``ProjektValasztoForm``), for someone with many projects.
        initial = super().get_initial()
        if self.object is None and "projekt" in self.request.GET:
            initial["projekt"] = self.request.GET["projekt"]
        return initial

    def form_valid(self, form):
        cim_besorolas(form.instance)
        self.object = form.save()
        messages.success(self.request, "Az ügyfél adatait elmentettük.")
        return redirect(self.object_url())

    def object_url(self):
        return reverse("ugyfelek:ugyfel_reszlet", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if getattr(ctx["form"], "projekt_elobb", False):
            # First the project: its areas and staff are what the form offers.
            ctx["projekt_valaszto"] = ProjektValasztoForm(user=self.request.user)
        elif self.object is None and sok_projektje_van(self.request.user):
            ctx["projekt_csere_url"] = self.request.path
        ctx["cim"] = "Új ügyfél" if self.object is None else f"{self.object.nev} adatainak szerkesztése"
        ctx["vissza_url"] = self.object_url() if self.object else reverse("ugyfelek:ugyfel_lista")
        return ctx


class UgyfelUpdateView(UgyfelCreateView):
    def get_object(self, queryset=None):
        return ProjektJogMixin.get_object(self, queryset)


class UgyfelKilepesView(ProjektJogMixin, UpdateView):
    model = Ugyfel
    form_class = KilepesForm
    template_name = "generic/form.html"
    koordinator_kell = True

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, "A kilépés adatait elmentettük.")
        return redirect("ugyfelek:ugyfel_reszlet", self.object.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["cim"] = f"{self.object.nev} kiléptetése"
        ctx["vissza_url"] = reverse("ugyfelek:ugyfel_reszlet", args=[self.object.pk])
        return ctx


class UgyfelDeleteView(ProjektJogMixin, DeleteView):
    model = Ugyfel
    template_name = "generic/confirm.html"
    koordinator_kell = True

    def get_success_url(self):
        messages.success(self.request, "Az ügyfelet töröltük.")
        return reverse("ugyfelek:ugyfel_lista")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            cim=f"{self.object.nev} törlése",
            szoveg="Biztosan törli az ügyfelet és minden hozzá tartozó adatot? A művelet nem vonható vissza.",
            vissza_url=reverse("ugyfelek:ugyfel_reszlet", args=[self.object.pk]),
        )
        return ctx
