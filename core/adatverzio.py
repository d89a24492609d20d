"""The data version of each table of each project: a number that grows with every committed change of it.

Pages that recount a project's data on every view (the home pages, the report) may keep what they computed
under the versions they read first: as long as no transaction that changed what they read has committed,
the same versions mean the same data. The database raises the versions itself, so no write path can forget
it (form, admin, bulk update, COPY, plain SQL): a trigger on every table of project data (every scoped
model but the logs, and their many-to-many tables) raises, in ``core_adatverzio``, for the project the
changed row belongs to:
- on an INSERT or a DELETE, the table's version (``<table>``);
- on an UPDATE, the version of each column it changed (``<table>__<column>``); a row that moves to another
  project raises the table's version of both projects. An UPDATE that writes the values the row had
  raises nothing.
So a list that shows participants' names is not recounted when a participant's phone number or last visit
(recomputed after every saved visit) changes. A change of a staff member's shown name or active flag
raises the staff table of every project: names appear in projects their owner is no member of (a former
mentor, a visit's author), and such changes are rare. So does any change of the training catalogue
(``kepzes.Kepzes``), shared by every project. What reads a table depends on the table's version and on
the versions of the columns of it that its SQL names (``Figyelo``).

- PostgreSQL: a deferred constraint trigger, once per project, name and transaction (a transaction-local
  list), at commit. The counters are written only while the transaction commits, one transaction at a
  time (an advisory lock: two transactions raising the same rows in opposite orders would deadlock on
  them), so a long import holds up no visit saved meanwhile, and a bulk insert raises its project once.
  TRUNCATE (no row triggers) raises the table of every project.
- SQLite: a plain trigger on every row (SQLite runs one writer at a time anyway).

The triggers are (re)installed after every ``migrate`` (``telepites``, a ``post_migrate`` receiver),
so a table added later is covered at once; ``core/tests/test_adatverzio`` checks every table is. They are
installed for the tables and columns the database has (a ``migrate`` back to an older state leaves triggers
that name no missing column), and every version of every project is raised then: ``migrate`` itself writes
without them (``felfuggesztes``, a ``pre_migrate`` receiver), so that a migration may drop a column a trigger
named and a data migration's writes leave nothing pending:
- PostgreSQL: the ``migrate`` connection alone writes without them (a session setting the triggers' WHEN
  reads); every other connection raises the versions meanwhile, and a ``migrate`` that fails ends with its
  process.
- SQLite: the triggers are dropped (SQLite drops no column a trigger names); a ``migrate`` that fails leaves
  them dropped until the next one. SQLite serves development and tests only.
A deploy restarts the servers, whose local caches start empty; entries of another release are never read
(``kod_lenyomat``).

Not covered, on purpose: the change history and the access log (written by reads too; no page
recounts them). A kept computation that reads them fails (``Figyelo``).

Three rules make a kept figure correct (``Gyorsito``):
- read the versions before the data: under READ COMMITTED every later read sees at least that state;
- keep it under the versions of every table its queries read (``Figyelo`` reads them from the SQL);
- never inside a transaction: what it wrote is not committed, and may be rolled back.
"""

import functools
import hashlib
import pickle
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .scoping import ScopedQuerySet

TABLA = "core_adatverzio"
PREFIX = "kapocs_av"
ZAR = 0x6B61706F6373  # the advisory lock of the raise ("kapocs")
# PostgreSQL: a connection on which this setting is "igen" raises no version (``migrate``'s, see ``felfuggesztes``).
KI = f"{PREFIX}.ki"

# Scoped models whose writes do not raise the version (see the module's docstring).
KIMARAD = {"core.Valtozas", "core.Hozzaferes"}
# Models shared by every project (the training catalogue, whose names the report shows): any change raises
# every project.
KOZOS_MODELLEK = ("kepzes.Kepzes",)
# The staff's columns that pages show (a renamed or deactivated colleague raises every project's version).
FELHASZNALO_OSZLOPOK = ("username", "first_name", "last_name", "is_active")


