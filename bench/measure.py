#!/usr/bin/env python
"""Server time of each page as a multiple of a floor, measured in one run (a noisy machine slows both).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapocs_bench \\
    .venv/bin/python bench/measure.py [-n 15] [--only lista,reszlet] [--queries] [--json out.json] [--check]

Requests go through Django's test client in this process (no network, no
gunicorn): middleware, session, views, templates and the database, as in
production but without the HTTP server. For every page: warm-up requests,
then ``n`` rounds, each timing the floor and then the page; the ratio is
median(page) / median(floor). The report is also timed against
hand-written SQL of its figures, run on a cursor (``bench/jelentes_sql.py``):
every figure the page shows for the same period and breakdowns (each
indicator, per training, the targets' cumulative figures, the chart's
quarterly points, the breakdowns and the incomplete records), one statement
per evidence model. Before it is timed, every one of those figures is
compared with the page's own (``report_check``, the code the page uses) and
any difference stops the run; ``--check`` runs that comparison alone. The
import is timed against reading the same .xlsx with openpyxl plus one bulk
insert.
The report export is also timed against its own floor (``export_padlo``):
the same sheets with the same numbers of rows and columns, each from one
plain values_list query (the summary from the report's hand-written SQL),
written with openpyxl in write-only mode into a BytesIO; its throughput
(rows/s) and, with ``--memory``, the peak of Python memory are printed too.

A page whose URL name does not resolve (not merged yet) is reported as
"not available"; fix the names in ``OLDALAK`` below after merging.
Targets (issue 8): every page <= 5x the floor, the report <= 2x its SQL,
the 10,000-row import <= 3x its floor.
"""

import argparse
import datetime
import importlib
import inspect
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from akcioterulet.models import Felhasznalo, Projekt  # noqa: E402
from bench.jelentes_sql import Elteres, oldal_idoszaka, report_check, report_sql  # noqa: E402
from bench.valtozas import Valtozas  # noqa: E402
from ugyfelek.models import FejlesztesiTerv, Ugyfel  # noqa: E402

# ---------------------------------------------------------------------------------------------------------------
# THE PAGES. Adjust URL names and arguments here after merging. Each page lists candidate (url name, kwargs
# [, query]) tuples; the first that reverses is measured. The first candidates are the names of the branches
# being merged (indikator: indikatorok/urls.py; mentoralas: a role-aware ``kezdolap``). Placeholders in kwargs
# and query strings are filled from the context built by ``kontextus()``: {projekt}, {ugyfel}, {haztartas},
# {mentor}, {tol}, {ig}, {mutato}, {nev}, {taj}. ``user`` is "mentor" (bench_mentor01) or "koordinator"
# (bench_koordinator), both of the large project. ``sql_cel``: the report is also held to its hand-written SQL.
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Oldal:
    kulcs: str
    cim: str
    jeloltek: list  # [(url name, kwargs template dict or None[, query template overriding ``query``]), ...]
    query: str = ""
    user: str = "mentor"
    cel: float | None = 5.0  # the target ratio against the floor (None: held to another yardstick below)
    sql_cel: float | None = None  # the target ratio against the hand-written SQL (report only)
    meret: bool = False  # print the response size (exports)
    export_cel: float | None = None  # the target ratio against the export's own floor (report export only)
    # Nothing kept before each view: the first view after a change of every table it reads (core.adatverzio).
    friss: bool = False
    # A change committed before each view (``bench/valtozas.py``): "latogatas", a colleague's visit recorded
    # as the visit form records it; "ugyfel", a participant's phone number; "nev", a participant's name.
    valtozas: str = ""


# The admin's change lists (a superuser's back office, not among the pages the issue names) are held to not
# regressing rather than to the app pages' 5x. Django draws them: with no row and no navigation sidebar drawn, a
# list is still 5.5x the floor (its filters, search, actions, pagination and frame), and its 50 rows' cells take
# another 7 ms. 15x is above what they take (7-11x on the machines measured so far) and below what a regression
# gives: a sort or a count of a million visits took them to 300x, the visits' project not joined (50 queries more)
# to 18-21x. The query counts of the admin's lists are asserted by tests besides (tests/test_admin_lekerdezesek.py).
ADMIN_CEL = 15.0

