from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from akcioterulet.models import Projekt
from core.adatverzio import Gyorsito

from ..selectors import (
    CSAPAT_SOROK,
    KEZDOLAP_SOROK,
    TELJES_OLDAL,
    het_vege,
    kezdolap_nevek,
    koordinator_attekintes,
    mentor_napja,
)

# The lists a "show all" link may open in full (``?mind=<name>``); every other list shows its first rows.
KIBONTHATO = {
    "lejart_feladatok",
    "heti_feladatok",
    "esedekes_felulvizsgalatok",
    "nem_latogatottak",
    "ugyfelek",
    "haztartasok",
    "senki_nem_latogatta",
    "csapat",
}
# The lists shown in full a page at a time (``?oldal=``).
LAPOZHATO = {"senki_nem_latogatta", "csapat"}


def _oldal(request) -> int:
    try:
        return max(1, int(request.GET.get("oldal", 1)))
    except ValueError:
        return 1


def _lapozo(lista) -> dict:
    """Where a page of a list shown in full is (rows ``tol``..``ig``) and the numbers of its neighbours."""
    oldal = lista.kezdet // TELJES_OLDAL + 1
    ig = lista.kezdet + len(lista.sorok)
    return {
        "tol": lista.kezdet + 1,
        "ig": ig,
        "elozo": oldal - 1 if oldal > 1 else None,
        "kovetkezo": oldal + 1 if ig < lista.osszesen else None,
    }


def _listak(user, *, ma, mind, oldal) -> dict:
    """The lists of the home page of someone who sees personal data.

    Each list is kept apart under the data versions of the tables and columns it reads (``core.adatverzio``): after a
    saved visit only the lists that show visits or last visits are recounted; and every list the next day.
    """
    gyorsito = Gyorsito(user, "kezdolap", (ma, mind, oldal, settings.KAPOCS_NEM_LATOGATOTT_NAPOK))
    ctx = {}
    attekintes = None
    if user.koordinator():
        teljes = {"senki_nem_latogatta": {"nem_latogatottak"}, "csapat": {"csapat"}}.get(mind, ())
        attekintes = ctx["attekintes"] = koordinator_attekintes(
            user, ma=ma, teljes=teljes, oldal=oldal, futtato=gyorsito.reszek, nevek=False
        )
        if mind == "senki_nem_latogatta":
            ctx["lapozo"] = _lapozo(attekintes.nem_latogatottak)
        elif mind == "csapat":
            ctx["lapozo"] = _lapozo(attekintes.csapat)
    # A coordinator who mentors nobody needs only their follow-ups and the team (their own visits are one
    # click away: the visit list, their row of the team table). Staff who see personal data are mentors or
    # coordinators; without a mentor role every project of theirs is coordinated, so the team's figures
    # say whether they mentor anyone.
    esetek = user.mentor() or attekintes.ugyfelek_mentoronkent.get(user.pk, 0) > 0
    ctx["sajat_ugyfelek"] = esetek
    ctx["nap"] = mentor_napja(user, ma=ma, esetek=esetek, teljes={mind}, futtato=gyorsito.reszek, nevek=False)
    # The names of the participants and households every list shows, in one query for the page (kept apart: a
    # renamed participant recounts the names alone).
    kezdolap_nevek(user, gyorsito.reszek, nap=ctx["nap"], attekintes=attekintes)
    return ctx


@login_required
def kezdolap(request):
    """The start page: the mentor's day, the coordinator's team overview; report readers see no personal data.

    Every list shows its first rows and how many there are in all; ``?mind=<list>`` shows one list in full.
    """
    user = request.user
    ma = timezone.localdate()
    mind = request.GET.get("mind", "")
    mind = mind if mind in KIBONTHATO else ""
    ctx = {
        "projektek": Projekt.objects.for_user(user),
        "ma": ma,
        "het_vege": het_vege(ma),
        "nem_latogatott_napok": settings.KAPOCS_NEM_LATOGATOTT_NAPOK,
        "mind": mind,
        "sorok": KEZDOLAP_SOROK,
        "teljes_oldal": TELJES_OLDAL,
        "csapat_sorok": CSAPAT_SOROK,
    }
    if user.lat_szemelyes_adatot():
        oldal = _oldal(request) if mind in LAPOZHATO else 1
        ctx.update(_listak(user, ma=ma, mind=mind, oldal=oldal))
    return render(request, "ugyfelek/kezdolap.html", ctx)