def _q(nev: str) -> str:
    return f'"{nev}"'  # PostgreSQL and SQLite quote alike


def _projekt_kifejezes(model, path: str, sor: str, szint: int = 0) -> str:
    """SQL for the project id of the row ``sor`` (NEW, OLD or a table alias) of ``model``, along
    ``path`` (a ``projekt_path``): a column, or nested one-row subqueries along the foreign keys."""
    elso, _, tobbi = path.partition("__")
    if elso == "pk":
        return f"{sor}.{_q(model._meta.pk.column)}"
    mezo = model._meta.get_field(elso)
    oszlop = f"{sor}.{_q(mezo.column)}"
    if not tobbi or tobbi == "pk":
        return oszlop
    cel = mezo.related_model
    alias = f"av{szint}"
    belso = _projekt_kifejezes(cel, tobbi, alias, szint + 1)
    return f"(SELECT {belso} FROM {_q(cel._meta.db_table)} {alias} WHERE {alias}.{_q(cel._meta.pk.column)} = {oszlop})"


def kovetett_tablak() -> dict[str, tuple]:
    """{table: (model, path to the project)} of every table whose rows raise their project's version."""
    tablak = {}
    for model in apps.get_models():
        qs = model._default_manager.get_queryset()
        if not isinstance(qs, ScopedQuerySet) or model._meta.label in KIMARAD:
            continue
        tablak[model._meta.db_table] = (model, qs.projekt_path)
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:
                fk = m2m.m2m_field_name()  # the through table's key to ``model``
                path = fk if qs.projekt_path == "pk" else f"{fk}__{qs.projekt_path}"
                tablak[through._meta.db_table] = (through, path)
    return tablak


def oszlopok(model) -> list[str]:
    """The columns of ``model``'s table, each with a version of its own."""
    return [f.column for f in model._meta.concrete_fields]


def _felhasznalo_tabla():
    from django.contrib.auth import get_user_model

    return get_user_model()._meta.db_table


def _kozos_tablak() -> list[str]:
    return [apps.get_model(cimke)._meta.db_table for cimke in KOZOS_MODELLEK]


def _projekt_tabla():
    return apps.get_model("akcioterulet", "Projekt")._meta.db_table


def oszlop_nev(tabla: str, oszlop: str) -> str:
    """The name of a column's version (raised by an UPDATE that changed the column)."""
    return f"{tabla}__{oszlop}"


def tabla_nevek() -> list[str]:
    """The tables whose versions are kept: the covered ones, the staff's and the catalogue's. Raising a
    table's version makes every kept result that read the table stale."""
    return sorted(set(kovetett_tablak()) | {_felhasznalo_tabla(), *_kozos_tablak()})


def _valtozott() -> str:
    """The trigger condition: a column of the staff that pages show has changed. Their names appear in
    projects they are no members of (a former mentor, the author of a visit), so a change raises every
    project; it is rare, and a sign-in (``last_login``) changes none of them."""
    return " OR ".join(f"OLD.{_q(o)} IS DISTINCT FROM NEW.{_q(o)}" for o in FELHASZNALO_OSZLOPOK)


# --- PostgreSQL -------------------------------------------------------------------------------------------

_PG_EMELES = f"""
CREATE OR REPLACE FUNCTION {PREFIX}_emel(pid bigint, nev text) RETURNS void AS $$
DECLARE
    jelzo text := '{PREFIX}.t_' || nev;
    kesz text;
BEGIN
    IF pid IS NULL THEN
        RETURN;
    END IF;
    -- The projects whose version of this table this transaction raised already: ",1,7,".
    kesz := coalesce(current_setting(jelzo, true), '');
    IF position(',' || pid || ',' IN kesz) > 0 THEN
        RETURN;
    END IF;
    -- One transaction at a time raises versions (from its commit-time triggers to the end of its commit):
    -- two that raise the same rows in opposite orders would otherwise deadlock on the counters.
    PERFORM pg_advisory_xact_lock({ZAR});
    INSERT INTO {TABLA} (projekt_id, tabla, verzio) VALUES (pid, nev, 1)
        ON CONFLICT (projekt_id, tabla) DO UPDATE SET verzio = {TABLA}.verzio + 1;
    PERFORM set_config(jelzo, CASE WHEN kesz = '' THEN ',' ELSE kesz END || pid || ',', true);
END;
$$ LANGUAGE plpgsql;
"""


