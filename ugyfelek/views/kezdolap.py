from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from akcioterulet.models import Projekt

from ..selectors import het_vege, koordinator_attekintes, mentor_napja


@login_required
def kezdolap(request):
    """The start page: the mentor's day, the coordinator's team overview; report readers see no personal data."""
    user = request.user
    ma = timezone.localdate()
    ctx = {
        "projektek": Projekt.objects.for_user(user),
        "ma": ma,
        "het_vege": het_vege(ma),
        "nem_latogatott_napok": settings.KAPOCS_NEM_LATOGATOTT_NAPOK,
    }
    if user.lat_szemelyes_adatot():
        ctx["nap"] = mentor_napja(user, ma=ma)
        # A coordinator who mentors nobody needs only their follow-ups and the team.
        ctx["sajat_ugyfelek"] = user.mentor() or bool(ctx["nap"].ugyfelek or ctx["nap"].legutobbi_latogatasok)
        if user.koordinator():
            ctx["attekintes"] = koordinator_attekintes(user, ma=ma)
    return render(request, "ugyfelek/kezdolap.html", ctx)
