"""A topic keeps copies of its visit's project and time, and an index (project, topic, time, visit) for the visit
list under a topic. The copies of the topics written before are filled here (1.5 million topics: about 30 s on
PostgreSQL); from now on the database keeps them (``ugyfelek.tema_masolat``, installed after ``migrate``)."""

import django.db.models.deletion
from django.db import migrations, models


def kitoltes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql = (
            "UPDATE ugyfelek_latogatastema t SET projekt_id = l.projekt_id, idopont = l.idopont "
            "FROM ugyfelek_latogatas l WHERE l.id = t.latogatas_id"
        )
    else:
        sql = (
            "UPDATE ugyfelek_latogatastema SET "
            "projekt_id = (SELECT projekt_id FROM ugyfelek_latogatas l WHERE l.id = latogatas_id), "
            "idopont = (SELECT idopont FROM ugyfelek_latogatas l WHERE l.id = latogatas_id)"
        )
    schema_editor.execute(sql)
    if schema_editor.connection.vendor == "postgresql":
        # The data versions' deferred triggers (core.adatverzio) now, not at commit: PostgreSQL alters no table
        # with trigger events pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("ugyfelek", "0016_latogatastema_egy_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="latogatastema",
            name="projekt",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="akcioterulet.projekt",
            ),
        ),
        migrations.AddField(
            model_name="latogatastema",
            name="idopont",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(kitoltes, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="latogatastema",
            name="projekt",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="akcioterulet.projekt",
            ),
        ),
        migrations.AlterField(
            model_name="latogatastema",
            name="idopont",
            field=models.DateTimeField(editable=False),
        ),
        migrations.AddIndex(
            model_name="latogatastema",
            index=models.Index(
                models.F("projekt"),
                models.F("tema"),
                models.F("idopont").desc(),
                models.F("latogatas").desc(),
                name="latogatastema_lista_idx",
            ),
        ),
    ]