# The triggers' own condition: not on the connection that runs ``migrate``. A constraint trigger's WHEN is evaluated
# when the row is written, so such a write leaves no event pending (PostgreSQL creates no index on a table that has
# some) and no function that may name a column dropped meanwhile runs at its commit.
_PG_BEKAPCSOLVA = f"current_setting('{KI}', true) IS DISTINCT FROM 'igen'"


def _pg_trigger(tabla: str, fuggveny: str, esemeny: str, feltetel: str = "") -> list[str]:
    mikor = f"WHEN (({feltetel}) AND {_PG_BEKAPCSOLVA})" if feltetel else f"WHEN ({_PG_BEKAPCSOLVA})"
    return [
        f"DROP TRIGGER IF EXISTS {PREFIX} ON {_q(tabla)};",
        f"CREATE CONSTRAINT TRIGGER {PREFIX} AFTER {esemeny} ON {_q(tabla)} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW {mikor} EXECUTE FUNCTION {fuggveny}();",
    ]


def _pg_fuggveny(nev: str, torzs: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {nev}() RETURNS trigger AS $$\nBEGIN\n{torzs}"
        "    RETURN NULL;\nEND;\n$$ LANGUAGE plpgsql;"
    )


def _pg_tabla_fuggveny(tabla, model, path, meglevo: set) -> str:
    """The trigger function of a covered table: the table on INSERT, DELETE or a move to another project,
    each changed column (of those the table has, ``meglevo``) on an UPDATE."""
    uj, regi = (_projekt_kifejezes(model, path, sor) for sor in ("NEW", "OLD"))
    oszlop_emelesek = "".join(
        f"    IF OLD.{_q(o)} IS DISTINCT FROM NEW.{_q(o)} THEN "
        f"PERFORM {PREFIX}_emel(uj, '{oszlop_nev(tabla, o)}'); END IF;\n"
        for o in oszlopok(model)
        if o in meglevo
    )
    return (
        f"CREATE OR REPLACE FUNCTION {PREFIX}_{tabla}() RETURNS trigger AS $$\n"
        "DECLARE\n    uj bigint;\n    regi bigint;\nBEGIN\n"
        f"    IF TG_OP = 'INSERT' THEN PERFORM {PREFIX}_emel({uj}, TG_TABLE_NAME); RETURN NULL; END IF;\n"
        f"    IF TG_OP = 'DELETE' THEN PERFORM {PREFIX}_emel({regi}, TG_TABLE_NAME); RETURN NULL; END IF;\n"
        f"    uj := {uj};\n    regi := {regi};\n"
        "    IF uj IS DISTINCT FROM regi THEN\n"
        f"        PERFORM {PREFIX}_emel(uj, TG_TABLE_NAME);\n        PERFORM {PREFIX}_emel(regi, TG_TABLE_NAME);\n"
        "    END IF;\n"
        f"{oszlop_emelesek}"
        "    RETURN NULL;\nEND;\n$$ LANGUAGE plpgsql;"
    )


