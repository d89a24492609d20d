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
    Count,
    DateTimeField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Greatest
from django.forms.models import model_to_dict
from django.utils import timezone

from akcioterulet.models import Szerep, Tagsag
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


def nem_latogatottak(qs, ma=None):
    """Active participants of ``qs`` not visited for KAPOCS_NEM_LATOGATOTT_NAPOK days: never visited first,
    then the longest ago. A range of the index ``ugyfel_nem_latogatott_idx`` per project."""
    return qs.aktiv().filter(nem_latogatott_q(ma)).order_by(F("utolso_latogatas").asc(nulls_first=True), "pk")


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


def terv_felelose():
    """Who answers for a plan: the participant's mentor; for a plan of someone without a mentor
    (or of a household), the staff member who drew it up."""
    return Coalesce("ugyfel__mentor", "keszitette")


def terv_felelose_agak(user) -> tuple[Q, Q]:
    """``terv_felelose() == user`` as two disjoint conditions, each served by an index (a participant's
    mentor, a plan's author); together they are the same plans, without an OR across the join."""
    return Q(ugyfel__mentor=user), Q(ugyfel__mentor__isnull=True, keszitette=user)


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


def _sorok_es_osszesen(qs, kezdet: int, hany: int) -> Lista:
    """Rows ``kezdet``..``kezdet + hany`` of ``qs`` and the number of all its rows, in one query."""
    sorok = list(qs.annotate(_osszesen=Window(Count("pk")))[kezdet : kezdet + hany])
    return Lista(sorok, sorok[0]._osszesen if sorok else 0, kezdet)


def _elso_sorok(qs, limit: int | None) -> Lista:
    """The first ``limit`` rows of ``qs`` (all of them with None) and the number of all rows, in one query."""
    if limit is None:
        sorok = list(qs)
        return Lista(sorok, len(sorok))
    return _sorok_es_osszesen(qs, 0, limit)


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
# The home page's lists read the participants and households they show by id; their names and addresses are read
# apart, once for every list of the page (``_nevek_csatolasa``). Each list is kept under the versions of what it
# reads (``core.adatverzio``), and so a renamed participant, a household's new address recounts the names alone,
# not every list that shows them.
FELADAT_SOR = ("leiras", "hatarido", "ugyfel", "haztartas")
TERV_SOR = ("kovetkezo_felulvizsgalat", "ugyfel", "haztartas")
ESEDEKES_SOR = ("utolso_latogatas",)
KEZDOLAP_LATOGATAS_SOR = (
    "idopont",
    "tipus",
    "szerzo__first_name",
    "szerzo__last_name",
    "szerzo__username",
    "ugyfel",
    "haztartas",
)


def _nevek(user, ugyfel_idk, haztartas_idk) -> tuple[dict, dict]:
    """({participant id: (family name, given name)}, {household id: (name, address)}) of the ids given, in one
    query through ``for_user``."""
    agak = [
        model.objects.for_user(user).filter(pk__in=sorted(idk)).order_by().values_list(Value(fajta), "pk", *mezok)
        for model, fajta, idk, mezok in (
            (Ugyfel, "u", ugyfel_idk, ("csaladi_nev", "utonev")),
            (Haztartas, "h", haztartas_idk, ("nev", "cim")),
        )
        if idk
    ]
    elso, *tobbi = agak
    ugyfelek, haztartasok = {}, {}
    for fajta, pk, a, b in elso.union(*tobbi, all=True) if tobbi else elso:
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
            sor.ugyfel = Ugyfel(pk=sor.ugyfel_id, csaladi_nev=csaladi_nev, utonev=utonev)
        if sor.haztartas_id:
            nev, cim = haztartas_nevek.get(sor.haztartas_id, ("", ""))
            sor.haztartas = Haztartas(pk=sor.haztartas_id, nev=nev, cim=cim)
    for u in ugyfelek:
        u.csaladi_nev, u.utonev = ugyfel_nevek.get(u.pk, ("", ""))
    for lat in latogatasok:
        nevek = (ugyfel_nevek.get(pk, ("", "")) for pk in lat.jelen_idk)
        lat.jelen_nevek = sorted(Ugyfel(csaladi_nev=a, utonev=b).nev for a, b in nevek)


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


