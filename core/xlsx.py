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

Large exports use the streaming path: ``uj_munkafuzet(folyam=True)`` is an
openpyxl write-only workbook, ``folyamlap`` appends the rows of an iterator
(each row goes to a temporary file as it is written, so memory does not grow
with the rows) with the same guard on every text cell, and
``folyam_valasz`` sends the saved file as a ``FileResponse``.
"""

import csv
import datetime
import decimal
import io
import tempfile

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Leading characters a spreadsheet program may read as the start of a formula.
VESZELYES_KEZDET = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_TIPUS = XLSX_CONTENT_TYPE
DATUM_FORMATUM = "yyyy.mm.dd"
IDOPONT_FORMATUM = "yyyy.mm.dd hh:mm"
# Excel's limit on the text of one cell (openpyxl cuts longer text to it, too).
CELLA_HOSSZ = 32767


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
            cell.number_format = IDOPONT_FORMATUM
        elif isinstance(value, datetime.date):
            cell.number_format = DATUM_FORMATUM
    return cell


def cella(ws, sor: int, oszlop: int, value) -> Cell:
    """``biztonsagos_cella`` on the cell at row ``sor``, column ``oszlop`` of ``ws``."""
    return biztonsagos_cella(ws.cell(row=sor, column=oszlop), value)


def lapnev(cim: str, wb=None, *, foglalt=None) -> str:
    """A valid sheet title (max. 31 characters, no []:*?/\\), unique within ``wb`` or the names ``foglalt``."""
    nev = "".join(ch for ch in ILLEGAL_CHARACTERS_RE.sub("", cim) if ch not in "[]:*?/\\")[:31].strip("'") or "Lap"
    if wb is not None or foglalt is not None:
        letezo = set(foglalt or ()) | ({ws.title for ws in wb.worksheets} if wb is not None else set())
        alap, n = nev, 2
        while nev in letezo:
            veg = f" ({n})"
            nev = alap[: 31 - len(veg)] + veg
            n += 1
    return nev


def uj_munkafuzet(*, folyam=False) -> Workbook:
    """A new workbook; ``folyam=True``: write-only, for ``folyamlap`` (rows streamed, memory bounded)."""
    return Workbook(write_only=True) if folyam else Workbook()


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


# --- streaming (write-only) sheets -----------------------------------------------------------

# Text starting with one of these is written as an explicit string cell: the formula characters get the
# quote prefix as well; "#" because openpyxl would turn "#N/A" and the like into error cells.
_KULON_KEZDET = frozenset("".join(VESZELYES_KEZDET) + "#")
_SZAMOK = (int, float, decimal.Decimal)


class _BiztonsagosSor:
    """Turns a row of values into what a write-only sheet appends, with the guard of ``biztonsagos_cella``.

    Plain text and numbers go to openpyxl as they are (its fastest path); text
    openpyxl would read as a formula or an error code, dates and date-times go
    in a styled cell. Those cells are made once per column and reused: openpyxl
    writes each cell of a row before it reads the next row, and replaces a
    styled cell by a fresh one of its own before it reads the next value.
    """

    def __init__(self, ws):
        self.ws = ws
        self.cellak = {}

    def _cella(self, fajta, oszlop):
        cell = self.cellak.get((fajta, oszlop))
        if cell is None:
            cell = WriteOnlyCell(self.ws)
            if fajta == "szoveg":
                cell.quotePrefix = True
            elif fajta == "datum":
                cell.number_format = DATUM_FORMATUM
            elif fajta == "idopont":
                cell.number_format = IDOPONT_FORMATUM
            self.cellak[(fajta, oszlop)] = cell
        return cell

    def _szoveg(self, oszlop, value):
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value[:1] not in _KULON_KEZDET:
            return value
        value = value[:CELLA_HOSSZ]
        if value.startswith(VESZELYES_KEZDET):
            cell = self._cella("szoveg", oszlop)
        else:
            # "#..." needs no quote prefix, only the string type; an unstyled cell is not reused (openpyxl
            # would write the next value of the row into it).
            cell = WriteOnlyCell(self.ws)
        cell._value = value  # not .value: that would make "=..." a formula
        cell.data_type = "s"
        return cell

    def _datum(self, fajta, oszlop, value):
        cell = self._cella(fajta, oszlop)
        cell._value = value
        cell.data_type = "d"
        return cell

    def __call__(self, sor):
        ki = []
        for oszlop, value in enumerate(sor):
            t = type(value)
            if t is str:
                if value and (value[0] in _KULON_KEZDET or ILLEGAL_CHARACTERS_RE.search(value)):
                    value = self._szoveg(oszlop, value)
            elif value is None or t in _SZAMOK:
                pass
            elif t is datetime.date:
                value = self._datum("datum", oszlop, value)
            else:
                value = _ertek(value)
                if isinstance(value, str):
                    value = self._szoveg(oszlop, value) if value else value
                elif isinstance(value, datetime.datetime):
                    value = self._datum("idopont", oszlop, value)
                elif isinstance(value, datetime.date):
                    value = self._datum("datum", oszlop, value)
            ki.append(value)
        return ki


def folyamlap(wb, cim: str, fejlec, sorok, *, felette=(), szelessegek=None) -> int:
    """A sheet of the write-only workbook ``wb``: the rows ``felette``, a bold header, then ``sorok``.

    ``sorok`` may be any iterator (a database cursor): each row is written as
    it comes. Column widths cannot be measured on rows not yet read, so they
    come from ``szelessegek`` (or the header). Returns the number of rows written.
    """
    ws = wb.create_sheet(lapnev(cim, wb))
    if szelessegek is None:
        szelessegek = [len(str(c)) + 2 for c in fejlec]
    for oszlop, sz in enumerate(szelessegek, start=1):
        ws.column_dimensions[get_column_letter(oszlop)].width = max(10, sz)
    ws.freeze_panes = f"A{len(felette) + 2}"
    biztonsagos = _BiztonsagosSor(ws)
    for sor in felette:
        ws.append(biztonsagos(sor))
    felkover = Font(bold=True)
    fej = []
    for felirat in fejlec:
        cell = WriteOnlyCell(ws)
        biztonsagos_cella(cell, felirat).font = felkover
        fej.append(cell)
    ws.append(fej)
    n = 0
    for sor in sorok:
        ws.append(biztonsagos(sor))
        n += 1
    return n


def szelessegek(fejlec, sorok) -> list[int]:
    """Column widths fitting ``fejlec`` and the (already read) ``sorok``, at most 52 characters."""
    sz = [len(str(c)) for c in fejlec]
    for sor in sorok:
        for i, value in enumerate(sor[: len(sz)]):
            if value is not None:
                sz[i] = max(sz[i], min(len(str(value)), 50))
    return [s + 2 for s in sz]


def folyam_valasz(wb: Workbook, fajlnev: str) -> FileResponse:
    """The write-only workbook ``wb`` saved to a temporary file and sent from it (memory stays bounded)."""
    if not fajlnev.endswith(".xlsx"):
        fajlnev += ".xlsx"
    # The file is deleted when the response closes it (or at once on a platform that allows it).
    fajl = tempfile.TemporaryFile()
    try:
        wb.save(fajl)
        fajl.seek(0)
    except BaseException:
        fajl.close()
        raise
    return FileResponse(fajl, as_attachment=True, filename=fajlnev, content_type=XLSX_CONTENT_TYPE)


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
