"""Trainings on the participant's and household's timeline: enrolments, completions, certificates, presences."""

from django.urls import reverse

from ugyfelek import timeline
from ugyfelek.timeline import Esemeny

from .models import Beiratkozas, Jelenlet

_STATUSZOK = dict(Beiratkozas.Statusz.choices)


@timeline.sor_forras(
    Beiratkozas,
    "csoport_id",
    "csoport__kepzes__nev",
    "datum",
    "statusz",
    "elvegezte_datum",
    "lemorzsolodas_datuma",
    "lemorzsolodas_oka",
    "tanusitvany",
    "tanusitvany_datuma",
    "tanusitvany_szama",
)
def beiratkozasok(
    nev, csoport_id, kepzes, datum, statusz, elvegezte, lemorzsolodott, oka, tanusitvany, t_datum, t_szam
):
    """Enrolment, completion, drop-out and certificate of each training (one query, columns only)."""
    url = reverse("kepzes:csoport_reszlet", args=[csoport_id])
    yield Esemeny(datum, "Képzés", f"{nev}beiratkozás – {kepzes}", _STATUSZOK.get(statusz, statusz), url)
    if elvegezte:
        yield Esemeny(elvegezte, "Képzés", f"{nev}elvégezte – {kepzes}", "", url)
    if lemorzsolodott:
        yield Esemeny(lemorzsolodott, "Képzés", f"{nev}lemorzsolódott – {kepzes}", oka, url)
    if tanusitvany:
        datum = t_datum or elvegezte or datum
        yield Esemeny(datum, "Tanúsítvány", f"{nev}{kepzes}", f"Tanúsítvány száma: {t_szam}", url)


@timeline.sor_forras(Jelenlet, "foglalkozas__datum", "foglalkozas__tema", "foglalkozas__csoport__kepzes__nev")
def jelenletek(nev, datum, tema, kepzes):
    """Presences at training sessions (one query, columns only)."""
    yield Esemeny(datum, "Foglalkozás", f"{nev}jelen – {kepzes}", tema)