def _esedekesek_elore(sajat_ugyfelek, ma, limit) -> tuple[int, Lista]:
    """How many participants ``sajat_ugyfelek`` holds, and the first ``limit`` of those due a visit with
    their number: one query, the least recently visited first (so those due are the first rows)."""
    qs = (
        sajat_ugyfelek.only(*ESEDEKES_SOR)
        .annotate(_osszesen=Window(Count("*")), _esedekes=Window(Count("pk", filter=nem_latogatott_q(ma))))
        .order_by(F("utolso_latogatas").asc(nulls_first=True), "pk")
    )
    sorok = list(qs if limit is None else qs[:limit])
    if not sorok:
        return 0, Lista([], 0)
    esedekes = sorok[0]._esedekes
    return sorok[0]._osszesen, Lista(sorok[:esedekes], esedekes)


def _latogatasok_reszletekkel(qs, nevek=True) -> list:
    """The visits of ``qs`` with their details (``latogatas_reszletek``)."""
    return latogatas_reszletek(list(qs), nevek=nevek)


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
                jelen_nevek[lat_id].append(Ugyfel(csaladi_nev=a, utonev=b).nev if nevek else int(a))
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

    feladatok = (
        KovetoFeladat.objects.for_user(user)
        .filter(felelos=user, kesz=False)
        .only(*FELADAT_SOR)
        .order_by("hatarido", "pk")
    )

    def feladat_listak():
        return (
            _elso_sorok(feladatok.filter(hatarido__lt=ma), limit("lejart_feladatok")),
            _elso_sorok(feladatok.filter(hatarido__gte=ma, hatarido__lte=het_vege(ma)), limit("heti_feladatok")),
        )

    def felulvizsgalatok():
        esedekes = (
            FejlesztesiTerv.objects.for_user(user)
            .filter(lezarva__isnull=True, kovetkezo_felulvizsgalat__lte=het_vege(ma))
            .only(*TERV_SOR)
            .order_by("kovetkezo_felulvizsgalat", "pk")
        )
        n = limit("esedekes_felulvizsgalatok")
        agak = [_elso_sorok(esedekes.filter(ag), n) for ag in terv_felelose_agak(user)]
        return Lista(
            sorted((t for ag in agak for t in ag.sorok), key=lambda t: (t.kovetkezo_felulvizsgalat, t.pk))[:n],
            sum(ag.osszesen for ag in agak),
        )

    reszek = {"nap.feladatok": feladat_listak, "nap.felulvizsgalatok": felulvizsgalatok}
    if esetek:
        sajat_ugyfelek = Ugyfel.objects.for_user(user).filter(mentor=user).aktiv()
        munkatarskent = Latogatas.munkatarsak.through.objects.filter(felhasznalo=user).values("latogatas")
        reszek["nap.esetek"] = lambda: _esedekesek_elore(sajat_ugyfelek, ma, limit("nem_latogatottak"))
        reszek["nap.latogatasok"] = lambda: _latogatasok_reszletekkel(
            Latogatas.objects.for_user(user)
            .filter(Q(szerzo=user) | Q(pk__in=munkatarskent))
            .select_related("szerzo")
            .only(*KEZDOLAP_LATOGATAS_SOR)
            .order_by("-idopont", "-pk")[:sorok],
            nevek=False,
        )
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
    lejart, heti = r["nap.feladatok"]
    ugyfelek_szama, nem_latogatottak = r.get("nap.esetek", (0, Lista([], 0)))
    nap = MentorNapja(
        lejart_feladatok=lejart,
        heti_feladatok=heti,
        esedekes_felulvizsgalatok=r["nap.felulvizsgalatok"],
        ugyfelek_szama=ugyfelek_szama,
        nem_latogatottak=nem_latogatottak,
        legutobbi_latogatasok=r.get("nap.latogatasok", []),
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


def _csoportonkent(qs, kulcs, **szamlalok) -> dict:
    """``{key: count}`` of ``qs`` grouped by the expression ``kulcs``: one GROUP BY. With ``szamlalok``
    (named aggregates) the values are tuples: ``(count, *aggregates)``.

    ``COUNT(*)``, not ``COUNT(id)``: an index without the id can answer it alone. Each count is a query of
    its own rather than a part of one UNION: together they cross the cost where PostgreSQL starts parallel
    workers, which cost more here than the counting.
    """
    sorok = (
        qs.order_by()
        .annotate(_kulcs=kulcs)
        .values("_kulcs")
        .annotate(_n=Count("*"), **szamlalok)
        .values_list("_kulcs", "_n", *szamlalok)
    )
    return {sor[0]: (sor[1:] if szamlalok else sor[1]) for sor in sorok}


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
    koord = {"szerepek": (Szerep.KOORDINATOR,)}
    tagsagok = Tagsag.objects.for_user(user, **koord).filter(szerep__in=[Szerep.MENTOR, Szerep.KOORDINATOR])
    reszek = {
        "csapat.havi": lambda: _csoportonkent(
            Latogatas.objects.for_user(user, **koord).filter(idopont__gte=honap_eleje), F("szerzo")
        ),
        "csapat.lejart_feladatok": lambda: _csoportonkent(
            KovetoFeladat.objects.for_user(user, **koord).filter(kesz=False, hatarido__lt=ma), F("felelos")
        ),
        "csapat.lejart_tervek": lambda: _csoportonkent(
            FejlesztesiTerv.objects.for_user(user, **koord).filter(
                lezarva__isnull=True, kovetkezo_felulvizsgalat__lt=ma
            ),
            terv_felelose(),
        ),
        # Active participants per mentor, and of them those nobody visited lately: COUNT(projekt_id) rather
        # than COUNT(id), so that ugyfel_nem_latogatott_idx answers alone.
        "csapat.ugyfelek": lambda: _csoportonkent(
            Ugyfel.objects.for_user(user, **koord).aktiv(),
            F("mentor"),
            nem_latogatott=Count("projekt", filter=nem_latogatott_q(ma)),
        ),
    }
    tagok = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=tagsagok.values("felhasznalo"))
        .only("username", "first_name", "last_name")
        .order_by("last_name", "first_name", "pk")
    )
    tag_kezdet, tag_hany = ((oldal - 1) * TELJES_OLDAL, TELJES_OLDAL) if "csapat" in teljes else (0, CSAPAT_SOROK)
    # The members shown and the size of the team, in one query.
    reszek[f"csapat.tagok.{tag_kezdet}.{tag_hany}"] = lambda: _sorok_es_osszesen(tagok, tag_kezdet, tag_hany)
    r = reszenkent(futtato, reszek)
    havi, lejart_feladatok, lejart_tervek = r["csapat.havi"], r["csapat.lejart_feladatok"], r["csapat.lejart_tervek"]
    ugyfelek, csapat = r["csapat.ugyfelek"], r[f"csapat.tagok.{tag_kezdet}.{tag_hany}"]
    if not csapat.sorok and tag_kezdet:  # a page past the end: the first one
        return koordinator_attekintes(user, ma=ma, teljes=teljes, sorok=sorok, oldal=1, futtato=futtato, nevek=nevek)
    for m in csapat.sorok:
        m.havi_latogatasok = havi.get(m.pk, 0)
        m.lejart_feladatok = lejart_feladatok.get(m.pk, 0)
        m.lejart_felulvizsgalatok = lejart_tervek.get(m.pk, 0)
        m.ugyfelek_szama = ugyfelek.get(m.pk, (0, 0))[0]
    nem_lat = (
        nem_latogatottak(Ugyfel.objects.for_user(user, **koord), ma)
        .select_related("mentor")
        .only(*ESEDEKES_SOR, "mentor__first_name", "mentor__last_name", "mentor__username")
    )
    osszesen = sum(nem_latogatott for _n, nem_latogatott in ugyfelek.values())
    kezdet, hany = 0, sorok
    if "nem_latogatottak" in teljes:
        kezdet = (min(oldal, max(1, -(-osszesen // TELJES_OLDAL))) - 1) * TELJES_OLDAL  # past the end: the last page
        hany = TELJES_OLDAL
    # A part of its own after the counts: the page shown in full starts where their total says.
    nem_lat_sorok = reszenkent(
        futtato, {f"csapat.nem_latogatottak.{kezdet}.{hany}": lambda: list(nem_lat[kezdet : kezdet + hany])}
    ).popitem()[1]
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
