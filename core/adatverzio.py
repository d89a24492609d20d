"""The data version of each project: a number that grows with every committed change of its data.

Pages that recount a project's data on every view (the home pages) may keep what they computed under
the version they read first: as long as no transaction that changed the project's data has committed,
the same version means the same data. The database raises the version itself, so no write path can
forget it: a trigger on every table of project data (every scoped model but the logs, their
many-to-many tables, and the names of the staff) raises ``core_adatverzio.verzio`` of the project the
changed row belongs to, in the writing transaction.

- PostgreSQL: a deferred constraint trigger, once per project and transaction (a transaction-local
  flag), at commit. The counter's row is locked only while the transaction commits, so a long import
  does not hold up the visits saved meanwhile in the same project, and a bulk insert raises it once.
- SQLite: a plain trigger on every row (SQLite runs one writer at a time anyway).

The triggers are (re)installed after every ``migrate`` (``telepites``, a ``post_migrate`` receiver),
so a table added later is covered at once; ``tests/test_adatverzio`` checks every table is.

Not covered, on purpose: the change history and the access log (written by reads too; no page
recounts them), and the training catalogue (``kepzes.Kepzes``, shared by every project). A page
cached under this version must not show them.

Two more rules make a cached figure correct (``gyorsitott``):
- read the version before the data: under READ COMMITTED every later read sees at least that state;
- never inside a transaction: what it wrote is not committed, and may be rolled back.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum

from .scoping import ScopedQuerySet

TABLA = "core_adatverzio"
PREFIX = "kapocs_av"

# Scoped models whose writes do not raise the version (see the module's docstring).
KIMARAD = {"core.Valtozas", "core.Hozzaferes"}
# The staff's columns that pages show (a renamed or deactivated colleague raises their projects' versions).
FELHASZNALO_OSZLOPOK = ("username", "first_name", "last_name", "is_active")

# Raise when the shape of what is cached changes: entries of the old code are then never read.
KOD_VERZIO = 1


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


def _tagsagok_sql(mezo: str) -> str:
    """``SELECT <mezo> FROM`` the memberships ``WHERE`` the user is the NEW row (of the user table)."""
    tagsag = apps.get_model("akcioterulet", "Tagsag")._meta
    return f"SELECT {mezo} FROM {_q(tagsag.db_table)} WHERE {_q(tagsag.get_field('felhasznalo').column)} = NEW.id"


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
    INSERT INTO {TABLA} (projekt_id, verzio) VALUES (pid, 1)
        ON CONFLICT (projekt_id) DO UPDATE SET verzio = {TABLA}.verzio + 1;
    PERFORM set_config('{PREFIX}.p' || pid, '1', true);
END;
$$ LANGUAGE plpgsql;
"""


def _pg_trigger(tabla: str, fuggveny_torzs: str, esemeny: str) -> list[str]:
    fuggveny = f"{PREFIX}_{tabla}"
    return [
        f"CREATE OR REPLACE FUNCTION {fuggveny}() RETURNS trigger AS $$\nBEGIN\n{fuggveny_torzs}"
        f"    RETURN NULL;\nEND;\n$$ LANGUAGE plpgsql;",
        f"DROP TRIGGER IF EXISTS {PREFIX} ON {_q(tabla)};",
        f"CREATE CONSTRAINT TRIGGER {PREFIX} AFTER {esemeny} ON {_q(tabla)} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {fuggveny}();",
    ]


def _pg_utasitasok() -> list[str]:
    utasitasok = [_PG_EMELES]
    for tabla, (model, path) in sorted(kovetett_tablak().items()):
        torzs = (
            f"    IF TG_OP <> 'DELETE' THEN PERFORM {PREFIX}_emel({_projekt_kifejezes(model, path, 'NEW')}); END IF;\n"
            f"    IF TG_OP <> 'INSERT' THEN PERFORM {PREFIX}_emel({_projekt_kifejezes(model, path, 'OLD')}); END IF;\n"
        )
        utasitasok += _pg_trigger(tabla, torzs, "INSERT OR UPDATE OR DELETE")
    torzs = f"    PERFORM {_tagsagok_sql(f'{PREFIX}_emel(projekt_id)')[len('SELECT ') :]};\n"
    oszlopok = ", ".join(_q(o) for o in FELHASZNALO_OSZLOPOK)
    utasitasok += _pg_trigger(_felhasznalo_tabla(), torzs, f"UPDATE OF {oszlopok}")
    return utasitasok


# --- SQLite ------------------------------------------------------------------------------------------------


def _sqlite_emeles(kifejezes: str) -> str:
    # "WHERE" before ON CONFLICT: SQLite's parser needs it after INSERT .. SELECT.
    return (
        f"INSERT INTO {TABLA} (projekt_id, verzio) SELECT p, 1 FROM (SELECT {kifejezes} AS p) WHERE p IS NOT NULL "
        f"ON CONFLICT (projekt_id) DO UPDATE SET verzio = verzio + 1;"
    )


def _sqlite_utasitasok() -> list[str]:
    utasitasok = []
    for tabla, (model, path) in sorted(kovetett_tablak().items()):
        uj, regi = (_sqlite_emeles(_projekt_kifejezes(model, path, sor)) for sor in ("NEW", "OLD"))
        for betu, esemeny, torzs in (("i", "INSERT", uj), ("u", "UPDATE", uj + " " + regi), ("d", "DELETE", regi)):
            nev = f"{PREFIX}_{tabla}_{betu}"
            utasitasok += [
                f"DROP TRIGGER IF EXISTS {nev};",
                f"CREATE TRIGGER {nev} AFTER {esemeny} ON {_q(tabla)} BEGIN {torzs} END;",
            ]
    tabla = _felhasznalo_tabla()
    oszlopok = ", ".join(_q(o) for o in FELHASZNALO_OSZLOPOK)
    nev = f"{PREFIX}_{tabla}_u"
    utasitasok += [
        f"DROP TRIGGER IF EXISTS {nev};",
        f"CREATE TRIGGER {nev} AFTER UPDATE OF {oszlopok} ON {_q(tabla)} BEGIN "
        f"INSERT INTO {TABLA} (projekt_id, verzio) {_tagsagok_sql('projekt_id, 1')} "
        f"ON CONFLICT (projekt_id) DO UPDATE SET verzio = verzio + 1; END;",
    ]
    return utasitasok


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


def gyorsitott(user, nev: str, parameterek, szamitas, *, ido: int = 15 * 60):
    """``szamitas()``, kept under the data version of the projects ``user`` sees (for ``ido`` seconds at
    most: a safety net only, e.g. for a database restored from a backup under running servers).

    ``parameterek`` must hold everything else the result depends on (the day it is computed for, the
    options of the page, the settings it reads). Inside a transaction it is computed afresh and not kept
    (module docstring).
    """
    if connection.in_atomic_block:
        return szamitas()
    projektek = None if user.is_superuser else sorted(user._szerepek.items())
    kulcs_alap = repr((KOD_VERZIO, nev, user.pk, user.is_superuser, projektek, parameterek))
    v = verzio(None if projektek is None else [pid for pid, _ in projektek])
    kulcs = f"{nev}:{hashlib.blake2b(kulcs_alap.encode(), digest_size=16).hexdigest()}:{v}"
    eredmeny = cache.get(kulcs)
    if eredmeny is None:
        eredmeny = szamitas()
        cache.set(kulcs, eredmeny, ido)
    return eredmeny
