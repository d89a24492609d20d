"""``manage.py demo_adatok``: builds the demo world from every app's ``demo*.py`` modules.

A module ``<app>/demo*.py`` that defines ``SORREND`` (int) and
``epit(stdout)`` is run in ``SORREND`` order, all inside one transaction.
Each module must be idempotent: a second run changes nothing. A module may
define ``JELSZO``, the password of the demo users it made, printed at the end.
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.audit import audit_context
from core.models import Valtozas


def demo_modulok():
    """The demo modules of the project's own apps, in ``SORREND`` order."""
    modulok = []
    for config in apps.get_app_configs():
        if "site-packages" in config.path:
            continue
        for fajl in sorted(Path(config.path).glob("demo*.py")):
            modul = importlib.import_module(f"{config.name}.{fajl.stem}")
            if isinstance(getattr(modul, "SORREND", None), int) and callable(getattr(modul, "epit", None)):
                modulok.append(modul)
    return sorted(modulok, key=lambda m: (m.SORREND, m.__name__))


class Command(BaseCommand):
    help = "Bemutató adatok (két projekt, munkatársak, ügyfelek, háztartások) létrehozása. Újrafuttatható."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "A bemutató adatok csak fejlesztői környezetben (DEBUG=1) tölthetők be, éles adatbázisba soha."
            )
        modulok = demo_modulok()
        with transaction.atomic(), audit_context(forras=Valtozas.Forras.PARANCS):
            for modul in modulok:
                self.stdout.write(f"{modul.__name__} …")
                modul.epit(self.stdout)
        self._bejelentkezesek(modulok)

    def _bejelentkezesek(self, modulok):
        felhasznalok = (
            get_user_model()
            .objects.filter(is_active=True)
            .prefetch_related("tagsagok__projekt")
            .order_by("-is_superuser", "username")
        )
        self.stdout.write(self.style.SUCCESS("\nBemutató bejelentkezések (http://127.0.0.1:8000/):"))
        for user in felhasznalok:
            if user.is_superuser:
                szerep = "rendszergazda"
            else:
                szerep = ", ".join(f"{t.get_szerep_display()} – {t.projekt.telepules}" for t in user.tagsagok.all())
            if szerep:
                self.stdout.write(f"  {user.username:<24} {szerep}")
        for jelszo in sorted({m.JELSZO for m in modulok if hasattr(m, "JELSZO")}):
            self.stdout.write(f"Jelszó (mindegyikhez): {jelszo}")
