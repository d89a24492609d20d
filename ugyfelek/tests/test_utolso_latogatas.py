"""``Ugyfel.utolso_latogatas`` stays what the visits say on every write path of a visit and of a participant."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from core.models import Valtozas
from core.testing import factories as f
from ugyfelek import demo_mentoralas
from ugyfelek.models import Haztartas, HaztartasTag, Latogatas, Ugyfel
from ugyfelek.selectors import utolso_latogatas_subquery
from ugyfelek.services import latogatas_rogzites, ugyfel_anonimizalas

from .importalas_segito import sor, xlsx
from .mentoralas_adatok import admin_adat
from .test_demo_mentoralas import _demo_vilag

MOST = timezone.now().replace(microsecond=0)


def napja(n):
    return MOST - datetime.timedelta(days=n)


def _rendben():
    """Every participant's stored last visit equals the one computed from the visits."""
    elteresek = [
        (u.pk, u.utolso_latogatas, u.szamolt)
        for u in Ugyfel.objects.annotate(szamolt=utolso_latogatas_subquery())
        if u.utolso_latogatas != u.szamolt
    ]
    assert not elteresek


def _utolso(ugyfel):
    return Ugyfel.objects.values_list("utolso_latogatas", flat=True).get(pk=ugyfel.pk)


@pytest.fixture
def csalad(projekt_a, mentor):
    """A household of three participants (the third moved out) and a participant living alone."""
    haztartas = f.HaztartasFactory(projekt=projekt_a)
    anya, apa, elkoltozott, egyedul = (f.UgyfelFactory(projekt=projekt_a, mentor=mentor) for _ in range(4))
    for tag in (anya, apa, elkoltozott):
        HaztartasTag.objects.create(haztartas=haztartas, ugyfel=tag, mettol=datetime.date(2021, 1, 1))
    HaztartasTag.objects.filter(ugyfel=elkoltozott).update(meddig=datetime.date(2022, 1, 1))
    return haztartas, anya, apa, elkoltozott, egyedul


def _rogzites(mentor, idopont, *, ugyfel=None, haztartas=None, jelenlevok=(), latogatas=None):
    return latogatas_rogzites(
        szerzo=mentor,
        idopont=idopont,
        tipus="csaladlatogatas",
        ugyfel=ugyfel,
        haztartas=haztartas,
        jelenlevok=jelenlevok,
        latogatas=latogatas,
    )


def test_a_new_participant_was_never_visited(projekt_a):
    assert _utolso(f.UgyfelFactory(projekt=projekt_a)) is None


def test_a_visit_records_the_participants_last_visit_and_an_older_one_does_not(csalad, mentor):
    *_, egyedul = csalad
    _rogzites(mentor, napja(3), ugyfel=egyedul)
    assert _utolso(egyedul) == napja(3)
    _rogzites(mentor, napja(10), ugyfel=egyedul)  # recorded late: an earlier visit
    assert _utolso(egyedul) == napja(3)
    _rendben()


def test_only_the_members_present_at_a_household_visit_were_visited(csalad, mentor):
    haztartas, anya, apa, elkoltozott, _ = csalad
    _rogzites(mentor, napja(2), haztartas=haztartas, jelenlevok=[anya])
    assert _utolso(anya) == napja(2)
    assert _utolso(apa) is None and _utolso(elkoltozott) is None
    _rendben()


def test_editing_a_visit_moves_the_last_visit_of_everyone_it_concerned_before_and_after(csalad, mentor):
    haztartas, anya, apa, _, egyedul = csalad
    _rogzites(mentor, napja(20), ugyfel=anya)
    lat = _rogzites(mentor, napja(1), haztartas=haztartas, jelenlevok=[anya])
    assert _utolso(anya) == napja(1)
    # Only the time was corrected: the same people were there.
    _rogzites(mentor, napja(3), haztartas=haztartas, jelenlevok=[anya], latogatas=lat)
    assert _utolso(anya) == napja(3)
    # The time moved earlier, and the father was there instead of the mother.
    _rogzites(mentor, napja(5), haztartas=haztartas, jelenlevok=[apa], latogatas=lat)
    assert _utolso(anya) == napja(20) and _utolso(apa) == napja(5)
    # It was a visit of someone else altogether.
    _rogzites(mentor, napja(4), ugyfel=egyedul, latogatas=lat)
    assert _utolso(apa) is None and _utolso(egyedul) == napja(4) and _utolso(anya) == napja(20)
    # Recorded for the wrong person: it was the mother's.
    _rogzites(mentor, napja(4), ugyfel=anya, latogatas=lat)
    assert _utolso(egyedul) is None and _utolso(anya) == napja(4)
    _rendben()


