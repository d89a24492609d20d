"""Safe spreadsheet export: every cell is a value, never a formula.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and some read a leading tab or carriage return the same way) as a
formula: a participant named ``=HYPERLINK(...)`` would become a live link in
the coordinator's workbook (CSV/formula injection). ``biztonsagos_cella``
writes such text as a string cell with the "quote prefix" style, so Excel
and LibreOffice show the text as typed and never evaluate it; no apostrophe
is added to the value itself.

Use ``munkafuzet(fejlec, sorok)`` to build a workbook and ``xlsx_valasz(...)``
to send it as a download.
"""

import datetime
import decimal
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Leading characters a spreadsheet program may read as the start of a formula.
VESZELYES_KEZDET = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ertek(value):
    """A value openpyxl can store: aware datetimes in local time without tzinfo, the rest as text."""
    if value is None or isinstance(value, (bool, int, float, decimal.Decimal, datetime.date)):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    return str(value)


def biztonsagos_cella(cell: Cell, value) -> Cell:
    """Write ``value`` into ``cell`` so that it can never be evaluated as a formula.

    Numbers, dates and booleans are written as such; text is always a string
    cell, and text starting with a formula character also gets the quote
    prefix, so the program shows it literally.
    """
    value = _ertek(value)
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


def munkafuzet(fejlec, sorok, *, lapnev="Adatok") -> Workbook:
    """A workbook with one sheet: a bold header row, then ``sorok`` (iterables of values), all safe."""
    wb = Workbook()
    ws = wb.active
    ws.title = lapnev[:31]
    for oszlop, cim in enumerate(fejlec, start=1):
        biztonsagos_cella(ws.cell(row=1, column=oszlop), cim).font = Font(bold=True)
    szelesseg = [len(str(c)) for c in fejlec]
    for sor_idx, sor in enumerate(sorok, start=2):
        for oszlop, value in enumerate(sor, start=1):
            cell = biztonsagos_cella(ws.cell(row=sor_idx, column=oszlop), value)
            if oszlop <= len(szelesseg):
                szelesseg[oszlop - 1] = max(szelesseg[oszlop - 1], min(len(str(cell.value or "")), 60))
    for oszlop, sz in enumerate(szelesseg, start=1):
        ws.column_dimensions[get_column_letter(oszlop)].width = sz + 2
    ws.freeze_panes = "A2"
    return wb


def xlsx_valasz(fejlec, sorok, *, fajlnev: str, lapnev="Adatok") -> HttpResponse:
    """An HTTP download of ``munkafuzet(fejlec, sorok)`` named ``fajlnev`` (.xlsx added if missing)."""
    if not fajlnev.endswith(".xlsx"):
        fajlnev += ".xlsx"
    buf = io.BytesIO()
    munkafuzet(fejlec, sorok, lapnev=lapnev).save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX_CONTENT_TYPE)
    resp["Content-Disposition"] = f'attachment; filename="{fajlnev}"'
    return resp
