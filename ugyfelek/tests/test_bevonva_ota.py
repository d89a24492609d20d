"""``Ugyfel.bevonva_ota`` and ``Ugyfel.elso_terv`` stay what the agreement date and the plans say on every write
path of both."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse

from akcioterulet import demo as akcioterulet_demo
from core.models import Valtozas
from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from indikatorok.definitions import INDIKATOROK, Idoszak
from ugyfelek import bevonas, demo, demo_mentoralas
from ugyfelek.models import FejlesztesiTerv, Haztartas, HaztartasTag, Ugyfel
from ugyfelek.services import terv_mentes, ugyfel_anonimizalas

from .importalas_segito import sor, xlsx
from .test_ervenyesites import _urlap_adatok

D = datetime.date


def _rendben():
    """Every participant's stored involvement date and first plan's date equal those computed from the records."""
    elteresek = [
        (u.pk, u.bevonva_ota, u.szamolt, u.elso_terv, u.terv)
        for u in Ugyfel.objects.annotate(szamolt=bevonas.bevonva_ota_kifejezes(), terv=bevonas.elso_terv_kifejezes())
        if (u.bevonva_ota, u.elso_terv) != (u.szamolt, u.terv)
    ]
    assert not elteresek


def _bevonva(ugyfel):
    return Ugyfel.objects.values_list("bevonva_ota", flat=True).get(pk=ugyfel.pk)


def _terv(ugyfel, keszult, mentor, **kwargs):
    return ft.FejlesztesiTervFactory(
        projekt=ugyfel.projekt, ugyfel=ugyfel, keszult=keszult, keszitette=mentor, **kwargs
    )


def test_a_new_participant_is_involved_from_the_agreement_or_not_at_all(projekt_a):
    assert _bevonva(f.UgyfelFactory(projekt=projekt_a)) is None
    assert _bevonva(f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 5, 1))) == D(2021, 5, 1)
    _rendben()


def test_the_agreement_date_set_moved_and_cleared(projekt_a, mentor):
    u = f.UgyfelFactory(projekt=projekt_a)
    u.megallapodas_datuma = D(2021, 7, 1)
    u.save()
    assert _bevonva(u) == D(2021, 7, 1)
    _terv(u, D(2021, 6, 1), mentor)
    assert _bevonva(u) == D(2021, 6, 1)  # the plan is earlier
    u.megallapodas_datuma = D(2021, 5, 1)
    u.save(update_fields=["megallapodas_datuma"])
    assert _bevonva(u) == D(2021, 5, 1)
    u.megallapodas_datuma = None
    u.save()
    assert _bevonva(u) == D(2021, 6, 1)  # the plan alone
    _rendben()


def test_plans_created_edited_and_moved(projekt_a, mentor):
    a = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 9, 1))
    b = f.UgyfelFactory(projekt=projekt_a)
    terv = terv_mentes(terv=FejlesztesiTerv(projekt=projekt_a, ugyfel=a, keszult=D(2021, 8, 1), keszitette=mentor))
    assert _bevonva(a) == D(2021, 8, 1)
    terv.keszult = D(2021, 10, 1)  # now after the agreement
    terv_mentes(terv=terv)
    assert _bevonva(a) == D(2021, 9, 1)
    terv.keszult = D(2021, 3, 1)
    terv.save()
    assert _bevonva(a) == D(2021, 3, 1)
    # Moved to another participant: both are recomputed.
    terv.ugyfel = b
    terv.save()
    assert _bevonva(a) == D(2021, 9, 1) and _bevonva(b) == D(2021, 3, 1)
    # Moved to a household: a household plan involves no one.
    terv.ugyfel, terv.haztartas = None, f.HaztartasFactory(projekt=projekt_a)
    terv.save()
    assert _bevonva(b) is None
    _rendben()


def test_the_plan_screen_records_the_involvement(vilag, client_as):
    from .test_terv import _terv_adat

    uj = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    c = client_as(vilag.mentor)
    assert c.post(reverse("ugyfelek:terv_uj", args=[uj.pk]), _terv_adat(keszult="2026-01-31")).status_code == 302
    assert _bevonva(uj) == D(2026, 1, 31)
    terv = FejlesztesiTerv.objects.get(ugyfel=uj)
    adat = _terv_adat(keszult="2026-01-15", **{"cel-TOTAL_FORMS": "0"})
    assert c.post(reverse("ugyfelek:terv_szerkesztes", args=[terv.pk]), adat).status_code == 302
    assert _bevonva(uj) == D(2026, 1, 15)
    # The participant's page shows the stored date.
    assert "2026. 01. 15. óta" in c.get(reverse("ugyfelek:ugyfel_reszlet", args=[uj.pk])).content.decode()
    _rendben()


def test_deleting_plans_one_by_one_in_bulk_and_by_cascade(projekt_a, mentor):
    u = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 9, 1))
    elso, masodik, harmadik = (_terv(u, D(2021, m, 1), mentor) for m in (3, 4, 5))
    assert _bevonva(u) == D(2021, 3, 1)
    elso.delete()
    assert _bevonva(u) == D(2021, 4, 1)
    FejlesztesiTerv.objects.filter(pk=masodik.pk).delete()
    assert _bevonva(u) == D(2021, 5, 1)
    FejlesztesiTerv.objects.filter(pk__in=[harmadik.pk]).delete()
    assert _bevonva(u) == D(2021, 9, 1)
    # A participant or household deleted takes their plans along.
    masik = f.UgyfelFactory(projekt=projekt_a)
    _terv(masik, D(2021, 2, 1), mentor)
    haztartas = f.HaztartasFactory(projekt=projekt_a)
    HaztartasTag.objects.create(haztartas=haztartas, ugyfel=u, mettol=D(2021, 1, 1))
    ft.FejlesztesiTervFactory(projekt=projekt_a, ugyfel=None, haztartas=haztartas, keszult=D(2021, 1, 1))
    Ugyfel.objects.get(pk=masik.pk).delete()
    Haztartas.objects.get(pk=haztartas.pk).delete()
    assert _bevonva(u) == D(2021, 9, 1)
    _rendben()


def test_a_participant_saved_from_a_stale_copy_keeps_the_involvement(projekt_a, mentor):
    u = f.UgyfelFactory(projekt=projekt_a)
    regi_peldany = Ugyfel.objects.get(pk=u.pk)
    _terv(u, D(2021, 6, 1), mentor)
    regi_peldany.telefon = "+36 30 123 4567"
    regi_peldany.save()
    assert _bevonva(u) == D(2021, 6, 1)
    _rendben()  # the first plan's date too
    assert Ugyfel.objects.get(pk=u.pk).telefon == "+36 30 123 4567"
    # Derived columns: the change history never mentions them.
    bejegyzesek = Valtozas.objects.filter(modell="ugyfelek.ugyfel", objektum_id=str(u.pk))
    assert bejegyzesek.exists()
    assert not any({"bevonva_ota", "elso_terv"} & set(b.valtozasok) for b in bejegyzesek)


def test_the_participant_forms_record_the_agreement(client_as, koordinator, mentor, projekt_a):
    c = client_as(koordinator)
    resp = c.post(reverse("ugyfelek:ugyfel_uj"), _urlap_adatok(projekt_a, megallapodas_datuma="2021-04-01"))
    assert resp.status_code == 302
    u = Ugyfel.objects.get(csaladi_nev="Próba")
    assert _bevonva(u) == D(2021, 4, 1)
    adatok = _urlap_adatok(projekt_a, taj=u.taj, megallapodas_datuma="2021-04-20")
    del adatok["projekt"]
    assert c.post(reverse("ugyfelek:ugyfel_szerkesztes", args=[u.pk]), adatok).status_code == 302
    assert _bevonva(u) == D(2021, 4, 20)
    resp = c.post(
        reverse("ugyfelek:ugyfel_kilepes", args=[u.pk]), {"kilepes_datuma": "2021-12-01", "kilepes_oka": "elkoltozott"}
    )
    assert resp.status_code == 302 and _bevonva(u) == D(2021, 4, 20)
    _rendben()


def test_the_import_fills_it_for_new_rows_and_changed_agreements(projekt_a, koordinator, mentor, tmp_path, settings):
    from ugyfelek.importalas.services import importalas_fajlbol

    settings.KAPOCS_IMPORT_MAPPA = str(tmp_path / "import")
    valtozo = f.UgyfelFactory(projekt=projekt_a, taj=sor(1)["TAJ szám"], megallapodas_datuma=D(2021, 9, 1))
    tervvel = f.UgyfelFactory(projekt=projekt_a, taj=sor(2)["TAJ szám"])
    _terv(tervvel, D(2021, 2, 1), mentor)
    megallapodas = "Együttműködési megállapodás dátuma"
    utvonal = xlsx(
        tmp_path / "a.xlsx",
        [
            sor(1, **{megallapodas: D(2021, 4, 1)}),
            sor(2, **{"Cím": "Új utca 1.", megallapodas: D(2021, 5, 1)}),
            sor(3, **{megallapodas: D(2021, 6, 1)}),
            sor(4),
        ],
    )
    importalas_fajlbol(projekt=projekt_a, utvonal=utvonal, fajlnev="a.xlsx", felhasznalo=koordinator, dry_run=False)
    assert _bevonva(valtozo) == D(2021, 4, 1)
    assert _bevonva(tervvel) == D(2021, 2, 1)  # the plan is still earlier
    assert Ugyfel.objects.get(csaladi_nev="Importált3").bevonva_ota == D(2021, 6, 1)
    assert Ugyfel.objects.get(csaladi_nev="Importált4").bevonva_ota is None
    _rendben()


def test_anonymisation_keeps_the_involvement(projekt_a, mentor):
    u = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2021, 9, 1))
    _terv(u, D(2021, 7, 1), mentor)
    ugyfel_anonimizalas(ugyfel=u)
    assert _bevonva(u) == D(2021, 7, 1)
    _rendben()


def test_the_admin_deletes_plans_with_the_involvement_kept(projekt_a, mentor, admin_user, client):
    u = f.UgyfelFactory(projekt=projekt_a)
    terv = _terv(u, D(2021, 7, 1), mentor)
    client.force_login(admin_user)
    resp = client.post(
        reverse("admin:ugyfelek_fejlesztesiterv_changelist"),
        {"action": "delete_selected", "_selected_action": [terv.pk], "post": "yes"},
    )
    assert resp.status_code == 302 and _bevonva(u) is None
    _rendben()


def test_the_demo_data_and_the_migration_fill_it_as_the_records_say(db):
    akcioterulet_demo.epit(io.StringIO())
    demo.epit(io.StringIO())
    demo_mentoralas.epit(io.StringIO())
    assert Ugyfel.objects.filter(bevonva_ota__isnull=False).exists()
    _rendben()
    # The data migrations recompute every participant from scratch.
    Ugyfel.objects.update(bevonva_ota=None, elso_terv=None)
    importlib.import_module("ugyfelek.migrations.0010_ugyfel_bevonva_ota_kitoltes").kitoltes(apps, None)
    importlib.import_module("ugyfelek.migrations.0020_ugyfel_elso_terv").kitoltes(apps, None)
    assert Ugyfel.objects.filter(bevonva_ota__isnull=False).exists()
    assert Ugyfel.objects.filter(elso_terv__isnull=False).exists()
    _rendben()


def test_the_indicators_read_the_stored_date(projekt_a, mentor):
    """The figure follows the column: a plan recorded moves a participant into the period."""
    u = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=D(2022, 5, 1))
    idoszak = Idoszak(D(2021, 1, 1), D(2021, 12, 31))
    bevont = INDIKATOROK["bevont"]
    assert bevont.ertek(projekt_a, idoszak) == 0
    _terv(u, D(2021, 6, 1), mentor)
    assert bevont.ertek(projekt_a, idoszak) == 1
    assert list(bevont.queryset(projekt_a, idoszak).values_list("bevonas_napja", flat=True)) == [D(2021, 6, 1)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_plans_of_one_person_written_at_once_leave_the_earlier_date(projekt_a, mentor, egyszerre):
    """The earlier plan is saved first and commits while the later one waits: the earlier date stays."""
    ugyfel = f.UgyfelFactory(projekt=projekt_a, mentor=mentor)
    egyszerre(lambda: _terv(ugyfel, D(2021, 3, 1), mentor), lambda: _terv(ugyfel, D(2021, 9, 1), mentor))
    assert _bevonva(ugyfel) == D(2021, 3, 1)
    _rendben()
