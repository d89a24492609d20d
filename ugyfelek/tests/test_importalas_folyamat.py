"""The import flow: template round trip, matching, all-or-nothing, history, log, files, queries."""

import datetime
import io
import os
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from akcioterulet.models import Szerep
from core.models import Valtozas
from core.testing import factories as f
from ugyfelek.importalas import tarolas
from ugyfelek.importalas.feldolgozas import HIBA, MODOSITAS, UJ, VALTOZATLAN
from ugyfelek.importalas.oszlopok import FEJLECEK
from ugyfelek.importalas.services import importalas_fajlbol, importalas_takaritas
from ugyfelek.models import ImportNaplo, Ugyfel

from .importalas_segito import sor, xlsx


@pytest.fixture(autouse=True)
def _import_mappa(settings, tmp_path):
    settings.KAPOCS_IMPORT_MAPPA = str(tmp_path / "import")


def _import(projekt, utvonal, user=None, dry_run=True):
    return importalas_fajlbol(projekt=projekt, utvonal=utvonal, fajlnev=utvonal.name, felhasznalo=user, dry_run=dry_run)


def _feltoltes(client, projekt, tartalom, nev="lista.xlsx"):
    return client.post(reverse("ugyfelek:import"), {"projekt": projekt.pk, "fajl": SimpleUploadedFile(nev, tartalom)})


def test_template_round_trip_three_new_then_three_unchanged(client_as, koordinator, projekt_a):
    client = client_as(koordinator)
    valasz = client.get(reverse("ugyfelek:import_sablon"))
    assert valasz.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(valasz.content))
    lap = wb.active
    assert [c.value for c in lap[1]] == FEJLECEK
    for n in range(3):
        lap.append([sor(n)[fejlec] or None for fejlec in FEJLECEK])
    kitoltott = io.BytesIO()
    wb.save(kitoltott)

    valasz = _feltoltes(client, projekt_a, kitoltott.getvalue())
    eredmeny = valasz.context["eredmeny"]
    assert [s.allapot for s in eredmeny.sorok] == [UJ, UJ, UJ]
    assert Ugyfel.objects.filter(projekt=projekt_a).count() == 0  # the preview writes nothing
    naplo = valasz.context["naplo"]
    assert "Importálás megerősítése" in valasz.content.decode()

    valasz = client.post(reverse("ugyfelek:import_megerosites", args=[naplo.pk]))
    assert valasz.status_code == 302
    assert Ugyfel.objects.filter(projekt=projekt_a).count() == 3
    naplo.refresh_from_db()
    assert (naplo.allapot, naplo.uj, naplo.felhasznalo) == (ImportNaplo.Allapot.KESZ, 3, koordinator)
    assert naplo.tarolt_fajl == "" and not any(tarolas.mappa().iterdir())

    valasz = _feltoltes(client, projekt_a, kitoltott.getvalue())
    assert [s.allapot for s in valasz.context["eredmeny"].sorok] == [VALTOZATLAN] * 3


def test_created_rows_get_history_entries_from_the_import(projekt_a, koordinator, tmp_path):
    _import(projekt_a, xlsx(tmp_path / "a.xlsx", [sor(1), sor(2)]), koordinator, dry_run=False)
    ugyfel = Ugyfel.objects.get(csaladi_nev="Importált1")
    bejegyzes = Valtozas.objects.get(modell="ugyfelek.ugyfel", objektum_id=str(ugyfel.pk))
    assert (bejegyzes.muvelet, bejegyzes.forras, bejegyzes.felhasznalo) == (
        Valtozas.Muvelet.LETREHOZAS,
        Valtozas.Forras.IMPORT,
        koordinator,
    )
    assert bejegyzes.ugyfel_id == ugyfel.pk and bejegyzes.projekt_id == projekt_a.pk
    assert ugyfel.kereso_szoveg == "importalt1 anna 7400 kaposvar minta utca 2."


def test_update_changes_only_changed_values_with_one_history_entry(projekt_a, koordinator, tmp_path):
    meglevo = f.UgyfelFactory(projekt=projekt_a, taj=sor(1)["TAJ szám"], telefon="+36 1 111", utonev="Anna")
    uj_cim = sor(1, **{"Cím": "Minta utca 99.", "Telefon": ""})
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", [uj_cim]), koordinator, dry_run=False)
    assert eredmeny.sorok[0].allapot == MODOSITAS
    assert "Cím" in eredmeny.sorok[0].valtozott and "Telefon" not in eredmeny.sorok[0].valtozott
    meglevo.refresh_from_db()
    assert meglevo.cim == "Minta utca 99." and meglevo.telefon == "+36 1 111"  # an empty cell erases nothing
    assert "minta utca 99" in meglevo.kereso_szoveg
    bejegyzes = Valtozas.objects.get(objektum_id=str(meglevo.pk), muvelet=Valtozas.Muvelet.MODOSITAS)
    assert bejegyzes.forras == Valtozas.Forras.IMPORT
    assert bejegyzes.valtozasok["cim"][1] == "Minta utca 99."
    assert "telefon" not in bejegyzes.valtozasok


