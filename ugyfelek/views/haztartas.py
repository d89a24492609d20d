from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from core import audit
from core.access import ProjektJogMixin
from core.models import Hozzaferes
from core.pagination import GyorsPaginator
from core.text import fold

from .. import timeline
from ..forms import HaztartasForm, HaztartasSzuroForm, HaztartasTagForm
from ..models import Haztartas, HaztartasTag
from ..selectors import aktiv_tagok_szama
from ..services import cim_besorolas, haztartastag_kilep
from .latogatas import KERESES_MIN_HOSSZ
from .ugyfel import UgyfelCreateView


class HaztartasListView(ProjektJogMixin, ListView):
    model = Haztartas
    template_name = "ugyfelek/haztartas_lista.html"
    paginate_by = 25
    paginator_class = GyorsPaginator

    # The columns the list shows (haztartas_lista.html): name, address, action area.
    LISTA_MEZOK = ("nev", "iranyitoszam", "telepules", "cim", "akcioteruleten_kivul", "akcioterulet__nev")

    def get_queryset(self):
        self.szuro = HaztartasSzuroForm(self.request.GET or None, user=self.request.user)
        # The current members are counted by a correlated subquery rather than a join with GROUP BY:
        # the paginator's count and id queries leave an unused subquery out, so they read the
        # households alone, and only the 25 rows shown are counted.
        self.sorok = (
            super()
            .get_queryset()
            .select_related("akcioterulet")
            .only(*self.LISTA_MEZOK)
            .annotate(aktiv_tagok=aktiv_tagok_szama())
            .order_by("cim", "id")
        )
        return self.szuro.szur(self.sorok)

    def get_paginator(self, *args, **kwargs):
        # The shown rows are read by id without the search repeated (core.pagination).
        return super().get_paginator(*args, sorok=self.sorok, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "szuro": self.szuro}


class HaztartasDetailView(ProjektJogMixin, DetailView):
    model = Haztartas
    template_name = "ugyfelek/haztartas_reszlet.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("projekt", "akcioterulet")
            .annotate(**timeline.van_sora_annotaciok(haztartasra=True))
            .prefetch_related(
                Prefetch(
                    "tagsagok", queryset=HaztartasTag.objects.select_related("ugyfel").order_by("meddig", "mettol")
                ),
                "fejlesztesi_tervek",
            )
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["idovonal"] = timeline.esemenyek(user=self.request.user, haztartas=self.object)
        ctx["terv_uj_url"] = reverse("ugyfelek:haztartas_terv_uj", args=[self.object.pk])
        audit.log_access(self.request, Hozzaferes.Muvelet.MEGTEKINTES, "háztartás adatlapja", obj=self.object)
        return ctx


class HaztartasCreateView(UgyfelCreateView):
    model = Haztartas
    form_class = HaztartasForm

    def object_url(self):
        return reverse("ugyfelek:haztartas_reszlet", args=[self.object.pk])

    def form_valid(self, form):
        cim_besorolas(form.instance)
        self.object = form.save()
        messages.success(self.request, "A háztartás adatait elmentettük.")
        return redirect(self.object_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["cim"] = "Új háztartás" if self.object is None else f"{self.object} szerkesztése"
        ctx["vissza_url"] = self.object_url() if self.object else reverse("ugyfelek:haztartas_lista")
        return ctx


class HaztartasUpdateView(HaztartasCreateView):
    def get_object(self, queryset=None):
        return ProjektJogMixin.get_object(self, queryset)


class HaztartasTagCreateView(HaztartasUpdateView):
    """Add a participant to a household (the object is the household; the form makes the membership)."""

    form_class = HaztartasTagForm
    template_name = "ugyfelek/haztartas_tag_form.html"
    TALALATOK = 20

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["haztartas"] = kwargs.pop("instance")
        return kwargs

    def get_initial(self):
        return {**super().get_initial(), "ugyfel": self.request.GET.get("ugyfel")}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, "A tagot felvettük a háztartásba.")
        return redirect(self.object_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["cim"] = f"Új tag: {self.object}"
        ctx["valasztott"] = ctx["form"].valasztott_ugyfel()
        q = self.request.GET.get("q", "").strip()
        ctx["q"] = q
        if len(fold(q).replace(" ", "")) >= KERESES_MIN_HOSSZ:
            # The participants of the household's project matching the text: the first TALALATOK, and whether
            # there are more (then the text is to be narrowed).
            talalatok = list(
                ctx["form"]
                .fields["ugyfel"]
                .queryset.kereses(q)
                .only("csaladi_nev", "utonev", "szuletesi_datum", "iranyitoszam", "telepules", "cim")
                .order_by("csaladi_nev", "utonev", "pk")[: self.TALALATOK + 1]
            )
            ctx["talalatok"], ctx["tobb_talalat"] = talalatok[: self.TALALATOK], len(talalatok) > self.TALALATOK
        elif q:
            ctx["tul_rovid"] = True
        return ctx


@require_POST
def haztartastag_kilep_view(request, pk):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Ehhez a művelethez nincs jogosultsága.")
    tag = get_object_or_404(HaztartasTag.objects.for_user(request.user), pk=pk, meddig__isnull=True)
    haztartastag_kilep(tag=tag)
    messages.success(request, f"{tag.ugyfel} kiköltözését rögzítettük.")
    return redirect("ugyfelek:haztartas_reszlet", tag.haztartas_id)
