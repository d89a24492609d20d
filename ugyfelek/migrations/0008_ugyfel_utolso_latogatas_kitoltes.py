"""Fill ``Ugyfel.utolso_latogatas`` from the visits recorded so far (schema in 0007, upkeep in utolso_latogatas.py)."""

from django.db import migrations
from django.db.models import DateTimeField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest


def kitoltes(apps, schema_editor):
    Ugyfel = apps.get_model("ugyfelek", "Ugyfel")
    Latogatas = apps.get_model("ugyfelek", "Latogatas")
    # The same expression as selectors.utolso_latogatas_subquery(), on the historical models.
    egyeni = Latogatas.objects.filter(ugyfel=OuterRef("pk")).order_by("-idopont").values("idopont")[:1]
    jelen = Latogatas.objects.filter(jelenlevok=OuterRef("pk")).order_by("-idopont").values("idopont")[:1]
    a = Subquery(egyeni, output_field=DateTimeField())
    b = Subquery(jelen, output_field=DateTimeField())
    Ugyfel.objects.update(utolso_latogatas=Greatest(Coalesce(a, b), Coalesce(b, a)))


class Migration(migrations.Migration):
    dependencies = [
        ("ugyfelek", "0007_utolso_latogatas_kezdolap_indexek"),
    ]

    # Backwards there is nothing to undo: reversing 0007 drops the column.
    operations = [migrations.RunPython(kitoltes, migrations.RunPython.noop, elidable=True)]
