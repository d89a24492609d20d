"""Reads and aggregates about participants, visits, plans and follow-ups.

Every function takes an already scoped queryset or a user and scopes through
``for_user``; all counting happens in SQL, each function runs a fixed
number of queries whatever the amount of data.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    DateTimeField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.forms.models import model_to_dict
from django.utils import timezone

from akcioterulet.models import Szerep, Tagsag
from core import kurzor
from core.adatverzio import reszenkent
from core.models import Hozzaferes, Valtozas

from .models import (
    FejlesztesiTerv,
    Haztartas,
    HaztartasTag,
    KovetoFeladat,
    Latogatas,
    Tema,
    Ugyfel,
)


def utolso_latogatas_subquery():
    """The time of the latest visit of the participant (``OuterRef("pk")``), alone or present in a household.

    The definition of ``Ugyfel.utolso_latogatas``, which ``utolso_latogatas.frissites()`` writes from it;
    read the column, not this. Two subqueries, each served by an index, rather than one with an OR across
    the visit and its members-present join (which no index can serve: minutes on a million visits).
    """
    egyeni = Latogatas.objects.filter(ugyfel=OuterRef("pk")).order_by("-idopont").values("idopont")[:1]
    jelen = Latogatas.objects.filter(jelenlevok=OuterRef("pk")).order_by("-idopont").values("idopont")[:1]
    a = Subquery(egyeni, output_field=DateTimeField())
    b = Subquery(jelen, output_field=DateTimeField())
    # NULL-safe on both databases, as in bevonas.bevonva_ota_kifejezes().
    return Greatest(Coalesce(a, b), Coalesce(b, a))


def nem_latogatott_hatar(ma=None) -> datetime.datetime:
    """Visits before this moment are too old: the start of the day KAPOCS_NEM_LATOGATOTT_NAPOK - 1 days
    before ``ma`` (today), local time. Counted in calendar days: with 30, someone last visited 30 days
    ago (on any hour of that day) is due today, someone visited 29 days ago is not, all day long."""
    ma = ma or timezone.localdate()
    nap = ma - datetime.timedelta(days=settings.KAPOCS_NEM_LATOGATOTT_NAPOK - 1)
    return timezone.make_aware(datetime.datetime.combine(nap, datetime.time.min))


def nem_latogatott_q(ma=None) -> Q:
    """Participants not visited for KAPOCS_NEM_LATOGATOTT_NAPOK days (never visited included)."""
    return Q(utolso_latogatas__isnull=True) | Q(utolso_latogatas__lt=nem_latogatott_hatar(ma))


def latogatasok_listahoz(qs):
    """Visits with everything a list row shows, in a fixed number of queries."""
    return qs.select_related("ugyfel", "haztartas", "szerzo", "projekt").prefetch_related(
        "temak", Prefetch("jelenlevok", queryset=Ugyfel.objects.order_by("csaladi_nev", "utonev"))
    )


def _darab(qs):
    """A correlated ``COUNT(*)`` of ``qs`` (already filtered on an OuterRef) as an integer subquery.

    ``Func`` rather than ``Count`` keeps GROUP BY out of the subquery: one row, the count.
    """
    szamlalo = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(szamlalo, output_field=IntegerField()), 0)


def aktiv_tagok_szama():
    """The current members of the household of the row (``OuterRef("pk")``), as a correlated count."""
    return _darab(HaztartasTag.objects.filter(haztartas=OuterRef("pk"), meddig__isnull=True))


def het_vege(ma: datetime.date) -> datetime.date:
    """The last day of "this week" on the home page: the next seven days."""
    return ma + datetime.timedelta(days=7)


# Rows of each list on the home pages; the rest is one click away ("show all"), never dropped unsaid.
KEZDOLAP_SOROK = 5
# A list of a whole project shown in full comes a page at a time: a project has up to 10,000 participants.
TELJES_OLDAL = 100
# Rows of the team table: a project's whole team; for someone who oversees many projects (a national
# programme's staff see 900 people), the first ones by name, the rest a page at a time ("show all").
CSAPAT_SOROK = 50


@dataclass
class Lista:
    """The first rows of a home-page list (or, with ``kezdet``, a page of it) and the size of the whole list."""

    sorok: list
    osszesen: int
    kezdet: int = 0  # rows of the whole list before the first one here

    @property
    def tobb(self) -> int:
        """How many rows are not shown."""
        return self.osszesen - len(self.sorok)


# The columns a home-page row shows: a row of a wide model costs more to read and build than the query to find it.
UGYFEL_SOR = ("csaladi_nev", "utonev", "utolso_latogatas")
LATOGATAS_SOR = (
    "idopont",
    "tipus",
    "szerzo__first_name",
    "szerzo__last_name",
    "szerzo__username",
    "ugyfel__csaladi_nev",
    "ugyfel__utonev",
    "haztartas__nev",
    "haztartas__cim",
)


# The home page's lists read the participants and households they show by id (``NAP_AGAK``); their names and
# addresses are read apart, once for every list of the page (``_nevek_csatolasa``). The lists are kept under the
# versions of what they read (``core.adatverzio``), and so a renamed participant, a household's new address recounts
# the names alone, not the lists that show them. The names and addresses by id: a branch per model, each through
# ``for_user``'s condition (``for_user_sql``), its tables and columns named in quotes (``core.adatverzio.Figyelo``).
NEVEK_SQL = {
    "u": (Ugyfel, 'SELECT \'u\', "u"."id", "u"."csaladi_nev", "u"."utonev" FROM "ugyfelek_ugyfel" "u"'),
    "h": (Haztartas, 'SELECT \'h\', "h"."id", "h"."nev", "h"."cim" FROM "ugyfelek_haztartas" "h"'),
}


def _nevek(user, ugyfel_idk, haztartas_idk) -> tuple[dict, dict]:
    """({participant id: (family name, given name)}, {household id: (name, address)}) of the ids given, in one
    written-out statement through ``for_user``'s condition (the ORM took 1 ms to build the same union)."""
    agak, parameterek = [], []
    for alias, idk in (("u", ugyfel_idk), ("h", haztartas_idk)):
        if not idk:
            continue
        model, sql = NEVEK_SQL[alias]
        hatokor, hatokor_param = model.objects.for_user_sql(user, alias)
        agak.append(f'{sql} WHERE {hatokor} AND "{alias}"."id" IN ({", ".join(["%s"] * len(idk))})')
        parameterek += [*hatokor_param, *sorted(idk)]
    ugyfelek, haztartasok = {}, {}
    with connection.cursor() as cursor:
        cursor.execute("\nUNION ALL\n".join(agak), parameterek)
        for fajta, pk, a, b in cursor.fetchall():
            (ugyfelek if fajta == "u" else haztartasok)[pk] = (a, b)
    return ugyfelek, haztartasok


