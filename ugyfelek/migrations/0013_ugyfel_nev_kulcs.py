"""``Ugyfel.nev_kulcs``: the folded name of the duplicates check, filled for the participants recorded so far
(kept by ``Ugyfel.save()`` from now on), and the index the check reads."""

from django.db import migrations, models

from core.text import fold


def kitoltes(apps, schema_editor):
    Ugyfel = apps.get_model("ugyfelek", "Ugyfel")
    # The same key as Ugyfel.nev_kulcsa(); anonymised participants keep none.
    sorok = Ugyfel.objects.filter(anonimizalva__isnull=True).only("pk", "csaladi_nev", "utonev").order_by("pk")
    adag = []
    for u in sorok.iterator(chunk_size=2000):
        u.nev_kulcs = fold(f"{u.csaladi_nev} {u.utonev}")
        adag.append(u)
        if len(adag) == 2000:
            Ugyfel.objects.bulk_update(adag, ["nev_kulcs"])
            adag = []
    Ugyfel.objects.bulk_update(adag, ["nev_kulcs"])


class Migration(migrations.Migration):
    dependencies = [
        ("ugyfelek", "0012_oszlop_osszefuggesek"),
    ]

    operations = [
        migrations.AddField(
            model_name="ugyfel",
            name="nev_kulcs",
            field=models.CharField(blank=True, editable=False, max_length=201),
        ),
        migrations.AddIndex(
            model_name="ugyfel",
            index=models.Index(
                condition=models.Q(("anonimizalva__isnull", True)),
                fields=["projekt", "szuletesi_datum", "nev_kulcs"],
                name="ugyfel_duplikatum_idx",
            ),
        ),
        # Last: on PostgreSQL the rows it writes leave trigger events pending (core.adatverzio), and no index
        # can be made on a table with pending events. Backwards there is nothing to undo: reversing the field
        # drops the column.
        migrations.RunPython(kitoltes, migrations.RunPython.noop, elidable=True),
    ]
