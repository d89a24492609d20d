"""The data version of each project: a number that grows with every committed change of its data.

Pages that recount a project's data on every view (the home pages) may keep what they computed under
the version they read first: as long as no transaction that changed the project's data has committed,
the same version means the same data. The database raises the version itself, so no write path can
forget it (form, admin, bulk update, COPY, plain SQL): a trigger on every table of project data (every
scoped model but the logs, and their many-to-many tables) raises ``core_adatverzio.verzio`` of the
project the changed row belongs to (of both projects when a row moves), in the writing transaction.
A change of a staff member's shown name or active flag raises every project: names appear in projects
their owner is no member of (a former mentor, a visit's author), and such changes are rare. So does
any change of the training catalogue (``kepzes.Kepzes``), shared by every project.

- PostgreSQL: a deferred constraint trigger, once per project and transaction (a transaction-local
  flag), at commit. The counters are written only while the transaction commits, one transaction at a
  time (an advisory lock: two transactions raising the same projects in opposite orders would deadlock
  on the counters' rows), so a long import holds up no visit saved meanwhile, and a bulk insert raises
  its project once. TRUNCATE (no row triggers) raises every project.
- SQLite: a plain trigger on every row (SQLite runs one writer at a time anyway).

The triggers are (re)installed after every ``migrate`` (``telepites``, a ``post_migrate`` receiver),
so a table added later is covered at once; ``core/tests/test_adatverzio`` checks every table is.
While ``migrate`` itself runs they may be stale: a data migration of the same run that writes a table
rebuilt by that run (SQLite) raises nothing. A deploy restarts the servers, whose local caches start
empty; entries of another release are never read (``kod_lenyomat``).

Not covered, on purpose: the change history and the access log (written by reads too; no page
recounts them). A page cached under this version must not show them.

Two more rules make a cached figure correct (``gyorsitott``):
- read the version before the data: under READ COMMITTED every later read sees at least that state;
- never inside a transaction: what it wrote is not committed, and may be rolled back.
"""

import functools
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum

from .scoping import ScopedQuerySet

TABLA = "core_adatverzio"
PREFIX = "kapocs_av"
ZAR = 0x6B61706F6373  # the advisory lock of the raise ("kapocs")

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


def _felhasznalo_tabla():
    from django.contrib.auth import get_user_model

    return get_user_model()._meta.db_table


def _kozos_tablak() -> list[str]:
    return [apps.get_model(cimke)._meta.db_table for cimke in KOZOS_MODELLEK]


def _projekt_tabla():
    return apps.get_model("akcioterulet", "Projekt")._meta.db_table


def _valtozott() -> str:
    """The trigger condition: a column of the staff that pages show has changed. Their names appear in
    projects they are no members of (a former mentor, the author of a visit), so a change raises every
    project; it is rare, and a sign-in (``last_login``) changes none of them."""
    felt = " OR ".join(f"OLD.{_q(o)} IS DISTINCT FROM NEW.{_q(o)}" for o in FELHASZNALO_OSZLOPOK)
    return f"WHEN ({felt})"


# --- PostgreSQL -------------------------------------------------------------------------------------------

_PG_EMELES = f"""
CREATE OR REPLACE FUNCTION {PREFIX}_emel(pid bigint) RETURNS void AS $$
BEGIN
    IF pid IS NULL THEN
        RETURN;
    END IF;
    IF current_setting('{PREFIX}.p' || pid, true) = '1' THEN
        RETURN;  -- raised already in this transaction
    END IF;
    -- One transaction at a time raises versions (from its commit-time triggers to the end of its commit):
    -- two that raise the same projects in opposite orders would otherwise deadlock on the counters' rows.
    PERFORM pg_advisory_xact_lock({ZAR});
    INSERT INTO {TABLA} (projekt_id, verzio) VALUES (pid, 1)
        ON CONFLICT (projekt_id) DO UPDATE SET verzio = {TABLA}.verzio + 1;
    PERFORM set_config('{PREFIX}.p' || pid, '1', true);
END;
$$ LANGUAGE plpgsql;
"""


def _pg_trigger(tabla: str, fuggveny: str, esemeny: str, mikor: str = "") -> list[str]:
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


def _pg_utasitasok() -> list[str]:
    # Every project raised: by the staff's and the catalogue's changes, and by TRUNCATE (no row triggers).
    mind = f"{PREFIX}_mind"
    utasitasok = [_PG_EMELES, _pg_fuggveny(mind, f"    PERFORM {PREFIX}_emel(id) FROM {_q(_projekt_tabla())};\n")]
    for tabla, (model, path) in sorted(kovetett_tablak().items()):
        torzs = (
            f"    IF TG_OP <> 'DELETE' THEN PERFORM {PREFIX}_emel({_projekt_kifejezes(model, path, 'NEW')}); END IF;\n"
            f"    IF TG_OP <> 'INSERT' THEN PERFORM {PREFIX}_emel({_projekt_kifejezes(model, path, 'OLD')}); END IF;\n"
        )
        utasitasok.append(_pg_fuggveny(f"{PREFIX}_{tabla}", torzs))
        utasitasok += _pg_trigger(tabla, f"{PREFIX}_{tabla}", "INSERT OR UPDATE OR DELETE")
        utasitasok += [
            f"DROP TRIGGER IF EXISTS {PREFIX}_t ON {_q(tabla)};",
            f"CREATE TRIGGER {PREFIX}_t AFTER TRUNCATE ON {_q(tabla)} FOR EACH STATEMENT EXECUTE FUNCTION {mind}();",
        ]
    utasitasok += _pg_trigger(_felhasznalo_tabla(), mind, "UPDATE", _valtozott())
    for tabla in _kozos_tablak():
        utasitasok += _pg_trigger(tabla, mind, "INSERT OR UPDATE OR DELETE")
    return utasitasok