def _nevek_csatolasa(user, futtato, *, sorok=(), ugyfelek=(), latogatasok=()):
    """Give the rows of the home-page lists the names they show, read apart from the lists (a part of its own of
    ``futtato``, named ``nevek.<ids>``): ``sorok`` (follow-ups, plans, visits) their participant and
    household, ``ugyfelek`` (participants read without their names) their names, ``latogatasok`` (with
    ``jelen_idk``, ``latogatas_reszletek(..., nevek=False)``) the names of the members present."""
    ugyfel_idk = {sor.ugyfel_id for sor in sorok if sor.ugyfel_id}
    ugyfel_idk |= {u.pk for u in ugyfelek} | {pk for lat in latogatasok for pk in lat.jelen_idk}
    haztartas_idk = {sor.haztartas_id for sor in sorok if sor.haztartas_id}
    if not ugyfel_idk and not haztartas_idk:
        return
    idk = hashlib.blake2b(repr((sorted(ugyfel_idk), sorted(haztartas_idk))).encode(), digest_size=12).hexdigest()
    kulcs = f"nevek.{idk}"
    ugyfel_nevek, haztartas_nevek = reszenkent(futtato, {kulcs: lambda: _nevek(user, ugyfel_idk, haztartas_idk)})[kulcs]
    for sor in sorok:
        if sor.ugyfel_id:
            csaladi_nev, utonev = ugyfel_nevek.get(sor.ugyfel_id, ("", ""))
            sor.ugyfel = kurzor.peldany(Ugyfel, pk=sor.ugyfel_id, csaladi_nev=csaladi_nev, utonev=utonev)
        if sor.haztartas_id:
            nev, cim = haztartas_nevek.get(sor.haztartas_id, ("", ""))
            sor.haztartas = kurzor.peldany(Haztartas, pk=sor.haztartas_id, nev=nev, cim=cim)
    for u in ugyfelek:
        u.csaladi_nev, u.utonev = ugyfel_nevek.get(u.pk, ("", ""))
    for lat in latogatasok:
        nevek = (ugyfel_nevek.get(pk, ("", "")) for pk in lat.jelen_idk)
        lat.jelen_nevek = sorted(Ugyfel.nev_szovege(a, b) for a, b in nevek)


@dataclass
class MentorNapja:
    """What the mentor's home page shows: the first rows of each list and the size of the whole list.

    The caseload part (``ugyfelek_szama`` .. ``haztartasok``) is empty for someone without one (``esetek``).
    ``ugyfelek`` and ``haztartasok`` are None unless asked for in full: the page links to them.
    """

    lejart_feladatok: Lista
    heti_feladatok: Lista
    esedekes_felulvizsgalatok: Lista
    ugyfelek_szama: int
    nem_latogatottak: Lista
    legutobbi_latogatasok: list
    ugyfelek: list | None = None
    haztartasok: list | None = None


# ``latogatas_reszletek``'s statement: (visit, kind, text, text) rows, the topics ("", topic, "") and the members
# present ("jelen", family and given name; or, for a list whose names are read apart, their id and ""). ``{idk}``
# stands for the visits' ids (placeholders), twice. Every table and column is named in quotes, as Django writes
# them: a kept part's watcher (``core.adatverzio.Figyelo``) reads what a statement depends on from those names.
RESZLETEK_SQL = """
SELECT "t"."latogatas_id", '', "t"."tema", '' FROM "ugyfelek_latogatastema" "t" WHERE "t"."latogatas_id" IN ({idk})
UNION ALL
SELECT "j"."latogatas_id", 'jelen', {jelen} FROM "ugyfelek_latogatas_jelenlevok" "j" {nevek}
 WHERE "j"."latogatas_id" IN ({idk})
"""
RESZLETEK_NEVVEL = ('"u"."csaladi_nev", "u"."utonev"', 'JOIN "ugyfelek_ugyfel" "u" ON "u"."id" = "j"."ugyfel_id"')
RESZLETEK_IDVEL = ('CAST("j"."ugyfel_id" AS varchar(20)), \'\'', "")


