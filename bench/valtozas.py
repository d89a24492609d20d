#!/usr/bin/env python
"""Committed changes in the large project, the way the app writes them: for ``measure.py`` (one before each
timed view) and ``load.sh`` (one every WRITE_S seconds during a load run).

    DATABASE_URL=... .venv/bin/python bench/valtozas.py latogatas 1     # a visit every second, until stopped

"latogatas": a colleague (bench_mentor02) records a visit to one of their participants through
``latogatas_rogzites`` (what the visit form calls): the visit, its topic and the participant's last visit.
"ugyfel": one of their participants' phone number is edited (``Ugyfel.save()``); "nev": their given name
(an "a" added, then removed: every list that shows the person is recounted). The visits recorded are
deleted at the end, and the names restored, so the dataset stays as generated.
"""

import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from akcioterulet.models import Felhasznalo, Projekt  # noqa: E402
from ugyfelek import utolso_latogatas  # noqa: E402
from ugyfelek.models import Latogatas, LatogatasTipus, Tema, Ugyfel  # noqa: E402
from ugyfelek.services import latogatas_rogzites  # noqa: E402

FAJTAK = ("latogatas", "ugyfel", "nev")


class Valtozas:
    """One committed change per call (``fajta``: one of ``FAJTAK``); ``vege()`` deletes the visits and restores
    the names."""

    def __init__(self, fajta: str, projekt=None):
        if fajta not in FAJTAK:
            raise ValueError(f"unknown change {fajta!r}: one of {FAJTAK}")
        projekt = projekt or Projekt.objects.annotate(n=Count("ugyfelek")).order_by("-n").first()
        self.fajta = fajta
        self.kollega = Felhasznalo.objects.get(username="bench_mentor02")
        self.ugyfelek = list(Ugyfel.objects.filter(projekt=projekt, mentor=self.kollega).order_by("pk")[:50])
        self.latogatasok = []
        self.nevek = {u.pk: u.utonev for u in self.ugyfelek}
        self.i = 0

    def __call__(self):
        ugyfel = self.ugyfelek[self.i % len(self.ugyfelek)]
        self.i += 1
        if self.fajta == "latogatas":
            with transaction.atomic():
                lat = latogatas_rogzites(
                    szerzo=self.kollega,
                    idopont=timezone.now(),
                    tipus=LatogatasTipus.CSALADLATOGATAS,
                    ugyfel=ugyfel,
                    temak=[Tema.ELETVEZETES],
                )
            self.latogatasok.append(lat.pk)
        elif self.fajta == "ugyfel":
            ugyfel.telefon = f"+36 30 {self.i:07d}"
            ugyfel.save()
        else:
            ugyfel.utonev = self.nevek[ugyfel.pk] if ugyfel.utonev != self.nevek[ugyfel.pk] else ugyfel.utonev + "a"
            ugyfel.save()

    def vege(self):
        if self.fajta == "nev":
            for ugyfel in self.ugyfelek:
                if ugyfel.utonev != self.nevek[ugyfel.pk]:
                    ugyfel.utonev = self.nevek[ugyfel.pk]
                    ugyfel.save()
        if not self.latogatasok:
            return
        with transaction.atomic():
            erintett = set(Latogatas.objects.filter(pk__in=self.latogatasok).values_list("ugyfel_id", flat=True))
            Latogatas.objects.filter(pk__in=self.latogatasok).delete()
            utolso_latogatas.frissites(erintett)
        self.latogatasok = []


def main():
    fajta, mp = sys.argv[1], float(sys.argv[2])
    valtozas = Valtozas(fajta)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            valtozas()
            time.sleep(mp)
    finally:
        valtozas.vege()
        print(f"{valtozas.i} changes ({fajta}) committed", file=sys.stderr)


if __name__ == "__main__":
    main()
