"""The log tables are append-only: read-only admin, and on PostgreSQL refused by the database."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from core import audit
from core.models import Hozzaferes, Valtozas
from core.testing import factories as f


@pytest.fixture
def bejegyzesek(db, koordinator, projekt_a):
    ugyfel = f.UgyfelFactory(projekt=projekt_a)
    audit.log_access(koordinator, Hozzaferes.Muvelet.MEGTEKINTES, "ügyfél adatlapja", obj=ugyfel)
    return ugyfel


def test_admin_lists_and_filters_logs_without_edit_rights(
    client, admin_user, bejegyzesek, django_assert_max_num_queries
):
    client.force_login(admin_user)
    for modell in ("valtozas", "hozzaferes"):
        url = reverse(f"admin:core_{modell}_changelist")
        with django_assert_max_num_queries(12):
            resp = client.get(url, {"q": str(bejegyzesek.pk)})
        assert resp.status_code == 200
        assert client.get(url, {"muvelet__exact": "megtekintes", "felhasznalo__id__exact": "1"}).status_code == 200
        assert client.get(reverse(f"admin:core_{modell}_add")).status_code == 403
    v = Valtozas.objects.filter(ugyfel_id=bejegyzesek.pk).first()
    assert client.get(reverse("admin:core_valtozas_change", args=[v.pk])).status_code == 200
    assert client.post(reverse("admin:core_valtozas_delete", args=[v.pk]), {"post": "yes"}).status_code == 403
    assert Valtozas.objects.filter(pk=v.pk).exists()


def test_admin_changelist_query_count_does_not_grow(client, admin_user, projekt_a, django_assert_max_num_queries):
    client.force_login(admin_user)
    for n in (2, 30):
        f.UgyfelFactory.create_batch(n, projekt=projekt_a)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("admin:core_valtozas_changelist")).status_code == 200


def test_staff_without_superuser_cannot_open_the_logs(client, koordinator, bejegyzesek):
    koordinator.is_staff = True
    koordinator.save()
    client.force_login(koordinator)
    assert client.get(reverse("admin:core_valtozas_changelist")).status_code == 403


@pytest.mark.postgres
def test_postgres_refuses_update_and_delete_of_log_rows(bejegyzesek):
    if connection.vendor != "postgresql":
        pytest.skip("A napló-triggerek csak PostgreSQL-en léteznek.")
    for qs in (Valtozas.objects.all(), Hozzaferes.objects.all()):
        with pytest.raises(DatabaseError), transaction.atomic():
            qs.update(objektum_id="hamis")
        with pytest.raises(DatabaseError), transaction.atomic():
            qs.delete()
    assert Valtozas.objects.exclude(objektum_id="hamis").exists()
