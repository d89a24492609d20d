"""Helpers of the import tests: build participant lists as .xlsx or .csv in a temporary folder."""

import datetime

from openpyxl import Workbook

from core.testing.factories import ervenyes_taj
from ugyfelek.importalas.oszlopok import FEJLECEK


def sor(n: int, **felulir) -> dict:
    """One complete, valid row of the template (by header), number ``n`` making it unique."""
    adat = {
        "Családi név": f"Importált{n}",
        "Utónév": "Anna",
        "Születési név": "",
        "Anyja születési neve": "Minta Mária",
        "Születési hely": "Kaposvár",
        "Születési dátum": datetime.date(1980, 1, 1) + datetime.timedelta(days=n),
        "Nem": "nő",
        "TAJ szám": ervenyes_taj(50_000_000 + n),
        "Irányítószám": "7400",
        "Település": "Kaposvár",
        "Cím": f"Minta utca {n + 1}.",
        "Telefon": "",
        "E-mail": "",
        "Bevonás dátuma": datetime.date(2021, 3, 1),
        "Együttműködési megállapodás dátuma": "",
        "Akcióterület": "",
        "Mentor": "",
    }
    adat.update(felulir)
    return adat


def xlsx(utvonal, sorok, fejlec=FEJLECEK):
    wb = Workbook(write_only=True)
    lap = wb.create_sheet("Ügyfelek")
    lap.append(fejlec)
    for s in sorok:
        lap.append([s.get(f, "") if isinstance(s, dict) else s[i] for i, f in enumerate(fejlec)])
    wb.save(utvonal)
    return utvonal
