#!/usr/bin/env python
"""Build a national-size benchmark dataset on PostgreSQL in minutes (COPY, not the ORM).

    DJANGO_SETTINGS_MODULE=config.settings \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapocs_bench \\
    .venv/bin/python bench/generate.py --scale national

The database must be migrated first (``manage.py migrate``). Every table of
the app is emptied, then filled with fictional but valid records: TAJ numbers
with a correct check digit and unique per project, ``kereso_szoveg`` folded
exactly as ``Ugyfel.save()`` folds it, dates that satisfy every check
constraint. A sample of each model is run through ``full_clean()`` at the end
to prove it, then the tables are vacuumed and analysed.

The users we sign in as (the large project's coordinator and mentors) get the
password ``kapocs-bench-2026`` hashed with a cheap PBKDF2 iteration count (the
hash format is one Django accepts, so logging in works; Django re-hashes it
at the first login). Every other generated user has an unusable password.
"""

import argparse
import csv
import datetime
import io
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from akcioterulet.models import AkcioTerulet, Felhasznalo, Projekt, Szerep, Tagsag, UtcaSzakasz  # noqa: E402
from core import adatverzio  # noqa: E402
from core.text import fold  # noqa: E402
from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Jelenlet, Kepzes  # noqa: E402
from kozosseg.models import Alkalom, Jelentkezes, Program, Reszvetel  # noqa: E402
from ugyfelek.models import (  # noqa: E402
    FejlesztesiTerv,
    Felulvizsgalat,
    Haztartas,
    HaztartasTag,
    Hozzajarulas,
    KovetoFeladat,
    KulonlegesAdat,
    Latogatas,
    LatogatasTema,
    TervCel,
    Ugyfel,
)
from ugyfelek.validators import taj_ellenorzo_szamjegy  # noqa: E402

BENCH_JELSZO = "kapocs-bench-2026"
NULL = "\\N"

SKALAK = {
    # projects, participants, visits, cohorts, community sessions; the large project's participants and visits
    "national": dict(
        projektek=300,
        ugyfelek=100_000,
        latogatasok=1_000_000,
        csoportok=3_000,
        alkalmak=30_000,
        nagy_ugyfelek=10_000,
        nagy_latogatasok=100_000,
        nagy_mentorok=20,
    ),
    "small": dict(
        projektek=10,
        ugyfelek=3_000,
        latogatasok=30_000,
        csoportok=100,
        alkalmak=1_000,
        nagy_ugyfelek=1_000,
        nagy_latogatasok=10_000,
        nagy_mentorok=5,
    ),
}

CSALADI_NEVEK = (
    "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos Mészáros "
    "Oláh Simon Rácz Fekete Szilágyi Török Fehér Balázs Gál Kis Szűcs Kocsis Orsós Pintér Fodor Szalai Sipos "
    "Magyar Lukács Gulyás Biró Király Katona László Jakab Bogdán Balog Sárközi Rostás Kolompár Csonka Bódi Vörös "
    "Héder Győri Ónodi Ökrös Ürge Dávid Illés Ács"
).split()
FERFI_NEVEK = "László István József János Zoltán Sándor Gábor Ferenc Attila Péter Tamás Zsolt Tibor Béla Ádám Márk Dániel Bence Csaba Ödön".split()  # noqa: E501
NOI_NEVEK = "Mária Erzsébet Katalin Ilona Éva Anna Zsuzsanna Margit Judit Ágnes Andrea Erika Krisztina Szilvia Tünde Beáta Gyöngyi Rózsa Ibolya Írisz".split()  # noqa: E501
UTCAK = "Kossuth Lajos utca|Petőfi Sándor utca|Rákóczi út|Ady Endre utca|Dózsa György út|Széchenyi tér|Arany János utca|Jókai Mór utca|Béke utca|Vasút utca|Kölcsey utca|Táncsics Mihály utca|Zöldfa utca|Csillag utca|Árpád fejedelem útja|Ősz utca".split(  # noqa: E501
    "|"
)
TELEPULESEK = (
    "Kaposvár Kecskemét Miskolc Ózd Salgótarján Szolnok Nyíregyháza Pécs Szeged Eger Győr Tatabánya Békéscsaba "
    "Szekszárd Zalaegerszeg Veszprém Hódmezővásárhely Dunaújváros Nagykanizsa Sopron Érd Szombathely Debrecen "
    "Székesfehérvár Cigánd Encs Sajószentpéter Kazincbarcika Edelény Tiszavasvári"
).split()
IDOTARTAMOK = (30, 45, 60, 60, 90)
LATOGATAS_TIPUSOK = ["csaladlatogatas"] * 6 + ["fogadoora", "telefon", "telefon", "kiseres", "egyeb"]
TEMAK = [
    "adossagkezeles",
    "penzugyi",
    "csaladszervezes",
    "eletvezetes",
    "allaskereses",
    "felzarkoztatas",
    "gyermekgondozas",
    "lakokornyezet",
    "egeszseg",
    "ugyintezes",
    "egyeb",
]
JEGYZETEK = [
    "Beszélgettünk a család helyzetéről, a következő lépéseket megbeszéltük.",
    "Segítettem az ügyintézésben, a nyomtatványokat kitöltöttük.",
    "A gyermekek iskolai ügyeit néztük át, a tanárral egyeztetni kell.",
    "Rezsihátralék: részletfizetési kérelmet adtunk be.",
    "Álláshirdetéseket néztünk, önéletrajzot írtunk.",
    "",
]
MUNKAEROPIAC = ["munkanelkuli", "tartosan_munkanelkuli", "inaktiv_oktatasban", "inaktiv", "foglalkoztatott"]
VEGZETTSEG = ["isced_0", "isced_1_2", "isced_1_2", "isced_1_2", "isced_3_4", "isced_5_8"]
KILEPES_OKOK = ["program_vege", "cel_teljesult", "elkoltozott", "kilepett", "egyuttmukodes_megszunt"]
EREDMENY_28 = ["nincs", "allaskereso", "oktatasban", "kepesites", "foglalkoztatott"]
KEPZESEK = [
    ("Targoncavezető", "szakkepesites", 120),
    ("Személyes kompetenciák fejlesztése", "kompetencia", 40),
    ("Parkgondozó és kisgépkezelő", "szakkepesites", 160),
    ("Konyhai kisegítő", "szakkepesites", 200),
    ("Digitális alapismeretek", "kompetencia", 30),
    ("Álláskeresési tréning", "kompetencia", 20),
    ("Takarító", "szakkepesites", 180),
    ("Pénzügyi tudatosság", "egyeb", 16),
    ("Kőműves segédmunkás", "szakkepesites", 320),
    ("Szociális gondozó", "szakkepesites", 400),
]


