"""``manage.py ugyfel_import FILE --projekt CODE [--dry-run]``: the participant import for large files."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from akcioterulet.models import Projekt
from ugyfelek.importalas.services import importalas_parancsbol


class Command(BaseCommand):
    help = (
        "Ügyfellista importálása .xlsx vagy .csv fájlból egy projektbe: ugyanaz az importálás, mint az admin "
        "felületén (minden sor vagy egy sem). --dry-run: csak előnézet, semmit nem ment."
    )

    def add_arguments(self, parser):
        parser.add_argument("fajl", help="Az importálandó .xlsx vagy .csv fájl.")
        parser.add_argument("--projekt", required=True, help="A projekt azonosítója, pl. TOP-6.9.1-16-KA1-2020-00001.")
        parser.add_argument("--dry-run", action="store_true", help="Csak előnézet: semmit nem ment.")
        parser.add_argument("--felhasznalo", help="A változásnaplóban szereplő felhasználó neve (nem kötelező).")

    def handle(self, *args, fajl, projekt, dry_run, felhasznalo, **options):
        utvonal = Path(fajl)
        if not utvonal.is_file():
            raise CommandError(f"Nincs ilyen fájl: {fajl}")
        try:
            projekt_obj = Projekt.objects.get(kod=projekt)
        except Projekt.DoesNotExist:
            raise CommandError(f"Nincs ilyen projekt: {projekt}") from None
        user = None
        if felhasznalo:
            user = get_user_model().objects.filter(username=felhasznalo).first()
            if user is None:
                raise CommandError(f"Nincs ilyen felhasználó: {felhasznalo}")

        eredmeny = importalas_parancsbol(
            projekt=projekt_obj,
            utvonal=utvonal,
            fajlnev=utvonal.name,
            felhasznalo=user,
            dry_run=dry_run,
            haladas=self._haladas,
        )
        self.stdout.write("")
        for sor in eredmeny.hibas_sorok:
            for oszlop, uzenet in sor.hibak:
                self.stdout.write(f"{sor.sor}. sor, „{oszlop}” oszlop: {uzenet}")
        if eredmeny.extra_oszlopok:
            self.stdout.write("Ismeretlen oszlopok (nem importáltuk): " + ", ".join(eredmeny.extra_oszlopok))
        self.stdout.write(eredmeny.osszegzes())
        if eredmeny.mentve:
            self.stdout.write(self.style.SUCCESS("Az importálás kész."))
        elif dry_run and eredmeny.rendben:
            self.stdout.write(self.style.SUCCESS("Próbafuttatás: a fájl importálható, semmit nem mentettünk."))
        else:
            raise CommandError("Semmit nem importáltunk.")

    def _haladas(self, kesz, osszes):
        # A plain-text progress bar: fine in a terminal and in a log file.
        if osszes:
            szazalek = min(100, kesz * 100 // osszes)
            self.stdout.write(
                f"\rOlvasás: [{'#' * (szazalek // 5):<20}] {szazalek:3d}% ({kesz}/{osszes} sor)", ending=""
            )
            self.stdout.flush()