def latogatas_reszletek(latogatasok: list, nevek=True) -> list:
    """``latogatasok`` with their topics (``tema_nevek``) and the names of the members present
    (``jelen_nevek``) set, what a row of a visit list shows. Without ``nevek``, the members' ids (``jelen_idk``)
    instead of their names, for a list whose names are read apart.

    One written-out statement by the ids of the visits (read through ``for_user`` by the caller): Django took 0.7 ms
    to build the same UNION, on every visit list page.
    """
    idk = [lat.pk for lat in latogatasok]
    tema_nev = dict(Tema.choices)
    sorrend = {tema: i for i, tema in enumerate(tema_nev)}
    tema_idk, jelen_nevek = defaultdict(list), defaultdict(list)
    if idk:
        helyek = ", ".join(["%s"] * len(idk))
        jelen, join = RESZLETEK_NEVVEL if nevek else RESZLETEK_IDVEL
        with connection.cursor() as cursor:
            cursor.execute(RESZLETEK_SQL.format(idk=helyek, jelen=jelen, nevek=join), [*idk, *idk])
            sorok = cursor.fetchall()
        for lat_id, fajta, a, b in sorok:
            if fajta:
                jelen_nevek[lat_id].append(Ugyfel.nev_szovege(a, b) if nevek else int(a))
            else:
                tema_idk[lat_id].append(a)
    for lat in latogatasok:
        # Topics in the order of the choices, people by name.
        lat.tema_nevek = [tema_nev.get(t, t) for t in sorted(tema_idk[lat.pk], key=lambda t: sorrend.get(t, -1))]
        if nevek:
            lat.jelen_nevek = sorted(jelen_nevek[lat.pk])
        else:
            lat.jelen_idk = jelen_nevek[lat.pk]
    return latogatasok


# The mentor's day, written out: the lists of the home page (their first rows and their sizes) in two statements
# (``NAP_HATARIDOK``, ``NAP_ESETEK``), each a UNION ALL of one branch per list with the rows of the list in its order
# and their number (``COUNT(*) OVER ()``).
# The ORM took 1 ms to build and read each of the six lists, for the 0.1-0.4 ms the database spends on most of them.
# A branch's columns (``NAP_OSZLOPOK``): the list, the row's id, its participant and household, a day, a time, a text,
# the author's names, the number of rows of the list and (the caseload) of those due a visit; a branch names those it
# has, the rest are NULL. The project condition (``{hatokor}``) is ``for_user``'s own (``for_user_sql``). Every table
# and column is named in quotes, as Django writes them: a kept part's watcher (``core.adatverzio.Figyelo``) reads what
# a statement depends on from those names.
NAP_OSZLOPOK = {
    "lista": None,
    "id": None,
    "ugyfel_id": "bigint",
    "haztartas_id": "bigint",
    "nap": "date",
    "ido": "timestamp with time zone",
    "szoveg": "varchar(300)",
    "nev1": "varchar(150)",
    "nev2": "varchar(150)",
    "nev3": "varchar(150)",
    "db": "bigint",
    "esedekes": "bigint",
}
_FELADATOK = """FROM "ugyfelek_kovetofeladat" "f"
WHERE {hatokor} AND "f"."felelos_id" = %s AND NOT "f"."kesz" AND {hatarido}
ORDER BY "f"."hatarido", "f"."id" LIMIT %s"""


def _lista_sor(alias: str, nap: str, **tobbi) -> dict:
    """The columns of a branch of a list of follow-ups or plans: its id, participant, household, day and count."""
    sajat = {o: f'"{alias}"."{o}"' for o in ("id", "ugyfel_id", "haztartas_id")}
    return {**sajat, "nap": f'"{alias}"."{nap}"', "db": "COUNT(*) OVER ()", **tobbi}