def test_members_present_changed_from_either_side_of_the_relation(csalad, mentor, projekt_a):
    haztartas, anya, apa, elkoltozott, _ = csalad
    lat = Latogatas.objects.create(projekt=projekt_a, szerzo=mentor, haztartas=haztartas, idopont=napja(6))
    lat.jelenlevok.add(anya, apa)
    assert _utolso(anya) == _utolso(apa) == napja(6)
    lat.jelenlevok.remove(apa)
    assert _utolso(apa) is None
    lat.jelenlevok.clear()
    assert _utolso(anya) is None
    elkoltozott.jelenleti_latogatasok.add(lat)
    assert _utolso(elkoltozott) == napja(6)
    elkoltozott.jelenleti_latogatasok.remove(lat)
    assert _utolso(elkoltozott) is None
    apa.jelenleti_latogatasok.set([lat])
    assert _utolso(apa) == napja(6)
    apa.jelenleti_latogatasok.clear()
    assert _utolso(apa) is None
    _rendben()


def test_deleting_a_visit_one_by_one_or_in_bulk(csalad, mentor):
    haztartas, anya, apa, _, egyedul = csalad
    regi = _rogzites(mentor, napja(30), haztartas=haztartas, jelenlevok=[anya, apa])
    uj = _rogzites(mentor, napja(2), haztartas=haztartas, jelenlevok=[anya])
    _rogzites(mentor, napja(1), ugyfel=egyedul)
    uj.delete()
    assert _utolso(anya) == napja(30)
    Latogatas.objects.filter(pk=regi.pk).delete()
    assert _utolso(anya) is None and _utolso(apa) is None
    Latogatas.objects.filter(ugyfel=egyedul).delete()
    assert _utolso(egyedul) is None
    _rendben()


def test_deleting_a_household_or_a_participant_takes_their_visits_along(csalad, mentor, projekt_a):
    haztartas, anya, apa, _, egyedul = csalad
    _rogzites(mentor, napja(8), ugyfel=anya)
    _rogzites(mentor, napja(3), haztartas=haztartas, jelenlevok=[anya, apa])
    # The admin allows a visit of a participant and a household at once: deleting the participant
    # deletes it, and those present lose it.
    Latogatas.objects.create(
        projekt=projekt_a, szerzo=mentor, ugyfel=egyedul, haztartas=haztartas, idopont=napja(1)
    ).jelenlevok.add(apa)
    assert _utolso(apa) == napja(1)
    egyedul.delete()
    assert _utolso(apa) == napja(3)
    Haztartas.objects.get(pk=haztartas.pk).delete()
    assert _utolso(anya) == napja(8) and _utolso(apa) is None
    _rendben()


def test_a_participant_saved_from_a_stale_copy_keeps_the_last_visit(csalad, mentor, client_as):
    *_, egyedul = csalad
    regi_peldany = Ugyfel.objects.get(pk=egyedul.pk)
    _rogzites(mentor, napja(2), ugyfel=egyedul)
    regi_peldany.telefon = "+36 30 123 4567"
    regi_peldany.save()
    assert _utolso(egyedul) == napja(2)
    assert Ugyfel.objects.get(pk=egyedul.pk).telefon == "+36 30 123 4567"
    # A derived column, not personal data: the change history never mentions it.
    bejegyzesek = Valtozas.objects.filter(modell="ugyfelek.ugyfel", objektum_id=str(egyedul.pk))
    assert bejegyzesek.exists() and not any("utolso_latogatas" in b.valtozasok for b in bejegyzesek)


