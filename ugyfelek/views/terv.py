"""Individual development plans: create/change with goals, detail, printable A4 page, reviews."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView

from core import audit
from core.access import ProjektJogMixin
from core.models import Hozzaferes

from ..forms_mentoralas import FejlesztesiTervForm, FelulvizsgalatForm, TervCelFormSet, cel_sorok
from ..models import FejlesztesiTerv, Haztartas, HaztartasTag, Ugyfel
from ..services import felulvizsgalat_rogzites, terv_mentes


def terv_alany_url(terv) -> str:
    """The page of whom the plan is for: the participant or the household."""
    if terv.ugyfel_id:
        return reverse("ugyfelek:ugyfel_reszlet", args=[terv.ugyfel_id])
    return reverse("ugyfelek:haztartas_reszlet", args=[terv.haztartas_id])


class TervSzerkesztoView(ProjektJogMixin, View):
    """A new plan for a participant (``ugyfel_pk``) or household (``haztartas_pk``), or a change of one (``pk``)."""

    template_name = "ugyfelek/terv_form.html"

    def terv(self):
        user = self.request.user
        if "pk" in self.kwargs:
            return get_object_or_404(FejlesztesiTerv.objects.for_user(user), pk=self.kwargs["pk"])
        if "ugyfel_pk" in self.kwargs:
            ugyfel = get_object_or_404(Ugyfel.objects.for_user(user), pk=self.kwargs["ugyfel_pk"])
            return FejlesztesiTerv(projekt_id=ugyfel.projekt_id, ugyfel=ugyfel, keszitette=user)
        haztartas = get_object_or_404(Haztartas.objects.for_user(user), pk=self.kwargs["haztartas_pk"])
        return FejlesztesiTerv(projekt_id=haztartas.projekt_id, haztartas=haztartas, keszitette=user)

    def get(self, request, *args, **kwargs):
        terv = self.terv()
        return self._oldal(terv, FejlesztesiTervForm(instance=terv), TervCelFormSet(instance=terv, prefix="cel"))

    def post(self, request, *args, **kwargs):
        terv = self.terv()
        form = FejlesztesiTervForm(request.POST, instance=terv)
        formset = TervCelFormSet(request.POST, instance=terv, prefix="cel")
        if form.is_valid() and formset.is_valid():
            terv = terv_mentes(terv=form.instance, celok=cel_sorok(formset))
            messages.success(request, "A fejlesztési tervet elmentettük.")
            return redirect("ugyfelek:terv_reszlet", terv.pk)
        return self._oldal(terv, form, formset)

    def _oldal(self, terv, form, formset):
        alany = terv.ugyfel or terv.haztartas
        ctx = {
            "form": form,
            "formset": formset,
            "terv": terv,
            "cim": f"Fejlesztési terv: {alany}" if terv.pk else f"Új fejlesztési terv: {alany}",
            "vissza_url": reverse("ugyfelek:terv_reszlet", args=[terv.pk]) if terv.pk else terv_alany_url(terv),
        }
        return render(self.request, self.template_name, ctx)


class TervDetailView(ProjektJogMixin, DetailView):
    model = FejlesztesiTerv
    template_name = "ugyfelek/terv_reszlet.html"
    context_object_name = "terv"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("projekt", "ugyfel", "haztartas", "keszitette")
            .prefetch_related("celok", "felulvizsgalatok__keszitette")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["alany_url"] = terv_alany_url(self.object)
        ctx["ma"] = timezone.localdate()
        audit.log_access(self.request, Hozzaferes.Muvelet.MEGTEKINTES, "fejlesztési terv", obj=self.object)
        return ctx


class TervNyomtatasView(TervDetailView):
    """The plan on an A4 page, with signature lines for the participant and the social worker."""

    template_name = "ugyfelek/terv_nyomtatas.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tagsagok = HaztartasTag.objects.for_user(self.request.user).filter(
            haztartas_id=self.object.haztartas_id, meddig__isnull=True
        )
        ctx["tagok"] = [t.ugyfel for t in tagsagok.select_related("ugyfel")] if self.object.haztartas_id else []
        return ctx


class FelulvizsgalatView(ProjektJogMixin, View):
    """Record a review of a plan: clears the due review and sets the next one."""

    template_name = "generic/form.html"

    def terv(self):
        return get_object_or_404(
            FejlesztesiTerv.objects.for_user(self.request.user).select_related("ugyfel", "haztartas"),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self._oldal(self.terv(), FelulvizsgalatForm())

    def post(self, request, *args, **kwargs):
        terv = self.terv()
        form = FelulvizsgalatForm(request.POST)
        if form.is_valid():
            felulvizsgalat_rogzites(
                terv=terv,
                datum=form.cleaned_data["datum"],
                megallapitasok=form.cleaned_data["megallapitasok"],
                keszitette=request.user,
            )
            messages.success(request, "A felülvizsgálatot rögzítettük.")
            return redirect("ugyfelek:terv_reszlet", terv.pk)
        return self._oldal(terv, form)

    def _oldal(self, terv, form):
        ctx = {
            "form": form,
            "cim": f"Felülvizsgálat: {terv.ugyfel or terv.haztartas}",
            "vissza_url": reverse("ugyfelek:terv_reszlet", args=[terv.pk]),
        }
        return render(self.request, self.template_name, ctx)
