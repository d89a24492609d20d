"""On PostgreSQL the database itself refuses UPDATE and DELETE on the two log tables.

One exception: the anonymisation service (``ugyfelek.services.ugyfel_anonimizalas``)
must scrub names out of old history values; it sets the transaction-local
``kapocs.anonimizalas`` flag, and only UPDATE is let through under it.
SQLite has no such triggers; there the app's read-only admin is the guard.
"""

from django.db import migrations

TABLAK = ("core_valtozas", "core_hozzaferes")

ELORE = """
CREATE OR REPLACE FUNCTION kapocs_naplo_csak_hozzairas() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('kapocs.anonimizalas', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'A napló (%) bejegyzései nem módosíthatók és nem törölhetők.', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {t}_csak_hozzairas BEFORE UPDATE OR DELETE ON {t} "
    f"FOR EACH ROW EXECUTE FUNCTION kapocs_naplo_csak_hozzairas();\n"
    for t in TABLAK
)

VISSZA = "".join(f"DROP TRIGGER IF EXISTS {t}_csak_hozzairas ON {t};\n" for t in TABLAK) + (
    "DROP FUNCTION IF EXISTS kapocs_naplo_csak_hozzairas();"
)


def _sql(sql):
    def futtat(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)  # None: the % of RAISE is not a parameter

    return futtat


class Migration(migrations.Migration):
    dependencies = [("core", "0002_naplo_felhasznalo_vedett")]

    operations = [migrations.RunPython(_sql(ELORE), _sql(VISSZA))]