def log(msg):
    print(msg, flush=True)


class Ido:
    """Step timings, printed as we go and summed at the end."""

    def __init__(self):
        self.start = time.perf_counter()
        self.lepesek = []

    def __call__(self, nev):
        return _Lepes(self, nev)


class _Lepes:
    def __init__(self, ido, nev):
        self.ido, self.nev = ido, nev

    def __enter__(self):
        self.t = time.perf_counter()
        return self

    def __exit__(self, *exc):
        dt = time.perf_counter() - self.t
        self.ido.lepesek.append((self.nev, dt))
        log(f"  {self.nev:<44} {dt:7.1f} s")


def _csv_ertek(value):
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value


@dataclass
class Tabla:
    """COPY into one model's table: the columns we write plus constants for fields added later by others.

    A field another branch adds with a default (or nullable, or a blank text)
    is filled so the generator keeps working after a merge; a new required
    field without a default stops the run with a message naming it.
    """

    model: type
    mezok: list[str]
    allando: list[tuple[str, object]] = field(default_factory=list)

    def __post_init__(self):
        by_name = {}
        for f in self.model._meta.concrete_fields:
            by_name[f.attname] = f
            by_name[f.name] = f
        self.oszlopok = [by_name[m].column for m in self.mezok]
        irt = {by_name[m].attname for m in self.mezok}
        most = timezone.now()
        for f in self.model._meta.concrete_fields:
            if f.attname in irt:
                continue
            if f.has_db_default() or f.null:
                continue
            if f.has_default():
                value = f.get_default()
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = most
            elif isinstance(f, (models.CharField, models.TextField)) and f.blank:
                value = ""
            elif isinstance(f, models.JSONField):
                value = {}
            else:
                raise SystemExit(
                    f"{self.model.__name__}.{f.name} is a new required field: add it to bench/generate.py."
                )
            self.allando.append((f.column, _csv_ertek(value)))

    def copy(self, sorok, *, darab=200_000, nyers=False) -> int:
        """Stream ``sorok`` (tuples in ``mezok`` order) into the table in chunks; returns the row count.

        ``nyers``: the rows hold CSV-ready values already (``NULL`` for None, no booleans or JSON).
        """
        oszlopok = self.oszlopok + [c for c, _ in self.allando]
        extra = tuple(v for _, v in self.allando)
        sql = (
            f"COPY {connection.ops.quote_name(self.model._meta.db_table)} "
            f"({', '.join(connection.ops.quote_name(c) for c in oszlopok)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        )
        n = 0
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        with connection.cursor() as cur:
            raw = cur.cursor if hasattr(cur, "cursor") else cur
            for sor in sorok:
                if not nyers:
                    sor = [_csv_ertek(v) for v in sor]
                w.writerow((*sor, *extra) if extra else sor)
                n += 1
                if n % darab == 0:
                    buf.seek(0)
                    raw.copy_expert(sql, buf)
                    buf = io.StringIO()
                    w = csv.writer(buf, lineterminator="\n")
            if buf.tell():
                buf.seek(0)
                raw.copy_expert(sql, buf)
        return n


def taj(n: int) -> str:
    elso_nyolc = f"{n % 100_000_000:08d}"
    return elso_nyolc + str(taj_ellenorzo_szamjegy(elso_nyolc))


def ugyfel_kereso_szoveg(csaladi_nev, utonev, szuletesi_nev, iranyitoszam, telepules, cim) -> str:
    # Exactly what Ugyfel.save() stores; the sample check at the end compares the two.
    return fold(" ".join([csaladi_nev, utonev, szuletesi_nev, iranyitoszam, telepules, cim]))[:600]


def haztartas_kereso_szoveg(nev, iranyitoszam, telepules, cim) -> str:
    return fold(" ".join([nev, iranyitoszam, telepules, cim]))[:400]


def ures_adatbazis():
    """Empty every table of the app (not the migration bookkeeping, content types and permissions)."""
    tablak = _app_tablak()
    with connection.cursor() as cur:
        cur.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tablak) + " RESTART IDENTITY CASCADE")


def _app_tablak() -> list[str]:
    # The data versions stay: the load raises them all at its end, never back to numbers already used.
    megtart = {"django_migrations", "django_content_type", "auth_permission", adatverzio.TABLA}
    return [t for t in connection.introspection.django_table_names(only_existing=True) if t not in megtart]


def indexek_eldobasa() -> list[str]:
    """Drop the secondary indexes of the app's tables for the load; returns their definitions.

    Building an index once over loaded rows is many times faster than
    maintaining it row by row (the trigram GIN indexes most of all). Indexes
    that back a constraint (primary keys, unique constraints) stay; a partial
    unique index is rebuilt afterwards, which checks the uniqueness again.
    """
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            [_app_tablak()],
        )
        indexek = cur.fetchall()
        for nev, _def in indexek:
            cur.execute(f"DROP INDEX {connection.ops.quote_name(nev)}")
    return [d for _nev, d in indexek]


