"""A derived column of ``Ugyfel`` recomputed for many participants: in batches, every one of them."""

import datetime

from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext

from core.testing import factories as f
from ugyfelek import szarmaztatott
from ugyfelek.models import Ugyfel


def test_many_participants_are_recomputed_a_batch_per_statement(projekt_a, monkeypatch):
    monkeypatch.setattr(szarmaztatott, "CSOMAG", 2)
    ugyfelek = [f.UgyfelFactory(projekt=projekt_a) for _ in range(5)]
    kimarad = f.UgyfelFactory(projekt=projekt_a)
    nap = datetime.date(2021, 6, 1)
    with CaptureQueriesContext(connection) as lekerdezesek:
        # In any order, with repeats and ids still unknown.
        szarmaztatott.ujraszamolas(
            {"bevonva_ota": Value(nap)}, [u.pk for u in reversed(ugyfelek)] + [ugyfelek[0].pk, None]
        )
    assert sum(q["sql"].startswith("UPDATE") for q in lekerdezesek) == 3  # five participants, two a statement
    assert set(Ugyfel.objects.filter(bevonva_ota=nap).values_list("pk", flat=True)) == {u.pk for u in ugyfelek}
    assert Ugyfel.objects.get(pk=kimarad.pk).bevonva_ota is None


def test_no_participant_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        szarmaztatott.ujraszamolas({"bevonva_ota": Value(None)}, [None])