def _pg_utasitasok(meglevo: dict) -> list[str]:
    # Every project raised: by the staff's and the catalogue's changes, and by TRUNCATE (no row triggers).
    mind = f"{PREFIX}_mind"
    utasitasok = [
        f"DROP FUNCTION IF EXISTS {PREFIX}_emel(bigint);",  # of the versions kept per project alone
        _PG_EMELES,
        _pg_fuggveny(mind, f"    PERFORM {PREFIX}_emel(id, TG_TABLE_NAME) FROM {_q(_projekt_tabla())};\n"),
    ]
    for tabla, (model, path) in _telepitendo(meglevo):
        utasitasok.append(_pg_tabla_fuggveny(tabla, model, path, meglevo[tabla]))
        utasitasok += _pg_trigger(tabla, f"{PREFIX}_{tabla}", "INSERT OR UPDATE OR DELETE")
        utasitasok += [
            f"DROP TRIGGER IF EXISTS {PREFIX}_t ON {_q(tabla)};",
            f"CREATE TRIGGER {PREFIX}_t AFTER TRUNCATE ON {_q(tabla)} FOR EACH STATEMENT "
            f"WHEN ({_PG_BEKAPCSOLVA}) EXECUTE FUNCTION {mind}();",
        ]
    if _felhasznalo_tabla() in meglevo:
        utasitasok += _pg_trigger(_felhasznalo_tabla(), mind, "UPDATE", _valtozott())
    for tabla in (t for t in _kozos_tablak() if t in meglevo):
        utasitasok += _pg_trigger(tabla, mind, "INSERT OR UPDATE OR DELETE")
    return utasitasok


def _telepitendo(meglevo: dict) -> list[tuple]:
    """[(table, (model, path to the project))] of the covered tables the database has (``meglevo``: {table: its
    columns}) with the column the path starts from: after a ``migrate`` back to an older state a model may name
    what its table does not have yet."""
    eredmeny = []
    for tabla, (model, path) in sorted(kovetett_tablak().items()):
        elso = path.partition("__")[0]
        oszlop = model._meta.pk.column if elso == "pk" else model._meta.get_field(elso).column
        if oszlop in meglevo.get(tabla, ()):
            eredmeny.append((tabla, (model, path)))
    return eredmeny


# --- SQLite ------------------------------------------------------------------------------------------------


def _sqlite_emeles(select: str) -> str:
    """Raise the versions ``select`` gives (rows of: project id, table name, 1)."""
    # "WHERE" before ON CONFLICT: SQLite's parser needs it after INSERT .. SELECT.
    return (
        f"INSERT INTO {TABLA} (projekt_id, tabla, verzio) {select} "
        "ON CONFLICT (projekt_id, tabla) DO UPDATE SET verzio = verzio + 1;"
    )


def _sqlite_mind(tabla: str) -> str:
    return _sqlite_emeles(f"SELECT id, '{tabla}', 1 FROM {_q(_projekt_tabla())} WHERE true")


def _sqlite_utasitasok(meglevo: dict) -> list[str]:
    def trigger(tabla, betu, esemeny, torzs, mikor=""):
        nev = f"{PREFIX}_{tabla}_{betu}"
        return [
            f"DROP TRIGGER IF EXISTS {nev};",
            f"CREATE TRIGGER {nev} AFTER {esemeny} ON {_q(tabla)} {mikor} BEGIN {torzs} END;",
        ]

    def emeles(model, path, sor, nev):
        p = _projekt_kifejezes(model, path, sor)
        return _sqlite_emeles(f"SELECT p, '{nev}', 1 FROM (SELECT {p} AS p) WHERE p IS NOT NULL")

    utasitasok = []
    for tabla, (model, path) in _telepitendo(meglevo):
        uj, regi = (emeles(model, path, sor, tabla) for sor in ("NEW", "OLD"))
        utasitasok += trigger(tabla, "i", "INSERT", uj)
        utasitasok += trigger(tabla, "d", "DELETE", regi)
        atkerult = f"{_projekt_kifejezes(model, path, 'NEW')} IS NOT {_projekt_kifejezes(model, path, 'OLD')}"
        utasitasok += trigger(tabla, "m", "UPDATE", f"{uj} {regi}", f"FOR EACH ROW WHEN {atkerult}")
        for o in (o for o in oszlopok(model) if o in meglevo[tabla]):
            torzs = emeles(model, path, "NEW", oszlop_nev(tabla, o))
            utasitasok += trigger(
                tabla, f"o_{o}", f"UPDATE OF {_q(o)}", torzs, f"FOR EACH ROW WHEN OLD.{_q(o)} IS NOT NEW.{_q(o)}"
            )
    felhasznalo = _felhasznalo_tabla()
    if felhasznalo in meglevo:
        utasitasok += trigger(
            felhasznalo, "u", "UPDATE", _sqlite_mind(felhasznalo), f"FOR EACH ROW WHEN ({_valtozott()})"
        )
    for tabla in (t for t in _kozos_tablak() if t in meglevo):
        for betu, esemeny in (("i", "INSERT"), ("u", "UPDATE"), ("d", "DELETE")):
            utasitasok += trigger(tabla, betu, esemeny, _sqlite_mind(tabla))
    return utasitasok


