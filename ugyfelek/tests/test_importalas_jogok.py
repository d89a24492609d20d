"""Who may import where: own projects only, in the coordinators' screen and in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akcioterulet.models import Szerep
from core.testing import factories as f
from ugyfelek.models import ImportNaplo, Ugyfel

from .importalas_segito import sor, xlsx


@pytest.fixture(autouse=True)
def _import_mappa(settings, tmp_path):
    settings.KAPOCS_IMPORT_MAPPA = str(tmp_path / "import")


@pytest.fixture
def kecskemet_koordinator(projekt_b):
    user = f.FelhasznaloFactory(username="kecskemet_koordinator", is_staff=True)
    f.TagsagFactory(projekt=projekt_b, felhasznalo=user, szerep=Szerep.KOORDINATOR)
    return user


def _fajl(tmp_path, *sorok):
    return SimpleUploadedFile("lista.xlsx", xlsx(tmp_path / "lista.xlsx", list(sorok)).read_bytes())


@pytest.mark.parametrize("url", ["ugyfelek:import", "admin:ugyfelek_ugyfel_import"])
def test_kecskemet_coordinator_sees_only_kecskemet_in_the_project_choice(
    url, client_as, kecskemet_koordinator, projekt_a, projekt_b
):
    valasz = client_as(kecskemet_koordinator).get(reverse(url))
    assert valasz.status_code == 200
    assert list(valasz.context["form"].fields["projekt"].queryset) == [projekt_b]
    assert projekt_a.kod not in valasz.content.decode()


@pytest.mark.parametrize("url", ["ugyfelek:import", "admin:ugyfelek_ugyfel_import"])
def test_kecskemet_coordinator_cannot_import_into_kaposvar(url, client_as, kecskemet_koordinator, projekt_a, tmp_path):
    valasz = client_as(kecskemet_koordinator).post(
        reverse(url), {"projekt": projekt_a.pk, "fajl": _fajl(tmp_path, sor(1))}
    )
    assert valasz.status_code == 200
    assert "projekt" in valasz.context["form"].errors
    assert not ImportNaplo.objects.exists() and not Ugyfel.objects.exists()


def test_kecskemet_coordinator_cannot_match_a_kaposvar_participant(
    client_as, kecskemet_koordinator, projekt_a, projekt_b, tmp_path
):
    kaposvari = f.UgyfelFactory(projekt=projekt_a, taj=sor(1)["TAJ szám"], csaladi_nev="Importált1", utonev="Anna")
    client = client_as(kecskemet_koordinator)
    valasz = client.post(reverse("ugyfelek:import"), {"projekt": projekt_b.pk, "fajl": _fajl(tmp_path, sor(1))})
    eredmeny = valasz.context["eredmeny"]
    assert eredmeny.uj == 1 and eredmeny.modositott == 0
    client.post(reverse("ugyfelek:import_megerosites", args=[valasz.context["naplo"].pk]))
    assert Ugyfel.objects.filter(projekt=projekt_b, taj=kaposvari.taj).count() == 1
    kaposvari_most = Ugyfel.objects.get(pk=kaposvari.pk)
    assert (kaposvari_most.projekt, kaposvari_most.cim, kaposvari_most.modositva) == (
        projekt_a,
        kaposvari.cim,
        kaposvari.modositva,
    )


def test_nobody_else_may_confirm_a_preview(client_as, koordinator, kecskemet_koordinator, projekt_a, tmp_path):
    valasz = client_as(koordinator).post(
        reverse("ugyfelek:import"), {"projekt": projekt_a.pk, "fajl": _fajl(tmp_path, sor(1))}
    )
    naplo = valasz.context["naplo"]
    masik = client_as(kecskemet_koordinator)
    assert masik.post(reverse("ugyfelek:import_megerosites", args=[naplo.pk])).status_code == 404
    assert masik.post(reverse("admin:ugyfelek_ugyfel_process_import"), {"naplo": naplo.pk}).status_code == 404
    assert not Ugyfel.objects.exists()


def test_mentor_may_not_import(client_as, mentor):
    mentor.is_staff = True
    mentor.save()
    client = client_as(mentor)
    assert client.get(reverse("ugyfelek:import")).status_code == 403
    assert client.get(reverse("admin:ugyfelek_ugyfel_import")).status_code == 403
    assert client.get(reverse("admin:ugyfelek_ugyfel_import_sablon")).status_code == 403


def test_admin_import_flow_preview_confirm(client_as, admin_user, projekt_a, projekt_b, tmp_path):
    client = client_as(admin_user)
    lista = client.get(reverse("admin:ugyfelek_ugyfel_changelist"))
    assert reverse("admin:ugyfelek_ugyfel_import") in lista.content.decode()
    valasz = client.get(reverse("admin:ugyfelek_ugyfel_import"))
    assert set(valasz.context["form"].fields["projekt"].queryset) == {projekt_a, projekt_b}
    sablon = client.get(reverse("admin:ugyfelek_ugyfel_import_sablon"))
    assert sablon["Content-Type"].startswith("application/vnd.openxmlformats")

    valasz = client.post(
        reverse("admin:ugyfelek_ugyfel_import"), {"projekt": projekt_a.pk, "fajl": _fajl(tmp_path, sor(1), sor(2))}
    )
    assert valasz.context["eredmeny"].uj == 2
    assert "Importálás megerősítése" in valasz.content.decode()
    naplo = valasz.context["naplo"]
    valasz = client.post(reverse("admin:ugyfelek_ugyfel_process_import"), {"naplo": naplo.pk, "megerosites": "1"})
    assert valasz.status_code == 302
    assert Ugyfel.objects.filter(projekt=projekt_a).count() == 2
    naplo.refresh_from_db()
    assert naplo.allapot == ImportNaplo.Allapot.KESZ


def test_admin_cancel(client_as, kecskemet_koordinator, projekt_b, tmp_path):
    client = client_as(kecskemet_koordinator)
    valasz = client.post(
        reverse("admin:ugyfelek_ugyfel_import"), {"projekt": projekt_b.pk, "fajl": _fajl(tmp_path, sor(1))}
    )
    naplo = valasz.context["naplo"]
    client.post(reverse("admin:ugyfelek_ugyfel_process_import"), {"naplo": naplo.pk, "megszakitas": "1"})
    naplo.refresh_from_db()
    assert naplo.allapot == ImportNaplo.Allapot.MEGSZAKITVA and not Ugyfel.objects.exists()


def test_import_log_is_for_coordinators_of_the_project(koordinator, mentor, mentor_b, projekt_a):
    naplo = ImportNaplo.objects.create(projekt=projekt_a, felhasznalo=koordinator, fajlnev="a.xlsx")
    assert list(ImportNaplo.objects.for_user(koordinator)) == [naplo]
    assert not ImportNaplo.objects.for_user(mentor).exists()
    assert not ImportNaplo.objects.for_user(mentor_b).exists()


def test_import_log_changelist_queries_do_not_grow(client_as, admin_user, koordinator, projekt_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(admin_user)
    szamok = []
    for darab in (3, 30):
        ImportNaplo.objects.all().delete()
        ImportNaplo.objects.bulk_create(
            ImportNaplo(projekt=projekt_a, felhasznalo=koordinator, fajlnev=f"{n}.xlsx") for n in range(darab)
        )
        with CaptureQueriesContext(connection) as lekerdezesek:
            valasz = client.get(reverse("admin:ugyfelek_importnaplo_changelist"))
        assert valasz.status_code == 200 and valasz.context["cl"].result_count == darab
        szamok.append(len(lekerdezesek))
    assert szamok[0] == szamok[1]
