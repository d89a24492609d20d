"""Follow-up tasks: my open ones, and marking one done."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from core.access import ProjektJogMixin

from ..models import KovetoFeladat
from ..services import koveto_feladat_kesz
from .latogatas import szemelyes_jog


class FeladatListView(ProjektJogMixin, ListView):
    """The signed-in staff member's open follow-ups, the most urgent first."""

    model = KovetoFeladat
    template_name = "ugyfelek/feladat_lista.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(felelos=self.request.user, kesz=False)
            .select_related("ugyfel", "haztartas", "latogatas")
            .order_by("hatarido", "pk")
        )


@require_POST
def feladat_kesz(request, pk):
    """Mark a follow-up of the user's projects done, then go back where the button was."""
    if (valasz := szemelyes_jog(request)) is not None:
        return valasz
    feladat = get_object_or_404(KovetoFeladat.objects.for_user(request.user), pk=pk)
    koveto_feladat_kesz(feladat=feladat)
    messages.success(request, f"Elvégezve: {feladat.leiras}")
    tovabb = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(tovabb, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(tovabb)
    return redirect("ugyfelek:feladat_lista")
