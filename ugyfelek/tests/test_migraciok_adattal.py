"""The participants' latest migrations applied to a database that holds rows, as on a live installation.

A test database is empty when it is migrated, so a data migration writes nothing there. On a live one it writes
rows of tables that carry the data versions' triggers (``core.adatverzio``), which ``migrate`` holds off until it
ends: on PostgreSQL a deferred trigger's pending events made an index created after such a write fail ("cannot
CREATE INDEX ... because it has pending trigger events"); on SQLite a column a trigger named could not be dropped.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from core import adatverzio
from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from ugyfelek.models import Ugyfel


@pytest.mark.django_db(transaction=True)
def test_the_first_plans_date_is_filled_on_a_database_with_rows(projekt_a, mentor):
    tervvel = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=datetime.date(2021, 5, 1))
    ft.FejlesztesiTervFactory(projekt=projekt_a, ugyfel=tervvel, keszult=datetime.date(2021, 6, 1), keszitette=mentor)
    terv_nelkul = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=datetime.date(2021, 5, 1))
    telefon = adatverzio.verziok([projekt_a.pk]).get("ugyfelek_ugyfel__telefon", 0)
    # Back to before ``elso_terv`` (the column goes), then forward to the latest again: the fill runs on these rows.
    call_command("migrate", "ugyfelek", "0019", verbosity=0)
    # Back there the participants' table is written as before: its triggers name none of the columns it lacks.
    with connection.cursor() as cur:
        cur.execute("UPDATE ugyfelek_ugyfel SET telefon = '+36 30 111 2233' WHERE id = %s", [terv_nelkul.pk])
    assert adatverzio.verziok([projekt_a.pk])["ugyfelek_ugyfel__telefon"] == telefon + 1
    call_command("migrate", verbosity=0)
    assert dict(Ugyfel.objects.values_list("pk", "elso_terv")) == {
        tervvel.pk: datetime.date(2021, 6, 1),
        terv_nelkul.pk: None,
    }
