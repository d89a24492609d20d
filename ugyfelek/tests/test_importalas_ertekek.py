"""Reading values and files: golden files for every value form, both CSV encodings, trailing blank rows."""

import datetime
import time
from pathlib import Path

import openpyxl
import pytest

from ugyfelek.importalas import ertekek
from ugyfelek.importalas.olvasas import beolvas
from ugyfelek.importalas.oszlopok import FEJLECEK, FejlecHiba, fejlec_illesztes
from ugyfelek.importalas.services import importalas_fajlbol
from ugyfelek.models import Ugyfel

ARANY = Path(__file__).parent / "importfajlok"

# What the golden files must give, row by row (family name, given name, mother, birth date, gender, TAJ).
ELVART = [
    ("Kovács", "Ilona", "Nagy Mária", datetime.date(1985, 3, 12), "no", "123456788"),
    ("Szabó", "Péter Pál", "Kiss Erzsébet", datetime.date(1985, 3, 12), "ferfi", "100000003"),
    ("Tóth", "Anna", "Varga Éva", datetime.date(1985, 3, 12), "no", "100000010"),
    ("Horváth", "Béla", "Molnár Ilona", datetime.date(1985, 3, 12), "ferfi", "012345678"),
    ("Farkas", "Gábor", "Balogh Rozália", datetime.date(1990, 1, 5), "ferfi", "023456785"),
    ("Lakatos", "Jolán", "Oláh Margit", datetime.date(2001, 12, 31), "no", ""),
    ("Balogh", "Ferenc", "Rácz Anna", datetime.date(1970, 7, 7), "ferfi", ""),
    ("Kozma", "Éva", "Fekete Rita", datetime.date(1975, 5, 5), "no", ""),
    ("Rácz", "Jenő", "Sárközi Ibolya", datetime.date(1980, 2, 29), "ferfi", ""),
]


@pytest.mark.parametrize("fajl", ["ertekformak.xlsx", "utf8_vesszo.csv", "cp1250_pontosvesszo.csv"])
def test_golden_files_import_every_value_form(fajl, projekt_a, koordinator):
    eredmeny = importalas_fajlbol(
        projekt=projekt_a, utvonal=ARANY / fajl, fajlnev=fajl, felhasznalo=koordinator, dry_run=False
    )
    assert eredmeny.mentve, [s.hibak for s in eredmeny.sorok]
    assert [s.sor for s in eredmeny.sorok] == list(range(2, 11))
    kapott = [
        (u.csaladi_nev, u.utonev, u.anyja_neve, u.szuletesi_datum, u.nem, u.taj)
        for u in Ugyfel.objects.filter(projekt=projekt_a).order_by("id")
    ]
    assert kapott == ELVART


def test_trailing_formatted_blank_rows_are_skipped_quickly():
    lap = openpyxl.load_workbook(ARANY / "ertekformak.xlsx", read_only=True).worksheets[0]
    assert lap.max_row > 3000  # the golden file really carries the blank rows
    kezdet = time.perf_counter()
    tabla = beolvas(ARANY / "ertekformak.xlsx", "ertekformak.xlsx")
    assert time.perf_counter() - kezdet < 2
    assert len(tabla.sorok) == 9


def test_formula_cells_are_read_as_their_values():
    tabla = beolvas(ARANY / "ertekformak.xlsx", "ertekformak.xlsx")
    assert tabla.sorok[-1][1][1] == "Jenő"


@pytest.mark.parametrize(
    "beirt",
    [datetime.date(1985, 3, 12), datetime.datetime(1985, 3, 12), "1985.03.12.", "1985. 03. 12.", "1985-03-12", 31118],
)
def test_dates_as_people_type_them(beirt):
    assert ertekek.datum(beirt) == datetime.date(1985, 3, 12)


@pytest.mark.parametrize("beirt", ["1985.13.12.", "12/03/1985", "tegnap", "1985.02.30."])
def test_bad_dates_get_a_hungarian_message(beirt):
    with pytest.raises(ertekek.ErtekHiba, match="nem érvényes dátum"):
        ertekek.datum(beirt)


@pytest.mark.parametrize("beirt", ["123 456 788", "123-456-788", 123456788, 123456788.0, " 123456788 "])
def test_taj_as_text_or_number(beirt):
    assert ertekek.taj(beirt) == "123456788"


def test_taj_keeps_leading_zero_of_a_number():
    assert ertekek.taj(12345678) == "012345678"


def test_bad_taj_is_refused():
    with pytest.raises(ertekek.ErtekHiba, match="ellenőrző"):
        ertekek.taj("123 456 789")


@pytest.mark.parametrize(
    ("beirt", "nem"),
    [("férfi", "ferfi"), ("Férfi", "ferfi"), ("ferfi", "ferfi"), ("F", "ferfi"), ("ffi", "ferfi")]
    + [("nő", "no"), ("NŐ", "no"), ("no", "no"), ("N", "no")],
)
def test_gender_spellings(beirt, nem):
    assert ertekek.nem(beirt) == nem


def test_names_are_trimmed_and_inner_spaces_folded():
    assert ertekek.szoveg("  Kiss   Anna\t ") == "Kiss Anna"


def test_headers_match_ignoring_case_accents_and_spaces():
    illeszkedes = fejlec_illesztes(
        ["  CSALADI NEV ", "utonev", "anyja szuletesi neve", "SZÜLETÉSI DÁTUM", "nem", "Megjegyzés"]
    )
    assert illeszkedes.helyek == {"csaladi_nev": 0, "utonev": 1, "anyja_neve": 2, "szuletesi_datum": 3, "nem": 4}
    assert illeszkedes.extra == ["Megjegyzés"]


def test_missing_required_column_is_named():
    with pytest.raises(FejlecHiba, match="„Anyja születési neve”"):
        fejlec_illesztes([f for f in FEJLECEK if f != "Anyja születési neve"])


def test_utf8_csv_without_bom_and_with_semicolons(tmp_path):
    utvonal = tmp_path / "lista.csv"
    szoveg = (ARANY / "utf8_vesszo.csv").read_bytes().decode("utf-8-sig").replace(",", ";")
    utvonal.write_bytes(szoveg.encode("utf-8"))
    tabla = beolvas(utvonal, "lista.csv")
    assert tabla.fejlec[0] == "Családi név" and len(tabla.sorok) == 9
    assert tabla.sorok[1][1][:2] == ("  Szabó   ", " Péter  Pál ")
