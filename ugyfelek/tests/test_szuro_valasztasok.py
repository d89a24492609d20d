"""The staff and area drop-downs of the list pages' filter bars are kept under the data versions of what they read
(``projekt_szerinti_valasztasok``, ``core.adatverzio``): a second view reads no drop-down's rows, and a new,
renamed or deactivated colleague or a new area shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akcioterulet.models import Szerep
from core.testing import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

LISTAK = [reverse("ugyfelek:latogatas_lista"), reverse("ugyfelek:ugyfel_lista")]


def _valasztasok(client, url, **params):
    with CaptureQueriesContext(connection) as q:
        resp = client.get(url, params)
    assert resp.status_code == 200
    szuro = resp.context["szuro"]
    return (
        [cimke for _ertek, cimke in szuro.fields["mentor"].choices][1:],
        [cimke for _ertek, cimke in szuro.fields["akcioterulet"].choices][1:],
        q.captured_queries,
        szuro,
    )


def _drop_down_olvasas(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "akcioterulet_felhasznalo"."id", "akcioterulet_felhasznalo"."username"')
        or q["sql"].startswith('SELECT "akcioterulet_akcioterulet"."id"')
    ]


@pytest.mark.parametrize("url", LISTAK)
def test_the_drop_downs_are_kept_and_follow_every_change(vilag, client_as, url):
    c = client_as(vilag.koordinator)
    munkatarsak, teruletek, elso, _ = _valasztasok(c, url)
    assert vilag.mentor.teljes_nev in munkatarsak and vilag.akcioterulet.nev in teruletek
    assert len(_drop_down_olvasas(elso)) == 2
    # The second view reads neither drop-down's rows.
    ujra, ujra_teruletek, masodik, _ = _valasztasok(c, url)
    assert (ujra, ujra_teruletek) == (munkatarsak, teruletek) and _drop_down_olvasas(masodik) == []
    # A new colleague, a renamed one, a new area: at once.
    uj = f.FelhasznaloFactory(first_name="Zoltán", last_name="Új")
    f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=uj, szerep=Szerep.MENTOR)
    vilag.mentor.last_name = "Átnevezett"
    vilag.mentor.save()
    f.AkcioTeruletFactory(projekt=vilag.projekt_a, nev="Új terület")
    munkatarsak, teruletek, _, _ = _valasztasok(c, url)
    assert uj.teljes_nev in munkatarsak and vilag.mentor.teljes_nev in munkatarsak and "Új terület" in teruletek
    # Deactivated: gone, and no longer accepted as a filter.
    uj.is_active = False
    uj.save()
    munkatarsak, _, _, szuro = _valasztasok(c, url, mentor=uj.pk)
    assert uj.teljes_nev not in munkatarsak and "mentor" in szuro.errors
    # Another project's colleague is refused as before; one of the kept rows is accepted.
    assert "mentor" in _valasztasok(c, url, mentor=vilag.mentor_b.pk)[3].errors
    assert "mentor" not in _valasztasok(c, url, mentor=vilag.mentor.pk)[3].errors
