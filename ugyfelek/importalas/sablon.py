"""The downloadable template: one sheet with the 17 headers, the text columns kept as text."""

import io

from .oszlopok import OSZLOPOK

XLSX_TIPUS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FAJLNEV = "ugyfel_import_sablon.xlsx"


def sablon_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    lap = wb.active
    lap.title = "Ügyfelek"
    lap.append([o.fejlec for o in OSZLOPOK])
    for i, oszlop in enumerate(OSZLOPOK, start=1):
        betu = get_column_letter(i)
        lap[f"{betu}1"].font = Font(bold=True)
        lap.column_dimensions[betu].width = max(14, len(oszlop.fejlec) + 2)
        if oszlop.tipus in ("taj", "irsz") or oszlop.mezo == "telefon":
            # Text format keeps the leading zeros Excel would drop from numbers.
            for sor in range(2, 1002):
                lap[f"{betu}{sor}"].number_format = "@"
    lap.freeze_panes = "A2"
    kimenet = io.BytesIO()
    wb.save(kimenet)
    return kimenet.getvalue()
