"""The participants' latest migrations applied to a database that holds rows, as on a live installation.

A test database is empty when it is migrated, so a data migration fires none of the data versions' triggers there
(``core.adatverzio``). On PostgreSQL those are deferred: an UPDATE of the participants leaves trigger events
pending until the commit, and an index created on the table after it in the same migration fails ("cannot CREATE
INDEX ... because it has pending trigger events").
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from ugyfelek.models import Ugyfel


# PostgreSQL only: its triggers are the deferred ones. On SQLite the way back fails first: the column's own version
# trigger names the column, and SQLite drops no column a trigger names.
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the deferred triggers are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_the_first_plans_date_is_filled_on_a_database_with_rows(projekt_a, mentor):
    tervvel = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=datetime.date(2021, 5, 1))
    ft.FejlesztesiTervFactory(projekt=projekt_a, ugyfel=tervvel, keszult=datetime.date(2021, 6, 1), keszitette=mentor)
    terv_nelkul = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=datetime.date(2021, 5, 1))
    # Back to before ``elso_terv`` (the column goes), then forward to the latest again: the fill runs on these rows.
    call_command("migrate", "ugyfelek", "0019", verbosity=0)
    call_command("migrate", verbosity=0)
    assert dict(Ugyfel.objects.values_list("pk", "elso_terv")) == {
        tervvel.pk: datetime.date(2021, 6, 1),
        terv_nelkul.pk: None,
    }
