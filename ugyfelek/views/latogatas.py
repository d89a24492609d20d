"""The case log: the phone-first visit screen, the participant/household finder, the visit list and its export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, ListView

from akcioterulet.models import Szerep
from core import audit
from core.access import ProjektJogMixin
from core.models import Hozzaferes
from core.pagination import GyorsPaginator
from core.text import fold
from core.xlsx import xlsx_valasz

from ..forms_mentoralas import KovetoFeladatFormSet, LatogatasForm, LatogatasSzuroForm, feladat_sorok
from ..models import Haztartas, Latogatas, Ugyfel
from ..selectors import LATOGATAS_SOR, latogatas_reszletek, latogatasok_listahoz
from ..services import latogatas_rogzites

KERESES_MIN_HOSSZ = 2
KERESES_TALALATOK = 8


def kereses_talalatok(user, szoveg: str) -> list[dict]:
    """Participants and households of the user's projects matching ``szoveg`` (accent-insensitive).

    A household also matches by the names of its members. Two queries, at
    most ``KERESES_TALALATOK`` of each kind.
    """
    if len(fold(szoveg).replace(" ", "")) < KERESES_MIN_HOSSZ:
        return []
    uj_url = reverse("ugyfelek:latogatas_uj")
    ugyfelek = Ugyfel.objects.for_user(user).aktiv().kereses(szoveg).order_by("csaladi_nev", "utonev", "pk")
    haztartasok = Haztartas.objects.for_user(user).kereses(szoveg, Ugyfel.objects.for_user(user))
    talalatok = [
        {
            "tipus": "ugyfel",
            "tipus_nev": "ügyfél",
            "id": u.pk,
            "nev": u.nev,
            "reszlet": f"{u.szuletesi_datum:%Y} · {u.cim}".strip(" ·"),
            "url": f"{uj_url}?ugyfel={u.pk}",
        }
        for u in ugyfelek[:KERESES_TALALATOK]
    ]
    talalatok += [
        {
            "tipus": "haztartas",
            "tipus_nev": "háztartás",
            "id": h.pk,
            "nev": str(h),
            "reszlet": h.teljes_cim,
            "url": f"{uj_url}?haztartas={h.pk}",
        }
        for h in haztartasok.order_by("cim", "pk")[:KERESES_TALALATOK]
    ]
    return talalatok


def szemelyes_jog(request):
    """Signed-in staff who may see personal data; readers get 403. None when fine, else the answer."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Ehhez az oldalhoz nincs jogosultsága.")
    return None


def kereses(request):
    """Finder for the visit screen: JSON list of matching participants and households (GET ``q``)."""
    if (valasz := szemelyes_jog(request)) is not None:
        return valasz
    return JsonResponse({"eredmenyek": kereses_talalatok(request.user, request.GET.get("q", ""))})


def szerkesztheti(user, latogatas: Latogatas) -> bool:
    """Only the author and the coordinator of the project may change a visit."""
    return latogatas.szerzo_id == user.pk or user.koordinator(latogatas.projekt_id)


class LatogatasSzerkesztoView(ProjektJogMixin, View):
    """New visit (``pk`` absent) or change of one; the visit, its topics, people and follow-ups in one screen."""

    template_name = "ugyfelek/latogatas_form.html"

    def latogatas(self):
        pk = self.kwargs.get("pk")
        if pk is None:
            return None
        latogatas = get_object_or_404(
            Latogatas.objects.for_user(self.request.user).prefetch_related("temak", "jelenlevok", "munkatarsak"),
            pk=pk,
        )
        if not szerkesztheti(self.request.user, latogatas):
            raise PermissionDenied("A látogatást csak a rögzítője és a projekt koordinátora módosíthatja.")
        return latogatas

    def _urlapok(self, latogatas, data=None):
        user = self.request.user
        initial = None
        if latogatas is None:
            initial = {k: self.request.GET[k] for k in ("ugyfel", "haztartas") if self.request.GET.get(k)}
        form = LatogatasForm(data, user=user, latogatas=latogatas, initial=initial)
        # The staff the visit form read (of the visit's project), for every follow-up row: no query of their own.
        formset = KovetoFeladatFormSet(
            data,
            instance=latogatas or Latogatas(),
            prefix="feladat",
            form_kwargs={"user": user, "munkatarsak": form.munkatarsak},
            queryset=latogatas.feladatok.select_related("felelos") if latogatas else None,
        )
        return form, formset

    def get(self, request, *args, **kwargs):
        latogatas = self.latogatas()
        form, formset = self._urlapok(latogatas)
        return self._oldal(form, formset, latogatas)

    def post(self, request, *args, **kwargs):
        latogatas = self.latogatas()
        form, formset = self._urlapok(latogatas, request.POST)
        if form.is_valid() and formset.is_valid():
            sorok = feladat_sorok(formset, form.projekt_id)
            if sorok is not None:
                d = form.cleaned_data
                latogatas = latogatas_rogzites(
                    szerzo=request.user,
                    latogatas=latogatas,
                    ugyfel=d["ugyfel"],
                    haztartas=d["haztartas"],
                    idopont=d["idopont"],
                    idotartam_perc=d["idotartam_perc"],
                    tipus=d["tipus"],
                    temak=d["temak"],
                    jelenlevok=d["jelenlevok"],
                    munkatarsak=d["munkatarsak"],
                    jegyzet=d["jegyzet"],
                    feladatok=sorok,
                )
                messages.success(request, "A látogatást elmentettük.")
                return redirect("ugyfelek:latogatas_reszlet", latogatas.pk)
        return self._oldal(form, formset, latogatas)

    def _oldal(self, form, formset, latogatas):
        q = self.request.GET.get("q", "")
        ctx = {
            "form": form,
            "formset": formset,
            "latogatas": latogatas,
            "cim": "Új látogatás" if latogatas is None else "Látogatás módosítása",
            "tagok": form.haztartas_tagjai(),
            "q": q,
            "talalatok": kereses_talalatok(self.request.user, q) if q else None,
            "vissza_url": reverse("ugyfelek:latogatas_reszlet", args=[latogatas.pk])
            if latogatas
            else reverse("kezdolap"),
        }
        return render(self.request, self.template_name, ctx)


