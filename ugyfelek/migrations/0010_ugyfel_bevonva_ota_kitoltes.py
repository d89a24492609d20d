"""Fill ``Ugyfel.bevonva_ota`` from the agreements and plans recorded so far (schema in 0009, upkeep in bevonas.py)."""

from django.db import migrations
from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Least


def kitoltes(apps, schema_editor):
    Ugyfel = apps.get_model("ugyfelek", "Ugyfel")
    FejlesztesiTerv = apps.get_model("ugyfelek", "FejlesztesiTerv")
    # The same expression as bevonas.bevonva_ota_kifejezes(), on the historical models.
    elso_terv = Subquery(
        FejlesztesiTerv.objects.filter(ugyfel=OuterRef("pk")).order_by("keszult").values("keszult")[:1],
        output_field=DateField(),
    )
    Ugyfel.objects.update(
        bevonva_ota=Least(
            Coalesce("megallapodas_datuma", elso_terv, output_field=DateField()),
            Coalesce(elso_terv, "megallapodas_datuma", output_field=DateField()),
            output_field=DateField(),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ugyfelek", "0009_ugyfel_bevonva_ota_index"),
    ]

    # Backwards there is nothing to undo: reversing 0009 drops the column.
    operations = [migrations.RunPython(kitoltes, migrations.RunPython.noop, elidable=True)]
