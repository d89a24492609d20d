from django.core.management.base import BaseCommand
from django.utils import timezone

from akcioterulet.models import Projekt
from ugyfelek.services import projekt_anonimizalas


class Command(BaseCommand):
    help = (
        "Anonimizálja azoknak a projekteknek minden résztvevőjét és háztartását, amelyeknek lejárt az "
        "adatmegőrzési ideje (Projekt.adatmegorzes_vege). Az indikátorok számai nem változnak. Újrafuttatható."
    )

    def handle(self, *args, **options):
        ma = timezone.localdate()
        projektek = Projekt.objects.filter(adatmegorzes_vege__lt=ma).order_by("kod")
        osszes = 0
        for projekt in projektek:
            ugyfelek, haztartasok = projekt_anonimizalas(projekt=projekt)
            osszes += ugyfelek
            self.stdout.write(f"{projekt.kod}: {ugyfelek} ügyfél és {haztartasok} további háztartás anonimizálva.")
        if not projektek:
            self.stdout.write("Nincs lejárt adatmegőrzési idejű projekt.")
        self.stdout.write(self.style.SUCCESS(f"Összesen {osszes} ügyfél anonimizálva."))