OLDALAK = [
    Oldal("lista", "Participant list (first page)", [("ugyfelek:ugyfel_lista", None)]),
    Oldal("lista_utolso", "Participant list (page 300)", [("ugyfelek:ugyfel_lista", None)], query="page=300"),
    Oldal("kereses_nev", "Participant search: name", [("ugyfelek:ugyfel_lista", None)], query="q={nev}"),
    Oldal("kereses_ritka", "Participant search: rare text", [("ugyfelek:ugyfel_lista", None)], query="q=xqzw"),
    Oldal("kereses_taj", "Participant search: TAJ digits", [("ugyfelek:ugyfel_lista", None)], query="q={taj}"),
    Oldal("haztartas_lista", "Household search", [("ugyfelek:haztartas_lista", None)], query="q=kossuth"),
    Oldal("reszlet", "Participant page with timeline", [("ugyfelek:ugyfel_reszlet", {"pk": "{ugyfel}"})]),
    Oldal("ugyfel_szerkesztes", "Participant's edit form", [("ugyfelek:ugyfel_szerkesztes", {"pk": "{ugyfel}"})]),
    Oldal("ugyfel_uj", "New participant's form", [("ugyfelek:ugyfel_uj", None)]),
    Oldal("haztartas_reszlet", "Household page with timeline", [("ugyfelek:haztartas_reszlet", {"pk": "{haztartas}"})]),
    Oldal("terv_szerkesztes", "Plan's edit form", [("ugyfelek:terv_szerkesztes", {"pk": "{terv}"})]),
    Oldal("latogatas_lista", "Visit list (first page)", [("ugyfelek:latogatas_lista", None)]),
    Oldal("latogatas_sajat", "Visit list: my visits", [("ugyfelek:latogatas_lista", None)], query="mentor={mentor}"),
    Oldal("latogatas_kereses", "Visit list: a name", [("ugyfelek:latogatas_lista", None)], query="kit={nev}"),
    Oldal("latogatas_tema", "Visit list: a topic", [("ugyfelek:latogatas_lista", None)], query="tema=egeszseg"),
    Oldal("latogatas_uj", "New visit: the finder", [("ugyfelek:latogatas_uj", None)]),
    Oldal(
        "latogatas_uj_ugyfel",
        "New visit: a participant's form",
        [("ugyfelek:latogatas_uj", None)],
        query="ugyfel={ugyfel}",
    ),
    Oldal(
        "tag_uj",
        "New household member: a search",
        [("ugyfelek:haztartas_tag_uj", {"pk": "{haztartas}"})],
        query="q=kovacs",
    ),
    Oldal("adatminoseg", "Data quality", [("indikatorok:adatminoseg", {"pk": "{projekt}"})], user="koordinator"),
    Oldal(
        "adatminoseg_latogatas",
        "Data quality, after a mentor's visit",
        [("indikatorok:adatminoseg", {"pk": "{projekt}"})],
        user="koordinator",
        valtozas="latogatas",
    ),
    Oldal(
        "adatminoseg_nev",
        "Data quality, after a participant renamed",
        [("indikatorok:adatminoseg", {"pk": "{projekt}"})],
        user="koordinator",
        valtozas="nev",
    ),
    Oldal(
        "adatminoseg_friss",
        "Data quality, after a change of everything",
        [("indikatorok:adatminoseg", {"pk": "{projekt}"})],
        user="koordinator",
        friss=True,
    ),
    Oldal(
        "adatminoseg_szakasz",
        "Data quality: one check in full (page 1)",
        [("indikatorok:adatminoseg", {"pk": "{projekt}"})],
        query="szakasz=terv_nelkul",
        user="koordinator",
    ),
    Oldal(
        "adatminoseg_szakasz_20",
        "Data quality: one check in full (page 20)",
        [("indikatorok:adatminoseg", {"pk": "{projekt}"})],
        query="szakasz=terv_nelkul&page=20",
        user="koordinator",
    ),
    Oldal("programok", "Community programmes", [("kozosseg:program_lista", None)]),
    Oldal("kepzesek", "Trainings", [("kepzes:kepzes_lista", None)]),
    Oldal("mentor_kezdolap", "Mentor home", [("ugyfelek:mentor_kezdolap", None), ("kezdolap", None)]),
    Oldal(
        "koord_kezdolap",
        "Coordinator home",
        [("ugyfelek:koordinator_kezdolap", None), ("kezdolap", None)],
        user="koordinator",
    ),
    Oldal("mentor_kezdolap_friss", "Mentor home, after a change of everything", [("kezdolap", None)], friss=True),
    Oldal(
        "koord_kezdolap_friss",
        "Coordinator home, after a change of everything",
        [("kezdolap", None)],
        user="koordinator",
        friss=True,
    ),
    Oldal(
        "mentor_kezdolap_latogatas",
        "Mentor home, after a colleague's visit",
        [("kezdolap", None)],
        valtozas="latogatas",
    ),
    Oldal(
        "koord_kezdolap_latogatas",
        "Coordinator home, after a mentor's visit",
        [("kezdolap", None)],
        user="koordinator",
        valtozas="latogatas",
    ),
    Oldal("mentor_kezdolap_ugyfel", "Mentor home, after a participant edited", [("kezdolap", None)], valtozas="ugyfel"),
    Oldal(
        "koord_kezdolap_ugyfel",
        "Coordinator home, after a participant edited",
        [("kezdolap", None)],
        user="koordinator",
        valtozas="ugyfel",
    ),
    Oldal("mentor_kezdolap_nev", "Mentor home, after a participant renamed", [("kezdolap", None)], valtozas="nev"),
    Oldal(
        "koord_kezdolap_nev",
        "Coordinator home, after a participant renamed",
        [("kezdolap", None)],
        user="koordinator",
        valtozas="nev",
    ),
    Oldal(
        "jelentes",
        "Report of the large project",
        [("indikatorok:jelentes", {"pk": "{projekt}"}, ""), ("indikatorok:jelentes", None)],
        query="projekt={projekt}&tol={tol}&ig={ig}",
        user="koordinator",
        cel=None,  # held to its hand-written SQL, not to the floor of a one-query view
        sql_cel=2.0,
    ),
    Oldal(
        "jelentes_friss",
        "Report, after a change of everything",
        [("indikatorok:jelentes", {"pk": "{projekt}"}, "")],
        query="projekt={projekt}&tol={tol}&ig={ig}",
        user="koordinator",
        cel=None,
        sql_cel=2.0,
        friss=True,
    ),
    Oldal(
        "jelentes_latogatas",
        "Report, after a mentor's visit",
        [("indikatorok:jelentes", {"pk": "{projekt}"}, "")],
        query="projekt={projekt}&tol={tol}&ig={ig}",
        user="koordinator",
        cel=None,
        sql_cel=2.0,
        valtozas="latogatas",
    ),
    Oldal(
        "lebontas",
        "Drill-down (involved participants)",
        [("indikatorok:lista", {"pk": "{projekt}", "kulcs": "{mutato}"}, ""), ("indikatorok:lebontas", None)],
        query="projekt={projekt}&mutato={mutato}&tol={tol}&ig={ig}",
        user="koordinator",
    ),
    Oldal(
        "export",
        "Report export (.xlsx)",
        [("indikatorok:jelentes_xlsx", {"pk": "{projekt}"}, ""), ("indikatorok:jelentes_export", None)],
        query="projekt={projekt}&tol={tol}&ig={ig}",
        user="koordinator",
        meret=True,
        cel=None,  # an 11 MB workbook: held to its own floor (the same sheets written plainly), not the view's
        export_cel=2.0,
        friss=True,  # its figures as after a change: counted, not kept
    ),
    # Django's admin, as a national programme's superuser opens it: every project's rows. Its lists are held to
    # ``ADMIN_CEL``, its index page to the app's 5x.
    Oldal(
        "admin_ugyfelek",
        "Admin: participants (every project)",
        [("admin:ugyfelek_ugyfel_changelist", None)],
        user="admin",
        cel=ADMIN_CEL,
    ),
    Oldal(
        "admin_ugyfelek_kereses",
        "Admin: participants, a rare name",
        [("admin:ugyfelek_ugyfel_changelist", None)],
        query="q=xqzw",
        user="admin",
        cel=ADMIN_CEL,
    ),
    Oldal(
        "admin_index",
        "Admin: the index page",
        [("admin:index", None)],
        user="admin",
    ),
    Oldal(
        "admin_latogatasok",
        "Admin: visits (every project)",
        [("admin:ugyfelek_latogatas_changelist", None)],
        user="admin",
        cel=ADMIN_CEL,
    ),
    Oldal(
        "admin_latogatasok_projekt",
        "Admin: visits of the large project",
        [("admin:ugyfelek_latogatas_changelist", None)],
        query="projekt__id__exact={projekt}",
        user="admin",
        cel=ADMIN_CEL,
    ),
    Oldal(
        "admin_felhasznalok",
        "Admin: users",
        [("admin:akcioterulet_felhasznalo_changelist", None)],
        user="admin",
        cel=ADMIN_CEL,
    ),
]

