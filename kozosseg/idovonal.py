"""Community programmes on the participant's and household's timeline."""

from django.urls import reverse

from ugyfelek import timeline
from ugyfelek.timeline import Esemeny

from .models import Jelentkezes, Reszvetel


@timeline.sor_forras(Jelentkezes, "datum", "program_id", "program__nev")
def jelentkezesek(nev, datum, program_id, program):
    """Sign-ups for programmes (one query, columns only)."""
    url = reverse("kozosseg:program_reszlet", args=[program_id])
    yield Esemeny(datum, "Program", f"{nev}jelentkezés – {program}", url=url)


@timeline.sor_forras(Reszvetel, "alkalom_id", "alkalom__datum", "alkalom__tema", "alkalom__program__nev")
def reszvetelek(nev, alkalom_id, datum, tema, program):
    """Presences at programme sessions: events, clubs, camps (one query, columns only)."""
    cim = f"{nev}részt vett – {program}"
    yield Esemeny(datum, "Közösségi program", cim, tema, reverse("kozosseg:alkalom_reszlet", args=[alkalom_id]))