# --- SQLite ------------------------------------------------------------------------------------------------


def _sqlite_emeles(select: str) -> str:
    """Raise the projects ``select`` gives (rows of: project id, 1)."""
    # "WHERE" before ON CONFLICT: SQLite's parser needs it after INSERT .. SELECT.
    return (
        f"INSERT INTO {TABLA} (projekt_id, verzio) {select} ON CONFLICT (projekt_id) DO UPDATE SET verzio = verzio + 1;"
    )


def _sqlite_utasitasok() -> list[str]:
    def trigger(tabla, betu, esemeny, torzs, mikor=""):
        nev = f"{PREFIX}_{tabla}_{betu}"
        return [
            f"DROP TRIGGER IF EXISTS {nev};",
            f"CREATE TRIGGER {nev} AFTER {esemeny} ON {_q(tabla)} {mikor} BEGIN {torzs} END;",
        ]

    utasitasok = []
    for tabla, (model, path) in sorted(kovetett_tablak().items()):
        uj, regi = (
            _sqlite_emeles(f"SELECT p, 1 FROM (SELECT {_projekt_kifejezes(model, path, sor)} AS p) WHERE p IS NOT NULL")
            for sor in ("NEW", "OLD")
        )
        utasitasok += trigger(tabla, "i", "INSERT", uj)
        utasitasok += trigger(tabla, "u", "UPDATE", f"{uj} {regi}")
        utasitasok += trigger(tabla, "d", "DELETE", regi)
    mind = _sqlite_emeles(f"SELECT id, 1 FROM {_q(_projekt_tabla())} WHERE true")
    utasitasok += trigger(_felhasznalo_tabla(), "u", "UPDATE", mind, f"FOR EACH ROW {_valtozott()}")
    for tabla in _kozos_tablak():
        for betu, esemeny in (("i", "INSERT"), ("u", "UPDATE"), ("d", "DELETE")):
            utasitasok += trigger(tabla, betu, esemeny, mind)
    return utasitasok


def minden_projekt_emelese(using="default"):
    """Raise every project's version: after a load that wrote without triggers (``bench/generate.py``)."""
    from django.db import connections

    kapcsolat = connections[using]
    with kapcsolat.cursor() as cur:
        if kapcsolat.vendor == "postgresql":
            cur.execute(f"SELECT {PREFIX}_emel(id) FROM {_q(_projekt_tabla())}")
        else:
            cur.execute(_sqlite_emeles(f"SELECT id, 1 FROM {_q(_projekt_tabla())} WHERE true"))


def telepites(using="default", **kwargs):
    """Install (or replace) the version triggers on every covered table: a ``post_migrate`` receiver."""
    from django.db import connections

    kapcsolat = connections[using]
    utasitasok = {"postgresql": _pg_utasitasok, "sqlite": _sqlite_utasitasok}.get(kapcsolat.vendor)
    if utasitasok is None:
        return
    with kapcsolat.cursor() as cur:
        for sql in utasitasok():
            cur.execute(sql)


# --- Reading ---------------------------------------------------------------------------------------------


def verzio(projekt_idk) -> int:
    """The data version of the projects ``projekt_idk`` together (None: of every project).

    A sum: each raise adds one to one project, so the sum over a fixed set of projects grows with every
    change of any of them (the set itself belongs in the cache key).
    """
    from .models import AdatVerzio

    qs = AdatVerzio.objects.all()
    if projekt_idk is not None:
        qs = qs.filter(projekt_id__in=projekt_idk)
    return qs.aggregate(v=Sum("verzio"))["v"] or 0


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


def gyorsitott(user, nev: str, parameterek, szamitas, *, projekt=None, ido: int = 15 * 60):
    """``szamitas()``, kept under the data version of the projects ``user`` sees (for ``ido`` seconds at
    most: a safety net only, e.g. for a database restored from a backup under running servers).

    ``parameterek`` must hold everything else the result depends on (the day it is computed for, the
    options of the page, the settings it reads). With ``projekt`` the result is about that project alone
    and depends on the user only through their role in it: it is kept under that project's version and
    shared by every user of the same role. Inside a transaction it is computed afresh and not kept
    (module docstring).
    """
    if connection.in_atomic_block:
        return szamitas()
    if projekt is not None:
        kie = ("projekt", projekt.pk, user.is_superuser, user.szerep(projekt))
        projekt_idk = [projekt.pk]
    else:
        projekt_idk = None if user.is_superuser else sorted(user.projekt_idk())
        szerepek = None if projekt_idk is None else [(pid, user.szerep(pid)) for pid in projekt_idk]
        kie = ("felhasznalo", user.pk, user.is_superuser, szerepek)
    kulcs_alap = repr((kod_lenyomat(), nev, kie, parameterek))
    v = verzio(projekt_idk)
    kulcs = f"{nev}:{hashlib.blake2b(kulcs_alap.encode(), digest_size=16).hexdigest()}:{v}"
    eredmeny = cache.get(kulcs)
    if eredmeny is None:
        eredmeny = szamitas()
        cache.set(kulcs, eredmeny, ido)
    return eredmeny
