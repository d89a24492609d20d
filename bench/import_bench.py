"""Times the participant import against its floor on the configured database.

    DATABASE_URL=postgres://... .venv/bin/python bench/import_bench.py [--sorok 10000]

Generates an .xlsx of N participants (template headers, date cells, TAJ as
text, action area and mentor by name), then measures
- the floor: reading the same file with openpyxl (read-only) plus one
  ``bulk_create`` of the same rows;
- the import: upload + preview and confirm through the services the admin
  and the coordinators' screen call (read once, matched twice, written with
  history entries, import log).
Everything runs in transactions that are rolled back: the database is left as it was.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from akcioterulet.models import Szerep  # noqa: E402
from core.testing import factories as f  # noqa: E402
from ugyfelek.importalas.oszlopok import FEJLECEK  # noqa: E402
from ugyfelek.importalas.services import importalas_feltoltes, importalas_megerosites  # noqa: E402
from ugyfelek.models import Ugyfel  # noqa: E402


def fajl_keszites(utvonal, sorok, terulet, mentor):
    # A normal (not write-only) workbook, so the sheet names its dimension as Excel's files do.
    wb = Workbook()
    lap = wb.active
    lap.title = "Ügyfelek"
    lap.append(FEJLECEK)
    for i in range(sorok):
        lap.append(
            [
                f"Próba{i}",
                "Anna" if i % 2 else "Béla",
                "",
                f"Minta Mária {i % 97}",
                "Kaposvár",
                datetime.date(1950, 1, 1) + datetime.timedelta(days=i % 20000),
                "nő" if i % 2 else "férfi",
                f.ervenyes_taj(i),
                "7400",
                "Kaposvár",
                f"Minta utca {i % 300 + 1}.",
                f"+36 30 {i:07d}",
                f"proba{i}@example.org",
                datetime.date(2021, 3, 1),
                datetime.date(2021, 3, 2),
                terulet.nev if i % 3 else "",
                mentor.username,
            ]
        )
    wb.save(utvonal)


def padlo(utvonal, projekt):
    """openpyxl read of the same file + one bulk insert of the same rows."""
    wb = load_workbook(utvonal, read_only=True, data_only=True)
    sorok = wb.worksheets[0].iter_rows(min_row=2, values_only=True)
    objs = [
        Ugyfel(
            projekt=projekt,
            csaladi_nev=r[0],
            utonev=r[1],
            anyja_neve=r[3],
            szuletesi_hely=r[4],
            szuletesi_datum=r[5],
            nem="no" if r[6] == "nő" else "ferfi",
            taj=r[7],
            iranyitoszam=r[8],
            telepules=r[9],
            cim=r[10],
            telefon=r[11],
            email=r[12],
            bevonas_datuma=r[13],
            megallapodas_datuma=r[14],
        )
        for r in sorok
    ]
    wb.close()
    Ugyfel.objects.bulk_create(objs, batch_size=1000)
    return len(objs)


class _Visszagorgetes(Exception):
    pass


def meres(fn):
    eredmeny = {}
    try:
        with transaction.atomic():
            kezdet = time.perf_counter()
            eredmeny["ertek"] = fn()
            eredmeny["ido"] = time.perf_counter() - kezdet
            raise _Visszagorgetes
    except _Visszagorgetes:
        pass
    return eredmeny


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sorok", type=int, default=10_000)
    parser.add_argument("--korok", type=int, default=2, help="rounds; the fastest of each is reported")
    args = parser.parse_args()
    with transaction.atomic():
        projekt = f.ProjektFactory(kod="BENCH-IMPORT-" + str(os.getpid()))
        terulet = f.AkcioTeruletFactory(projekt=projekt, nev="Kaposszentjakab")
        f.UtcaSzakaszFactory(akcioterulet=terulet, utca="Minta utca")
        mentor = f.FelhasznaloFactory(username="bench_mentor_" + str(os.getpid()))
        f.TagsagFactory(projekt=projekt, felhasznalo=mentor, szerep=Szerep.MENTOR)
        with tempfile.TemporaryDirectory() as mappa:
            utvonal = Path(mappa) / "bench.xlsx"
            fajl_keszites(utvonal, args.sorok, terulet, mentor)
            meret = utvonal.stat().st_size

            def importalas():
                kezdet = time.perf_counter()
                feltoltott = SimpleUploadedFile("bench.xlsx", utvonal.read_bytes())
                naplo, elonezet = importalas_feltoltes(projekt=projekt, felhasznalo=mentor, fajl=feltoltott)
                assert elonezet.rendben and elonezet.uj == args.sorok, elonezet.osszegzes()
                t_elonezet = time.perf_counter() - kezdet
                vegleges = importalas_megerosites(naplo=naplo, felhasznalo=mentor)
                assert vegleges.mentve and Ugyfel.objects.filter(projekt=projekt).count() == args.sorok
                return t_elonezet

            # Rounds alternate floor and import, so a busy machine slows both alike.
            padlok, importok = [], []
            for _ in range(args.korok):
                padlok.append(meres(lambda: padlo(utvonal, projekt)))
                importok.append(meres(importalas))
            p = min(padlok, key=lambda m: m["ido"])
            i = min(importok, key=lambda m: m["ido"])
        transaction.set_rollback(True)

    print(f"adatbázis: {connection.vendor}, sorok: {args.sorok}, fájl: {meret / 1024:.0f} KB")
    print(f"padló (openpyxl olvasás + egy bulk_create): {p['ido']:.2f} s")
    print(f"importálás (előnézet + megerősítés):        {i['ido']:.2f} s (ebből előnézet {i['ertek']:.2f} s)")
    print(f"arány: {i['ido'] / p['ido']:.2f}x")


if __name__ == "__main__":
    main()
