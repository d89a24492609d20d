"""Community programmes on the participant's and household's timeline."""

from django.urls import reverse

from core.attendance import idovonal_szures
from ugyfelek import timeline
from ugyfelek.timeline import Esemeny

from .models import Jelentkezes, Reszvetel


def _elotag(obj, haztartas):
    # On a household's timeline each line says whose it is.
    return f"{obj.ugyfel.nev}: " if haztartas is not None else ""


@timeline.forras
def jelentkezesek(*, ugyfel=None, haztartas=None, user):
    """Sign-ups for programmes (one query)."""
    qs = Jelentkezes.objects.select_related("program", "ugyfel")
    for j in idovonal_szures(qs, ugyfel=ugyfel, haztartas=haztartas, user=user):
        url = reverse("kozosseg:program_reszlet", args=[j.program_id])
        yield Esemeny(j.datum, "Program", f"{_elotag(j, haztartas)}jelentkezés – {j.program.nev}", url=url)


@timeline.forras
def reszvetelek(*, ugyfel=None, haztartas=None, user):
    """Presences at programme sessions: events, clubs, camps (one query)."""
    qs = Reszvetel.objects.select_related("alkalom__program", "ugyfel")
    for r in idovonal_szures(qs, ugyfel=ugyfel, haztartas=haztartas, user=user):
        a = r.alkalom
        cim = f"{_elotag(r, haztartas)}részt vett – {a.program.nev}"
        yield Esemeny(a.datum, "Közösségi program", cim, a.tema, reverse("kozosseg:alkalom_reszlet", args=[a.pk]))
