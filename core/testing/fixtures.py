import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps

from . import factories as f


def app_modulok(nev):
    """The ``<app>.tests.<nev>`` modules of the project's apps that have one."""
    modulok = []
    for config in apps.get_app_configs():
        if not (config.path and "site-packages" not in config.path):
            continue
        try:
            modulok.append(importlib.import_module(f"{config.name}.tests.{nev}"))
        except ModuleNotFoundError as e:
            if e.name not in (f"{config.name}.tests", f"{config.name}.tests.{nev}"):
                raise
    return modulok


@pytest.fixture
def vilag(db, projekt_a, projekt_b, koordinator, mentor, olvaso, mentor_b, admin_user):
    """One record of every kind in project A (and a few in B), for URL and permission tests."""
    v = SimpleNamespace(
        projekt_a=projekt_a,
        projekt_b=projekt_b,
        koordinator=koordinator,
        mentor=mentor,
        olvaso=olvaso,
        mentor_b=mentor_b,
        admin=admin_user,
    )
    v.akcioterulet = f.AkcioTeruletFactory(projekt=projekt_a, nev="Kaposszentjakab")
    f.UtcaSzakaszFactory(akcioterulet=v.akcioterulet, utca="Minta utca")
    v.ugyfel = f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Kovács", utonev="Ilona")
    v.haztartas = f.HaztartasFactory(projekt=projekt_a)
    v.haztartastag = f.HaztartasTagFactory(haztartas=v.haztartas, ugyfel=v.ugyfel, mettol=datetime.date(2021, 1, 1))
    v.ugyfel_b = f.UgyfelFactory(projekt=projekt_b, mentor=mentor_b)
    for modul in app_modulok("url_jogok"):
        if hasattr(modul, "epit"):
            modul.epit(v)
    return v
