"""Timeline sources of the mentoring work: visits, development plans and their changes, reviews, follow-ups.

Imported from ``UgyfelekConfig.ready()``. Each source runs a fixed number of
queries, scoped through ``for_user``, whatever the number of records.
"""

import datetime
import json
from itertools import islice
from types import SimpleNamespace

from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from akcioterulet.models import Felhasznalo
from core import kurzor
from core.models import Valtozas

from . import timeline
from .models import (
    FejlesztesiTerv,
    KovetoFeladat,
    Latogatas,
    LatogatasTipus,
    Tema,
    TervCel,
)

# The sources register in the order below, plans and reviews before visits and follow-ups: the
# timeline's sort is stable, and so a plan, a review and a follow-up of the same day (dated lines
# sort at the end of their day) keep the order they had when each was a source of its own.

# Plenty for one person's page; the timeline itself cuts the merged list at 200 as well.
FORRAS_LIMIT = 200
# Writes this close to the plan's creation belong to drawing it up, not to a later change.
EGYUTT_IRT = datetime.timedelta(minutes=1)


def _nev(vezeteknev, utonev, felhasznalonev):
    """``Felhasznalo.teljes_nev`` of a staff member read as three columns (no model instance per line)."""
    return Felhasznalo.teljes_nev.fget(
        SimpleNamespace(last_name=vezeteknev, first_name=utonev, username=felhasznalonev)
    )


def _nev_mezok(kapcsolat):
    return tuple(f"{kapcsolat}__{mezo}" for mezo in ("last_name", "first_name", "username"))


def _terv_szuro(ugyfel, haztartas, prefix=""):
    return Q(**{f"{prefix}ugyfel": ugyfel}) if ugyfel is not None else Q(**{f"{prefix}haztartas": haztartas})


def tervek_lekerdezes(user, *, ugyfel=None, haztartas=None):
    """The plans of a participant or household this user may see, newest first.

    The participant's page lists them and hands them to its timeline (``tervek``), which reads their goals.
    """
    return FejlesztesiTerv.objects.for_user(user).filter(_terv_szuro(ugyfel, haztartas)).order_by("-keszult", "-pk")


@timeline.forras
def fejlesztesi_tervek(*, ugyfel=None, haztartas=None, user, tervek=None):
    """Plans drawn up, goals achieved, the days the plan or its goals were changed, and the reviews.

    ``tervek``: the plans as ``tervek_lekerdezes`` reads them, when the caller has them already.
    One query when there is no plan (none when they are handed over), and so no review either; one more when
    there is one: the plans' goals, their change history and their reviews together (``_terv_sorok``).
    """
    if tervek is None:
        tervek = tervek_lekerdezes(user, ugyfel=ugyfel, haztartas=haztartas)
    tervek = list(tervek[:FORRAS_LIMIT])
    if not tervek:
        return []
    terv_by_id = {t.pk: t for t in tervek}
    celok, valtozasok, felulvizsgalatok = {}, [], []
    for fajta, pk, terv_id, a, b, c, d, datum, idopont, mezok in _terv_sorok(tervek):
        if fajta == "c":
            celok.setdefault(terv_id, []).append((c, pk, datum, a, b))
        elif fajta == "v":
            valtozasok.append((a, b, c, idopont, mezok))
        else:
            felulvizsgalatok.append((datum, pk, terv_id, a, (b, c, d)))
    esemenyek = []
    cel_terv = {}
    for terv in tervek:
        url = reverse("ugyfelek:terv_reszlet", args=[terv.pk])
        esemenyek.append(
            timeline.Esemeny(idopont=terv.keszult, tipus="Fejlesztési terv", cim="Fejlesztési terv készült", url=url)
        )
        # In the goals' own order (deadline, then id; no deadline last, as PostgreSQL sorts), as the plan lists them.
        for _hatarido, cel_pk, teljesult, statusz, leiras in sorted(
            celok.get(terv.pk, ()), key=lambda cel: (cel[0] is None, cel[0] or "", cel[1])
        ):
            cel_terv[str(cel_pk)] = terv
            if teljesult:
                esemenyek.append(
                    timeline.Esemeny(
                        idopont=teljesult,
                        tipus="Fejlesztési terv",
                        cim=f"Cél {TervCel.Statusz(statusz).label}: {leiras[:80]}",
                        url=url,
                    )
                )
    # Changes come from the change history: one entry per plan and day, without the values. The
    # history itself is for coordinators only; here it is read for plans this user may already see,
    # and only the fact and day of a change leave it.
    letrehozva = {}
    napok = {}
    for modell, objektum_id, muvelet, idopont, mezok in valtozasok:
        if set(mezok or ()) <= {"kovetkezo_felulvizsgalat"}:
            continue  # the next review date moves with each review, which has its own entry
        terv = terv_by_id.get(int(objektum_id)) if modell == "ugyfelek.fejlesztesiterv" else cel_terv.get(objektum_id)
        if terv is None:
            continue
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
    # The reviews, newest first.
    felulvizsgalatok.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return esemenyek + [
        timeline.Esemeny(
            idopont=datum,
            tipus="Felülvizsgálat",
            cim=f"A fejlesztési terv felülvizsgálata ({_nev(*keszitette)})",
            leiras=megallapitasok[:200],
            url=reverse("ugyfelek:terv_reszlet", args=[terv_id]),
        )
        for datum, _pk, terv_id, megallapitasok, keszitette in felulvizsgalatok[:FORRAS_LIMIT]
    ]


