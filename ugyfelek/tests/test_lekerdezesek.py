"""Lists and the participant page run a fixed number of queries, however many participants there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.testing import factories as f

pytestmark = pytest.mark.django_db


def _ugyfelek(projekt, mentor, terulet, db):
    """``db`` participants, each in a household of their own (and one shared household)."""
    kozos = f.HaztartasFactory(projekt=projekt, akcioterulet=terulet)
    for _ in range(db):
        ugyfel = f.UgyfelFactory(projekt=projekt, mentor=mentor, akcioterulet=terulet)
        f.HaztartasTagFactory(haztartas=f.HaztartasFactory(projekt=projekt, akcioterulet=terulet), ugyfel=ugyfel)
        f.HaztartasTagFactory(haztartas=kozos, ugyfel=ugyfel, mettol=datetime.date(2022, 1, 1))
    return kozos


def _lekerdezesek(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_nev",
    ["ugyfelek:ugyfel_lista", "ugyfelek:haztartas_lista", "admin:ugyfelek_ugyfel_changelist"],
)
def test_list_query_count_does_not_grow_with_participants(
    client_as, koordinator, admin_user, projekt_a, django_assert_num_queries, url_nev
):
    terulet = f.AkcioTeruletFactory(projekt=projekt_a)
    client = client_as(admin_user if url_nev.startswith("admin") else koordinator)
    url = reverse(url_nev)
    _ugyfelek(projekt_a, koordinator, terulet, 10)
    keves = _lekerdezesek(client, url)

    _ugyfelek(projekt_a, koordinator, terulet, 90)
    with django_assert_num_queries(keves):
        assert client.get(url).status_code == 200


def test_participant_page_query_count_does_not_grow_with_household_members(
    client_as, mentor, projekt_a, django_assert_num_queries
):
    terulet = f.AkcioTeruletFactory(projekt=projekt_a)
    kozos = _ugyfelek(projekt_a, mentor, terulet, 10)
    ugyfel = kozos.tagsagok.first().ugyfel
    for _ in range(2):
        f.HaztartasTagFactory(haztartas=f.HaztartasFactory(projekt=projekt_a), ugyfel=ugyfel)
    client = client_as(mentor)
    url = reverse("ugyfelek:ugyfel_reszlet", args=[ugyfel.pk])
    keves = _lekerdezesek(client, url)

    _ugyfelek(projekt_a, mentor, terulet, 90)
    for _ in range(20):
        f.HaztartasTagFactory(haztartas=f.HaztartasFactory(projekt=projekt_a), ugyfel=ugyfel)
    with django_assert_num_queries(keves):
        assert client.get(url).status_code == 200


def test_household_page_query_count_does_not_grow_with_members(client_as, mentor, projekt_a, django_assert_num_queries):
    terulet = f.AkcioTeruletFactory(projekt=projekt_a)
    kozos = _ugyfelek(projekt_a, mentor, terulet, 10)
    client = client_as(mentor)
    url = reverse("ugyfelek:haztartas_reszlet", args=[kozos.pk])
    keves = _lekerdezesek(client, url)

    for _ in range(90):
        f.HaztartasTagFactory(haztartas=kozos, ugyfel=f.UgyfelFactory(projekt=projekt_a, mentor=mentor))
    with django_assert_num_queries(keves):
        assert client.get(url).status_code == 200
