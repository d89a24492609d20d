"""Builds the golden input files of the import tests (run it again only to change them).

    .venv/bin/python ugyfelek/tests/importfajlok/keszites.py

- ``ertekformak.xlsx``: every value form people type (date cells and three
  text forms, TAJ as number/with spaces/with dashes/with a leading zero,
  every spelling of the genders, untidy names, a formula cell with its cached
  value) and 3,000 formatted blank rows after the data;
- ``utf8_vesszo.csv`` (UTF-8 with BOM, commas) and ``cp1250_pontosvesszo.csv``
  (Windows-1250, semicolons, as Hungarian Excel saves it) with the same rows.
"""

import csv
import datetime
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

HELY = Path(__file__).resolve().parent

FEJLEC = ["Családi név", "Utónév", "Anyja születési neve", "Születési dátum", "Nem", "TAJ szám", "Cím"]
# TAJ numbers with correct check digits; two start with a zero (one typed as a number).
SOROK = [
    ["Kovács", "Ilona", "Nagy Mária", datetime.date(1985, 3, 12), "nő", 123456788, "Minta utca 1."],
    ["  Szabó   ", " Péter  Pál ", "Kiss  Erzsébet", "1985.03.12.", "férfi", "100 000 003", "Minta utca 2."],
    ["Tóth", "Anna", "Varga Éva", "1985. 03. 12.", "N", "100-000-010", "Minta utca 3."],
    ["Horváth", "Béla", "Molnár Ilona", "1985-03-12", "F", "012345678", ""],
    ["Farkas", "Gábor", "Balogh Rozália", "1990.1.5", "ffi", 23456785, ""],
    ["Lakatos", "Jolán", "Oláh Margit", "2001.12.31.", "NŐ", "", ""],
    ["Balogh", "Ferenc", "Rácz Anna", "1970-07-07", "Férfi", "", ""],
    ["Kozma", "Éva", "Fekete Rita", "1975.05.05.", "no", "", ""],
    ["Rácz", "KÉPLET", "Sárközi Ibolya", "1980.02.29.", "ferfi", "", ""],
]


def xlsx():
    wb = Workbook()
    lap = wb.active
    lap.append(FEJLEC)
    for sor in SOROK:
        lap.append(sor)
    # The given name of the last row is a formula; its cached value is patched in below.
    lap.cell(row=len(SOROK) + 1, column=2, value='=CONCATENATE("Jen","ő")')
    kitoltes = PatternFill("solid", fgColor="FFFF00")
    for r in range(len(SOROK) + 2, len(SOROK) + 3002):
        lap.cell(row=r, column=1).fill = kitoltes
    nyers = io.BytesIO()
    wb.save(nyers)
    # openpyxl writes formulas without the value a spreadsheet program caches; add it as Excel would.
    kimenet = io.BytesIO()
    with zipfile.ZipFile(nyers) as be, zipfile.ZipFile(kimenet, "w", zipfile.ZIP_DEFLATED) as ki:
        for tag in be.infolist():
            adat = be.read(tag)
            if tag.filename == "xl/worksheets/sheet1.xml":
                regi = b'<c r="B10"><f>CONCATENATE("Jen","\xc5\x91")</f><v /></c>'
                assert regi in adat, adat[:2000]
                adat = adat.replace(
                    regi, b'<c r="B10" t="str"><f>CONCATENATE("Jen","\xc5\x91")</f><v>Jen\xc5\x91</v></c>'
                )
            ki.writestr(tag, adat)
    (HELY / "ertekformak.xlsx").write_bytes(kimenet.getvalue())


def _csv(elvalaszto):
    kimenet = io.StringIO()
    iro = csv.writer(kimenet, delimiter=elvalaszto, lineterminator="\r\n")
    iro.writerow(FEJLEC)
    for sor in SOROK:
        sor = list(sor)
        if sor[1] == "KÉPLET":
            sor[1] = "Jenő"
        iro.writerow([s.strftime("%Y.%m.%d.") if isinstance(s, datetime.date) else s for s in sor])
    iro.writerow([""] * len(FEJLEC))
    return kimenet.getvalue()


if __name__ == "__main__":
    xlsx()
    (HELY / "utf8_vesszo.csv").write_bytes(b"\xef\xbb\xbf" + _csv(",").encode("utf-8"))
    (HELY / "cp1250_pontosvesszo.csv").write_bytes(_csv(";").encode("cp1250"))
