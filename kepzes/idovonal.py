"""Trainings on the participant's and household's timeline: enrolments, completions, certificates, presences."""

from django.urls import reverse

from core.attendance import idovonal_szures
from ugyfelek import timeline
from ugyfelek.timeline import Esemeny

from .models import Beiratkozas, Jelenlet


@timeline.forras(sorok=(Beiratkozas, "ugyfel"))
def beiratkozasok(*, ugyfel=None, haztartas=None, user):
    """Enrolment, completion, drop-out and certificate of each training (one query, columns only)."""
    qs = idovonal_szures(Beiratkozas.objects.all(), ugyfel=ugyfel, haztartas=haztartas, user=user)
    sorok = qs.order_by().values_list(
        "pk",  # a household's rows are DISTINCT: one line per enrolment
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
        *timeline.nev_oszlopok(haztartas),
    )
    statuszok = dict(Beiratkozas.Statusz.choices)
    for (
        _pk,
        csoport_id,
        kepzes,
        datum,
        statusz,
        elvegezte,
        lemorzsolodott,
        oka,
        tanusitvany,
        t_datum,
        t_szam,
        *nev,
    ) in sorok:
        url = reverse("kepzes:csoport_reszlet", args=[csoport_id])
        nev = timeline.elotag(nev)
        yield Esemeny(datum, "Képzés", f"{nev}beiratkozás – {kepzes}", statuszok.get(statusz, statusz), url)
        if elvegezte:
            yield Esemeny(elvegezte, "Képzés", f"{nev}elvégezte – {kepzes}", "", url)
        if lemorzsolodott:
            yield Esemeny(lemorzsolodott, "Képzés", f"{nev}lemorzsolódott – {kepzes}", oka, url)
        if tanusitvany:
            datum = t_datum or elvegezte or datum
            yield Esemeny(datum, "Tanúsítvány", f"{nev}{kepzes}", f"Tanúsítvány száma: {t_szam}", url)


@timeline.forras(sorok=(Jelenlet, "ugyfel"))
def jelenletek(*, ugyfel=None, haztartas=None, user):
    """Presences at training sessions (one query, columns only)."""
    qs = idovonal_szures(Jelenlet.objects.all(), ugyfel=ugyfel, haztartas=haztartas, user=user)
    sorok = qs.order_by().values_list(
        "pk",  # a household's rows are DISTINCT: one line per presence
        "foglalkozas__datum",
        "foglalkozas__tema",
        "foglalkozas__csoport__kepzes__nev",
        *timeline.nev_oszlopok(haztartas),
    )
    for _pk, datum, tema, kepzes, *nev in sorok:
        yield Esemeny(datum, "Foglalkozás", f"{timeline.elotag(nev)}jelen – {kepzes}", tema)