def test_the_exit_form_keeps_the_last_visit(vilag, client_as):
    assert _utolso(vilag.ugyfel) == vilag.latogatas.idopont
    resp = client_as(vilag.koordinator).post(
        reverse("ugyfelek:ugyfel_kilepes", args=[vilag.ugyfel.pk]),
        {"kilepes_datuma": timezone.localdate().isoformat(), "kilepes_oka": "elkoltozott"},
    )
    assert resp.status_code == 302
    assert Ugyfel.objects.get(pk=vilag.ugyfel.pk).kilepes_datuma == timezone.localdate()
    assert _utolso(vilag.ugyfel) == vilag.latogatas.idopont


def test_the_import_keeps_the_last_visit_of_those_it_updates(projekt_a, koordinator, mentor, tmp_path, settings):
    from ugyfelek.importalas.services import importalas_fajlbol

    settings.KAPOCS_IMPORT_MAPPA = str(tmp_path / "import")
    meglevo = f.UgyfelFactory(projekt=projekt_a, taj=sor(1)["TAJ szám"], mentor=mentor)
    _rogzites(mentor, napja(4), ugyfel=meglevo)
    utvonal = xlsx(tmp_path / "a.xlsx", [sor(1, **{"Cím": "Új utca 1."}), sor(2)])
    importalas_fajlbol(projekt=projekt_a, utvonal=utvonal, fajlnev="a.xlsx", felhasznalo=koordinator, dry_run=False)
    meglevo.refresh_from_db()
    assert meglevo.cim == "Új utca 1." and meglevo.utolso_latogatas == napja(4)
    assert Ugyfel.objects.get(csaladi_nev="Importált2").utolso_latogatas is None
    _rendben()


def test_anonymisation_keeps_the_last_visit(csalad, mentor):
    haztartas, anya, *_ = csalad
    _rogzites(mentor, napja(3), haztartas=haztartas, jelenlevok=[anya])
    ugyfel_anonimizalas(ugyfel=anya)
    assert _utolso(anya) == napja(3)
    _rendben()


def test_the_admin_changes_and_deletes_visits_with_the_last_visit_kept(csalad, mentor, admin_user, client):
    haztartas, anya, apa, _, egyedul = csalad
    lat = _rogzites(mentor, napja(2), haztartas=haztartas, jelenlevok=[anya])
    client.force_login(admin_user)
    valtozas = reverse("admin:ugyfelek_latogatas_change", args=[lat.pk])
    resp = client.post(valtozas, admin_adat(lat, jelenlevok=[apa.pk]))
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    assert _utolso(anya) is None and _utolso(apa) == napja(2)
    resp = client.post(reverse("admin:ugyfelek_latogatas_delete", args=[lat.pk]), {"post": "yes"})
    assert resp.status_code == 302 and _utolso(apa) is None
    masik = _rogzites(mentor, napja(1), ugyfel=egyedul)
    resp = client.post(
        reverse("admin:ugyfelek_latogatas_changelist"),
        {"action": "delete_selected", "_selected_action": [masik.pk], "post": "yes"},
    )
    assert resp.status_code == 302 and _utolso(egyedul) is None
    _rendben()


def test_the_demo_data_and_the_migration_fill_it_as_the_visits_say(db):
    _demo_vilag()
    demo_mentoralas.epit(io.StringIO())
    assert Ugyfel.objects.filter(utolso_latogatas__isnull=False).exists()
    _rendben()
    # The data migration recomputes every participant from scratch.
    Ugyfel.objects.update(utolso_latogatas=None)
    importlib.import_module("ugyfelek.migrations.0008_ugyfel_utolso_latogatas_kitoltes").kitoltes(apps, None)
    assert Ugyfel.objects.filter(utolso_latogatas__isnull=False).exists()
    _rendben()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_visits_of_one_person_written_at_once_leave_the_later_time(projekt_a, mentor, egyszerre):
    """The later visit is saved first and commits while the earlier one waits: the later time stays."""
    ugyfel = f.UgyfelFactory(projekt=projekt_a, mentor=mentor)
    egyszerre(
        lambda: Latogatas.objects.create(projekt=projekt_a, szerzo=mentor, ugyfel=ugyfel, idopont=napja(1)),
        lambda: Latogatas.objects.create(projekt=projekt_a, szerzo=mentor, ugyfel=ugyfel, idopont=napja(9)),
    )
    assert _utolso(ugyfel) == napja(1)