def indexek_visszaallitasa(definiciok: list[str]):
    with connection.cursor() as cur:
        for d in definiciok:
            cur.execute(d)


def utolso_latogatas_kitoltes():
    """Fill ``Ugyfel.utolso_latogatas`` from the visits in one statement (COPY bypasses the app's upkeep).

    The latest visit of each participant, as the one visited or as a member present; NULL: never visited.
    ``minta_ellenorzes`` compares a sample with the app's own definition.
    """
    ugyfel = connection.ops.quote_name(Ugyfel._meta.db_table)
    latogatas = connection.ops.quote_name(Latogatas._meta.db_table)
    jelen = connection.ops.quote_name(Latogatas.jelenlevok.through._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"""
            UPDATE {ugyfel} SET utolso_latogatas = m.utolso
            FROM (
                SELECT ugyfel_id, max(idopont) AS utolso FROM (
                    SELECT ugyfel_id, idopont FROM {latogatas} WHERE ugyfel_id IS NOT NULL
                    UNION ALL
                    SELECT j.ugyfel_id, l.idopont FROM {jelen} j JOIN {latogatas} l ON l.id = j.latogatas_id
                ) v GROUP BY ugyfel_id
            ) m
            WHERE m.ugyfel_id = {ugyfel}.id
            """
        )


def bevonva_ota_kitoltes():
    """Fill ``Ugyfel.bevonva_ota`` and ``Ugyfel.elso_terv`` in one statement (COPY bypasses the app's upkeep,
    ugyfelek/bevonas.py).

    The participant's first plan, and the earlier of it and the agreement date (PostgreSQL's ``LEAST`` skips a
    NULL); NULL: none. ``minta_ellenorzes`` compares a sample with the app's own definitions.
    """
    ugyfel = connection.ops.quote_name(Ugyfel._meta.db_table)
    terv = connection.ops.quote_name(FejlesztesiTerv._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"""
            UPDATE {ugyfel} SET bevonva_ota = LEAST({ugyfel}.megallapodas_datuma, m.elso), elso_terv = m.elso
            FROM (
                SELECT u.id, min(t.keszult) AS elso
                FROM {ugyfel} u LEFT JOIN {terv} t ON t.ugyfel_id = u.id
                GROUP BY u.id
            ) m
            WHERE m.id = {ugyfel}.id
            """
        )


def szekvenciak():
    modellek = [m for m in apps.get_models(include_auto_created=True)]
    sqls = connection.ops.sequence_reset_sql(no_style(), modellek)
    with connection.cursor() as cur:
        for sql in sqls:
            cur.execute(sql)


def elosztas(ossz, db, nagy):
    """``ossz`` split over ``db`` projects, the first getting ``nagy`` and the rest evenly."""
    maradek = ossz - nagy
    alap, tobb = divmod(maradek, db - 1)
    return [nagy] + [alap + (1 if i < tobb else 0) for i in range(db - 1)]


def datum_kozott(rnd, a: datetime.date, b: datetime.date) -> datetime.date:
    if b <= a:
        return a
    return a + datetime.timedelta(days=rnd.randrange((b - a).days + 1))


