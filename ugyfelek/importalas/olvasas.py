"""Reading an uploaded participant list safely: size, zip and XML checks before any row is parsed.

Accepted: .xlsx (first worksheet, formulas as their last computed values) and
.csv (UTF-8 with or without BOM and commas, or Windows-1250 with semicolons,
as Hungarian Excel saves it). Everything is refused with a Hungarian message
before it can cost unbounded time or memory: over 10 MB, over 50,000 rows, a
zip whose members would unpack too large or too well (zip bomb), XML with a
document type declaration (entity bomb; openpyxl also parses through
defusedxml), or a file that is not what its extension says.
"""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_MERET = 10 * 1024 * 1024
MAX_SOR = 50_000
# An .xlsx of 50,000 rows unpacks to some tens of MB; a zip bomb to far more.
MAX_KICSOMAGOLT = 128 * 1024 * 1024
MAX_TOMORITESI_ARANY = 200
MAX_OSZLOP = 100
_HALADAS_LEPES = 1000

_XLS_FEJ = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: Excel 97-2003 .xls
_ZIP_FEJ = b"PK\x03\x04"
_SOR_SZAM = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')


class FajlHiba(Exception):
    """The file is refused before any row is imported; the message is for the user."""


@dataclass
class Tabla:
    """The rows of a file: the header row and the non-empty rows with their spreadsheet row numbers."""

    fejlec: list
    sorok: list[tuple[int, tuple]]


def beolvas(utvonal, fajlnev: str, haladas=None) -> Tabla:
    """Read ``utvonal`` (uploaded as ``fajlnev``); ``haladas(kesz, osszes)`` is called while reading."""
    utvonal = Path(utvonal)
    if utvonal.stat().st_size > MAX_MERET:
        raise FajlHiba("A fájl nagyobb 10 MB-nál; bontsa több fájlra.")
    with open(utvonal, "rb") as f:
        eleje = f.read(8)
    kiterjesztes = Path(fajlnev).suffix.lower()
    if eleje.startswith(_XLS_FEJ) or kiterjesztes == ".xls":
        raise FajlHiba(
            "A régi Excel 97–2003 (.xls) formátumot nem tudjuk beolvasni: mentse a fájlt Excel-munkafüzetként "
            "(.xlsx) vagy CSV-ként, és töltse fel újra."
        )
    if kiterjesztes == ".xlsx":
        if not eleje.startswith(_ZIP_FEJ):
            raise FajlHiba("A fájl nem Excel-munkafüzet (.xlsx), csak annak van elnevezve.")
        return _xlsx(utvonal, haladas)
    if kiterjesztes == ".csv":
        if eleje.startswith(_ZIP_FEJ):
            raise FajlHiba("A fájl Excel-munkafüzet, nem CSV: adja .xlsx kiterjesztéssel, vagy mentse CSV-ként.")
        return _csv(utvonal, haladas)
    raise FajlHiba("Csak Excel-munkafüzet (.xlsx) vagy CSV (.csv) fájl importálható.")


def _sorok_szama_hiba():
    return FajlHiba(f"A fájlban több mint {MAX_SOR:,} sor van; bontsa több fájlra.".replace(",", " "))


def _zip_ellenorzes(zf: zipfile.ZipFile):
    tagok = zf.infolist()
    if len(tagok) > 10_000 or sum(t.file_size for t in tagok) > MAX_KICSOMAGOLT:
        raise FajlHiba("A fájl kicsomagolva túl nagy (tömörítési bomba gyanúja); nem nyitjuk meg.")
    for t in tagok:
        if t.file_size > 1024 * 1024 and t.file_size > MAX_TOMORITESI_ARANY * max(t.compress_size, 1):
            raise FajlHiba("A fájl gyanúsan erősen tömörített (tömörítési bomba gyanúja); nem nyitjuk meg.")
    nevek = {t.filename for t in tagok}
    if "xl/workbook.xml" not in nevek:
        raise FajlHiba("A fájl nem Excel-munkafüzet (.xlsx), csak annak van elnevezve.")
    for t in tagok:
        if t.filename.endswith((".xml", ".rels", ".vml")):
            with zf.open(t) as f:
                fej = f.read(4096)
            # A spreadsheet never needs a DTD; with one, entities could expand without bound.
            if b"<!DOCTYPE" in fej or b"<!ENTITY" in fej:
                raise FajlHiba("A fájl XML-je nem megengedett dokumentumtípus-deklarációt tartalmaz; nem nyitjuk meg.")


def _ertekes_sorok(zf: zipfile.ZipFile, lap_utvonal: str) -> int | None:
    """The number of the last row holding a value, counting such rows on the way (bytes only, no XML parse).

    Spreadsheet programs leave thousands of formatted blank rows behind; the
    reader stops at the last row with a value instead of walking them all.
    None when the sheet does not say its row numbers.
    """
    utolso = 0
    darab = 0
    maradek = b""
    with zf.open(lap_utvonal) as f:
        while True:
            chunk = f.read(1 << 20)
            buf = maradek + chunk
            vege = buf.rfind(b"</row>") if chunk else len(buf)
            if vege < 0:
                maradek = buf
                continue
            kesz, maradek = buf[:vege], buf[vege + 6 :]
            for sor in kesz.split(b"</row>"):
                if b"<v>" in sor or b"<v " in sor or b"<is>" in sor:
                    darab += 1
                    if darab > MAX_SOR + 1:  # + the header row
                        raise _sorok_szama_hiba()
                    eleje = sor.rfind(b"<row")
                    match = _SOR_SZAM.match(sor, eleje) if eleje >= 0 else None
                    if match is None:
                        return None
                    utolso = int(match.group(1))
            if not chunk:
                break
    return utolso or None