def minden_projekt_emelese(using="default"):
    """Raise every table's version of every project (every kept result is then stale): after a load that
    wrote without triggers (``bench/generate.py``)."""
    from django.db import connections

    kapcsolat = connections[using]
    nevek = tabla_nevek()
    with kapcsolat.cursor() as cur:
        if kapcsolat.vendor == "postgresql":
            cur.execute(f"SELECT {PREFIX}_emel(p.id, t) FROM {_q(_projekt_tabla())} p, unnest(%s::text[]) t", [nevek])
        else:
            for nev in nevek:
                cur.execute(_sqlite_mind(nev))


def _meglevo_oszlopok(cur, vendor: str) -> dict[str, set]:
    """{table: {column}} of the database's own tables, as they are now."""
    if vendor == "postgresql":
        cur.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
            "AND a.attnum > 0 AND NOT a.attisdropped"
        )
    else:
        cur.execute("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'")
    meglevo = {}
    for tabla, oszlop in cur.fetchall():
        meglevo.setdefault(tabla, set()).add(oszlop)
    return meglevo


def _sqlite_triggerei(cur) -> list[str]:
    """The version triggers an SQLite database has."""
    cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return [nev for (nev,) in cur.fetchall() if nev.startswith(f"{PREFIX}_")]


def felfuggesztes(using="default", **kwargs):
    """Before ``migrate`` (a ``pre_migrate`` receiver): its own writes raise no version until ``telepites``
    raises every one. PostgreSQL: on its connection alone (``KI``); SQLite: the triggers are dropped, or a
    migration could not drop a column one of them names."""
    from django.db import connections

    kapcsolat = connections[using]
    with kapcsolat.cursor() as cur:
        if kapcsolat.vendor == "postgresql":
            cur.execute("SELECT set_config(%s, 'igen', false)", [KI])
        elif kapcsolat.vendor == "sqlite":
            for nev in _sqlite_triggerei(cur):
                cur.execute(f"DROP TRIGGER IF EXISTS {_q(nev)}")


def telepites(using="default", **kwargs):
    """After ``migrate`` (a ``post_migrate`` receiver): install (or replace) the version triggers on every
    covered table, for the columns the database has; then raise every version of every project, for what the
    migrations wrote without them (``felfuggesztes``)."""
    from django.db import connections

    kapcsolat = connections[using]
    utasitasok = {"postgresql": _pg_utasitasok, "sqlite": _sqlite_utasitasok}.get(kapcsolat.vendor)
    if utasitasok is None:
        return
    with kapcsolat.cursor() as cur:
        meglevo = _meglevo_oszlopok(cur, kapcsolat.vendor)
        for sql in utasitasok(meglevo):
            cur.execute(sql)
        if kapcsolat.vendor == "postgresql":
            cur.execute("SELECT set_config(%s, '', false)", [KI])
    if {TABLA, _projekt_tabla()} <= meglevo.keys():
        minden_projekt_emelese(using)


# --- Reading ---------------------------------------------------------------------------------------------