def general(skala: dict, seed: int):
    rnd = random.Random(seed)
    ido = Ido()
    ma = timezone.localdate()
    most = timezone.now()
    tz = timezone.get_current_timezone()
    # Projects run from two years ago to a year ahead, so "due this week" and "not visited lately" mean something.
    p_kezdete = ma.replace(month=1, day=1) - datetime.timedelta(days=365)
    p_vege = p_kezdete + datetime.timedelta(days=3 * 365)
    n_proj = skala["projektek"]
    ugyfel_db = elosztas(skala["ugyfelek"], n_proj, skala["nagy_ugyfelek"])
    latogatas_db = elosztas(skala["latogatasok"], n_proj, skala["nagy_latogatasok"])
    csoport_db = elosztas(skala["csoportok"], n_proj, skala["csoportok"] // n_proj)
    alkalom_db = elosztas(skala["alkalmak"], n_proj, skala["alkalmak"] // n_proj)
    szamlalo = {}

    with ido("empty tables, drop secondary indexes"):
        ures_adatbazis()
        indexek = indexek_eldobasa()

    # --- projects, action areas, street segments
    with ido("projects, action areas"):
        projektek = []
        for i in range(n_proj):
            telepules = TELEPULESEK[i % len(TELEPULESEK)]
            kod = f"TOP-6.9.1-16-NG{i:03d}-2025-{i + 1:05d}" if i else "TOP-6.9.1-16-NAGY-2025-00001"
            projektek.append(
                (i + 1, kod, f"Felzárkózó település {i + 1}: {telepules}", f"{telepules} Önkormányzata",
                 telepules, p_kezdete, p_vege, 230_000_000, p_vege + datetime.timedelta(days=5 * 365), i % 3 == 0)
            )  # fmt: skip
        szamlalo["projekt"] = Tabla(
            Projekt,
            ["id", "kod", "cim", "kedvezmenyezett", "telepules", "kezdete", "vege", "koltsegvetes",
             "adatmegorzes_vege", "videki"],
        ).copy(projektek)  # fmt: skip
        Tabla(AkcioTerulet, ["id", "projekt_id", "nev", "hatar_leiras"]).copy(
            (i + 1, i + 1, f"Szegregátum {i + 1}", "A KSH szegregátumtérkép szerinti terület.") for i in range(n_proj)
        )
        Tabla(UtcaSzakasz, ["id", "akcioterulet_id", "utca", "hazszam_tol", "hazszam_ig", "oldal"]).copy(
            (i * 3 + k + 1, i + 1, UTCAK[k], 1, 200, "mind") for i in range(n_proj) for k in range(3)
        )

    # --- users and memberships: a coordinator, mentors and a report reader per project
    with ido("users, memberships"):
        gyors_hash = PBKDF2PasswordHasher().encode(BENCH_JELSZO, "benchsalt", iterations=1_000)
        felhasznalok, tagsagok = [], []
        koordinatorok, mentorok = {}, {}
        uid = 0
        for i in range(n_proj):
            pid = i + 1
            nagy = i == 0
            n_mentor = skala["nagy_mentorok"] if nagy else 2
            szerepek = [("koordinator", Szerep.KOORDINATOR)] + [
                (f"mentor{k + 1:02d}", Szerep.MENTOR) for k in range(n_mentor)
            ]
            szerepek.append(("olvaso", Szerep.OLVASO))
            mentorok[pid] = []
            for nev, szerep in szerepek:
                uid += 1
                username = f"bench_{nev}" if nagy else f"p{pid:03d}_{nev}"
                jelszo = gyors_hash if nagy else "!" + "".join(rnd.choices("abcdefghijklmnop", k=30))
                felhasznalok.append(
                    (uid, jelszo, None, False, username, rnd.choice(NOI_NEVEK + FERFI_NEVEK),
                     rnd.choice(CSALADI_NEVEK), "", False, True, most)
                )  # fmt: skip
                tagsagok.append((uid, pid, uid, szerep))
                if szerep == Szerep.KOORDINATOR:
                    koordinatorok[pid] = uid
                elif szerep == Szerep.MENTOR:
                    mentorok[pid].append(uid)
        uid += 1
        felhasznalok.append((uid, gyors_hash, None, True, "bench_admin", "Admin", "Bench", "", True, True, most))
        szamlalo["felhasznalo"] = Tabla(
            Felhasznalo,
            ["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email",
             "is_staff", "is_active", "date_joined"],
        ).copy(felhasznalok)  # fmt: skip
        Tabla(Tagsag, ["id", "projekt_id", "felhasznalo_id", "szerep"]).copy(tagsagok)

    # --- households and participants
    with ido("households, participants"):
        ugyfelek, haztartasok, tagok, kulonleges, hozzajarulasok = [], [], [], [], []
        # per project: list of (ugyfel id, mentor id, haztartas id, bevonas)
        proj_ugyfelek: dict[int, list[tuple]] = {}
        proj_haztartasok: dict[int, list[int]] = {}
        haztartas_tagjai: dict[int, list[int]] = {}
        u_id = h_id = 0
        taj_n = 10_000_000
        for i in range(n_proj):
            pid = i + 1
            telepules = TELEPULESEK[i % len(TELEPULESEK)]
            irsz = f"{1000 + (i * 37) % 9000:04d}"
            lista = proj_ugyfelek[pid] = []
            proj_haztartasok[pid] = []
            utolso_bevonas = ma - datetime.timedelta(days=30)
            maradt = ugyfel_db[i]
            while maradt > 0:
                h_id += 1
                meret = min(maradt, rnd.choice((1, 2, 2, 3, 3, 4)))
                maradt -= meret
                csaladi = rnd.choice(CSALADI_NEVEK)
                cim = f"{rnd.choice(UTCAK)} {rnd.randint(1, 240)}."
                hnev = f"{csaladi} család"
                haztartasok.append(
                    (h_id, pid, hnev, irsz, telepules, cim, pid, False, rnd.randint(0, 3), rnd.randint(0, 4),
                     haztartas_kereso_szoveg(hnev, irsz, telepules, cim), most)
                )  # fmt: skip
                proj_haztartasok[pid].append(h_id)
                haztartas_tagjai[h_id] = []
                for k in range(meret):
                    u_id += 1
                    taj_n += 7
                    no = rnd.random() < 0.55
                    utonev = rnd.choice(NOI_NEVEK if no else FERFI_NEVEK)
                    cs = csaladi if k < 2 or rnd.random() < 0.7 else rnd.choice(CSALADI_NEVEK)
                    szuletesi_nev = f"{rnd.choice(CSALADI_NEVEK)} {utonev}" if no and k == 1 else ""
                    szul = datum_kozott(rnd, datetime.date(1950, 1, 1), datetime.date(2008, 12, 31))
                    bevonas = datum_kozott(rnd, p_kezdete + datetime.timedelta(days=30), utolso_bevonas)
                    teljes = rnd.random() < 0.9
                    kilepett = rnd.random() < 0.12
                    kilepes = datum_kozott(rnd, bevonas, ma) if kilepett else None
                    mentor = rnd.choice(mentorok[pid])
                    ugyfelek.append(
                        (u_id, pid, cs, utonev, szuletesi_nev, f"{rnd.choice(CSALADI_NEVEK)} {rnd.choice(NOI_NEVEK)}",
                         telepules, szul, "no" if no else "ferfi", "" if rnd.random() < 0.04 else taj(taj_n),
                         irsz, telepules, cim, pid, False, f"+36 30 {rnd.randint(1000000, 9999999)}", "",
                         mentor, bevonas, bevonas if rnd.random() < 0.85 else None,
                         rnd.choice(MUNKAEROPIAC), rnd.choice(VEGZETTSEG) if teljes else "",
                         rnd.random() < 0.5, rnd.random() < 0.6, rnd.random() < 0.1, rnd.random() < 0.02,
                         kilepes, rnd.choice(KILEPES_OKOK) if kilepett else "",
                         rnd.choice(EREDMENY_28) if kilepett else "", "",
                         ugyfel_kereso_szoveg(cs, utonev, szuletesi_nev, irsz, telepules, cim),
                         Ugyfel.nev_kulcsa(cs, utonev), most, most)
                    )  # fmt: skip
                    tagok.append((u_id, h_id, u_id, min(bevonas, datetime.date(2024, 1, 1)), None,
                                  "háztartásfő" if k == 0 else "családtag"))  # fmt: skip
                    hozzajarulasok.append(
                        (u_id, u_id, bevonas, "2025/1", ["esf_adatkezeles"], rnd.random() < 0.4, None, mentor)
                    )
                    if hozzajarulasok[-1][5]:
                        kulonleges.append(
                            (u_id, u_id, rnd.choice(["igen", "nem", "nem_valaszolt"]), "nem", "nem", "nem", most)
                        )
                    lista.append((u_id, mentor, h_id, bevonas))
                    haztartas_tagjai[h_id].append(u_id)
        szamlalo["haztartas"] = Tabla(
            Haztartas,
            ["id", "projekt_id", "nev", "iranyitoszam", "telepules", "cim", "akcioterulet_id",
             "akcioteruleten_kivul", "egyeb_tagok_szama", "gyermekek_szama", "kereso_szoveg", "letrehozva"],
        ).copy(haztartasok)  # fmt: skip
        szamlalo["ugyfel"] = Tabla(
            Ugyfel,
            ["id", "projekt_id", "csaladi_nev", "utonev", "szuletesi_nev", "anyja_neve", "szuletesi_hely",
             "szuletesi_datum", "nem", "taj", "iranyitoszam", "telepules", "cim", "akcioterulet_id",
             "akcioteruleten_kivul", "telefon", "email", "mentor_id", "bevonas_datuma", "megallapodas_datuma",
             "munkaeropiaci_statusz", "iskolai_vegzettseg", "haztartas_munkanelkuli",
             "haztartas_eltartott_gyermekkel", "haztartas_egyedulallo_szulo", "hajlektalan", "kilepes_datuma",
             "kilepes_oka", "eredmeny_28", "eredmeny_6ho", "kereso_szoveg", "nev_kulcs", "letrehozva", "modositva"],
        ).copy(ugyfelek)  # fmt: skip
        szamlalo["haztartastag"] = Tabla(
            HaztartasTag, ["id", "haztartas_id", "ugyfel_id", "mettol", "meddig", "rokoni_kapcsolat"]
        ).copy(tagok)
        Tabla(
            Hozzajarulas,
            ["id", "ugyfel_id", "datum", "tajekoztato_verzio", "celok", "kulonleges_adatokhoz", "visszavonva",
             "rogzitette_id"],
        ).copy(hozzajarulasok)  # fmt: skip
        Tabla(
            KulonlegesAdat,
            ["id", "ugyfel_id", "kisebbseg", "fogyatekossag", "egeszsegkarosodas", "egyeb_hatrany", "modositva"],
        ).copy(kulonleges)  # fmt: skip
        del ugyfelek, haztartasok, tagok, kulonleges, hozzajarulasok

    # --- visits, topics, people present, follow-up tasks
    with ido("visits, topics, follow-ups"):
        l_tabla = Tabla(
            Latogatas,
            ["id", "projekt_id", "idopont", "idotartam_perc", "szerzo_id", "ugyfel_id", "haztartas_id", "tipus",
             "jegyzet", "letrehozva"],
        )  # fmt: skip
        temak, jelenlevok, feladatok = [], [], []
        kezdet_ts = datetime.datetime.combine(p_kezdete + datetime.timedelta(days=30), datetime.time(8), tz)
        most_ts = most.timestamp()

        def latogatasok():
            # The hot loop of the generator (a million rows): rows are yielded ready for CSV.
            l_id = f_id = 0
            kezdet = kezdet_ts.timestamp()
            nyolc = datetime.time(8)
            for i in range(n_proj):
                pid = i + 1
                lista = [
                    (u, mentor, h, max(kezdet, datetime.datetime.combine(bevonas, nyolc, tz).timestamp()))
                    for u, mentor, h, bevonas in proj_ugyfelek[pid]
                ]
                koord = koordinatorok[pid]
                for _ in range(latogatas_db[i]):
                    l_id += 1
                    u, mentor, h, kezd = lista[int(rnd.random() * len(lista))]
                    ts = int(kezd + rnd.random() * max(0.0, most_ts - kezd - 3600))
                    idopont = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(ts))
                    szerzo = mentor if rnd.random() < 0.9 else koord
                    haztartasi = rnd.random() < 0.2
                    yield (l_id, pid, idopont, IDOTARTAMOK[int(rnd.random() * 5)], szerzo, NULL if haztartasi else u,
                           h if haztartasi else NULL, LATOGATAS_TIPUSOK[int(rnd.random() * len(LATOGATAS_TIPUSOK))],
                           JEGYZETEK[int(rnd.random() * len(JEGYZETEK))], idopont)  # fmt: skip
                    elso = int(rnd.random() * len(TEMAK))
                    temak.append((l_id, TEMAK[elso], pid, idopont))
                    if rnd.random() < 0.5:
                        temak.append((l_id, TEMAK[(elso + 1 + int(rnd.random() * 5)) % len(TEMAK)], pid, idopont))
                    if haztartasi:
                        for tag in haztartas_tagjai[h][:2]:
                            jelenlevok.append((l_id, tag))
                    if rnd.random() < 0.1:
                        f_id += 1
                        nap = datetime.datetime.fromtimestamp(ts, datetime.UTC)
                        hatarido = nap.date() + datetime.timedelta(days=rnd.randint(3, 30))
                        kesz = hatarido < ma - datetime.timedelta(days=3) and rnd.random() < 0.85
                        feladatok.append(
                            (f_id, l_id, pid, None if haztartasi else u, h if haztartasi else None,
                             "Iratok beszerzése, időpont egyeztetése.", hatarido, szerzo, kesz,
                             nap + datetime.timedelta(days=2) if kesz else None)
                        )  # fmt: skip

        szamlalo["latogatas"] = l_tabla.copy(latogatasok(), nyers=True)
        # With the copies of the visit's project and time the database keeps (the load runs without triggers).
        szamlalo["latogatastema"] = Tabla(LatogatasTema, ["id", "latogatas_id", "tema", "projekt_id", "idopont"]).copy(
            ((n + 1, *sor) for n, sor in enumerate(temak)), nyers=True
        )
        through = Latogatas.jelenlevok.through
        Tabla(through, ["id", "latogatas_id", "ugyfel_id"]).copy(
            ((n + 1, lat, u) for n, (lat, u) in enumerate(jelenlevok)), nyers=True
        )
        szamlalo["kovetofeladat"] = Tabla(
            KovetoFeladat,
            ["id", "latogatas_id", "projekt_id", "ugyfel_id", "haztartas_id", "leiras", "hatarido", "felelos_id",
             "kesz", "kesz_idopont"],
        ).copy(feladatok)  # fmt: skip
        for lista in (temak, jelenlevok, feladatok):
            lista.clear()
    with ido("last visit of each participant"):
        utolso_latogatas_kitoltes()

    # --- development plans, goals, reviews
    with ido("development plans"):
        tervek, celok, felulv = [], [], []
        t_id = 0
        for i in range(n_proj):
            pid = i + 1
            for u, mentor, _h, bevonas in proj_ugyfelek[pid]:
                if rnd.random() >= 0.6:
                    continue
                t_id += 1
                keszult = min(ma, bevonas + datetime.timedelta(days=rnd.randint(0, 30)))
                kov = keszult + datetime.timedelta(days=91)
                while kov < ma - datetime.timedelta(days=20):
                    kov += datetime.timedelta(days=91)
                tervek.append((t_id, pid, u, None, keszult, mentor, 3, kov, "Helyzetfeltárás alapján.", None))
                for k in range(2):
                    celok.append(
                        (len(celok) + 1, t_id, rnd.choice(TEMAK), "Rendezett lakhatás és rezsi.",
                         keszult + datetime.timedelta(days=180 + 30 * k), "mentor",
                         rnd.choice(("folyamatban", "folyamatban", "teljesult", "reszben")), "", None)
                    )  # fmt: skip
                if keszult < ma - datetime.timedelta(days=95):
                    felulv.append((len(felulv) + 1, t_id, keszult + datetime.timedelta(days=91), "Halad.", mentor))
        szamlalo["fejlesztesiterv"] = Tabla(
            FejlesztesiTerv,
            ["id", "projekt_id", "ugyfel_id", "haztartas_id", "keszult", "keszitette_id", "felulvizsgalat_honap",
             "kovetkezo_felulvizsgalat", "helyzetleiras", "lezarva"],
        ).copy(tervek)  # fmt: skip
        Tabla(
            TervCel,
            ["id", "terv_id", "terulet", "leiras", "hatarido", "felelos", "statusz", "ertekeles", "teljesult_datum"],
        ).copy(celok)
        Tabla(Felulvizsgalat, ["id", "terv_id", "datum", "megallapitasok", "keszitette_id"]).copy(felulv)
        del tervek, celok, felulv
    with ido("involvement date of each participant"):
        bevonva_ota_kitoltes()

    # --- trainings: catalogue, cohorts, enrolments, sessions, attendance
    with ido("trainings, cohorts, sessions, attendance"):
        Tabla(Kepzes, ["id", "nev", "tipus", "oraszam", "kepzo", "kepesites_neve", "kepesites_szama"]).copy(
            (k + 1, nev, tipus, ora, "Megyei Képzőközpont Kft.", nev if tipus == "szakkepesites" else "", "")
            for k, (nev, tipus, ora) in enumerate(KEPZESEK)
        )
        csoportok, beirt, foglalkozasok, jelenletek = [], [], [], []
        c_id = b_id = fg_id = 0
        for i in range(n_proj):
            pid = i + 1
            lista = proj_ugyfelek[pid]
            for _ in range(csoport_db[i]):
                c_id += 1
                kepzes = rnd.randrange(len(KEPZESEK)) + 1
                kezdete = datum_kozott(rnd, p_kezdete + datetime.timedelta(days=60), ma)
                vege = kezdete + datetime.timedelta(days=70)
                csoportok.append((c_id, pid, kepzes, f"{KEPZESEK[kepzes - 1][0]} {c_id}. csoport", kezdete, vege,
                                  "Közösségi ház", "Oktató Olga", 15))  # fmt: skip
                tagjai = rnd.sample(lista, min(12, len(lista)))
                for u, *_rest in tagjai:
                    b_id += 1
                    elvegezte = vege < ma and rnd.random() < 0.7
                    beirt.append((b_id, c_id, u, kezdete - datetime.timedelta(days=7),
                                  "elvegezte" if elvegezte else "reszt_vesz", vege if elvegezte else None,
                                  elvegezte and rnd.random() < 0.8))  # fmt: skip
                    if beirt[-1][6]:
                        beirt[-1] = beirt[-1] + (f"T-{b_id}", vege)
                    else:
                        beirt[-1] = beirt[-1] + ("", None)
                for s in range(10):
                    fg_id += 1
                    foglalkozasok.append((fg_id, c_id, kezdete + datetime.timedelta(days=7 * s), datetime.time(9),
                                          datetime.time(13), "Közösségi ház", f"{s + 1}. alkalom", 4))  # fmt: skip
                    # Presence is recorded only for sessions that have taken place.
                    for u, *_rest in tagjai if foglalkozasok[-1][2] <= ma else ():
                        if rnd.random() < 0.75:
                            jelenletek.append((fg_id, u, most, koordinatorok[pid]))
        szamlalo["csoport"] = Tabla(
            Csoport, ["id", "projekt_id", "kepzes_id", "nev", "kezdete", "vege", "helyszin", "oktato", "letszam"]
        ).copy(csoportok)
        szamlalo["beiratkozas"] = Tabla(
            Beiratkozas,
            ["id", "csoport_id", "ugyfel_id", "datum", "statusz", "elvegezte_datum", "tanusitvany",
             "tanusitvany_szama", "tanusitvany_datuma"],
        ).copy(beirt)  # fmt: skip
        szamlalo["foglalkozas"] = Tabla(
            Foglalkozas, ["id", "csoport_id", "datum", "kezdes", "befejezes", "helyszin", "tema", "oraszam"]
        ).copy(foglalkozasok)
        szamlalo["jelenlet"] = Tabla(Jelenlet, ["id", "foglalkozas_id", "ugyfel_id", "rogzitve", "rogzitette_id"]).copy(
            (n + 1, *sor) for n, sor in enumerate(jelenletek)
        )
        del csoportok, beirt, foglalkozasok, jelenletek

    # --- community programmes: programmes, registrations, sessions, attendance
    with ido("community programmes, sessions, attendance"):
        programok, jelentk, alkalmak, reszv = [], [], [], []
        pr_id = a_id = 0
        tipusok = ["esemeny", "klub", "csoport", "tabor", "klub"]
        for i in range(n_proj):
            pid = i + 1
            lista = proj_ugyfelek[pid]
            prog_ids = []
            for k in range(5):
                pr_id += 1
                prog_ids.append(pr_id)
                programok.append((pr_id, pid, f"{tipusok[k].capitalize()} {k + 1}", tipusok[k], "családok", "", ""))
            tagok_prog = {}
            for pr in prog_ids:
                tagok_prog[pr] = [u for u, *_r in rnd.sample(lista, min(15, len(lista)))]
                for u in tagok_prog[pr]:
                    jelentk.append((pr, u, p_kezdete + datetime.timedelta(days=40)))
            for n in range(alkalom_db[i]):
                a_id += 1
                pr = prog_ids[n % 5]
                datum = datum_kozott(rnd, p_kezdete + datetime.timedelta(days=45), ma)
                alkalmak.append((a_id, pr, datum, datetime.time(15), datetime.time(18), "Közösségi ház", "",
                                 rnd.randint(0, 30)))  # fmt: skip
                for u in tagok_prog[pr]:
                    if rnd.random() < 0.5:
                        reszv.append((a_id, u, most, koordinatorok[pid]))
        szamlalo["program"] = Tabla(
            Program, ["id", "projekt_id", "nev", "tipus", "celcsoport", "szervezo", "leiras"]
        ).copy(programok)
        Tabla(Jelentkezes, ["id", "program_id", "ugyfel_id", "datum"]).copy(
            (n + 1, *sor) for n, sor in enumerate(jelentk)
        )
        szamlalo["alkalom"] = Tabla(
            Alkalom,
            ["id", "program_id", "datum", "kezdes", "befejezes", "helyszin", "tema", "letszam_nem_regisztralt"],
        ).copy(alkalmak)
        szamlalo["reszvetel"] = Tabla(Reszvetel, ["id", "alkalom_id", "ugyfel_id", "rogzitve", "rogzitette_id"]).copy(
            (n + 1, *sor) for n, sor in enumerate(reszv)
        )
        del programok, jelentk, alkalmak, reszv

    # --- targets for whatever indicators the code defines (none until the indicators branch is merged)
    with ido("indicator targets"):
        try:
            from indikatorok.definitions import INDIKATOROK
            from indikatorok.models import Celertek
        except ImportError:  # pragma: no cover - the app is part of the foundation
            INDIKATOROK = {}
        kulcsok = list(INDIKATOROK)
        Tabla(Celertek, ["id", "projekt_id", "mutato", "nev", "ertek", "hatarido", "sorrend"]).copy(
            (i * len(kulcsok) + k + 1, i + 1, kulcs, "", 100, p_vege, k)
            for i in range(n_proj)
            for k, kulcs in enumerate(kulcsok)
        )
        szamlalo["celertek"] = n_proj * len(kulcsok)

    with ido("sequences"):
        szekvenciak()
    with ido(f"rebuild {len(indexek)} secondary indexes"):
        indexek_visszaallitasa(indexek)
    return ido, szamlalo


def _fk_triggerek_ki() -> bool:
    """Skip the per-row foreign-key triggers during the load (superuser only); checked set-wise afterwards.

    Django's foreign keys are deferred constraints: millions of rows would
    queue millions of single-row look-ups for the commit.
    """
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")
        with connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")
        return True
    except Exception:  # noqa: BLE001 - not a superuser: keep the triggers, only slower
        log("  (not a superuser: foreign keys are checked row by row at commit, which is slower)")
        return False


def kulso_kulcs_ellenorzes() -> list[str]:
    """Every foreign key of every model, checked with one anti-join each: the rows that point nowhere."""
    arvak = []
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        for model in apps.get_models(include_auto_created=True):
            for f in model._meta.concrete_fields:
                if not f.is_relation or not f.db_constraint:
                    continue
                cel = f.target_field
                sql = (
                    f"SELECT count(*) FROM {q(model._meta.db_table)} c "
                    f"LEFT JOIN {q(cel.model._meta.db_table)} p ON p.{q(cel.column)} = c.{q(f.column)} "
                    f"WHERE c.{q(f.column)} IS NOT NULL AND p.{q(cel.column)} IS NULL"
                )
                cur.execute(sql)
                (n,) = cur.fetchone()
                if n:
                    arvak.append(f"{model.__name__}.{f.name}: {n} rows")
    return arvak


def minta_ellenorzes(n=20):
    """Run ``full_clean()`` on random rows of every generated model and compare the folded search text."""
    hibak = []
    for model in (Projekt, Ugyfel, Haztartas, HaztartasTag, Latogatas, KovetoFeladat, FejlesztesiTerv, Csoport,
                  Beiratkozas, Foglalkozas, Jelenlet, Program, Alkalom, Reszvetel):  # fmt: skip
        for obj in model._base_manager.order_by("?")[:n]:
            try:
                obj.full_clean(validate_unique=model is Ugyfel)
            except Exception as e:  # noqa: BLE001 - report every kind of failure, then stop
                hibak.append(f"{model.__name__} #{obj.pk}: {e}")
    for u in Ugyfel.objects.order_by("?")[:n]:
        elvart = ugyfel_kereso_szoveg(u.csaladi_nev, u.utonev, u.szuletesi_nev, u.iranyitoszam, u.telepules, u.cim)
        if u.kereso_szoveg != elvart:
            hibak.append(f"Ugyfel #{u.pk}: kereso_szoveg differs from save()")
        if u.nev_kulcs != Ugyfel.nev_kulcsa(u.csaladi_nev, u.utonev):
            hibak.append(f"Ugyfel #{u.pk}: nev_kulcs differs from save()")
    # The last visit is derived from the visits: compare a sample with the app's definition of it.
    from ugyfelek.selectors import utolso_latogatas_subquery

    minta = list(Ugyfel.objects.order_by("?").values_list("pk", flat=True)[: n * 10])
    for u in Ugyfel.objects.filter(pk__in=minta).annotate(szamolt=utolso_latogatas_subquery()):
        if u.utolso_latogatas != u.szamolt:
            hibak.append(f"Ugyfel #{u.pk}: utolso_latogatas {u.utolso_latogatas} differs from the visits ({u.szamolt})")
    # So are the involvement date and the first plan's, from the agreements and plans.
    from ugyfelek.bevonas import bevonva_ota_kifejezes, elso_terv_kifejezes

    szamolt = Ugyfel.objects.filter(pk__in=minta).annotate(szamolt=bevonva_ota_kifejezes(), terv=elso_terv_kifejezes())
    for u in szamolt:
        if u.bevonva_ota != u.szamolt:
            hibak.append(f"Ugyfel #{u.pk}: bevonva_ota {u.bevonva_ota} differs from the records ({u.szamolt})")
        if u.elso_terv != u.terv:
            hibak.append(f"Ugyfel #{u.pk}: elso_terv {u.elso_terv} differs from the plans ({u.terv})")
    # Ugyfel.save() is the definition of the search text: run it on one row in a rolled-back transaction.
    u = Ugyfel.objects.order_by("?").first()
    tarolt = u.kereso_szoveg, u.nev_kulcs
    with transaction.atomic():
        u.save()
        if (u.kereso_szoveg, u.nev_kulcs) != tarolt:
            hibak.append(f"Ugyfel #{u.pk}: Ugyfel.save() folds the search text differently")
        transaction.set_rollback(True)
    return hibak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SKALAK), default="national")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--force", action="store_true", help="allow a database whose name does not contain 'bench' (it is emptied!)"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("The generator needs PostgreSQL (COPY): set DATABASE_URL to the benchmark database.")
    db_nev = connection.settings_dict["NAME"]
    if "bench" not in db_nev and not args.force:
        raise SystemExit(f"Refusing to empty database {db_nev!r}: its name does not contain 'bench' (use --force).")

    skala = SKALAK[args.scale]
    log(f"Generating the {args.scale!r} dataset into {db_nev!r}: {skala}")
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        # A generated dataset can be rebuilt: no need to wait for each commit to reach the disk.
        cur.execute("SET synchronous_commit TO off")
        cur.execute("SET maintenance_work_mem TO '512MB'")
    with transaction.atomic():
        replika = _fk_triggerek_ki()
        ido, szamlalo = general(skala, args.seed)
        if replika:
            with ido("foreign keys checked (anti-joins)"):
                arvak = kulso_kulcs_ellenorzes()
            if arvak:
                raise SystemExit("Dangling foreign keys, nothing committed:\n  " + "\n  ".join(arvak))
        # The load ran without triggers (replica role): a server that kept pages under the old numbers
        # must recount them.
        adatverzio.minden_projekt_emelese()
    with ido("VACUUM (ANALYZE)"):
        # VACUUM also sets the visibility map, so counts can be index-only scans as on a settled database.
        with connection.cursor() as cur:
            cur.execute("VACUUM (ANALYZE)")
    with ido("sample check (full_clean)"):
        hibak = minta_ellenorzes()
    ossz = time.perf_counter() - t0
    log("\nRows: " + ", ".join(f"{k} {v:,}" for k, v in szamlalo.items()))
    log(f"Total: {ossz:.1f} s ({ossz / 60:.1f} min) on {os.cpu_count()} CPU(s)")
    log(f"Sign in as bench_koordinator / bench_mentor01 .. (password {BENCH_JELSZO!r}), admin: bench_admin")
    if hibak:
        log("INVARIANT CHECK FAILED:\n  " + "\n  ".join(hibak[:20]))
        raise SystemExit(1)
    log("Invariant sample check: OK")


if __name__ == "__main__":
    main()
