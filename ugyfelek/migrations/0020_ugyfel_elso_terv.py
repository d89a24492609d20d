"""``Ugyfel.elso_terv``: the date of the participant's first development plan, kept by ``ugyfelek/bevonas.py``.

Filled here from the plans recorded so far. The data-quality check of the participants with an agreement but no
plan then reads them from an index of their own rows (``ugyfel_terv_nelkul_idx``); the index of every participant
with an agreement and the plans' (project, participant) index, which served the anti-join it replaces, go.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import DateField, OuterRef, Subquery


def kitoltes(apps, schema_editor):
    Ugyfel = apps.get_model("ugyfelek", "Ugyfel")
    FejlesztesiTerv = apps.get_model("ugyfelek", "FejlesztesiTerv")
    # The same expression as bevonas.elso_terv_kifejezes(), on the historical models.
    Ugyfel.objects.update(
        elso_terv=Subquery(
            FejlesztesiTerv.objects.filter(ugyfel=OuterRef("pk")).order_by("keszult").values("keszult")[:1],
            output_field=DateField(),
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('akcioterulet', '0001_kezdeti'),
        ('ugyfelek', '0019_adatminoseg_indexek'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='fejlesztesiterv',
            name='terv_projekt_ugyfel_idx',
        ),
        migrations.RemoveIndex(
            model_name='ugyfel',
            name='ugyfel_megallapodas_idx',
        ),
        migrations.AddField(
            model_name='ugyfel',
            name='elso_terv',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='első fejlesztési terv'),
        ),
        migrations.AddIndex(
            model_name='ugyfel',
            index=models.Index(condition=models.Q(('anonimizalva__isnull', True), ('elso_terv__isnull', True), ('megallapodas_datuma__isnull', False)), fields=['projekt', 'csaladi_nev', 'utonev', 'id', 'megallapodas_datuma'], name='ugyfel_terv_nelkul_idx'),
        ),
        # Last: the UPDATE raises the data versions (core.adatverzio) by deferred triggers, and PostgreSQL creates no
        # index on a table with trigger events pending. Backwards there is nothing to undo: the column goes with the
        # field.
        migrations.RunPython(kitoltes, migrations.RunPython.noop, elidable=True),
    ]