def test_match_without_taj_by_folded_name_birth_date_and_mother(projekt_a, tmp_path):
    meglevo = f.UgyfelFactory(
        projekt=projekt_a,
        csaladi_nev="Kovács",
        utonev="Ilona",
        anyja_neve="Nagy Mária",
        taj="",
        szuletesi_datum=datetime.date(1985, 3, 12),
    )
    adat = sor(
        1,
        **{
            "Családi név": "KOVACS",
            "Utónév": "ilona",
            "Anyja születési neve": "nagy  maria",
            "Születési dátum": "1985.03.12.",
            "TAJ szám": "",
        },
    )
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", [adat]))
    assert eredmeny.sorok[0].allapot == MODOSITAS
    assert eredmeny.sorok[0].ugyfel.pk == meglevo.pk


def test_same_person_twice_in_a_file_names_the_first_row(projekt_a, tmp_path):
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", [sor(1), sor(2), sor(1, **{"Telefon": "06 30 1"})]))
    harmadik = eredmeny.sorok[2]
    assert harmadik.allapot == HIBA and harmadik.sor == 4
    assert harmadik.hibak == [("TAJ szám", "Ugyanez a TAJ szám már a(z) 2. sorban szerepel.")]
    tajnelkul = [sor(1, **{"TAJ szám": ""}), sor(1, **{"TAJ szám": "", "Családi név": "IMPORTÁLT1"})]
    eredmeny = _import(projekt_a, xlsx(tmp_path / "b.xlsx", tajnelkul))
    assert eredmeny.sorok[1].hibak == [("Családi név", "Ugyanezt a személyt már a(z) 2. sor leírja.")]


def test_one_bad_row_among_500_is_named_and_confirming_saves_nothing(client_as, koordinator, projekt_a, tmp_path):
    sorok = [sor(n) for n in range(500)]
    sorok[317]["Születési dátum"] = "1985.13.45."
    utvonal = xlsx(tmp_path / "otszaz.xlsx", sorok)
    client = client_as(koordinator)
    valasz = _feltoltes(client, projekt_a, utvonal.read_bytes())
    eredmeny = valasz.context["eredmeny"]
    assert eredmeny.hibas == 1 and eredmeny.uj == 499
    hibas = eredmeny.hibas_sorok[0]
    assert hibas.sor == 319 and hibas.hibak[0][0] == "Születési dátum"
    tartalom = valasz.content.decode()
    assert "319. sor, „Születési dátum” oszlop" in tartalom
    assert "Importálás megerősítése" not in tartalom
    # Even forced, the confirmation writes nothing.
    naplo = valasz.context["naplo"]
    client.post(reverse("ugyfelek:import_megerosites", args=[naplo.pk]))
    eredmeny = _import(projekt_a, utvonal, koordinator, dry_run=False)
    assert not eredmeny.mentve
    assert Ugyfel.objects.filter(projekt=projekt_a).count() == 0
    assert not Valtozas.objects.filter(forras=Valtozas.Forras.IMPORT).exists()


def test_missing_required_column_stops_before_any_row(projekt_a, tmp_path):
    fejlec = [h for h in FEJLECEK if h != "Nem"]
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", [sor(1)], fejlec=fejlec), dry_run=False)
    assert "„Nem”" in eredmeny.hiba and eredmeny.sorok == []
    assert not Ugyfel.objects.exists()


def test_extra_columns_are_named_in_the_preview(projekt_a, tmp_path):
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", [sor(1)], fejlec=[*FEJLECEK, "Megjegyzés"]))
    assert eredmeny.extra_oszlopok == ["Megjegyzés"] and eredmeny.uj == 1


def test_action_area_by_name_or_from_the_address_and_mentor_by_name(projekt_a, mentor, tmp_path):
    terulet = f.AkcioTeruletFactory(projekt=projekt_a, nev="Kaposszentjakab")
    f.UtcaSzakaszFactory(akcioterulet=terulet, utca="Minta utca")
    masik = f.AkcioTeruletFactory(projekt=projekt_a, nev="Toponár")
    sorok = [
        sor(1, **{"Akcióterület": "toponar", "Mentor": "mentor_a"}),
        sor(2, **{"Mentor": mentor.teljes_nev.upper()}),
        sor(3, **{"Cím": "Kossuth utca 1."}),
    ]
    assert _import(projekt_a, xlsx(tmp_path / "a.xlsx", sorok), dry_run=False).mentve
    egy, ketto, harom = Ugyfel.objects.filter(projekt=projekt_a).order_by("csaladi_nev")
    assert (egy.akcioterulet, egy.mentor) == (masik, mentor)
    assert (ketto.akcioterulet, ketto.mentor, ketto.akcioteruleten_kivul) == (terulet, mentor, False)
    assert harom.akcioterulet is None and harom.akcioteruleten_kivul


