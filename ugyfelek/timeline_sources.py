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


# ``latogatasok_es_teendok``'s statement. ``{latogatasai}`` selects the ids of the visits of the participant or
# household, ``{feladatai}`` the ids of their follow-ups (from the visits read, "l"); ``{hatokor_l}`` and
# ``{hatokor_f}`` are ``for_user``'s conditions. Column by column: the kind ('l' a visit and one of its topics, 'f' a
# follow-up), the row's id, the visit's id, the visit's time, its type or the follow-up's text, the topic, the
# follow-up's due day, whether it is done and when, the author's or the person responsible's three names, the
# topic's id. The visits newest first (all of them: a person's are a few dozen, a few hundred at most), the latest
# ``FORRAS_LIMIT`` follow-ups by due day.
LATOGATAS_SOROK_SQL = """
WITH "l" AS (
  SELECT "l"."id", "l"."idopont", "l"."tipus", "l"."szerzo_id" FROM "ugyfelek_latogatas" "l"
   WHERE {hatokor_l} AND "l"."id" IN ({latogatasai})
), "f" AS (
  SELECT "f"."id", "f"."latogatas_id", "f"."leiras", "f"."hatarido", "f"."kesz", "f"."kesz_idopont", "f"."felelos_id"
    FROM "ugyfelek_kovetofeladat" "f"
   WHERE {hatokor_f} AND "f"."id" IN ({feladatai})
   ORDER BY "f"."hatarido" DESC, "f"."id" DESC
   LIMIT %s
)
SELECT 'l' AS "fajta", "l"."id" AS "id", "l"."id" AS "latogatas_id", "l"."idopont" AS "idopont",
       "l"."tipus" AS "szoveg", "t"."tema" AS "tema", NULL AS "hatarido", NULL AS "kesz", NULL AS "kesz_idopont",
       "sz"."last_name" AS "vezeteknev", "sz"."first_name" AS "utonev", "sz"."username" AS "felhasznalonev",
       "t"."id" AS "sorrend"
  FROM "l" LEFT JOIN "ugyfelek_latogatastema" "t" ON "t"."latogatas_id" = "l"."id"
  LEFT JOIN "akcioterulet_felhasznalo" "sz" ON "sz"."id" = "l"."szerzo_id"
UNION ALL
SELECT 'f', "f"."id", "f"."latogatas_id", NULL, "f"."leiras", NULL, "f"."hatarido", "f"."kesz", "f"."kesz_idopont",
       "fe"."last_name", "fe"."first_name", "fe"."username", NULL
  FROM "f" LEFT JOIN "akcioterulet_felhasznalo" "fe" ON "fe"."id" = "f"."felelos_id"
ORDER BY "fajta" DESC, "idopont" DESC, "hatarido" DESC, "id" DESC, "sorrend"
"""
# A participant's visits: their own and the household visits they were present at; their follow-ups: their own
# and those of those visits. A UNION of two index look-ups each (an OR with a subquery cannot use the indexes).
UGYFEL_LATOGATASAI = """SELECT "l1"."id" FROM "ugyfelek_latogatas" "l1" WHERE "l1"."ugyfel_id" = %s
 UNION SELECT "j"."latogatas_id" FROM "ugyfelek_latogatas_jelenlevok" "j" WHERE "j"."ugyfel_id" = %s"""
UGYFEL_FELADATAI = """SELECT "f1"."id" FROM "ugyfelek_kovetofeladat" "f1" WHERE "f1"."ugyfel_id" = %s
 UNION SELECT "f2"."id" FROM "ugyfelek_kovetofeladat" "f2" WHERE "f2"."latogatas_id" IN (SELECT "id" FROM "l")"""
HAZTARTAS_LATOGATASAI = """SELECT "l1"."id" FROM "ugyfelek_latogatas" "l1" WHERE "l1"."haztartas_id" = %s"""
HAZTARTAS_FELADATAI = """SELECT "f1"."id" FROM "ugyfelek_kovetofeladat" "f1" WHERE "f1"."haztartas_id" = %s"""


@timeline.forras
def latogatasok_es_teendok(*, ugyfel=None, haztartas=None, user):
    """Visits and follow-ups of a participant or household: one written-out statement (``LATOGATAS_SOROK_SQL``).

    One source, because the follow-ups of a participant are found through their visits. Django took about 1 ms to
    build and read each of the three queries this was (the ids of the household visits the participant was present
    at, the visits with their topics, the follow-ups). Every visit is read; the latest ``FORRAS_LIMIT`` are shown.
    """
    hatokor_l, hatokor_l_param = Latogatas.objects.for_user_sql(user, "l")
    hatokor_f, hatokor_f_param = KovetoFeladat.objects.for_user_sql(user, "f")
    if ugyfel is not None:
        latogatasai, latogatasai_param = UGYFEL_LATOGATASAI, [ugyfel.pk, ugyfel.pk]
        feladatai, feladatai_param = UGYFEL_FELADATAI, [ugyfel.pk]
    else:
        latogatasai, latogatasai_param = HAZTARTAS_LATOGATASAI, [haztartas.pk]
        feladatai, feladatai_param = HAZTARTAS_FELADATAI, [haztartas.pk]
    sql = LATOGATAS_SOROK_SQL.format(
        hatokor_l=hatokor_l, latogatasai=latogatasai, hatokor_f=hatokor_f, feladatai=feladatai
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*hatokor_l_param, *latogatasai_param, *hatokor_f_param, *feladatai_param, FORRAS_LIMIT])
        sorok = cursor.fetchall()

    latogatasok = {}  # pk -> (idopont, tipus, szerzo, [topics]), newest first
    feladatok = []
    for fajta, pk, latogatas_id, idopont, szoveg, tema, hatarido, kesz, kesz_idopont, *nev, _sorrend in sorok:
        if fajta == "f":
            feladatok.append((latogatas_id, szoveg, kurzor.nap(hatarido), kesz, kurzor.ido(kesz_idopont), nev))
            continue
        if pk not in latogatasok:
            latogatasok[pk] = (kurzor.ido(idopont), szoveg, nev, [])
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
    for latogatas_id, leiras, hatarido, kesz, kesz_idopont, felelos in feladatok:
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