# The indicator the drill-down opens (a key of indikatorok.definitions.INDIKATOROK; the first one if absent).
MUTATO = "bevont"

# The participant import: dotted paths tried in order; the first importable callable is used by
# ``import_futtatas`` below, which you may need to adapt to the service's signature after merging.
IMPORT_JELOLTEK = [
    "ugyfelek.importalas.services:importalas_feltoltes",  # the import branch: upload + preview, then confirm
    "ugyfelek.services:ugyfel_import",
]
IMPORT_SOROK = 10_000
IMPORT_FEJLEC = [
    "Családi név", "Utónév", "Születési név", "Anyja születési neve", "Születési hely", "Születési dátum", "Nem",
    "TAJ szám", "Irányítószám", "Település", "Cím", "Telefon", "E-mail", "Bevonás dátuma",
    "Együttműködési megállapodás dátuma", "Akcióterület", "Mentor",
]  # fmt: skip


def import_futtatas(fuggveny, fajl: Path, projekt, felhasznalo):
    """Preview + confirm of ``fajl`` into ``projekt`` through the app's import service. ADJUST AFTER MERGE.

    The import branch's screens: ``importalas_feltoltes`` (upload, preview) then ``importalas_megerosites``
    (confirm). Any other service gets what its signature asks for, by parameter name.
    """
    modul = importlib.import_module(fuggveny.__module__)
    if hasattr(modul, "importalas_feltoltes") and hasattr(modul, "importalas_megerosites"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        feltoltott = SimpleUploadedFile(
            fajl.name,
            fajl.read_bytes(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        naplo, eredmeny = modul.importalas_feltoltes(projekt=projekt, felhasznalo=felhasznalo, fajl=feltoltott)
        if not eredmeny.rendben:
            raise RuntimeError(f"preview refused the file: {eredmeny.hiba or eredmeny.osszegzes()}")
        eredmeny = modul.importalas_megerosites(naplo=naplo, felhasznalo=felhasznalo)
        if not eredmeny.mentve:
            raise RuntimeError(f"confirm wrote nothing: {eredmeny.hiba or eredmeny.osszegzes()}")
        return eredmeny
    parameterek = inspect.signature(fuggveny).parameters
    kinalat = {
        "fajl": fajl,
        "path": fajl,
        "utvonal": fajl,
        "file": fajl,
        "projekt": projekt,
        "felhasznalo": felhasznalo,
        "user": felhasznalo,
        "veglegesit": True,
        "megerosit": True,
        "confirm": True,
        "dry_run": False,
    }
    kwargs = {k: v for k, v in kinalat.items() if k in parameterek}
    if "fajl" not in kwargs and parameterek:
        with open(fajl, "rb") as f:
            return fuggveny(f, **{k: v for k, v in kwargs.items() if k not in ("fajl", "path", "utvonal", "file")})
    return fuggveny(**kwargs)


# ---------------------------------------------------------------------------------------------------------------


def kontextus():
    """The records the pages are opened on: the large project, its busiest participant, a common name."""
    projekt = Projekt.objects.annotate(n=Count("ugyfelek")).order_by("-n").first()
    if projekt is None:
        raise SystemExit("No data: run bench/generate.py first.")
    mentor = Felhasznalo.objects.get(username="bench_mentor01")
    koordinator = Felhasznalo.objects.get(username="bench_koordinator")
    ugyfel = (
        Ugyfel.objects.filter(projekt=projekt, mentor=mentor)
        .annotate(n=Count("latogatasok"))
        .order_by("-n", "id")
        .first()
    )
    taj = Ugyfel.objects.filter(projekt=projekt).exclude(taj="").values_list("taj", flat=True).first()
    try:
        from indikatorok.definitions import INDIKATOROK

        mutato = MUTATO if MUTATO in INDIKATOROK or not INDIKATOROK else next(iter(INDIKATOROK))
    except ImportError:
        mutato = MUTATO
    return {
        "projekt": projekt,
        "ugyfel": ugyfel,
        "mentor": mentor,
        "koordinator": koordinator,
        "admin": Felhasznalo.objects.get(username="bench_admin"),
        "haztartas": ugyfel.haztartas_tagsagok.values_list("haztartas_id", flat=True).first(),
        "terv": FejlesztesiTerv.objects.filter(projekt=projekt, ugyfel__mentor=mentor)
        .values_list("pk", flat=True)
        .first(),
        "tol": projekt.kezdete.isoformat(),
        "ig": min(projekt.vege, datetime.date.today()).isoformat(),
        "mutato": mutato,
        "nev": "kovacs ilona",
        "taj": (taj or "1234")[:5],
    }


def _kitolt(sablon, ctx, idezo=str):
    ertekek = {k: idezo(str(v.pk if hasattr(v, "pk") else v)) for k, v in ctx.items()}
    if sablon is None:
        return None
    if isinstance(sablon, dict):
        return {k: _kitolt(v, ctx, idezo) for k, v in sablon.items()}
    return sablon.format(**ertekek)


def oldal_url(oldal: Oldal, ctx) -> str | None:
    for nev, kwargs, *query in oldal.jeloltek:
        try:
            url = reverse(nev, kwargs=_kitolt(kwargs, ctx))
        except NoReverseMatch:
            continue
        sablon = query[0] if query else oldal.query
        q = _kitolt(sablon, ctx, urllib.parse.quote_plus) if sablon else ""
        return f"{url}?{q}" if q else url
    return None


def _median_ms(ertekek):
    return statistics.median(ertekek) * 1000


def _ido(fn):
    t = time.perf_counter()
    eredmeny = fn()
    return time.perf_counter() - t, eredmeny


def _sima_mezo(oszlop):
    """The stored field a column reads (its first), without display or formatting: what the floor selects."""
    for m in oszlop.mezok:
        if isinstance(m, str):
            return m
        forras = [x for x in m.get_source_expressions() if hasattr(x, "name")]
        if forras:
            return forras[0].name
    return "pk"


def export_padlo(projekt, user, query):
    """The report export's floor: the same sheets with as many rows and columns, and nothing else.

    Built (untimed) from the report's rows: the summary and breakdown sheets
    get the figures of ``report_sql`` (without the chart), each evidence sheet one
    plain ``values_list`` of the stored fields its columns read, over the
    indicator's own queryset (so the same rows), appended as they come to an
    openpyxl write-only workbook saved into a BytesIO. No display values, no
    guard against formulas, no styles. Date-times are read as local
    timestamps in SQL, since openpyxl refuses aware ones.
    Returns a callable giving the number of rows written. ADJUST AFTER MERGE if the export's sheets change.
    """
    import io

    from django.core.exceptions import FieldDoesNotExist
    from django.db.models import DateTimeField, F, Func
    from django.http import QueryDict
    from openpyxl import Workbook

    from indikatorok.definitions import BONTASOK
    from indikatorok.forms import IdoszakForm
    from indikatorok.selectors import jelentes
    from indikatorok.views import export

    def datumido(model, mezo):
        try:
            return isinstance(model._meta.get_field(mezo), DateTimeField)
        except FieldDoesNotExist:
            return False

    idoszak = IdoszakForm(QueryDict(query) or None, projekt=projekt).valasztott()
    celok, csoportok = jelentes(user, projekt, idoszak, ["nem"])
    osszesito = [[s.kulcs, s.nev, s.indikator.egyseg, s.indikator.tipus] for s in celok]
    osszesito += [[s.kulcs, s.nev, s.indikator.egyseg, s.indikator.tipus] for _c, ss in csoportok for s in ss]
    bontas_sorok = [[s.kulcs, s.nev] for s in [*celok, *(s for _c, ss in csoportok for s in ss)] if s.bontas]
    bontas_oszlopok = 2 + len(BONTASOK["nem"][1])
    lapok = []
    for lap in export.bizonyito_lapok(celok, csoportok)[0]:
        ind = lap.sor.indikator
        qs = ind.queryset(projekt, idoszak, lap.sor.kepzes)
        mezok = {}
        for i, o in enumerate(ind.oszlopok):
            mezo = F(_sima_mezo(o))
            if datumido(qs.model, mezo.name):
                mezo = Func(
                    mezo, template="(%(expressions)s AT TIME ZONE 'Europe/Budapest')", output_field=DateTimeField()
                )
            mezok[f"m{i}"] = mezo
        lapok.append((lap.cim, ["Azonosító", *(o.cim for o in ind.oszlopok)], qs.annotate(**mezok), list(mezok)))
    sql = report_sql(projekt, idoszak.kezdete, idoszak.vege, grafikon=False)
    fejlec_osszesito = list(export.OSSZESITO_FEJLEC)

    def padlo():
        szamok = list(sql().values())
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Összesítő")
        ws.append([f"{projekt.kod} – {projekt.cim}"])
        ws.append([f"Időszak: {idoszak}"])
        ws.append(fejlec_osszesito)
        n = 0
        for i, sor in enumerate(osszesito):
            # The figures of the hand-written SQL fill the numeric columns.
            ertekek = [szamok[(i + j) % len(szamok)] for j in range(len(fejlec_osszesito) - 5)]
            ws.append(["csoport", *sor, *ertekek])
            n += 1
        ws = wb.create_sheet("Bontások")
        ws.append(["Kód", "Indikátor", "Összesen", "hiányos", *range(bontas_oszlopok - 2)])
        for i, sor in enumerate(bontas_sorok):
            ws.append([*sor, *(szamok[(i + j) % len(szamok)] for j in range(bontas_oszlopok))])
            n += 1
        for cim, fejlec, qs, mezok in lapok:
            ws = wb.create_sheet(cim)
            ws.append(fejlec)
            for sor in qs.values_list("pk", *mezok).iterator(chunk_size=2000):
                ws.append(sor)
                n += 1
        buf = io.BytesIO()
        wb.save(buf)
        return n

    return padlo


def _olvas(valasz):
    """The whole body of a response (a streamed file is read to its end, as a browser would)."""
    if valasz.streaming:
        tartalom = b"".join(valasz.streaming_content)
        valasz.close()
        return tartalom
    return valasz.content


def _csucs_memoria(fn):
    """Peak of Python memory (tracemalloc) while ``fn`` runs, in bytes."""
    import tracemalloc

    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@dataclass
class Eredmeny:
    kulcs: str
    cim: str
    allapot: str = "ok"
    url: str = ""
    lekerdezesek: int | None = None
    oldal_ms: float | None = None
    padlo_ms: float | None = None
    arany: float | None = None
    cel: float | None = None
    sql_ms: float | None = None
    sql_arany: float | None = None
    sql_cel: float | None = None
    meret: int | None = None
    lassu: list = field(default_factory=list)
    export_padlo_ms: float | None = None
    export_arany: float | None = None
    export_cel: float | None = None
    sorok: int | None = None
    sor_per_s: float | None = None
    padlo_sor_per_s: float | None = None
    memoria: int | None = None
    padlo_memoria: int | None = None


def meres(oldal: Oldal, ctx, kliensek, n: int, bemelegites: int, lekerdezesek: bool, memoria=False) -> Eredmeny:
    e = Eredmeny(oldal.kulcs, oldal.cim, cel=oldal.cel, sql_cel=oldal.sql_cel, export_cel=oldal.export_cel)
    url = oldal_url(oldal, ctx)
    if url is None:
        e.allapot = "not available"
        return e
    e.url = url
    valtozas = Valtozas(oldal.valtozas, ctx["projekt"]) if oldal.valtozas else None
    try:
        return _meres(oldal, ctx, kliensek, n, bemelegites, lekerdezesek, memoria, e, url, valtozas)
    finally:
        if valtozas:
            valtozas.vege()


def _meres(oldal, ctx, kliensek, n, bemelegites, lekerdezesek, memoria, e, url, valtozas) -> Eredmeny:
    kliens = kliensek[oldal.user]
    padlo_url = reverse("bench_padlo", args=[ctx["ugyfel"].pk])
    elotte = cache.clear if oldal.friss else (valtozas or (lambda: None))
    if valtozas:
        # Kept first, so that the queries counted are those of a view after the change (a page before may
        # have emptied the cache).
        _olvas(kliens.get(url))
    elotte()
    with CaptureQueriesContext(connection) as cq:
        valasz = kliens.get(url)
    if valasz.status_code != 200:
        e.allapot = f"HTTP {valasz.status_code}"
        return e
    e.lekerdezesek = len(cq.captured_queries)
    if lekerdezesek:
        e.lassu = sorted(cq.captured_queries, key=lambda q: -float(q["time"]))[:3]
    tartalom = _olvas(valasz)
    e.meret = len(tartalom) if oldal.meret else None
    del tartalom, valasz
    export_padlo_fn = None
    if oldal.export_cel:
        export_padlo_fn = export_padlo(ctx["projekt"], ctx[oldal.user], urllib.parse.urlsplit(url).query)
    for _ in range(bemelegites):
        elotte()
        _olvas(kliens.get(url))
        kliens.get(padlo_url)
        if export_padlo_fn:
            export_padlo_fn()
    oldal_idok, padlo_idok, export_padlo_idok = [], [], []
    for _ in range(n):
        # Interleaved: whatever slows the machine slows both sides of the ratio.
        padlo_idok.append(_ido(lambda: kliens.get(padlo_url))[0])
        if export_padlo_fn:
            t, e.sorok = _ido(export_padlo_fn)
            export_padlo_idok.append(t)
        elotte()
        oldal_idok.append(_ido(lambda: _olvas(kliens.get(url)))[0])
    e.oldal_ms, e.padlo_ms = _median_ms(oldal_idok), _median_ms(padlo_idok)
    e.arany = e.oldal_ms / e.padlo_ms
    if export_padlo_fn:
        e.export_padlo_ms = _median_ms(export_padlo_idok)
        e.export_arany = e.oldal_ms / e.export_padlo_ms
        e.sor_per_s = e.sorok / e.oldal_ms * 1000
        e.padlo_sor_per_s = e.sorok / e.export_padlo_ms * 1000
        if memoria:
            e.memoria = _csucs_memoria(lambda: _olvas(kliens.get(url)))
            e.padlo_memoria = _csucs_memoria(export_padlo_fn)
    if oldal.sql_cel:
        # The SQL computes the period and breakdowns the page shows; first it must give the page's every figure.
        query = urllib.parse.urlsplit(url).query
        report_check(ctx[oldal.user], ctx["projekt"], query)
        idoszak, bontasok = oldal_idoszaka(ctx["projekt"], query)
        sql = report_sql(ctx["projekt"], idoszak.kezdete, idoszak.vege, bontasok)
        sql()
        sql_idok = []
        for _ in range(n):
            sql_idok.append(_ido(sql)[0])
        e.sql_ms = _median_ms(sql_idok)
        e.sql_arany = e.oldal_ms / e.sql_ms
    return e


def import_fajl(utvonal: Path, ctx, sorok: int):
    """A 10,000-row participant list as people send it: text dates, spaced TAJ numbers, the template's headers."""
    import random

    from openpyxl import Workbook

    from ugyfelek.validators import taj_ellenorzo_szamjegy

    rnd = random.Random(8)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Ügyfelek")
    ws.append(IMPORT_FEJLEC)
    projekt = ctx["projekt"]
    for i in range(sorok):
        elso = f"{90_000_000 + i * 3:08d}"
        taj = elso + str(taj_ellenorzo_szamjegy(elso))
        ws.append(
            [f"Importált{i}", rnd.choice(["Anna", "Béla", "Éva", "Ödön"]), "", "Minta Mária", projekt.telepules,
             f"{rnd.randint(1950, 2005)}.{rnd.randint(1, 12):02d}.{rnd.randint(1, 28):02d}.",
             rnd.choice(["nő", "férfi"]), f"{taj[:3]} {taj[3:6]} {taj[6:]}", "7400", projekt.telepules,
             f"Petőfi Sándor utca {i % 200 + 1}.", "", "", "2026.01.15.", "", "", ""]
        )  # fmt: skip
    wb.save(utvonal)


def import_padlo(utvonal: Path, ctx):
    """The import's floor: read the same file with openpyxl and insert the same rows with one bulk_create."""
    from openpyxl import load_workbook

    from core.text import fold

    projekt = ctx["projekt"]
    wb = load_workbook(utvonal, read_only=True)
    objs = []
    for sor in wb.active.iter_rows(min_row=2, values_only=True):
        ev, ho, nap = (int(x) for x in sor[5].rstrip(".").split("."))
        u = Ugyfel(
            projekt=projekt, csaladi_nev=sor[0], utonev=sor[1], anyja_neve=sor[3], szuletesi_hely=sor[4],
            szuletesi_datum=datetime.date(ev, ho, nap), nem="no" if sor[6] == "nő" else "ferfi",
            taj=sor[7].replace(" ", ""), iranyitoszam=sor[8], telepules=sor[9], cim=sor[10],
            bevonas_datuma=datetime.date(2026, 1, 15),
        )  # fmt: skip
        u.kereso_szoveg = fold(" ".join([u.csaladi_nev, u.utonev, u.iranyitoszam, u.telepules, u.cim]))
        u.nev_kulcs = Ugyfel.nev_kulcsa(u.csaladi_nev, u.utonev)
        objs.append(u)
    wb.close()
    Ugyfel.objects.bulk_create(objs, batch_size=1000)


def _visszagorgetve(fn):
    """Run ``fn`` in a transaction that is rolled back, so repeated runs insert into the same dataset."""
    with transaction.atomic():
        t, _ = _ido(fn)
        transaction.set_rollback(True)
    return t


def import_meres(ctx, n: int) -> Eredmeny:
    e = Eredmeny("import", f"Import of {IMPORT_SOROK:,} rows (preview + confirm)", cel=3.0)
    fuggveny = None
    for jelolt in IMPORT_JELOLTEK:
        modul, _, nev = jelolt.partition(":")
        try:
            fuggveny = getattr(importlib.import_module(modul), nev)
            e.url = jelolt
            break
        except (ImportError, AttributeError):
            continue
    if fuggveny is None:
        e.allapot = "not available"
        return e
    with tempfile.TemporaryDirectory() as d:
        fajl = Path(d) / "import.xlsx"
        import_fajl(fajl, ctx, IMPORT_SOROK)
        from core.audit import audit_context
        from core.models import Valtozas

        import_idok, padlo_idok = [], []
        for _ in range(n):
            padlo_idok.append(_visszagorgetve(lambda: import_padlo(fajl, ctx)))
            try:
                with audit_context(felhasznalo=ctx["koordinator"], forras=Valtozas.Forras.IMPORT):
                    import_idok.append(
                        _visszagorgetve(lambda: import_futtatas(fuggveny, fajl, ctx["projekt"], ctx["koordinator"]))
                    )
            except Exception as exc:  # noqa: BLE001 - a wrong adapter is reported, not fatal
                e.allapot = f"error: {type(exc).__name__}: {exc}"[:200]
                return e
    e.oldal_ms, e.padlo_ms = _median_ms(import_idok), _median_ms(padlo_idok)
    e.arany = e.oldal_ms / e.padlo_ms
    if connection.vendor == "postgresql":
        # The rolled-back inserts leave dead rows and entries in the trigram indexes' pending lists: until a
        # vacuum, every later search (of this run or the next) reads them and takes several times as long.
        with connection.cursor() as cur:
            for tabla in ("ugyfelek_ugyfel", "ugyfelek_haztartas", "ugyfelek_haztartastag", "core_valtozas"):
                cur.execute(f"VACUUM ANALYZE {tabla}")
    return e


def _f(x, fmt):
    return "–" if x is None else format(x, fmt)


def kiir(eredmenyek, gep):
    print(f"\n{gep}\n")
    fej = f"{'page':<38} {'queries':>7} {'page ms':>9} {'floor ms':>9} {'ratio':>6} {'target':>6}  verdict"
    print(fej)
    print("-" * len(fej))
    for e in eredmenyek:
        if e.allapot != "ok":
            print(f"{e.cim:<38} {e.allapot}")
            continue
        if e.cel is None:
            cel, itelet = f"{'-':>6}", "(see the next line)"
        else:
            cel, itelet = f"{e.cel:6.1f}", "OK" if e.arany <= e.cel else "OVER"
        print(
            f"{e.cim:<38} {_f(e.lekerdezesek, 'd'):>7} {e.oldal_ms:9.1f} {e.padlo_ms:9.1f} {e.arany:6.1f} "
            f"{cel}  {itelet}" + (f"  ({e.meret:,} bytes)" if e.meret else "")
        )
        if e.export_padlo_ms is not None:
            jo = e.export_arany <= e.export_cel
            print(
                f"{'  ... against its own floor (.xlsx)':<38} {'':>7} {e.oldal_ms:9.1f} {e.export_padlo_ms:9.1f} "
                f"{e.export_arany:6.1f} {e.export_cel:6.1f}  {'OK' if jo else 'OVER'}"
            )
            print(
                f"{'  ... rows/s (export, floor)':<38} {'':>7} {e.sor_per_s:9,.0f} {e.padlo_sor_per_s:9,.0f}"
                f"  ({e.sorok:,} rows)"
            )
            if e.memoria is not None:
                print(
                    f"{'  ... peak Python memory MiB':<38} {'':>7} {e.memoria / 2**20:9.1f} "
                    f"{e.padlo_memoria / 2**20:9.1f}  (tracemalloc)"
                )
        if e.sql_ms is not None:
            jo = e.sql_arany <= e.sql_cel
            print(
                f"{'  ... against its hand-written SQL':<38} {'':>7} {e.oldal_ms:9.1f} {e.sql_ms:9.1f} "
                f"{e.sql_arany:6.1f} {e.sql_cel:6.1f}  {'OK' if jo else 'OVER'}"
            )
        for q in e.lassu:
            print(f"      {float(q['time']) * 1000:7.1f} ms  {q['sql'][:150]}")


def gep_leiras():
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0] if connection.vendor == "postgresql" else connection.vendor
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) // 1024:,} MiB RAM"
    except OSError:
        pass
    terheles = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{datetime.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPU, {mem}, load average {terheles}, "
        f"PostgreSQL {pg}, "
        f"database {connection.settings_dict['NAME']}, Ugyfel rows {Ugyfel.objects.count():,}"
    )


def jelentes_ellenorzes(ctx):
    """``--check``: every figure of the report page measured (``OLDALAK``) against ``report_sql``'s, untimed."""
    for oldal in OLDALAK:
        if not oldal.sql_cel:
            continue
        url = oldal_url(oldal, ctx)
        if url is None:
            raise SystemExit(f"{oldal.cim}: not available")
        n = report_check(ctx[oldal.user], ctx["projekt"], urllib.parse.urlsplit(url).query)
        print(f"{oldal.cim}: the hand-written SQL gives all {n} figures of the page, equal")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=15, help="timed rounds per page (median)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--import-n", type=int, default=3, help="rounds of the 10,000-row import")
    parser.add_argument("--only", help="comma-separated page keys (see OLDALAK), 'import' for the import")
    parser.add_argument("--queries", action="store_true", help="print the three slowest queries of each page")
    parser.add_argument("--json", help="write the figures to this file as JSON")
    parser.add_argument("--statement-timeout", type=int, default=60, help="seconds (PostgreSQL)")
    parser.add_argument("--memory", action="store_true", help="peak Python memory of the export and its floor")
    parser.add_argument(
        "--check",
        action="store_true",
        help="only compare every figure of the report page with its hand-written SQL's; exit 1 on a difference",
    )
    args = parser.parse_args()
    csak = set(args.only.split(",")) if args.only else None
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            # A pathological query shows up as an error on its page instead of stalling the whole run.
            cur.execute("SET statement_timeout = %s", [f"{args.statement_timeout}s"])

    with override_settings(
        ROOT_URLCONF="bench.floor_urls",
        DEBUG=False,
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
    ):
        ctx = kontextus()
        if args.check:
            jelentes_ellenorzes(ctx)
            return
        kliensek = {}
        for szerep in ("mentor", "koordinator", "admin"):
            kliensek[szerep] = Client()
            kliensek[szerep].force_login(ctx[szerep])
        eredmenyek = []
        for oldal in OLDALAK:
            if csak and oldal.kulcs not in csak:
                continue
            print(f"measuring {oldal.kulcs} ...", file=sys.stderr, flush=True)
            try:
                eredmenyek.append(meres(oldal, ctx, kliensek, args.n, args.warmup, args.queries, args.memory))
            except Elteres:
                raise  # a yardstick that disagrees with the page would make its ratio meaningless: stop
            except Exception as exc:  # noqa: BLE001 - one broken page must not hide the others' figures
                eredmenyek.append(Eredmeny(oldal.kulcs, oldal.cim, allapot=f"error: {type(exc).__name__}: {exc}"[:160]))
        if not csak or "import" in csak:
            print("measuring import ...", file=sys.stderr, flush=True)
            eredmenyek.append(import_meres(ctx, args.import_n))
        gep = gep_leiras()
    kiir(eredmenyek, gep)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {"gep": gep, "eredmenyek": [{k: v for k, v in e.__dict__.items() if k != "lassu"} for e in eredmenyek]},
                f,
                ensure_ascii=False,
                indent=1,
            )


if __name__ == "__main__":
    try:
        main()
    except Elteres as exc:
        sys.exit(f"FAILED: {exc}")
