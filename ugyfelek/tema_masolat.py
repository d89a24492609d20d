"""Keeps ``LatogatasTema.projekt`` and ``LatogatasTema.idopont`` equal to its visit's project and time.

The visit list under a topic reads a page of visit ids, newest first, from the topics' index (project, topic,
time, visit) alone: 0.1 ms for the largest project, where looking up the topics of the project's visits one by
one, newest first, took 3.5-4.5 ms to find 251 of them. The copies are derived data; the database keeps them, so
no write path can forget them (form, admin, ``QuerySet.update()``, plain SQL):

- a topic written (inserted, or moved to another visit) takes its visit's project and time;
- a visit whose project or time changes hands them to its topics.

The triggers are (re)installed after every ``migrate`` (``telepites``, a ``post_migrate`` receiver): SQLite
drops a table's triggers when a migration rebuilds it. Migration ``ugyfelek 0017`` filled the copies of the
topics written before.

- PostgreSQL: the topic's copies are written before the row is checked, whatever the insert gave.
- SQLite: an insert must give them (NOT NULL is checked first; ``LatogatasTema.save`` does); a trigger after the
  insert writes the visit's own.
"""

TEMA = "ugyfelek_latogatastema"
LATOGATAS = "ugyfelek_latogatas"


def _pg_utasitasok() -> list[str]:
    return [
        f"""
        CREATE OR REPLACE FUNCTION kapocs_tema_masolat() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            SELECT l.projekt_id, l.idopont INTO NEW.projekt_id, NEW.idopont FROM {LATOGATAS} l
            WHERE l.id = NEW.latogatas_id;
            RETURN NEW;
        END $$;
        """,
        f"DROP TRIGGER IF EXISTS kapocs_tema_masolat ON {TEMA};",
        f"""
        CREATE TRIGGER kapocs_tema_masolat BEFORE INSERT OR UPDATE OF latogatas_id, projekt_id, idopont ON {TEMA}
        FOR EACH ROW EXECUTE FUNCTION kapocs_tema_masolat();
        """,
        f"""
        CREATE OR REPLACE FUNCTION kapocs_latogatas_tema_masolat() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE {TEMA} SET projekt_id = NEW.projekt_id, idopont = NEW.idopont WHERE latogatas_id = NEW.id;
            RETURN NULL;
        END $$;
        """,
        f"DROP TRIGGER IF EXISTS kapocs_latogatas_tema_masolat ON {LATOGATAS};",
        f"""
        CREATE TRIGGER kapocs_latogatas_tema_masolat AFTER UPDATE OF projekt_id, idopont ON {LATOGATAS}
        FOR EACH ROW WHEN (OLD.projekt_id IS DISTINCT FROM NEW.projekt_id OR OLD.idopont IS DISTINCT FROM NEW.idopont)
        EXECUTE FUNCTION kapocs_latogatas_tema_masolat();
        """,
    ]


def _sqlite_utasitasok() -> list[str]:
    sajat = (
        f"UPDATE {TEMA} SET projekt_id = (SELECT projekt_id FROM {LATOGATAS} WHERE id = NEW.latogatas_id), "
        f"idopont = (SELECT idopont FROM {LATOGATAS} WHERE id = NEW.latogatas_id) WHERE id = NEW.id;"
    )
    return [
        "DROP TRIGGER IF EXISTS kapocs_tema_masolat_i;",
        f"CREATE TRIGGER kapocs_tema_masolat_i AFTER INSERT ON {TEMA} BEGIN {sajat} END;",
        "DROP TRIGGER IF EXISTS kapocs_tema_masolat_u;",
        f"CREATE TRIGGER kapocs_tema_masolat_u AFTER UPDATE OF latogatas_id, projekt_id, idopont ON {TEMA} "
        f"BEGIN {sajat} END;",
        "DROP TRIGGER IF EXISTS kapocs_latogatas_tema_masolat;",
        f"CREATE TRIGGER kapocs_latogatas_tema_masolat AFTER UPDATE OF projekt_id, idopont ON {LATOGATAS} "
        "FOR EACH ROW WHEN OLD.projekt_id IS NOT NEW.projekt_id OR OLD.idopont IS NOT NEW.idopont "
        f"BEGIN UPDATE {TEMA} SET projekt_id = NEW.projekt_id, idopont = NEW.idopont WHERE latogatas_id = NEW.id; END;",
    ]


def utasitasok(vendor: str) -> list[str]:
    return {"postgresql": _pg_utasitasok, "sqlite": _sqlite_utasitasok}.get(vendor, list)()


def telepites(using="default", **kwargs):
    """Install (or replace) the triggers: a ``post_migrate`` receiver."""
    from django.db import connections

    kapcsolat = connections[using]
    with kapcsolat.cursor() as cur:
        for sql in utasitasok(kapcsolat.vendor):
            cur.execute(sql)
