"""Safe spreadsheet export: .xlsx and .csv cells that are never formulas.

Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
could be read as a formula by a spreadsheet program (CSV/formula injection).
In .xlsx such text is written as a string cell (the text is kept as it is);
in .csv, which has no cell types, it gets a leading apostrophe, the usual
guard. Characters XML cannot hold are dropped.
"""

import csv
import datetime
import decimal
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

VESZELYES_KEZDET = ("=", "+", "-", "@", "\t", "\r")
XLSX_TIPUS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _szoveg(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def cella(ws, sor: int, oszlop: int, value):
    """Write ``value`` into a cell; strings always as text, numbers and dates as themselves."""
    c = ws.cell(row=sor, column=oszlop)
    if value is None:
        return c
    if isinstance(value, bool):
        c.value = "igen" if value else "nem"
    elif isinstance(value, (int, float, decimal.Decimal)):
        c.value = value
    elif isinstance(value, datetime.datetime):
        c.value = value.replace(tzinfo=None)
        c.number_format = "yyyy.mm.dd hh:mm"
    elif isinstance(value, datetime.date):
        c.value = value
        c.number_format = "yyyy.mm.dd"
    else:
        c.value = _szoveg(value)
        # openpyxl makes any string starting with "=" a formula; force the string type.
        c.data_type = "s"
    return c


def munkalap(wb, cim: str, fejlec, sorok, *, elso=False):
    """A sheet with a bold header row and ``sorok`` (iterables of values); returns the sheet."""
    from openpyxl.styles import Font

    ws = wb.active if elso else wb.create_sheet()
    ws.title = lapnev(cim, wb)
    for j, f in enumerate(fejlec, start=1):
        cella(ws, 1, j, f).font = Font(bold=True)
    i = 1
    for i, sor in enumerate(sorok, start=2):
        for j, v in enumerate(sor, start=1):
            cella(ws, i, j, v)
    for j, f in enumerate(fejlec, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(10, min(50, len(str(f)) + 4))
    ws.freeze_panes = "A2"
    return ws


def lapnev(cim: str, wb=None) -> str:
    """A valid, unique sheet title (max. 31 characters, no []:*?/\\)."""
    nev = "".join(ch for ch in _szoveg(cim) if ch not in "[]:*?/\\")[:31].strip("'") or "Lap"
    if wb is not None:
        letezo = {ws.title for ws in wb.worksheets}
        alap, n = nev, 2
        while nev in letezo:
            veg = f" ({n})"
            nev = alap[: 31 - len(veg)] + veg
            n += 1
    return nev


def uj_munkafuzet():
    return Workbook()


def xlsx_valasz(wb, fajlnev: str) -> HttpResponse:
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX_TIPUS)
    resp["Content-Disposition"] = f'attachment; filename="{fajlnev}"'
    return resp


def csv_ertek(value) -> str:
    """A CSV field: dates in ISO form, dangerous text behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "igen" if value else "nem"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    s = str(value)
    return "'" + s if s.startswith(VESZELYES_KEZDET) else s


def csv_valasz(fejlec, sorok, fajlnev: str) -> HttpResponse:
    """UTF-8 CSV with BOM and semicolons, as Hungarian Excel opens it."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, delimiter=";")
    w.writerow([csv_ertek(f) for f in fejlec])
    for sor in sorok:
        w.writerow([csv_ertek(v) for v in sor])
    resp = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{fajlnev}"'
    return resp
