"""Bad files are refused with a Hungarian message within 2 seconds and without unbounded memory."""

import time
import tracemalloc
import zipfile
import zlib

import openpyxl
import pytest

from ugyfelek.importalas import olvasas
from ugyfelek.importalas.olvasas import FajlHiba, beolvas
from ugyfelek.importalas.oszlopok import FEJLECEK

from .importalas_segito import sor, xlsx


def _elutasitva(utvonal, fajlnev=None):
    """The refusal's message; it came within 2 s and the reading peaked under 64 MB of memory."""
    kezdet = time.perf_counter()
    with pytest.raises(FajlHiba) as hiba:
        beolvas(utvonal, fajlnev or utvonal.name)
    assert time.perf_counter() - kezdet < 2
    # Measured in a second run: tracemalloc slows Python down too much to time the first.
    tracemalloc.start()
    try:
        with pytest.raises(FajlHiba):
            beolvas(utvonal, fajlnev or utvonal.name)
        _, csucs = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert csucs < 64 * 1024 * 1024
    return str(hiba.value)


def test_defusedxml_guards_openpyxl():
    assert openpyxl.DEFUSEDXML is True


def test_file_over_10_mb_is_refused(tmp_path):
    utvonal = tmp_path / "nagy.csv"
    with open(utvonal, "wb") as f:
        f.write(b"x" * (olvasas.MAX_MERET + 1))
    assert "10 MB" in _elutasitva(utvonal)


def test_xlsx_over_50000_rows_is_refused(tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    lap = wb.create_sheet()
    lap.append(["Családi név"])
    for i in range(olvasas.MAX_SOR + 1):
        lap.append([i])
    wb.save(tmp_path / "sok.xlsx")
    assert "50 000" in _elutasitva(tmp_path / "sok.xlsx")


def test_csv_over_50000_rows_is_refused(tmp_path):
    utvonal = tmp_path / "sok.csv"
    utvonal.write_text("Családi név\n" + "x\n" * (olvasas.MAX_SOR + 1), encoding="utf-8")
    assert "50 000" in _elutasitva(utvonal)


def test_zip_bomb_is_refused_from_the_zip_directory(tmp_path):
    # 300 MB of zeros packs into ~300 KB: refused before anything is unpacked.
    utvonal = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(utvonal, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            nulla = bytes(1024 * 1024)
            for _ in range(300):
                f.write(nulla)
    assert "bomba" in _elutasitva(utvonal)


def test_single_highly_compressed_member_is_refused(tmp_path):
    utvonal = tmp_path / "tomor.xlsx"
    with zipfile.ZipFile(utvonal, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/sharedStrings.xml", b" " * (50 * 1024 * 1024))
    assert len(zlib.compress(b" " * 1024)) < 1024
    assert "bomba" in _elutasitva(utvonal)


def test_xml_entity_bomb_is_refused(tmp_path):
    utvonal = tmp_path / "entitas.xlsx"
    xlsx(utvonal, [sor(1)])
    bomba = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
        )
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        b"<si><t>&lol9;</t></si></sst>"
    )
    cel = tmp_path / "entitas2.xlsx"
    with zipfile.ZipFile(utvonal) as be, zipfile.ZipFile(cel, "w", zipfile.ZIP_DEFLATED) as ki:
        for tag in be.infolist():
            ki.writestr(tag, be.read(tag))
        ki.writestr("xl/sharedStrings.xml", bomba)
    assert "dokumentumtípus" in _elutasitva(cel)


def test_entity_bomb_inside_the_xml_is_stopped_by_defusedxml(tmp_path, monkeypatch):
    # Even without the byte check in front, openpyxl parses through defusedxml and refuses the DTD.
    monkeypatch.setattr(olvasas, "_zip_ellenorzes", lambda zf: None)
    utvonal = tmp_path / "alap.xlsx"
    xlsx(utvonal, [sor(1)])
    cel = tmp_path / "entitas.xlsx"
    with zipfile.ZipFile(utvonal) as be, zipfile.ZipFile(cel, "w", zipfile.ZIP_DEFLATED) as ki:
        for tag in be.infolist():
            adat = be.read(tag)
            if tag.filename == "xl/workbook.xml":
                dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
                adat = adat.replace(b"?>", b"?>" + dtd, 1) if adat.startswith(b"<?xml") else dtd + adat
            ki.writestr(tag, adat)
    assert "nem olvasható" in _elutasitva(cel)


def test_renamed_text_file_as_xlsx_is_refused(tmp_path):
    utvonal = tmp_path / "lista.xlsx"
    utvonal.write_text("ez nem munkafüzet", encoding="utf-8")
    assert "csak annak van elnevezve" in _elutasitva(utvonal)


def test_zip_that_is_not_a_workbook_is_refused(tmp_path):
    utvonal = tmp_path / "lista.xlsx"
    with zipfile.ZipFile(utvonal, "w") as zf:
        zf.writestr("valami.txt", "szia")
    assert "csak annak van elnevezve" in _elutasitva(utvonal)


def test_binary_renamed_as_csv_is_refused(tmp_path):
    utvonal = tmp_path / "kep.csv"
    utvonal.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert "nem szöveges" in _elutasitva(utvonal)


def test_xls_gets_a_clear_message(tmp_path):
    utvonal = tmp_path / "regi.xls"
    utvonal.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert ".xls" in _elutasitva(utvonal)
    # Renamed to .xlsx it is still recognised as the old format.
    atnevezett = tmp_path / "regi.xlsx"
    atnevezett.write_bytes(utvonal.read_bytes())
    assert ".xls" in _elutasitva(atnevezett)


def test_other_extensions_are_refused(tmp_path):
    utvonal = tmp_path / "lista.ods"
    utvonal.write_bytes(b"PK\x03\x04")
    assert ".xlsx" in _elutasitva(utvonal)


def test_header_only_file_reads_no_rows(tmp_path):
    tabla = beolvas(xlsx(tmp_path / "ures.xlsx", []), "ures.xlsx")
    assert tabla.fejlec == FEJLECEK and tabla.sorok == []