_TERVEK = """FROM "ugyfelek_fejlesztesiterv" "t" {join} "ugyfelek_ugyfel" "tu" ON "tu"."id" = "t"."ugyfel_id"
WHERE {hatokor} AND {felelos} AND "t"."lezarva" IS NULL AND "t"."kovetkezo_felulvizsgalat" <= %s
ORDER BY "t"."kovetkezo_felulvizsgalat", "t"."id" LIMIT %s"""
# {branch: (the alias of the table whose ``for_user`` it applies, {column: expression}, the rest of the statement)}.
NAP_AGAK = {
    "lejart_feladatok": (
        "f",
        _lista_sor("f", "hatarido", szoveg='"f"."leiras"'),
        _FELADATOK.replace("{hatarido}", '"f"."hatarido" < %s'),
    ),
    "heti_feladatok": (
        "f",
        _lista_sor("f", "hatarido", szoveg='"f"."leiras"'),
        _FELADATOK.replace("{hatarido}", '"f"."hatarido" >= %s AND "f"."hatarido" <= %s'),
    ),
    # Who answers for a plan: the mentor of its participant; or, for a plan of someone without
    # a mentor or of a household, its author. Two branches, each served by an index, in place of an OR across the join.
    "tervek_mentorkent": (
        "t",
        _lista_sor("t", "kovetkezo_felulvizsgalat"),
        _TERVEK.replace("{join}", "JOIN").replace("{felelos}", '"tu"."mentor_id" = %s'),
    ),
    "tervek_keszitokent": (
        "t",
        _lista_sor("t", "kovetkezo_felulvizsgalat"),
        _TERVEK.replace("{join}", "LEFT JOIN").replace(
            "{felelos}", '"t"."keszitette_id" = %s AND "tu"."mentor_id" IS NULL'
        ),
    ),
    # The active participants I mentor, the least recently visited first (so those due a visit are the first rows).
    "esetek": (
        "u",
        {
            "id": '"u"."id"',
            "ugyfel_id": '"u"."id"',
            "ido": '"u"."utolso_latogatas"',
            "db": "COUNT(*) OVER ()",
            "esedekes": (
                'COUNT(CASE WHEN "u"."utolso_latogatas" IS NULL OR "u"."utolso_latogatas" < %s THEN 1 END) OVER ()'
            ),
        },
        """FROM "ugyfelek_ugyfel" "u"
WHERE {hatokor} AND "u"."mentor_id" = %s AND "u"."kilepes_datuma" IS NULL
ORDER BY "u"."utolso_latogatas" ASC NULLS FIRST, "u"."id" LIMIT %s""",
    ),
    # My latest visits: recorded by me, or with me among the colleagues present.
    "latogatasok": (
        "l",
        {
            "id": '"l"."id"',
            "ugyfel_id": '"l"."ugyfel_id"',
            "haztartas_id": '"l"."haztartas_id"',
            "ido": '"l"."idopont"',
            "szoveg": '"l"."tipus"',
            "nev1": '"lf"."first_name"',
            "nev2": '"lf"."last_name"',
            "nev3": '"lf"."username"',
        },
        """FROM "ugyfelek_latogatas" "l" JOIN "akcioterulet_felhasznalo" "lf" ON "lf"."id" = "l"."szerzo_id"
WHERE {hatokor} AND ("l"."szerzo_id" = %s OR "l"."id" IN (
 SELECT "lm"."latogatas_id" FROM "ugyfelek_latogatas_munkatarsak" "lm" WHERE "lm"."felhasznalo_id" = %s))
ORDER BY "l"."idopont" DESC, "l"."id" DESC LIMIT %s""",
    ),
}
# The models of the tables the written-out statements of the home pages name, by their aliases there.
_ALIASOK = {"f": KovetoFeladat, "t": FejlesztesiTerv, "u": Ugyfel, "l": Latogatas}
# A list shown in full ("show all") has no limit: a LIMIT both databases take.
KORLATLAN = 2**31 - 1


def _nap_ag(ag: str, hatokor: str) -> str:
    """The statement of one branch of ``NAP_AGAK``: its columns named, the missing ones NULL of their type."""
    _alias, oszlopok, tobbi = NAP_AGAK[ag]
    kifejezesek = [f"'{ag}' AS \"lista\""]
    for oszlop, tipus in list(NAP_OSZLOPOK.items())[1:]:
        kifejezesek.append(f'{oszlopok.get(oszlop) or f"CAST(NULL AS {tipus})"} AS "{oszlop}"')
    osszes = ", ".join(f'"a"."{o}"' for o in NAP_OSZLOPOK)
    return f'SELECT {osszes} FROM (SELECT {", ".join(kifejezesek)}\n{tobbi.replace("{hatokor}", hatokor)}) "a"'


# The branches kept together: what is due (follow-ups, plans), and the caseload with my latest visits (what a visit
# changes). A visit, the most frequent change, recounts the second statement alone.
NAP_HATARIDOK = ("lejart_feladatok", "heti_feladatok", "tervek_mentorkent", "tervek_keszitokent")
NAP_ESETEK = ("esetek", "latogatasok")


def _nap_listai(user, ma, agak: tuple, limitek: dict):
    """The lists of the mentor's day of the branches ``agak`` of ``NAP_AGAK`` in one statement: of ``NAP_HATARIDOK``
    the statement's rows (``_hataridok_sorai`` makes them {"lejart_feladatok", "heti_feladatok",
    "esedekes_felulvizsgalatok": Lista}); of ``NAP_ESETEK`` "esetek": (the
    number of my active participants, a Lista of those due a visit) and "latogatasok": my latest visits with their
    details. ``limitek``: {list: rows; None: all}; the visits' key is "latogatasok"."""
    ops = connection.ops
    nap, het = ops.adapt_datefield_value(ma), ops.adapt_datefield_value(het_vege(ma))
    utana = {
        "lejart_feladatok": [user.pk, nap],
        "heti_feladatok": [user.pk, nap, het],
        "tervek_mentorkent": [user.pk, het],
        "tervek_keszitokent": [user.pk, het],
        "esetek": [user.pk],
        "latogatasok": [user.pk, user.pk],
    }
    limit_kulcs = {
        "tervek_mentorkent": "esedekes_felulvizsgalatok",
        "tervek_keszitokent": "esedekes_felulvizsgalatok",
        "esetek": "nem_latogatottak",
    }
    utasitasok, parameterek = [], []
    for ag in agak:
        alias = NAP_AGAK[ag][0]
        hatokor, hatokor_param = _ALIASOK[alias].objects.for_user_sql(user, alias)
        elotte = [ops.adapt_datetimefield_value(nem_latogatott_hatar(ma))] if ag == "esetek" else []
        limit = limitek.get(limit_kulcs.get(ag, ag))
        utasitasok.append(_nap_ag(ag, hatokor))
        parameterek += [*elotte, *hatokor_param, *utana[ag], KORLATLAN if limit is None else limit]
    with connection.cursor() as cursor:
        cursor.execute("\nUNION ALL\n".join(utasitasok), parameterek)
        sorok = cursor.fetchall()
    # The caseload's rows with the details of the visits (read here, in the kept part's sight); the deadlines' rows as
    # the statement reads them (``_hataridok_sorai`` builds their lists).
    return _esetek_sorai(sorok) if agak == NAP_ESETEK else sorok