# ``_terv_sorok``'s statement; ``{tervek}`` stands for the plans' ids (placeholders), three times over. Column by
# column: the kind, the row's id, its plan, then by kind (see ``_terv_sorok``) a, b, c, d, a day, a time, the fields.
# Tables and columns are named in quotes, as Django writes them (what ``core.adatverzio.Figyelo`` reads).
TERV_SOROK_SQL = """
SELECT 'v', "v"."id", NULL, "v"."modell", "v"."objektum_id", "v"."muvelet", '', NULL, "v"."idopont", "v"."valtozasok"
  FROM "core_valtozas" "v"
 WHERE ("v"."modell" = 'ugyfelek.fejlesztesiterv' AND "v"."objektum_id" IN ({tervek_szovegkent}))
    OR ("v"."modell" = 'ugyfelek.tervcel' AND "v"."objektum_id" IN (
        SELECT CAST("c"."id" AS varchar(40)) FROM "ugyfelek_tervcel" "c" WHERE "c"."terv_id" IN ({tervek})))
UNION ALL
SELECT 'c', "c"."id", "c"."terv_id", "c"."statusz", "c"."leiras", CAST("c"."hatarido" AS varchar(10)), '',
       "c"."teljesult_datum", NULL, NULL
  FROM "ugyfelek_tervcel" "c"
 WHERE "c"."terv_id" IN ({tervek})
UNION ALL
SELECT 'f', "f"."id", "f"."terv_id", "f"."megallapitasok", "k"."last_name", "k"."first_name", "k"."username",
       "f"."datum", NULL, NULL
  FROM "ugyfelek_felulvizsgalat" "f" LEFT JOIN "akcioterulet_felhasznalo" "k" ON "k"."id" = "f"."keszitette_id"
 WHERE "f"."terv_id" IN ({tervek})
"""


def _terv_sorok(tervek):
    """The plans' goals, the change history of the plans and their goals, and the reviews, in one query.

    Rows of three kinds, each ``(kind, pk, plan, a, b, c, d, date, time, changed fields)``:
    - "v", a change: ``a`` the model, ``b`` the record's id, ``c`` the action, ``time``, the changed fields;
    - "c", a goal: ``a`` its status, ``b`` its text, ``c`` its deadline (ISO text), ``date`` the day it was achieved;
    - "f", a review: ``a`` the findings, ``b``-``d`` the author's names, ``date``.

    Everything is read by the ids of ``tervek``, the plans this user may see (``tervek_lekerdezes``, through
    ``for_user``): goals, reviews and their history belong to their plan's project. A written-out statement:
    Django took 1.5 ms to build and compile the same UNION, PostgreSQL 0.6 ms to answer it.
    """
    terv_idk = [t.pk for t in tervek]
    helyek = ", ".join(["%s"] * len(terv_idk))
    sql = TERV_SOROK_SQL.format(tervek_szovegkent=helyek, tervek=helyek)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*map(str, terv_idk), *terv_idk, *terv_idk, *terv_idk])
        sorok = cursor.fetchall()
    for fajta, pk, terv_id, a, b, c, d, datum, idopont, mezok in sorok:
        if isinstance(mezok, str):
            mezok = json.loads(mezok)
        yield fajta, pk, terv_id, a, b, c, d, kurzor.nap(datum), kurzor.ido(idopont), mezok


