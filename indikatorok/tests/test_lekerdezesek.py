"""The report, every drill-down and the data-quality page keep a constant query count from 100 to 1,000 participants."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.testing import factories_tevekenyseg as ft
from indikatorok.definitions import INDIKATOROK
from indikatorok.models import Celertek
from indikatorok.tests.generalo import general


def _lekerdezesek(client, url, params=None):
    with CaptureQueriesContext(connection) as c:
        resp = client.get(url, params or {})
    assert resp.status_code == 200, url
    return len(c.captured_queries)


def _oldalak(projekt, kepzes):
    oldalak = [
        (reverse("indikatorok:jelentes", args=[projekt.pk]), {"bontas": ["kor", "vegzettseg", "munkaeropiac"]}),
        (reverse("indikatorok:adatminoseg", args=[projekt.pk]), {}),
        (reverse("indikatorok:adatminoseg", args=[projekt.pk]), {"szakasz": "hianyos"}),
    ]
    for kulcs, ind in INDIKATOROK.items():
        params = {"idoszak": "teljes"}
        if ind.kepzeshez:
            params["kepzes"] = kepzes.pk
        oldalak.append((reverse("indikatorok:lista", args=[projekt.pk, kulcs]), params))
    return oldalak


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_participants(client, koordinator, projekt_a):
    kepzesek = [ft.KepzesFactory() for _ in range(3)]
    Celertek.objects.create(projekt=projekt_a, mutato="bevont", ertek=149, hatarido=datetime.date(2023, 2, 28))
    Celertek.objects.create(
        projekt=projekt_a, mutato="kepzesben", kepzes=kepzesek[0], ertek=40, hatarido=datetime.date(2023, 6, 30)
    )
    client.force_login(koordinator)
    general(projekt_a, 100, seed=3, felhasznalo=koordinator, kepzesek=kepzesek)
    kicsi = {url + str(sorted(p.items())): _lekerdezesek(client, url, p) for url, p in _oldalak(projekt_a, kepzesek[0])}
    general(projekt_a, 900, seed=4, felhasznalo=koordinator, kepzesek=kepzesek)
    nagy = {url + str(sorted(p.items())): _lekerdezesek(client, url, p) for url, p in _oldalak(projekt_a, kepzesek[0])}
    assert nagy == kicsi