def _listankent(sorok) -> dict:
    listak = defaultdict(list)
    for lista, pk, ugyfel_id, haztartas_id, nap, ido, szoveg, nev1, nev2, nev3, db, esedekes in sorok:
        listak[lista].append((pk, ugyfel_id, haztartas_id, nap, ido, szoveg, nev1, nev2, nev3, db, esedekes))
    return listak


def _hataridok_sorai(sorok, limit_terv) -> dict:
    """The rows of the follow-ups' and plans' statement as the lists' model instances (the columns a row shows)."""
    listak = _listankent(sorok)
    eredmeny = {}
    for lista in ("lejart_feladatok", "heti_feladatok"):
        feladatok = [
            kurzor.peldany(KovetoFeladat, pk=pk, ugyfel_id=u, haztartas_id=h, hatarido=kurzor.nap(nap), leiras=szoveg)
            for pk, u, h, nap, _ido, szoveg, *_nevek, _db, _e in listak[lista]
        ]
        eredmeny[lista] = Lista(feladatok, listak[lista][0][-2] if listak[lista] else 0)
    # The plans of both branches: the first ones of the two, in the list's order; their number is the sum of theirs.
    terv_sorok = listak["tervek_mentorkent"] + listak["tervek_keszitokent"]
    tervek = sorted(
        (
            kurzor.peldany(
                FejlesztesiTerv, pk=pk, ugyfel_id=u, haztartas_id=h, kovetkezo_felulvizsgalat=kurzor.nap(nap)
            )
            for pk, u, h, nap, *_tobbi in terv_sorok
        ),
        key=lambda t: (t.kovetkezo_felulvizsgalat, t.pk),
    )
    eredmeny["esedekes_felulvizsgalatok"] = Lista(
        tervek if limit_terv is None else tervek[:limit_terv],
        sum(listak[ag][0][-2] for ag in ("tervek_mentorkent", "tervek_keszitokent") if listak[ag]),
    )
    return eredmeny


def _esetek_sorai(sorok) -> dict:
    """The rows of the caseload's and latest visits' statement as participants and visits (the columns a row shows)."""
    listak = _listankent(sorok)
    sorai = listak["esetek"]
    esedekes = sorai[0][-1] if sorai else 0
    ugyfelek = [
        kurzor.peldany(Ugyfel, pk=pk, utolso_latogatas=kurzor.ido(ido))
        for pk, _u, _h, _n, ido, *_tobbi in sorai[:esedekes]
    ]
    latogatasok = [
        kurzor.peldany(
            Latogatas,
            pk=pk,
            ugyfel_id=u,
            haztartas_id=h,
            idopont=kurzor.ido(ido),
            tipus=szoveg,
            szerzo=kurzor.peldany(get_user_model(), pk=None, first_name=nev1, last_name=nev2, username=nev3),
        )
        for pk, u, h, _nap_, ido, szoveg, nev1, nev2, nev3, _db, _e in listak["latogatasok"]
    ]
    return {
        "esetek": (sorai[0][-2] if sorai else 0, Lista(ugyfelek, esedekes)),
        "latogatasok": latogatas_reszletek(latogatasok, nevek=False),
    }


def mentor_napja(
    user, *, ma=None, esetek=True, teljes=(), sorok=KEZDOLAP_SOROK, futtato=None, nevek=True
) -> MentorNapja:
    """The mentor's day: follow-ups and reviews due; with a caseload (``esetek``) also who needs a visit,
    my latest visits, how many participants I have (all of them, and my households, when asked for).

    Each list holds its first ``sorok`` rows and the size of the whole list; a list whose field name is in
    ``teljes`` holds every row. A fixed number of queries, each reading only what a row shows; the lists
    are computed in parts (``futtato``, see ``core.adatverzio.reszenkent``) by what they read.
    """
    ma = ma or timezone.localdate()

    def limit(mezo):
        return None if mezo in teljes else sorok

    limitek = {
        lista: limit(lista)
        for lista in ("lejart_feladatok", "heti_feladatok", "esedekes_felulvizsgalatok", "nem_latogatottak")
    }
    # The lists in two statements, each kept as a part: a change of what a statement reads recounts that statement.
    limitek["latogatasok"] = sorok
    reszek = {"nap.hataridok": lambda: _nap_listai(user, ma, NAP_HATARIDOK, limitek)}
    if esetek:
        reszek["nap.esetek"] = lambda: _nap_listai(user, ma, NAP_ESETEK, limitek)
        sajat_ugyfelek = Ugyfel.objects.for_user(user).filter(mentor=user).aktiv()
        if "ugyfelek" in teljes:
            reszek["nap.ugyfelek"] = lambda: list(
                sajat_ugyfelek.only(*UGYFEL_SOR).order_by("csaladi_nev", "utonev", "pk")
            )
        if "haztartasok" in teljes:
            # Households where someone I mentor lives now (exited from the programme or not).
            sajat_tagsagok = HaztartasTag.objects.filter(meddig__isnull=True, ugyfel__mentor=user)
            reszek["nap.haztartasok"] = lambda: list(
                Haztartas.objects.for_user(user)
                .filter(pk__in=sajat_tagsagok.values("haztartas"))
                .annotate(aktiv_tagok=aktiv_tagok_szama())
                .order_by("cim", "pk")
            )
    r = reszenkent(futtato, reszek)
    hataridok = _hataridok_sorai(r["nap.hataridok"], limitek.get("esedekes_felulvizsgalatok"))
    listak = {**hataridok, **r.get("nap.esetek", {})}
    ugyfelek_szama, nem_latogatottak = listak.get("esetek", (0, Lista([], 0)))
    nap = MentorNapja(
        lejart_feladatok=listak["lejart_feladatok"],
        heti_feladatok=listak["heti_feladatok"],
        esedekes_felulvizsgalatok=listak["esedekes_felulvizsgalatok"],
        ugyfelek_szama=ugyfelek_szama,
        nem_latogatottak=nem_latogatottak,
        legutobbi_latogatasok=listak.get("latogatasok", []),
        ugyfelek=r.get("nap.ugyfelek"),
        haztartasok=r.get("nap.haztartasok"),
    )
    if nevek:
        kezdolap_nevek(user, futtato, nap=nap)
    return nap


