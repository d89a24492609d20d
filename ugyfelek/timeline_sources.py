"""Timeline sources of the mentoring work: visits, development plans and their changes, reviews, follow-ups.

Imported from ``UgyfelekConfig.ready()``. Each source runs a fixed number of
queries, scoped through ``for_user``, whatever the number of records.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import Valtozas

from . import timeline
from .models import FejlesztesiTerv, Felulvizsgalat, KovetoFeladat, Latogatas

# Plenty for one person's page; the timeline itself cuts the merged list at 200 as well.
FORRAS_LIMIT = 200
# Writes this close to the plan's creation belong to drawing it up, not to a later change.
EGYUTT_IRT = datetime.timedelta(minutes=1)


def _latogatas_szuro(ugyfel, haztartas):
    if ugyfel is not None:
        # A participant's visits include the household visits where they were present.
        # The ids are read first (one query): an OR with a subquery cannot use the indexes.
        jelen = Latogatas.jelenlevok.through.objects.filter(ugyfel=ugyfel).values_list("latogatas_id", flat=True)
        return Q(ugyfel=ugyfel) | Q(pk__in=list(jelen))
    return Q(haztartas=haztartas)


def _terv_szuro(ugyfel, haztartas, prefix=""):
    return Q(**{f"{prefix}ugyfel": ugyfel}) if ugyfel is not None else Q(**{f"{prefix}haztartas": haztartas})


@timeline.forras
def latogatasok(*, ugyfel=None, haztartas=None, user):
    """Visits (two queries: the visits, their topics)."""
    qs = (
        Latogatas.objects.for_user(user)
        .filter(_latogatas_szuro(ugyfel, haztartas))
        .select_related("szerzo")
        .prefetch_related("temak")
        .order_by("-idopont", "-pk")[:FORRAS_LIMIT]
    )
    esemenyek = []
    for lat in qs:
        temak = ", ".join(t.get_tema_display() for t in lat.temak.all())
        esemenyek.append(
            timeline.Esemeny(
                idopont=lat.idopont,
                tipus="Látogatás",
                cim=f"{lat.get_tipus_display()} ({lat.szerzo})",
                leiras=temak,
                url=reverse("ugyfelek:latogatas_reszlet", args=[lat.pk]),
            )
        )
    return esemenyek


@timeline.forras
def fejlesztesi_tervek(*, ugyfel=None, haztartas=None, user):
    """Plans drawn up, goals achieved, and the days the plan or its goals were changed (three queries)."""
    tervek = list(
        FejlesztesiTerv.objects.for_user(user)
        .filter(_terv_szuro(ugyfel, haztartas))
        .prefetch_related("celok")
        .order_by("-keszult", "-pk")[:FORRAS_LIMIT]
    )
    if not tervek:
        return []
    esemenyek = []
    cel_terv = {}
    for terv in tervek:
        url = reverse("ugyfelek:terv_reszlet", args=[terv.pk])
        esemenyek.append(
            timeline.Esemeny(idopont=terv.keszult, tipus="Fejlesztési terv", cim="Fejlesztési terv készült", url=url)
        )
        for cel in terv.celok.all():
            cel_terv[str(cel.pk)] = terv
            if cel.teljesult_datum:
                esemenyek.append(
                    timeline.Esemeny(
                        idopont=cel.teljesult_datum,
                        tipus="Fejlesztési terv",
                        cim=f"Cél {cel.get_statusz_display()}: {cel}",
                        url=url,
                    )
                )
    # Changes come from the change history: one entry per plan and day, without the values. The
    # history itself is for coordinators only; here it is read for plans this user may already see,
    # and only the fact and day of a change leave it.
    valtozasok = Valtozas.objects.filter(
        Q(modell="ugyfelek.fejlesztesiterv", objektum_id__in=[str(t.pk) for t in tervek])
        | Q(modell="ugyfelek.tervcel", objektum_id__in=list(cel_terv))
    ).values_list("modell", "objektum_id", "muvelet", "idopont", "valtozasok")
    terv_by_id = {str(t.pk): t for t in tervek}
    letrehozva = {}
    napok = {}
    for modell, objektum_id, muvelet, idopont, mezok in valtozasok:
        if set(mezok or ()) <= {"kovetkezo_felulvizsgalat"}:
            continue  # the next review date moves with each review, which has its own entry
        terv = terv_by_id.get(objektum_id) if modell == "ugyfelek.fejlesztesiterv" else cel_terv.get(objektum_id)
        if modell == "ugyfelek.fejlesztesiterv" and muvelet == Valtozas.Muvelet.LETREHOZAS:
            letrehozva[terv.pk] = idopont
            continue
        napok.setdefault((terv.pk, timezone.localtime(idopont).date()), idopont)
    for (terv_pk, _nap), idopont in napok.items():
        if terv_pk in letrehozva and abs(idopont - letrehozva[terv_pk]) < EGYUTT_IRT:
            continue  # the goals saved together with the new plan are part of drawing it up
        esemenyek.append(
            timeline.Esemeny(
                idopont=idopont,
                tipus="Fejlesztési terv",
                cim="A fejlesztési terv módosult",
                url=reverse("ugyfelek:terv_reszlet", args=[terv_pk]),
            )
        )
    return esemenyek


@timeline.forras
def felulvizsgalatok(*, ugyfel=None, haztartas=None, user):
    """Reviews of the plans (one query)."""
    qs = (
        Felulvizsgalat.objects.for_user(user)
        .filter(_terv_szuro(ugyfel, haztartas, "terv__"))
        .select_related("keszitette")
        .order_by("-datum", "-pk")[:FORRAS_LIMIT]
    )
    return [
        timeline.Esemeny(
            idopont=f.datum,
            tipus="Felülvizsgálat",
            cim=f"A fejlesztési terv felülvizsgálata ({f.keszitette})",
            leiras=f.megallapitasok[:200],
            url=reverse("ugyfelek:terv_reszlet", args=[f.terv_id]),
        )
        for f in qs
    ]


@timeline.forras
def koveto_feladatok(*, ugyfel=None, haztartas=None, user):
    """Follow-ups, on their due date (or when done); two queries."""
    if ugyfel is not None:
        # The visit ids first: an OR with a subquery would make PostgreSQL scan every follow-up,
        # while two plain conditions combine two index scans.
        latogatasok = list(Latogatas.objects.filter(_latogatas_szuro(ugyfel, None)).values_list("pk", flat=True))
        szuro = Q(ugyfel=ugyfel) | Q(latogatas_id__in=latogatasok)
    else:
        szuro = Q(haztartas=haztartas)
    qs = (
        KovetoFeladat.objects.for_user(user)
        .filter(szuro)
        .select_related("felelos")
        .order_by("-hatarido", "-pk")[:FORRAS_LIMIT]
    )
    return [
        timeline.Esemeny(
            idopont=f.kesz_idopont if f.kesz and f.kesz_idopont else f.hatarido,
            tipus="Teendő",
            cim=f"{f.leiras} ({'elvégezve' if f.kesz else 'határidő: ' + f'{f.hatarido:%Y. %m. %d.}'})",
            leiras=f"Felelős: {f.felelos}",
            url=reverse("ugyfelek:latogatas_reszlet", args=[f.latogatas_id]) if f.latogatas_id else "",
        )
        for f in qs
    ]
