"""The data version kept per project and table or column (was per project).

The old triggers write the old table's key: they are dropped before it, and ``migrate`` installs the new
ones when it ends (``core.adatverzio.telepites``, a ``post_migrate`` receiver). The versions start again
from zero; what was kept under the old ones is never read again (the code's fingerprint is in every key).
"""

from django.db import migrations, models

PREFIX = "kapocs_av"


def triggerek_torlese(apps, schema_editor):
    kapcsolat = schema_editor.connection
    with kapcsolat.cursor() as cur:
        if kapcsolat.vendor == "postgresql":
            cur.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname LIKE %s AND NOT t.tgisinternal",
                [PREFIX + "%"],
            )
            for nev, tabla in cur.fetchall():
                cur.execute(f'DROP TRIGGER IF EXISTS "{nev}" ON "{tabla}"')
        elif kapcsolat.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [PREFIX + "%"])
            for (nev,) in cur.fetchall():
                cur.execute(f'DROP TRIGGER IF EXISTS "{nev}"')


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_adatverzio"),
    ]

    operations = [
        migrations.RunPython(triggerek_torlese, migrations.RunPython.noop),
        migrations.DeleteModel(name="AdatVerzio"),
        migrations.CreateModel(
            name="AdatVerzio",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("projekt_id", models.BigIntegerField(verbose_name="projekt")),
                ("tabla", models.CharField(max_length=130, verbose_name="tábla")),
                ("verzio", models.BigIntegerField(default=0, verbose_name="verzió")),
            ],
            options={
                "verbose_name": "adatverzió",
                "verbose_name_plural": "adatverziók",
                "constraints": [
                    models.UniqueConstraint(fields=("projekt_id", "tabla"), name="adatverzio_projekt_tabla")
                ],
            },
        ),
    ]