def verziok(projekt_idk, nevek=None) -> dict[str, int]:
    """{name: version} of the projects ``projekt_idk`` together (None: of every project), of the names
    ``nevek`` (None: of every name); a name never raised is missing (version 0).

    Sums: each raise adds one to one project's name, so the sum over a fixed set of projects grows with
    every change of that table or column in any of them (the set itself belongs in the cache key).
    """
    # Written out: it runs on every view of a page with kept parts, and the ORM took 0.35 ms of its 0.55 to
    # build the statement.
    feltetelek, parameterek = [], []
    for oszlop, ertekek in (("projekt_id", projekt_idk), ("tabla", None if nevek is None else sorted(nevek))):
        if ertekek is None:
            continue
        if not ertekek:
            return {}
        feltetelek.append(f"{oszlop} IN ({', '.join(['%s'] * len(ertekek))})")
        parameterek += ertekek
    hol = f"WHERE {' AND '.join(feltetelek)} " if feltetelek else ""
    with connection.cursor() as cur:
        cur.execute(f"SELECT tabla, SUM(verzio) FROM {TABLA} {hol}GROUP BY tabla", parameterek)
        return {tabla: int(v) for tabla, v in cur.fetchall()}


@functools.cache
def _tablak() -> tuple[dict, frozenset]:
    """({versioned table: its columns with a version of their own}, tables of the apps that raise no version)."""
    kovetett = {tabla: frozenset() for tabla in tabla_nevek()}
    kovetett |= {tabla: frozenset(oszlopok(model)) for tabla, (model, _path) in kovetett_tablak().items()}
    minden = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    return kovetett, frozenset(minden - kovetett.keys() - {TABLA})


_AZONOSITO = re.compile(r'"([^"]+)"')
# Columns read without being named: what such a statement reads could not be told from its text.
_CSILLAG = re.compile(r"(?:SELECT\s+(?:DISTINCT\s+)?|\.)\*", re.IGNORECASE)


class Figyelo:
    """Notes the versions a computation depends on from the SQL it runs: of every versioned table it names,
    and of every column of those tables it names (Django names every column it reads). A table of the apps
    that raises no version (the logs, the admin's permissions), or columns read by ``*``, is an error: a
    result read so could not be kept correctly."""

    def __init__(self):
        self.nevek = set()

    def __call__(self, execute, sql, params, many, context):
        kovetett, nem_kovetett = _tablak()
        azonositok = set(_AZONOSITO.findall(sql))
        if rossz := azonositok & nem_kovetett:
            raise ImproperlyConfigured(f"Egy megőrzött számítás adatverzió nélküli táblát olvas: {sorted(rossz)}")
        if _CSILLAG.search(sql):
            raise ImproperlyConfigured("Egy megőrzött számítás meg nem nevezett oszlopokat olvas (*).")
        for tabla in azonositok & kovetett.keys():
            self.nevek.add(tabla)
            self.nevek.update(oszlop_nev(tabla, o) for o in azonositok & kovetett[tabla])
        return execute(sql, params, many, context)


@functools.cache
def kod_lenyomat() -> str:
    """A fingerprint of the application's code (its apps' Python files): what a new release kept in a shared
    cache is never read by the next one, whose objects and labels may differ."""
    h = hashlib.blake2b(digest_size=8)
    alap = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        hely = Path(config.path).resolve()
        if alap not in hely.parents:
            continue
        for fajl in sorted(hely.rglob("*.py")):
            if not {"tests", "migrations"} & set(fajl.relative_to(hely).parts):
                h.update(fajl.read_bytes())
    return h.hexdigest()


