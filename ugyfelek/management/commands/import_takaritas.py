"""``manage.py import_takaritas``: deletes uploaded import files older than a day (run it daily from cron)."""

from django.core.management.base import BaseCommand

from ugyfelek.importalas.services import importalas_takaritas


class Command(BaseCommand):
    help = "Törli az egy napnál régebben feltöltött, meg nem erősített importfájlokat."

    def handle(self, *args, **options):
        torolve = importalas_takaritas()
        self.stdout.write(f"{torolve} régi importfájlt töröltünk.")
