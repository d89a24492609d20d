"""Trigram indexes for the participant and household search (PostgreSQL only).

The search is ``kereso_szoveg LIKE '%szo%'`` (and ``taj LIKE '%123%'``): a
B-tree cannot serve a pattern with a leading wildcard, so on 100,000
participants every search read the whole table. A pg_trgm GIN index can.
SQLite has neither GIN nor pg_trgm: there the operations do nothing, and the
indexes are not in the models' state (so ``makemigrations`` stays quiet on
both databases).

The B-tree indexes that ``db_index=True`` made on the search columns served
no query (a contains search cannot use them) and only slowed every write and
import; they are dropped.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEXEK = [
    ("Ugyfel", "ugyfel_kereso_trgm", "kereso_szoveg"),
    ("Ugyfel", "ugyfel_taj_trgm", "taj"),
    ("Haztartas", "haztartas_kereso_trgm", "kereso_szoveg"),
]


class TrigramKiterjesztes(TrigramExtension):
    """CREATE EXTENSION pg_trgm on PostgreSQL; nothing on SQLite, in either direction.

    Reversing keeps the extension: other objects may use it, and Django's own
    reverse does not check the database vendor.
    """

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def _index(nev, mezo):
    return GinIndex(fields=[mezo], name=nev, opclasses=["gin_trgm_ops"])


def letrehoz(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for modell, nev, mezo in TRIGRAM_INDEXEK:
        schema_editor.add_index(apps.get_model("ugyfelek", modell), _index(nev, mezo))


def torol(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for modell, nev, mezo in TRIGRAM_INDEXEK:
        schema_editor.remove_index(apps.get_model("ugyfelek", modell), _index(nev, mezo))


class Migration(migrations.Migration):
    dependencies = [
        ("ugyfelek", "0002_import_naplo"),
    ]

    operations = [
        TrigramKiterjesztes(),
        migrations.RunPython(letrehoz, torol, elidable=False),
        migrations.AlterField(
            model_name="ugyfel",
            name="kereso_szoveg",
            field=models.CharField(blank=True, editable=False, max_length=600),
        ),
        migrations.AlterField(
            model_name="haztartas",
            name="kereso_szoveg",
            field=models.CharField(blank=True, editable=False, max_length=400),
        ),
    ]
