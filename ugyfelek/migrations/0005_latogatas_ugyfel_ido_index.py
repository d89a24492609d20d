"""An index for the latest visit of a participant (mentor home, "not visited for 30 days")."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('akcioterulet', '0001_kezdeti'),
        ('ugyfelek', '0004_ugyfel_lista_rendezes_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='latogatas',
            index=models.Index(fields=['ugyfel', 'idopont'], name='latogatas_ugyfel_ido_idx'),
        ),
    ]
