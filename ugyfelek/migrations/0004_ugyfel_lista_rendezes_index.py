"""The participant list's index covers its whole ordering (name, birth date, id) within a project.

The old (projekt, csaladi_nev, utonev) index made page 300 of a 10,000-person
project sort every row; the new one is its superset, so the old one goes.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('akcioterulet', '0001_kezdeti'),
        ('ugyfelek', '0003_kereses_trigram_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='ugyfel',
            index=models.Index(fields=['projekt', 'csaladi_nev', 'utonev', 'szuletesi_datum', 'id'], name='ugyfel_projekt_lista_idx'),
        ),
        migrations.RemoveIndex(
            model_name='ugyfel',
            name='ugyfel_projekt_nev_idx',
        ),
    ]
