"""The involvement date of each participant and its index.

``Ugyfel.bevonva_ota`` is filled by 0010 and kept by ``ugyfelek/bevonas.py``. The index serves the involved
participants of a project in a period (the indicators' drill-down and count).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('akcioterulet', '0001_kezdeti'),
        ('ugyfelek', '0008_ugyfel_utolso_latogatas_kitoltes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='ugyfel',
            name='bevonva_ota',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='bevonva ekkortól'),
        ),
        migrations.AddIndex(
            model_name='ugyfel',
            index=models.Index(fields=['projekt', 'bevonva_ota'], name='ugyfel_projekt_bevonva_idx'),
        ),
    ]