@dataclass
class KoordinatorAttekintes:
    """What the coordinator's home page shows about the team of their projects."""

    csapat: Lista  # the team members shown, with their figures, and how many there are in all
    nem_latogatottak: Lista
    # {mentor id: number of active participants} in the coordinated projects (None: without a mentor).
    ugyfelek_mentoronkent: dict


# The team's figures, written out: one GROUP BY per counted model over the rows of the coordinated projects, as
# branches of a UNION ALL of (figure, person, count, of them due a visit) rows. The ORM took 1.2 ms to build and
# read each of the four. ``COUNT(*)``, not ``COUNT(id)``: an index without the id can answer it alone. Every table and
# column is named in quotes (``core.adatverzio.Figyelo``); ``{hatokor}`` is ``for_user``'s condition (``for_user_sql``).
CSAPAT_SZAMOK_SQL = {
    # Visits this month, per author.
    "havi": (
        "l",
        """SELECT 'havi', "l"."szerzo_id", COUNT(*), 0 FROM "ugyfelek_latogatas" "l"
WHERE {hatokor} AND "l"."idopont" >= %s GROUP BY "l"."szerzo_id"
""",
    ),
    # Overdue follow-ups, per person responsible.
    "lejart_feladatok": (
        "f",
        """SELECT 'lejart_feladatok', "f"."felelos_id", COUNT(*), 0
FROM "ugyfelek_kovetofeladat" "f" WHERE {hatokor} AND "f"."hatarido" < %s AND NOT "f"."kesz" GROUP BY "f"."felelos_id"
""",
    ),
    # Overdue plan reviews, per person who answers for the plan: its participant's mentor, or else its author.
    "lejart_tervek": (
        "t",
        """SELECT 'lejart_tervek', COALESCE("tu"."mentor_id", "t"."keszitette_id"), COUNT(*), 0
FROM "ugyfelek_fejlesztesiterv" "t" LEFT JOIN "ugyfelek_ugyfel" "tu" ON "tu"."id" = "t"."ugyfel_id"
WHERE {hatokor} AND "t"."kovetkezo_felulvizsgalat" < %s AND "t"."lezarva" IS NULL
GROUP BY COALESCE("tu"."mentor_id", "t"."keszitette_id")""",
    ),
    # Active participants per mentor, and of them those nobody visited lately (``ugyfel_nem_latogatott_idx``).
    "ugyfelek": (
        "u",
        """SELECT 'ugyfelek', "u"."mentor_id", COUNT(*),
 COUNT(CASE WHEN "u"."utolso_latogatas" IS NULL OR "u"."utolso_latogatas" < %s THEN 1 END)
FROM "ugyfelek_ugyfel" "u" WHERE {hatokor} AND "u"."kilepes_datuma" IS NULL GROUP BY "u"."mentor_id"
""",
    ),
}


def _csapat_szamai(user, ma, honap_eleje, szamok: tuple) -> dict:
    """{figure: {person id: count}} of the figures ``szamok`` of ``CSAPAT_SZAMOK_SQL`` over the projects ``user``
    coordinates, in one statement; the participants' figure as {mentor id (None: without one): (count, of them due a
    visit)}."""
    ops = connection.ops
    parameterek = {
        "havi": ([], [ops.adapt_datetimefield_value(honap_eleje)]),
        "lejart_feladatok": ([], [ops.adapt_datefield_value(ma)]),
        "lejart_tervek": ([], [ops.adapt_datefield_value(ma)]),
        "ugyfelek": ([ops.adapt_datetimefield_value(nem_latogatott_hatar(ma))], []),
    }
    agak, osszes = [], []
    for szam in szamok:
        alias, sql = CSAPAT_SZAMOK_SQL[szam]
        hatokor, hatokor_param = _ALIASOK[alias].objects.for_user_sql(user, alias, szerepek=(Szerep.KOORDINATOR,))
        elotte, utana = parameterek[szam]
        agak.append(sql.replace("{hatokor}", hatokor))
        osszes += [*elotte, *hatokor_param, *utana]
    eredmeny = {szam: {} for szam in szamok}
    with connection.cursor() as cursor:
        cursor.execute("\nUNION ALL\n".join(agak), osszes)
        for szam, kulcs, n, m in cursor.fetchall():
            eredmeny[szam][kulcs] = (n, m) if szam == "ugyfelek" else n
    return eredmeny