@timeline.forras
def latogatasok_es_teendok(*, ugyfel=None, haztartas=None, user):
    """Visits and follow-ups: three queries on a participant's page, two on a household's.

    One source, because the follow-ups of a participant are found through their visits: the
    visits are read once, with their topics, as columns rather than model instances, and serve
    both. Every visit is read (a person's or a household's visits are a few dozen, a few hundred
    at most); the latest ``FORRAS_LIMIT`` are shown.
    """
    if ugyfel is not None:
        # A participant's visits include the household visits where they were present. The ids of
        # those are read first: an OR with a subquery cannot use the indexes.
        jelen = list(Latogatas.jelenlevok.through.objects.filter(ugyfel=ugyfel).values_list("latogatas_id", flat=True))
        szuro = Q(ugyfel=ugyfel) | Q(pk__in=jelen)
    else:
        szuro = Q(haztartas=haztartas)
    # One row per visit and topic (a visit without a topic has one row, with None).
    sorok = (
        Latogatas.objects.for_user(user)
        .filter(szuro)
        .order_by("-idopont", "-pk", "temak__pk")
        .values_list("pk", "idopont", "tipus", *_nev_mezok("szerzo"), "temak__tema")
    )
    latogatasok = {}  # pk -> (idopont, tipus, szerzo, [topics]), newest first
    for pk, idopont, tipus, *szerzo, tema in sorok:
        if pk not in latogatasok:
            latogatasok[pk] = (idopont, tipus, szerzo, [])
        if tema is not None:
            latogatasok[pk][3].append(tema)
    tema_nevek = dict(Tema.choices)
    tipus_nevek = dict(LatogatasTipus.choices)
    latogatas_url = timeline.url_keszito("ugyfelek:latogatas_reszlet")
    esemenyek = [
        timeline.Esemeny(
            idopont=idopont,
            tipus="Látogatás",
            cim=f"{tipus_nevek.get(tipus, tipus)} ({_nev(*szerzo)})",
            leiras=", ".join(tema_nevek.get(tema, tema) for tema in temak),
            url=latogatas_url(pk),
        )
        for pk, (idopont, tipus, szerzo, temak) in islice(latogatasok.items(), FORRAS_LIMIT)
    ]

    if ugyfel is not None:
        # The participant's own follow-ups and those of their visits: two plain conditions that
        # PostgreSQL combines from two index scans (an OR with a subquery would scan every follow-up).
        feladat_szuro = Q(ugyfel=ugyfel) | Q(latogatas_id__in=list(latogatasok))
    else:
        feladat_szuro = Q(haztartas=haztartas)
    feladatok = (
        KovetoFeladat.objects.for_user(user)
        .filter(feladat_szuro)
        .order_by("-hatarido", "-pk")
        .values_list("latogatas_id", "leiras", "hatarido", "kesz", "kesz_idopont", *_nev_mezok("felelos"))[
            :FORRAS_LIMIT
        ]
    )
    for latogatas_id, leiras, hatarido, kesz, kesz_idopont, *felelos in feladatok:
        esemenyek.append(
            timeline.Esemeny(
                idopont=kesz_idopont if kesz and kesz_idopont else hatarido,
                tipus="Teendő",
                cim=f"{leiras} ({'elvégezve' if kesz else 'határidő: ' + f'{hatarido:%Y. %m. %d.}'})",
                leiras=f"Felelős: {_nev(*felelos)}",
                url=latogatas_url(latogatas_id) if latogatas_id else "",
            )
        )
    return esemenyek
