"""Trainings on the participant's and household's timeline: enrolments, completions, certificates, presences."""

from django.urls import reverse

from core.attendance import idovonal_szures
from ugyfelek import timeline
from ugyfelek.timeline import Esemeny

from .models import Beiratkozas, Jelenlet


@timeline.forras
def beiratkozasok(*, ugyfel=None, haztartas=None, user):
    """Enrolment, completion, drop-out and certificate of each training (one query)."""
    qs = idovonal_szures(
        Beiratkozas.objects.select_related("csoport__kepzes", "ugyfel"), ugyfel=ugyfel, haztartas=haztartas, user=user
    )
    for b in qs:
        url = reverse("kepzes:csoport_reszlet", args=[b.csoport_id])
        kepzes = b.csoport.kepzes.nev
        nev = f"{b.ugyfel.nev}: " if haztartas is not None else ""
        yield Esemeny(b.datum, "Képzés", f"{nev}beiratkozás – {kepzes}", b.get_statusz_display(), url)
        if b.elvegezte_datum:
            yield Esemeny(b.elvegezte_datum, "Képzés", f"{nev}elvégezte – {kepzes}", "", url)
        if b.lemorzsolodas_datuma:
            yield Esemeny(b.lemorzsolodas_datuma, "Képzés", f"{nev}lemorzsolódott – {kepzes}", b.lemorzsolodas_oka, url)
        if b.tanusitvany:
            datum = b.tanusitvany_datuma or b.elvegezte_datum or b.datum
            yield Esemeny(datum, "Tanúsítvány", f"{nev}{kepzes}", f"Tanúsítvány száma: {b.tanusitvany_szama}", url)


@timeline.forras
def jelenletek(*, ugyfel=None, haztartas=None, user):
    """Presences at training sessions (one query)."""
    qs = idovonal_szures(
        Jelenlet.objects.select_related("foglalkozas__csoport__kepzes", "ugyfel"),
        ugyfel=ugyfel,
        haztartas=haztartas,
        user=user,
    )
    for j in qs:
        f = j.foglalkozas
        nev = f"{j.ugyfel.nev}: " if haztartas is not None else ""
        yield Esemeny(f.datum, "Foglalkozás", f"{nev}jelen – {f.csoport.kepzes.nev}", f.tema)