# The team: the active mentors and coordinators of the coordinated projects by name, a page of them and their number.
CSAPAT_TAGOK_SQL = """SELECT "m"."id", "m"."username", "m"."first_name", "m"."last_name", COUNT(*) OVER ()
FROM "akcioterulet_felhasznalo" "m"
WHERE "m"."is_active" AND "m"."id" IN (
 SELECT "tg"."felhasznalo_id" FROM "akcioterulet_tagsag" "tg" WHERE {hatokor} AND "tg"."szerep" IN (%s, %s))
ORDER BY "m"."last_name", "m"."first_name", "m"."id" LIMIT %s OFFSET %s"""
# Active participants of the coordinated projects nobody visited lately (``nem_latogatott_q``), with their mentor:
# never visited first, then the longest ago; a range of the index ``ugyfel_nem_latogatott_idx`` per project.
NEM_LATOGATOTTAK_SQL = """SELECT "u"."id", "u"."mentor_id", "u"."utolso_latogatas",
 "um"."first_name", "um"."last_name", "um"."username"
FROM "ugyfelek_ugyfel" "u" LEFT JOIN "akcioterulet_felhasznalo" "um" ON "um"."id" = "u"."mentor_id"
WHERE {hatokor} AND "u"."kilepes_datuma" IS NULL AND ("u"."utolso_latogatas" IS NULL OR "u"."utolso_latogatas" < %s)
ORDER BY "u"."utolso_latogatas" ASC NULLS FIRST, "u"."id" LIMIT %s OFFSET %s"""


def _csapat_tagjai(user, kezdet: int, hany: int) -> list[tuple]:
    """The rows of members ``kezdet``..``kezdet + hany`` of the team of the projects ``user`` coordinates, each with
    the team's size (one written-out statement; the ORM took 1.3 ms to build and read it): ``_csapat_listaja``."""
    hatokor, hatokor_param = Tagsag.objects.for_user_sql(user, "tg", szerepek=(Szerep.KOORDINATOR,))
    with connection.cursor() as cursor:
        cursor.execute(
            CSAPAT_TAGOK_SQL.replace("{hatokor}", hatokor),
            [*hatokor_param, Szerep.MENTOR, Szerep.KOORDINATOR, hany, kezdet],
        )
        return cursor.fetchall()


def _csapat_listaja(sorok: list[tuple], kezdet: int) -> Lista:
    """The team's members of ``_csapat_tagjai``'s rows, and its size."""
    felhasznalo = get_user_model()
    tagok = [kurzor.peldany(felhasznalo, pk=pk, username=u, first_name=e, last_name=c) for pk, u, e, c, _n in sorok]
    return Lista(tagok, sorok[0][-1] if sorok else 0, kezdet)


def _nem_latogatottak_sorai(user, ma, kezdet: int, hany: int) -> list[tuple]:
    """Rows ``kezdet``..``kezdet + hany`` of the participants of the coordinated projects nobody visited lately, with
    their last visit and their mentor, in the order of ``nem_latogatottak`` (one written-out statement), as the
    statement reads them: ``_nem_latogatottak``."""
    hatokor, hatokor_param = Ugyfel.objects.for_user_sql(user, "u", szerepek=(Szerep.KOORDINATOR,))
    hatar = connection.ops.adapt_datetimefield_value(nem_latogatott_hatar(ma))
    with connection.cursor() as cursor:
        cursor.execute(NEM_LATOGATOTTAK_SQL.replace("{hatokor}", hatokor), [*hatokor_param, hatar, hany, kezdet])
        return cursor.fetchall()


def _nem_latogatottak(sorok: list[tuple]) -> list:
    """The participants of ``_nem_latogatottak_sorai``'s rows, with their last visit and their mentor."""
    felhasznalo = get_user_model()
    return [
        kurzor.peldany(
            Ugyfel,
            pk=pk,
            utolso_latogatas=kurzor.ido(ido),
            mentor=None
            if mentor_id is None
            else kurzor.peldany(felhasznalo, pk=mentor_id, first_name=e, last_name=c, username=u),
        )
        for pk, mentor_id, ido, e, c, u in sorok
    ]


