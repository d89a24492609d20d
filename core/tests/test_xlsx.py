import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from core.xlsx import biztonsagos_cella, munkafuzet, xlsx_valasz


@pytest.mark.parametrize("szoveg", ["=1+1", "+36 30 123 4567", "-5", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'])
def test_text_that_looks_like_a_formula_stays_text(szoveg):
    wb = munkafuzet(["A"], [[szoveg]])
    buf = io.BytesIO()
    wb.save(buf)
    cell = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active["A2"]
    # XML reading turns a carriage return into a line feed; the text is still text.
    assert cell.value in (szoveg, szoveg.replace("\r", "\n"))
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_plain_values_keep_their_type():
    ws = openpyxl.Workbook().active
    assert biztonsagos_cella(ws["A1"], 3).data_type == "n"
    assert biztonsagos_cella(ws["A2"], "Kovács").quotePrefix is False
    most = timezone.now()
    cell = biztonsagos_cella(ws["A3"], most)
    assert cell.value == timezone.localtime(most).replace(tzinfo=None)
    assert biztonsagos_cella(ws["A4"], datetime.date(2026, 11, 22)).number_format == "yyyy.mm.dd"
    assert biztonsagos_cella(ws["A5"], None).value is None


def test_download_response():
    resp = xlsx_valasz(["Név"], [["=cmd"]], fajlnev="lista")
    assert resp["Content-Disposition"] == 'attachment; filename="lista.xlsx"'
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert ws["A1"].value == "Név" and ws["A2"].value == "=cmd" and ws["A2"].data_type == "s"