def _ures(ertekek) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in ertekek)


def _munkafuzet(utvonal: Path):
    """openpyxl's reader of the workbook (manifest and sheet list only, so far) and the first worksheet's path.

    The reader is driven step by step instead of ``load_workbook``: opening a
    read-only sheet whose file names no dimension parses the whole sheet once
    just to size it, and the shared strings are parsed up front; both would
    come before the row count below could refuse a file.
    """
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(utvonal, read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_workbook()
    for _lap, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "worksheet" in rel.Type:
            return reader, rel.target
    reader.archive.close()
    raise FajlHiba("A munkafüzetben nincs munkalap.")


def _xlsx(utvonal: Path, haladas) -> Tabla:
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        with zipfile.ZipFile(utvonal) as zf:
            _zip_ellenorzes(zf)
            reader, lap_utvonal = _munkafuzet(utvonal)
            try:
                utolso = _ertekes_sorok(zf, lap_utvonal)
                reader.read_strings()
                apply_stylesheet(reader.archive, reader.wb)  # the cells' date formats
                wb = reader.wb
                sorok = []
                fejlec = None
                with reader.archive.open(lap_utvonal) as forras:
                    parser = WorkSheetParser(
                        forras,
                        reader.shared_strings,
                        data_only=True,
                        epoch=wb.epoch,
                        date_formats=wb._date_formats,
                        timedelta_formats=wb._timedelta_formats,
                    )
                    for szam, cellak in parser.parse():
                        if utolso is not None and szam > utolso:
                            break  # only formatted blank rows follow
                        if haladas and szam % _HALADAS_LEPES == 0:
                            haladas(szam, utolso or szam)
                        ertekek = {c["column"]: c["value"] for c in cellak if c["column"] <= MAX_OSZLOP}
                        sor = tuple(ertekek.get(i) for i in range(1, max(ertekek, default=0) + 1))
                        if _ures(sor):
                            continue
                        if fejlec is None:
                            fejlec = list(sor)
                            continue
                        sorok.append((szam, sor))
                        if len(sorok) > MAX_SOR:
                            raise _sorok_szama_hiba()
            finally:
                reader.archive.close()
    except FajlHiba:
        raise
    except zipfile.BadZipFile:
        raise FajlHiba("A fájl nem Excel-munkafüzet (.xlsx), csak annak van elnevezve.") from None
    except Exception:
        # defusedxml's refusals, broken XML, truncated zip members: all are a bad file for the user.
        raise FajlHiba("A fájl nem olvasható Excel-munkafüzetként (sérült vagy nem megengedett tartalmú).") from None
    if haladas:
        haladas(len(sorok), len(sorok))
    return Tabla(fejlec=fejlec or [], sorok=sorok)


def _csv(utvonal: Path, haladas) -> Tabla:
    data = utvonal.read_bytes()
    if b"\x00" in data:
        raise FajlHiba("A fájl nem szöveges CSV, csak annak van elnevezve.")
    if data.startswith(codecs.BOM_UTF8):
        try:
            szoveg = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError:
            raise FajlHiba("A CSV-fájl nem érvényes UTF-8 szöveg.") from None
    else:
        try:
            szoveg = data.decode("utf-8")
        except UnicodeDecodeError:
            # Hungarian Excel saves "CSV (pontosvesszővel tagolt)" in Windows-1250.
            try:
                szoveg = data.decode("cp1250")
            except UnicodeDecodeError:
                raise FajlHiba("A CSV-fájl kódolását nem ismerjük fel (UTF-8 vagy Windows-1250 lehet).") from None
    elso_sor = szoveg.split("\n", 1)[0]
    elvalaszto = max((";", ",", "\t"), key=elso_sor.count)
    if szoveg.count("\n") > 5 * MAX_SOR:
        raise _sorok_szama_hiba()
    fejlec = None
    sorok = []
    try:
        olvaso = csv.reader(io.StringIO(szoveg, newline=""), delimiter=elvalaszto)
        for ertekek in olvaso:
            szam = olvaso.line_num
            if _ures(ertekek):
                continue
            if fejlec is None:
                fejlec = ertekek[:MAX_OSZLOP]
                continue
            sorok.append((szam, tuple(ertekek[:MAX_OSZLOP])))
            if len(sorok) > MAX_SOR:
                raise _sorok_szama_hiba()
    except csv.Error:
        raise FajlHiba("A CSV-fájl szerkezete hibás (pl. lezáratlan idézőjel).") from None
    if haladas:
        haladas(len(sorok), len(sorok))
    return Tabla(fejlec=fejlec or [], sorok=sorok)