def koordinator_attekintes(
    user, *, ma=None, teljes=(), sorok=KEZDOLAP_SOROK, oldal=1, futtato=None, nevek=True
) -> KoordinatorAttekintes:
    """The team with visits this month and overdue items per person; participants nobody visited lately:
    their first ``sorok``, or with "nem_latogatottak" in ``teljes`` page ``oldal`` of all of them. The team:
    its first ``CSAPAT_SOROK`` members, or with "csapat" in ``teljes`` page ``oldal`` of all of them.

    The team's figures are GROUP BY counts (one per counted model, over the rows of the coordinated
    projects) joined to the team in Python, not correlated counts per person; each is a part of its own
    (``futtato``, see ``core.adatverzio.reszenkent``), so a change recounts only the counts that read what it changed.
    """
    ma = ma or timezone.localdate()
    honap_eleje = timezone.make_aware(datetime.datetime.combine(ma.replace(day=1), datetime.time.min))
    # Everything counted comes from the projects this user coordinates (all of them for an admin).
    # The team's figures in two statements, each kept as a part: a visit recounts those that read visits alone.
    reszek = {
        "csapat.latogatasok": lambda: _csapat_szamai(user, ma, honap_eleje, ("havi", "ugyfelek")),
        "csapat.hataridok": lambda: _csapat_szamai(user, ma, honap_eleje, ("lejart_feladatok", "lejart_tervek")),
    }
    tag_kezdet, tag_hany = ((oldal - 1) * TELJES_OLDAL, TELJES_OLDAL) if "csapat" in teljes else (0, CSAPAT_SOROK)
    # The members shown and the size of the team, in one query.
    # Kept as the statement's rows, not as instances: a kept copy of 50 members' rows is read and written in a tenth
    # of the time.
    reszek[f"csapat.tagok.{tag_kezdet}.{tag_hany}"] = lambda: _csapat_tagjai(user, tag_kezdet, tag_hany)
    r = reszenkent(futtato, reszek)
    szamok = {**r["csapat.latogatasok"], **r["csapat.hataridok"]}
    csapat = _csapat_listaja(r[f"csapat.tagok.{tag_kezdet}.{tag_hany}"], tag_kezdet)
    havi, lejart_feladatok, lejart_tervek = szamok["havi"], szamok["lejart_feladatok"], szamok["lejart_tervek"]
    ugyfelek = szamok["ugyfelek"]
    if not csapat.sorok and tag_kezdet:  # a page past the end: the first one
        return koordinator_attekintes(user, ma=ma, teljes=teljes, sorok=sorok, oldal=1, futtato=futtato, nevek=nevek)
    for m in csapat.sorok:
        m.havi_latogatasok = havi.get(m.pk, 0)
        m.lejart_feladatok = lejart_feladatok.get(m.pk, 0)
        m.lejart_felulvizsgalatok = lejart_tervek.get(m.pk, 0)
        m.ugyfelek_szama = ugyfelek.get(m.pk, (0, 0))[0]
    osszesen = sum(nem_latogatott for _n, nem_latogatott in ugyfelek.values())
    kezdet, hany = 0, sorok
    if "nem_latogatottak" in teljes:
        kezdet = (min(oldal, max(1, -(-osszesen // TELJES_OLDAL))) - 1) * TELJES_OLDAL  # past the end: the last page
        hany = TELJES_OLDAL
    # A part of its own after the counts: the page shown in full starts where their total says.
    nem_lat_sorok = _nem_latogatottak(
        reszenkent(
            futtato,
            {f"csapat.nem_latogatottak.{kezdet}.{hany}": lambda: _nem_latogatottak_sorai(user, ma, kezdet, hany)},
        ).popitem()[1]
    )
    attekintes = KoordinatorAttekintes(
        csapat=csapat,
        nem_latogatottak=Lista(nem_lat_sorok, osszesen, kezdet),
        ugyfelek_mentoronkent={mentor_id: n for mentor_id, (n, _nem_latogatott) in ugyfelek.items()},
    )
    if nevek:
        kezdolap_nevek(user, futtato, attekintes=attekintes)
    return attekintes


def kezdolap_nevek(
    user, futtato=None, *, nap: MentorNapja | None = None, attekintes: KoordinatorAttekintes | None = None
):
    """Give the rows of the home page's lists (``nap``, ``attekintes``, computed with ``nevek=False``) the names of
    the participants and households they show, read in one query for the whole page (``_nevek_csatolasa``)."""
    sorok, ugyfelek, latogatasok = [], [], []
    if nap is not None:
        sorok += [*nap.lejart_feladatok.sorok, *nap.heti_feladatok.sorok, *nap.esedekes_felulvizsgalatok.sorok]
        sorok += nap.legutobbi_latogatasok
        ugyfelek += nap.nem_latogatottak.sorok
        latogatasok += nap.legutobbi_latogatasok
    if attekintes is not None:
        ugyfelek += attekintes.nem_latogatottak.sorok
    _nevek_csatolasa(user, futtato, sorok=sorok, ugyfelek=ugyfelek, latogatasok=latogatasok)


def kulonleges_adatot_lathat(user, ugyfel: Ugyfel) -> bool:
    """Special-category data: the project's coordinator and the participant's assigned mentor only.

    The same rule as ``KulonlegesAdat.objects.for_user``, for a participant
    whose special record may not exist yet.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.koordinator(ugyfel.projekt_id) or ugyfel.mentor_id == user.pk


def _sor(obj):
    adat = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for f in obj._meta.many_to_many:
        adat[f.name] = [o.pk for o in getattr(obj, f.name).all()]
    return adat


def ugyfel_minden_adata(ugyfel: Ugyfel) -> tuple[dict, int]:
    """Every record held about one person, for a subject-access request; and the number of records.

    Walks every relation to the participant, so records of apps added later
    are included without changing this function.
    """
    adatok = {"ugyfel": model_to_dict(ugyfel) | {"id": ugyfel.pk, "projekt": str(ugyfel.projekt)}}
    darab = 1
    for rel in Ugyfel._meta.related_objects:
        model = rel.related_model
        if model in (Valtozas, Hozzaferes):
            continue
        if rel.many_to_many:
            qs = model._default_manager.filter(**{rel.field.name: ugyfel})
        else:
            qs = model._default_manager.filter(**{rel.field.name: ugyfel.pk})
        sorok = [_sor(o) for o in qs.prefetch_related(*[f.name for f in model._meta.many_to_many])]
        if sorok:
            kulcs = (
                f"{model._meta.label_lower} ({rel.field.verbose_name})" if rel.many_to_many else model._meta.label_lower
            )
            adatok[kulcs] = sorok
            darab += len(sorok)
    haztartasok = Haztartas.objects.filter(tagsagok__ugyfel=ugyfel).distinct()
    adatok["haztartasok"] = [_sor(h) for h in haztartasok]
    adatok["valtozasnaplo"] = list(
        Valtozas.objects.filter(ugyfel_id=ugyfel.pk).values(
            "idopont", "felhasznalo__username", "forras", "muvelet", "modell", "objektum_id", "valtozasok"
        )
    )
    adatok["hozzaferesi_naplo"] = list(
        Hozzaferes.objects.filter(ugyfel_id=ugyfel.pk).values(
            "idopont", "felhasznalo__username", "muvelet", "mit", "rekordok_szama"
        )
    )
    return adatok, darab + len(adatok["haztartasok"])