class Gyorsito:
    """Keeps the parts of a page computed for ``user``, each under the versions of the tables and columns its
    queries read (``Figyelo``), so that a change recounts only the parts that read what it changed.

    ``parameterek`` must hold everything else the results depend on (the day they are computed for, the
    options of the page, the settings they read). With ``projekt`` the results are about that project
    alone and depend on the user only through their role in it: they are kept under that project's
    versions and shared by every user of the same role. Each part is kept for ``ido`` seconds at most
    (default: ``KAPOCS_MEGORZES_ORA`` hours; a safety net only, e.g. for a database restored from a backup
    under running servers). Inside a transaction everything is computed afresh and nothing is kept (module
    docstring).

    The versions are read before any part is computed, and only those the page's kept parts depend on: a
    list of them (``::nevek``) is kept with the parts, so that the first ``reszek()`` of a view reads, in one
    query, what the later ones will need too; every project's every name only when a part is missing and
    the list too. A part recounted then may read a name whose version was not read: it keeps that name as
    unknown, and is recounted once more at the next view.
    """

    def __init__(self, user, nev: str, parameterek, *, projekt=None, ido: int | None = None):
        if projekt is not None:
            kie = ("projekt", projekt.pk, user.is_superuser, user.szerep(projekt))
            self.projekt_idk = [projekt.pk]
        else:
            self.projekt_idk = None if user.is_superuser else sorted(user.projekt_idk())
            szerepek = None if self.projekt_idk is None else [(pid, user.szerep(pid)) for pid in self.projekt_idk]
            kie = ("felhasznalo", user.pk, user.is_superuser, szerepek)
        alap = repr((kod_lenyomat(), nev, kie, parameterek)).encode()
        self.kulcs = f"{nev}:{hashlib.blake2b(alap, digest_size=16).hexdigest()}"
        self.ido = settings.KAPOCS_MEGORZES_ORA * 3600 if ido is None else ido
        self._verziok = {}  # the versions read so far
        self._mind = False  # every name's version read
        self._jegyzek = None  # the names the page's kept parts depend on (None: not looked up yet)

    def reszek(self, szamitasok: dict) -> dict:
        """{name: result} of the computations {name: function}, each kept or recounted on its own."""
        if connection.in_atomic_block:
            return {nev: szamitas() for nev, szamitas in szamitasok.items()}
        kulcsok = {nev: f"{self.kulcs}:{nev}" for nev in szamitasok}
        jegyzek_kulcs = f"{self.kulcs}::nevek"
        tarolt = cache.get_many([*kulcsok.values(), *([jegyzek_kulcs] if self._jegyzek is None else [])])
        if self._jegyzek is None:
            self._jegyzek = tarolt.pop(jegyzek_kulcs, None)
            if self._jegyzek is None and len(tarolt) < len(kulcsok):
                self._verziok, self._mind = verziok(self.projekt_idk), True
            self._jegyzek = set(self._jegyzek or ())
        if not self._mind:
            self._olvas({t for fuggosegek, _adat in tarolt.values() for t in fuggosegek} | self._jegyzek)
        v = self._verziok
        eredmeny, uj = {}, {}
        for nev, szamitas in szamitasok.items():
            fuggosegek, adat = tarolt.get(kulcsok[nev], (None, None))
            if fuggosegek is not None and all(v.get(t, 0) == n for t, n in fuggosegek.items()):
                eredmeny[nev] = pickle.loads(adat)
                continue
            figyelo = Figyelo()
            with connection.execute_wrapper(figyelo):
                ertek = szamitas()
                # Pickled here: a lazy value (a queryset) reads its rows now, in sight of the watcher.
                adat = pickle.dumps(ertek, pickle.HIGHEST_PROTOCOL)
            eredmeny[nev] = ertek
            # A name whose version was not read before: unknown (-1), recounted at the next view.
            uj[kulcsok[nev]] = ({t: v.get(t, 0) if self._mind or t in v else -1 for t in figyelo.nevek}, adat)
            self._jegyzek |= figyelo.nevek
        if uj:
            cache.set_many(uj | {jegyzek_kulcs: self._jegyzek}, self.ido)
        return eredmeny

    def _olvas(self, nevek: set):
        """Read the versions of ``nevek`` not read yet."""
        nevek = nevek - self._verziok.keys()
        if nevek:
            olvasott = verziok(self.projekt_idk, nevek)
            self._verziok |= {t: olvasott.get(t, 0) for t in nevek}


def reszenkent(futtato, reszek: dict) -> dict:
    """{name: result} of the computations {name: function}: through ``futtato`` (``Gyorsito.reszek``, which
    may keep each apart) or, without one, computed here. For selectors whose callers may keep their parts."""
    if futtato is not None:
        return futtato(reszek)
    return {nev: szamitas() for nev, szamitas in reszek.items()}
