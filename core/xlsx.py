"""Safe spreadsheet export: .xlsx and .csv cells that are never formulas.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and some read a leading tab or carriage return the same way) as a
formula: a participant named ``=HYPERLINK(...)`` would become a live link in
the coordinator's workbook (CSV/formula injection).

- In .xlsx, ``biztonsagos_cella`` writes text always as a string cell; text
  starting with a formula character also gets the "quote prefix" style, so
  Excel and LibreOffice show it as typed. The value itself is kept unchanged.
  Characters XML cannot hold are dropped.
- In .csv, which has no cell types, such text gets a leading apostrophe, the
  usual guard.

Building blocks: ``munkalap`` (a sheet with a header row), ``munkafuzet``
(a one-sheet workbook), ``munkafuzet_valasz`` / ``xlsx_valasz`` (downloads)
and ``csv_valasz``.
"""

import csv
import datetime
import decimal
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Leading characters a spreadsheet program may read as the start of a formula.
VESZELYES_KEZDET = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_TIPUS = XLSX_CONTENT_TYPE


def _ertek(value):
    """A value openpyxl can store: aware datetimes in local time without tzinfo, booleans in words, the rest as text."""
    if isinstance(value, bool):
        return "igen" if value else "nem"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None or isinstance(value, (int, float, decimal.Decimal, datetime.date)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def biztonsagos_cella(cell: Cell, value) -> Cell:
    """Write ``value`` into ``cell`` so that it can never be evaluated as a formula.

    Numbers and dates are written as such; text is always a string cell, and
    text starting with a formula character also gets the quote prefix.
    """
    value = _ertek(value)
    if value is None:
        return cell
    if isinstance(value, str):
        # Assigning through .value would let openpyxl turn "=..." into a formula cell.
        cell._value = value
        cell.data_type = "s"
        if value.startswith(VESZELYES_KEZDET):
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, datetime.datetime):
            cell.number_format = "yyyy.mm.dd hh:mm"
        elif isinstance(value, datetime.date):
            cell.number_format = "yyyy.mm.dd"
    return cell


def cella(ws, sor: int, oszlop: int, value) -> Cell:
    """``biztonsagos_cella`` on the cell at row ``sor``, column ``oszlop`` of ``ws``."""
    return biztonsagos_cella(ws.cell(row=sor, column=oszlop), value)


def lapnev(cim: str, wb=None) -> str:
    """A valid sheet title (max. 31 characters, no []:*?/\\), unique within ``wb`` if given."""
    nev = "".join(ch for ch in ILLEGAL_CHARACTERS_RE.sub("", cim) if ch not in "[]:*?/\\")[:31].strip("'") or "Lap"
    if wb is not None:
        letezo = {ws.title for ws in wb.worksheets}
        alap, n = nev, 2
        while nev in letezo:
            veg = f" ({n})"
            nev = alap[: 31 - len(veg)] + veg
            n += 1
    return nev


def uj_munkafuzet() -> Workbook:
    return Workbook()


def munkalap(wb, cim: str, fejlec, sorok, *, elso=False):
    """A sheet of ``wb`` with a bold header row, then ``sorok`` (iterables of values), all safe."""
    ws = wb.active if elso else wb.create_sheet()
    ws.title = lapnev(cim, None if elso else wb)
    for oszlop, felirat in enumerate(fejlec, start=1):
        cella(ws, 1, oszlop, felirat).font = Font(bold=True)
    szelesseg = [len(str(c)) for c in fejlec]
    for sor_idx, sor in enumerate(sorok, start=2):
        for oszlop, value in enumerate(sor, start=1):
            cell = cella(ws, sor_idx, oszlop, value)
            if oszlop <= len(szelesseg):
                szelesseg[oszlop - 1] = max(szelesseg[oszlop - 1], min(len(str(cell.value or "")), 50))
    for oszlop, sz in enumerate(szelesseg, start=1):
        ws.column_dimensions[get_column_letter(oszlop)].width = max(10, sz + 2)
    ws.freeze_panes = "A2"
    return ws


def munkafuzet(fejlec, sorok, *, lapnev="Adatok") -> Workbook:
    """A workbook with one sheet of ``fejlec`` and ``sorok``."""
    wb = uj_munkafuzet()
    munkalap(wb, lapnev, fejlec, sorok, elso=True)
    return wb


def munkafuzet_valasz(wb: Workbook, fajlnev: str) -> HttpResponse:
    """An HTTP download of the workbook ``wb`` named ``fajlnev`` (.xlsx added if missing)."""
    if not fajlnev.endswith(".xlsx"):
        fajlnev += ".xlsx"
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX_CONTENT_TYPE)
    resp["Content-Disposition"] = f'attachment; filename="{fajlnev}"'
    return resp


def xlsx_valasz(fejlec, sorok, *, fajlnev: str, lapnev="Adatok") -> HttpResponse:
    """An HTTP download of ``munkafuzet(fejlec, sorok)``."""
    return munkafuzet_valasz(munkafuzet(fejlec, sorok, lapnev=lapnev), fajlnev)


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
