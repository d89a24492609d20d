"""Every admin change list draws its page in as many queries whatever number of rows it shows: a column read from a
related row that the list does not join (``list_select_related``) would cost a query a row, and a national
superuser's lists show 50 rows of every project."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from core.testing.fixtures import app_modulok


def _listak(c) -> dict:
    """{model label: (queries, rows shown)} of every registered model's change list, as ``c`` opens it."""
    eredmeny = {}
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        c.get(url)  # once before: the session and the caches of the first view
        with CaptureQueriesContext(connection) as cq:
            resp = c.get(url)
        assert resp.status_code == 200, (model, resp.status_code)
        eredmeny[model._meta.label] = (len(cq.captured_queries), len(resp.context["cl"].result_list))
    return eredmeny


def _masodik_vilag(v):
    """Project B gets one record of every kind as well, as ``vilag`` built them in project A."""
    v2 = SimpleNamespace(**vars(v))
    v2.projekt_a, v2.projekt_b, v2.mentor = v.projekt_b, v.projekt_a, v.mentor_b
    v2.akcioterulet = f.AkcioTeruletFactory(projekt=v.projekt_b, nev="Donner")
    f.UtcaSzakaszFactory(akcioterulet=v2.akcioterulet, utca="Minta köz")
    v2.ugyfel = f.UgyfelFactory(projekt=v.projekt_b, mentor=v.mentor_b, csaladi_nev="Balogh", utonev="Éva")
    v2.haztartas = f.HaztartasFactory(projekt=v.projekt_b)
    f.HaztartasTagFactory(haztartas=v2.haztartas, ugyfel=v2.ugyfel, mettol=datetime.date(2021, 1, 1))
    for modul in app_modulok("url_jogok"):
        if hasattr(modul, "epit"):
            modul.epit(v2)
    # A project with a member of its own (the lists of projects, users and memberships), special-category data.
    f.TagsagFactory(projekt=f.ProjektFactory())
    ft.KulonlegesAdatFactory(ugyfel=v2.ugyfel, kisebbseg="igen")


@pytest.mark.django_db
def test_every_admin_list_takes_as_many_queries_for_more_rows(vilag, client_as):
    c = client_as(vilag.admin)
    elotte = _listak(c)
    _masodik_vilag(vilag)
    utana = _listak(c)
    tobb_sor = {nev for nev, (_, sorok) in utana.items() if sorok > elotte[nev][1]}
    # Every list shows more rows now but the logs, the second factor's devices and the groups: nothing here wrote them.
    assert set(utana) - tobb_sor <= {
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
        "axes.AccessLog",
        "core.Hozzaferes",
        "otp_static.StaticDevice",
        "otp_totp.TOTPDevice",
        "auth.Group",
    }
    novekvo = {
        nev: (elotte[nev][0], lekerdezesek)
        for nev, (lekerdezesek, _) in utana.items()
        if lekerdezesek != elotte[nev][0]
    }
    assert novekvo == {}