def test_unknown_mentor_or_action_area_is_an_error(projekt_a, mentor, mentor_b, tmp_path):
    f.AkcioTeruletFactory(projekt=projekt_a, nev="Kaposszentjakab")
    sorok = [
        sor(4, **{"Mentor": "ismeretlen"}),
        sor(5, **{"Akcióterület": "Nincs ilyen"}),
        sor(6, **{"Mentor": "mentor_b"}),
    ]
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", sorok))
    assert [s.hibak[0][0] for s in eredmeny.sorok] == ["Mentor", "Akcióterület", "Mentor"]


def test_bad_values_get_row_and_column(projekt_a, tmp_path):
    sorok = [
        sor(1, **{"Nem": "x"}),
        sor(2, **{"TAJ szám": "123 456 789"}),
        sor(3, **{"E-mail": "nem-email"}),
        sor(4, **{"Irányítószám": "74000"}),
        sor(5, **{"Születési dátum": datetime.date.today() + datetime.timedelta(days=3)}),
        sor(6, **{"Utónév": ""}),
    ]
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", sorok))
    assert [(s.sor, s.hibak[0][0]) for s in eredmeny.sorok] == [
        (2, "Nem"),
        (3, "TAJ szám"),
        (4, "E-mail"),
        (5, "Irányítószám"),
        (6, "Születési dátum"),
        (7, "Utónév"),
    ]


