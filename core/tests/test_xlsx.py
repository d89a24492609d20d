import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from core.xlsx import biztonsagos_cella, folyam_valasz, folyamlap, munkafuzet, uj_munkafuzet, xlsx_valasz


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


def _folyam_munkafuzet(sorok, fejlec=("A",)):
    wb = uj_munkafuzet(folyam=True)
    n = folyamlap(wb, "Lap", list(fejlec), iter(sorok), felette=[["=cím"]])
    resp = folyam_valasz(wb, "lista")
    tartalom = b"".join(resp.streaming_content)
    resp.file_to_stream.close()  # resp.close() would also signal the end of a request
    return n, resp, openpyxl.load_workbook(io.BytesIO(tartalom)).active


@pytest.mark.parametrize("szoveg", ["=1+1", "+36 30 123 4567", "-5", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'])
def test_streamed_sheet_keeps_text_that_looks_like_a_formula_text(szoveg):
    n, _resp, ws = _folyam_munkafuzet([[szoveg, szoveg], ["x", szoveg]], fejlec=["A", "B"])
    assert n == 2
    for cell in (ws["A3"], ws["B3"], ws["B4"]):
        assert cell.value in (szoveg, szoveg.replace("\r", "\n"))
        assert cell.data_type == "s" and cell.quotePrefix
    assert ws["A4"].value == "x" and not ws["A4"].quotePrefix
    # The rows above the header are guarded too.
    assert ws["A1"].value == "=cím" and ws["A1"].data_type == "s"


def test_streamed_sheet_writes_values_like_the_cell_guard():
    most = timezone.now()
    sorok = [
        [3, "Kovács", datetime.date(2026, 11, 22), most, True, None, "#N/A", "ok\x01x"],
        [4, "Nagy", datetime.date(2026, 11, 23), most, False, 1.5, "#REF!", ""],
    ]
    n, resp, ws = _folyam_munkafuzet(sorok, fejlec="ABCDEFGH")
    assert n == 2
    assert resp["Content-Disposition"] == 'attachment; filename="lista.xlsx"'
    assert ws["A2"].value == "A" and ws["A2"].font.b
    a, b, c, d, e, f_, g, h = ws[3]
    assert (a.value, a.data_type) == (3, "n")
    assert b.value == "Kovács" and not b.quotePrefix
    assert c.value == datetime.datetime(2026, 11, 22) and c.number_format == "yyyy.mm.dd"
    assert d.value.replace(microsecond=0) == timezone.localtime(most).replace(tzinfo=None, microsecond=0)
    assert d.number_format == "yyyy.mm.dd hh:mm"
    assert e.value == "igen" and f_.value is None
    # Error codes stay text, characters XML cannot hold are dropped.
    assert (g.value, g.data_type) == ("#N/A", "s") and h.value == "okx"
    assert ws["G4"].value == "#REF!" and ws["G4"].data_type == "s" and ws["E4"].value == "nem"
    assert ws["C4"].value == datetime.datetime(2026, 11, 23) and ws["F4"].value == 1.5
    assert ws.freeze_panes == "A3"
