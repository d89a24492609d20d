"""Community programmes on the participant's and household's timeline."""

from django.urls import reverse

from core.attendance import idovonal_szures
from ugyfelek import timeline
from ugyfelek.timeline import Esemeny

from .models import Jelentkezes, Reszvetel


@timeline.forras(sorok=(Jelentkezes, "ugyfel"))
def jelentkezesek(*, ugyfel=None, haztartas=None, user):
    """Sign-ups for programmes (one query, columns only)."""
    qs = idovonal_szures(Jelentkezes.objects.all(), ugyfel=ugyfel, haztartas=haztartas, user=user)
    # "pk": a household's rows are DISTINCT, one line per sign-up.
    sorok = qs.order_by().values_list("pk", "datum", "program_id", "program__nev", *timeline.nev_oszlopok(haztartas))
    for _pk, datum, program_id, program, *nev in sorok:
        url = reverse("kozosseg:program_reszlet", args=[program_id])
        yield Esemeny(datum, "Program", f"{timeline.elotag(nev)}jelentkezés – {program}", url=url)


@timeline.forras(sorok=(Reszvetel, "ugyfel"))
def reszvetelek(*, ugyfel=None, haztartas=None, user):
    """Presences at programme sessions: events, clubs, camps (one query, columns only)."""
    qs = idovonal_szures(Reszvetel.objects.all(), ugyfel=ugyfel, haztartas=haztartas, user=user)
    sorok = qs.order_by().values_list(
        "pk",  # a household's rows are DISTINCT: one line per presence
        "alkalom_id",
        "alkalom__datum",
        "alkalom__tema",
        "alkalom__program__nev",
        *timeline.nev_oszlopok(haztartas),
    )
    for _pk, alkalom_id, datum, tema, program, *nev in sorok:
        cim = f"{timeline.elotag(nev)}részt vett – {program}"
        yield Esemeny(datum, "Közösségi program", cim, tema, reverse("kozosseg:alkalom_reszlet", args=[alkalom_id]))
