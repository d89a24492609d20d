#!/usr/bin/env python
"""How many home pages one server process serves from what it kept, when the staff of every project use it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapocs_bench \\
    .venv/bin/python bench/tarolo.py [--korok 3] [--felhasznalok 0]

Every coordinator and mentor of the national dataset (about 900 people in 300 projects) opens their home
page, one after the other, in ``--korok`` rounds, with no change to the data in between: from the second
round on, every list is still valid, so every view could be served from what the first round kept. The
script counts, per round, the views that were (a kept view runs 4 queries: the session, the user, the
memberships, the versions) and prints the cache's size. It measures the process's cache as configured
(``CACHES``), through Django's test client in this process, as one gunicorn worker would see it.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from akcioterulet.models import Felhasznalo, Szerep  # noqa: E402

MEGORZOTT_LEKERDEZESEK = 4


class Szamlalo:
    """An execute wrapper that counts the queries."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--korok", type=int, default=3, help="rounds over every staff member")
    p.add_argument("--felhasznalok", type=int, default=0, help="only the first N staff members (0: all)")
    args = p.parse_args()

    staff = (
        Felhasznalo.objects.filter(is_active=True, tagsagok__szerep__in=[Szerep.MENTOR, Szerep.KOORDINATOR])
        .distinct()
        .order_by("pk")
    )
    staff = list(staff[: args.felhasznalok] if args.felhasznalok else staff)
    print(f"CACHES: {settings.CACHES['default']}")
    print(f"{len(staff)} staff members, {args.korok} rounds, no change in between")
    cache.clear()
    with override_settings(ROOT_URLCONF="bench.floor_urls", DEBUG=False, ALLOWED_HOSTS=["*"]):
        kliensek = []
        for user in staff:
            kliens = Client()
            kliens.force_login(user)
            kliensek.append(kliens)
        for kor in range(1, args.korok + 1):
            megorzott, idok = 0, []
            for kliens in kliensek:
                lekerdezesek = Szamlalo()
                with connection.execute_wrapper(lekerdezesek):
                    t = time.perf_counter()
                    valasz = kliens.get("/")
                    idok.append(time.perf_counter() - t)
                if valasz.status_code != 200:
                    sys.exit(f"home page answered {valasz.status_code}")
                megorzott += lekerdezesek.n <= MEGORZOTT_LEKERDEZESEK
            # The local-memory cache's entries (a shared cache: count them on its server, e.g. redis-cli dbsize).
            meret = len(cache._cache) if isinstance(getattr(cache, "_cache", None), dict) else "?"
            print(
                f"round {kor}: {megorzott} of {len(kliensek)} views served from what was kept "
                f"({100 * megorzott / len(kliensek):.0f}%), median {statistics.median(idok) * 1000:.1f} ms, "
                f"entries in the cache: {meret}"
            )


if __name__ == "__main__":
    main()
