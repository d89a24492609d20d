"""``for_user_sql``: ``for_user``'s condition written out for a hand-written statement keeps the same rows, for
every kind of user."""

import pytest
from django.db import connection

from core.testing import factories as f
from ugyfelek.models import HaztartasTag, Latogatas, Ugyfel

pytestmark = pytest.mark.django_db


def _sorai(model, user, **kwargs):
    feltetel, parameterek = model.objects.for_user_sql(user, "x", **kwargs)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "x"."id" FROM "{model._meta.db_table}" "x" WHERE {feltetel}', parameterek)
        return {pk for (pk,) in cursor.fetchall()}


@pytest.mark.parametrize("szemely", ["admin", "koordinator", "mentor", "olvaso", "mentor_b", "inaktiv", "ket_projekt"])
def test_the_written_out_condition_keeps_the_rows_for_user_keeps(vilag, szemely):
    from akcioterulet.models import Felhasznalo, Szerep

    if szemely == "inaktiv":
        user = f.FelhasznaloFactory(username="inaktiv", is_active=False)
        f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=user, szerep=Szerep.MENTOR)
    elif szemely == "ket_projekt":
        user = f.FelhasznaloFactory(username="ket_projekt")
        f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=user, szerep=Szerep.MENTOR)
        f.TagsagFactory(projekt=vilag.projekt_b, felhasznalo=user, szerep=Szerep.KOORDINATOR)
    else:
        user = getattr(vilag, szemely)
    user = Felhasznalo.objects.get(pk=user.pk)
    f.UgyfelFactory(projekt=vilag.projekt_b, mentor=vilag.mentor_b)
    for model in (Ugyfel, Latogatas):
        assert _sorai(model, user) == set(model.objects.for_user(user).values_list("pk", flat=True)), model
    # With roles given, as ``for_user(szerepek=...)``.
    koord = (Szerep.KOORDINATOR,)
    assert _sorai(Ugyfel, user, szerepek=koord) == set(
        Ugyfel.objects.for_user(user, szerepek=koord).values_list("pk", flat=True)
    )


def test_a_model_whose_project_is_reached_by_a_join_is_refused(vilag):
    with pytest.raises(ValueError):
        HaztartasTag.objects.for_user_sql(vilag.mentor, "x")