class LatogatasDetailView(ProjektJogMixin, DetailView):
    model = Latogatas
    template_name = "ugyfelek/latogatas_reszlet.html"
    context_object_name = "latogatas"

    def get_queryset(self):
        return latogatasok_listahoz(super().get_queryset()).prefetch_related("munkatarsak", "feladatok__felelos")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["szerkesztheti"] = szerkesztheti(self.request.user, self.object)
        audit.log_access(self.request, Hozzaferes.Muvelet.MEGTEKINTES, "látogatás", obj=self.object)
        return ctx


class LatogatasListView(ProjektJogMixin, ListView):
    model = Latogatas
    template_name = "ugyfelek/latogatas_lista.html"
    paginate_by = 25
    # A project has 100,000 visits, a national installation millions: a page is read by its ids, and the
    # count stops at 1,000 (core.pagination). Visits are browsed newest first and narrowed by date; an exact
    # count past 1,000 under a topic or a name would cost a join of every visit of the project (100 ms in
    # the largest), and the figures to report are the report's.
    paginator_class = GyorsPaginator
    KORLAT = 1_000
    # The count and a page's ids in one query, reading ten pages ahead: under a topic or a name each
    # matching visit costs a look-up, and 250 of them cost a quarter of 1,000.
    ELORE = 9

    def get_queryset(self):
        self.szuro = LatogatasSzuroForm(self.request.GET or None, user=self.request.user)
        alap = super().get_queryset()
        # A page's rows with what a row shows, as on the home page.
        self.sorok = alap.select_related("ugyfel", "haztartas", "szerzo").only(*LATOGATAS_SOR)
        # Under a name, the ids come from a union of searches that sorts its own rows; under a topic, within one
        # project, from the topics' index (``LatogatasTema``'s copies of the visit's project and time). The rows,
        # as always, from the scoped ``sorok``.
        # The list itself is filtered by everything but the name: a name is always in the ids (the paginator reads
        # no row but by them), and its union is not built a second time as a filter of the visits.
        szurt = self.szuro.szur(alap, kit=False)
        self.idk = self.szuro.nev_szerinti_idk(szurt)
        if self.idk is None:
            self.idk = self.szuro.tema_szerinti_idk()
        return szurt.order_by("-idopont", "-pk")

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(
            *args, sorok=self.sorok, korlat=self.KORLAT, elore=self.ELORE, idk=self.idk, **kwargs
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Topics and the members present of the page's visits: one query of plain values.
        latogatas_reszletek(ctx["page_obj"].object_list)
        ctx["szuro"] = self.szuro
        ctx["export"] = self.request.user.koordinator()
        return ctx


EXPORT_FEJLEC = [
    "Projekt",
    "Időpont",
    "Időtartam (perc)",
    "Típus",
    "Ügyfél",
    "Háztartás",
    "Jelen lévő tagok",
    "Rögzítette",
    "Témák",
    "Feljegyzés",
]


def latogatas_export(request):
    """The filtered visit list as .xlsx, for coordinators (visits of the projects they coordinate)."""
    if (valasz := szemelyes_jog(request)) is not None:
        return valasz
    if not request.user.koordinator():
        raise PermissionDenied("Az exportot csak a projekt koordinátora készítheti el.")
    szuro = LatogatasSzuroForm(request.GET or None, user=request.user)
    qs = szuro.szur(
        latogatasok_listahoz(Latogatas.objects.for_user(request.user, szerepek=(Szerep.KOORDINATOR,)))
    ).order_by("-idopont", "-pk")
    sorok = [
        [
            lat.projekt.kod,
            lat.idopont,
            lat.idotartam_perc,
            lat.get_tipus_display(),
            lat.ugyfel.nev if lat.ugyfel else "",
            str(lat.haztartas) if lat.haztartas else "",
            ", ".join(u.nev for u in lat.jelenlevok.all()),
            lat.szerzo.teljes_nev,
            ", ".join(t.get_tema_display() for t in lat.temak.all()),
            lat.jegyzet,
        ]
        for lat in qs
    ]
    audit.log_access(request, Hozzaferes.Muvelet.EXPORT, "látogatások exportja", rekordok_szama=len(sorok))
    return xlsx_valasz(EXPORT_FEJLEC, sorok, fajlnev="latogatasok.xlsx", lapnev="Látogatások")