def _lekerdezesek(projekt, koordinator, tmp_path, darab):
    """The queries of a preview and of an import of ``darab`` rows (half new, half updates)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    terulet = f.AkcioTeruletFactory(projekt=projekt, nev="Kaposszentjakab")
    f.UtcaSzakaszFactory(akcioterulet=terulet, utca="Minta utca")
    for n in range(0, darab, 2):
        f.UgyfelFactory(projekt=projekt, taj=sor(n)["TAJ szám"], telefon="régi")
    sorok = [
        sor(n, **{"Mentor": "mentor_a", "Telefon": "új", "Akcióterület": "Kaposszentjakab" if n % 3 else ""})
        for n in range(darab)
    ]
    utvonal = xlsx(tmp_path / f"{darab}.xlsx", sorok)
    with CaptureQueriesContext(connection) as elonezet:
        eredmeny = _import(projekt, utvonal, koordinator)
    assert eredmeny.uj == darab // 2 and eredmeny.modositott == darab // 2
    with CaptureQueriesContext(connection) as mentes:
        assert _import(projekt, utvonal, koordinator, dry_run=False).mentve
    return [q["sql"] for q in elonezet.captured_queries], [q["sql"] for q in mentes.captured_queries]


def test_queries_do_not_grow_with_rows(
    projekt_a, projekt_b, mentor, koordinator, tmp_path, django_assert_max_num_queries
):
    from django.db import connection

    f.TagsagFactory(projekt=projekt_b, felhasznalo=mentor, szerep=Szerep.MENTOR)
    kicsi_elonezet, kicsi_mentes = _lekerdezesek(projekt_a, koordinator, tmp_path, 10)
    nagy_elonezet, nagy_mentes = _lekerdezesek(projekt_b, koordinator, tmp_path, 200)
    # participants, mentors, action areas, street segments: one query each
    assert len(kicsi_elonezet) == len(nagy_elonezet) == 4
    if connection.vendor == "postgresql":
        # the same reads, then one insert, one update and their history entries
        assert len(kicsi_mentes) == len(nagy_mentes)
    else:
        # SQLite allows 999 parameters per statement, so Django splits bulk writes into batches of ~28 rows;
        # everything but those batches is the same.
        def kotegen_kivul(sqls):
            return [q for q in sqls if not q.startswith(("INSERT", "UPDATE"))]

        assert len(kotegen_kivul(kicsi_mentes)) == len(kotegen_kivul(nagy_mentes))
    assert len(nagy_mentes) <= 30


def test_cancel_deletes_the_file_and_saves_nothing(client_as, koordinator, projekt_a, tmp_path):
    client = client_as(koordinator)
    valasz = _feltoltes(client, projekt_a, xlsx(tmp_path / "a.xlsx", [sor(1)]).read_bytes())
    naplo = valasz.context["naplo"]
    assert (tarolas.mappa() / naplo.tarolt_fajl).exists()
    client.post(reverse("ugyfelek:import_megszakitas", args=[naplo.pk]))
    naplo.refresh_from_db()
    assert naplo.allapot == ImportNaplo.Allapot.MEGSZAKITVA and not any(tarolas.mappa().iterdir())
    assert not Ugyfel.objects.exists()


def test_uploaded_files_older_than_a_day_are_cleaned_up(koordinator, projekt_a):
    regi = tarolas.mappa() / ("a" * 32 + ".xlsx")
    regi.write_bytes(b"x")
    tegnapelott = time.time() - 2 * 86400
    os.utime(regi, (tegnapelott, tegnapelott))
    friss = tarolas.mappa() / ("b" * 32 + ".csv")
    friss.write_bytes(b"x")
    naplo = ImportNaplo.objects.create(
        projekt=projekt_a, felhasznalo=koordinator, fajlnev="a.xlsx", tarolt_fajl=regi.name
    )
    ImportNaplo.objects.filter(pk=naplo.pk).update(idopont=naplo.idopont - datetime.timedelta(days=2))
    call_command("import_takaritas", stdout=io.StringIO())
    assert not regi.exists() and friss.exists()
    naplo.refresh_from_db()
    assert naplo.allapot == ImportNaplo.Allapot.LEJART
    assert importalas_takaritas() == 0


def test_refused_upload_keeps_no_file(client_as, koordinator, projekt_a):
    valasz = _feltoltes(client_as(koordinator), projekt_a, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "regi.xls")
    assert ".xls" in valasz.context["eredmeny"].hiba
    assert ".xls" in valasz.content.decode()
    assert valasz.context["naplo"].allapot == ImportNaplo.Allapot.ELUTASITVA
    assert not any(tarolas.mappa().iterdir())


def test_command_imports_with_progress_and_report(projekt_a, tmp_path):
    utvonal = xlsx(tmp_path / "lista.xlsx", [sor(n) for n in range(3)])
    kimenet = io.StringIO()
    call_command("ugyfel_import", str(utvonal), "--projekt", projekt_a.kod, "--dry-run", stdout=kimenet)
    assert "3 új" in kimenet.getvalue() and not Ugyfel.objects.exists()
    assert ImportNaplo.objects.get().allapot == ImportNaplo.Allapot.PROBA
    kimenet = io.StringIO()
    call_command("ugyfel_import", str(utvonal), "--projekt", projekt_a.kod, stdout=kimenet)
    assert "Olvasás: [####################] 100%" in kimenet.getvalue()
    assert Ugyfel.objects.filter(projekt=projekt_a).count() == 3
    assert Valtozas.objects.filter(forras=Valtozas.Forras.IMPORT).count() == 3


def test_command_reports_bad_rows_and_fails(projekt_a, tmp_path):
    from django.core.management.base import CommandError

    utvonal = xlsx(tmp_path / "lista.xlsx", [sor(1), sor(2, **{"Nem": "?"})])
    kimenet = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ugyfel_import", str(utvonal), "--projekt", projekt_a.kod, stdout=kimenet)
    assert "3. sor, „Nem” oszlop" in kimenet.getvalue()
    assert not Ugyfel.objects.exists()


def test_preview_that_matches_stored_participants_is_logged_as_an_access(client_as, koordinator, projekt_a, tmp_path):
    from core.models import Hozzaferes

    f.UgyfelFactory(projekt=projekt_a, taj=sor(1)["TAJ szám"])
    _feltoltes(client_as(koordinator), projekt_a, xlsx(tmp_path / "a.xlsx", [sor(1), sor(2)]).read_bytes())
    bejegyzes = Hozzaferes.objects.get()
    assert (bejegyzes.felhasznalo, bejegyzes.projekt_id, bejegyzes.rekordok_szama) == (koordinator, projekt_a.pk, 1)


def test_two_rows_matching_one_stored_participant_by_taj_and_by_name(projekt_a, tmp_path):
    meglevo = f.UgyfelFactory(projekt=projekt_a, **{"taj": sor(1)["TAJ szám"]})
    nev_szerint = sor(
        2,
        **{
            "Családi név": meglevo.csaladi_nev,
            "Utónév": meglevo.utonev,
            "Anyja születési neve": meglevo.anyja_neve,
            "Születési dátum": meglevo.szuletesi_datum,
            "TAJ szám": "",
        },
    )
    eredmeny = _import(projekt_a, xlsx(tmp_path / "a.xlsx", [sor(1), nev_szerint]))
    assert eredmeny.sorok[1].hibak == [("Családi név", "Ugyanezt az ügyfelet már a(z) 2. sor leírja.")]
