"""The last visit of each participant and the indexes of the home pages.

``Ugyfel.utolso_latogatas`` is filled by 0008 and kept by ``ugyfelek/utolso_latogatas.py``.

Indexes:
- ``ugyfel_nem_latogatott_idx`` (PostgreSQL only; SQLite has no NULLS FIRST in an index, so it is not in the
  model's state, as the trigram indexes of 0003): the active participants of a project by last visit, the
  never visited first, with the mentor. "Not visited for 30 days" is a range of it, and the active
  participants per mentor are counted from it alone.
- the visits' (projekt, idopont) index gets the author as a third column: the same ranges as before, and the
  month's visits per author counted from the index alone;
- open follow-ups of a project by due date and person;
- open plans of a project by the date of their next review (with participant and author), and the mentor of a
  participant by id: the overdue plans per responsible person from two indexes, without reading wide rows.
"""

from django.conf import settings
from django.db import migrations, models

NEM_LATOGATOTT_INDEX = models.Index(
    models.F("projekt"),
    models.OrderBy(models.F("utolso_latogatas"), nulls_first=True),
    models.F("mentor"),
    condition=models.Q(kilepes_datuma__isnull=True),
    name="ugyfel_nem_latogatott_idx",
)


def nem_latogatott_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("ugyfelek", "Ugyfel"), NEM_LATOGATOTT_INDEX)


def nem_latogatott_index_torles(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("ugyfelek", "Ugyfel"), NEM_LATOGATOTT_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("akcioterulet", "0001_kezdeti"),
        ("ugyfelek", "0006_terv_ugyfel_keszult_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="latogatas",
            name="latogatas_projekt_ido_idx",
        ),
        migrations.AddField(
            model_name="ugyfel",
            name="utolso_latogatas",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="utolsó látogatás"),
        ),
        migrations.AddIndex(
            model_name="kovetofeladat",
            index=models.Index(
                condition=models.Q(("kesz", False)),
                fields=["projekt", "hatarido", "felelos"],
                name="feladat_nyitott_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="latogatas",
            index=models.Index(fields=["projekt", "idopont", "szerzo"], name="latogatas_projekt_ido_sz_idx"),
        ),
        migrations.AddIndex(
            model_name="ugyfel",
            index=models.Index(fields=["id", "mentor"], name="ugyfel_mentora_idx"),
        ),
        migrations.AddIndex(
            model_name="fejlesztesiterv",
            index=models.Index(
                condition=models.Q(("lezarva__isnull", True)),
                fields=["projekt", "kovetkezo_felulvizsgalat", "ugyfel", "keszitette"],
                name="terv_nyitott_idx",
            ),
        ),
        migrations.RunPython(nem_latogatott_index, nem_latogatott_index_torles),
    ]
