"""``manage.py demo_adatok`` builds the demo world once, changes nothing on a re-run, and never runs in production."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from akcioterulet.models import Felhasznalo, Projekt
from core.models import Valtozas
from ugyfelek.models import Haztartas, Ugyfel
from ugyfelek.validators import taj_ervenyes

pytestmark = pytest.mark.django_db


def _sorok():
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def _futtat():
    out = io.StringIO()
    call_command("demo_adatok", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    return _futtat()


def test_demo_builds_both_projects_with_participants_and_prints_logins(demo):
    kaposvar = Projekt.objects.get(kod="TOP-6.9.1-16-KA1-2020-00001")
    kecskemet = Projekt.objects.get(kod="TOP-6.9.1-16-KE1-2017-00001")
    assert Ugyfel.objects.filter(projekt=kaposvar).count() == 150
    assert Ugyfel.objects.filter(projekt=kecskemet).count() == 80
    assert str(kaposvar.adatmegorzes_vege) == "2027-12-31"
    for nev in ["admin", "kaposvar_koordinator", "kaposvar_mentor5", "kecskemet_mentor2", "olvaso"]:
        assert nev in demo
    assert "kapocs-demo-2026" in demo
    assert Felhasznalo.objects.get(username="kaposvar_mentor1").check_password("kapocs-demo-2026")


def test_demo_participants_are_valid_and_varied(demo):
    ugyfelek = Ugyfel.objects.select_related("projekt")
    assert all(taj_ervenyes(u.taj) for u in ugyfelek)
    assert all(u.kereso_szoveg and u.mentor_id for u in ugyfelek)
    assert all(u.projekt.kezdete <= u.bevonas_datuma <= u.projekt.vege for u in ugyfelek)
    assert Ugyfel.objects.kereses("kovacs").exists()
    for projekt in Projekt.objects.all():
        sajat = Ugyfel.objects.filter(projekt=projekt)
        osszes = sajat.count()
        assert 0 < sajat.hianyos().count() < osszes * 0.2
        assert 0 < sajat.filter(akcioteruleten_kivul=True).count() < osszes * 0.2
        assert 0 < sajat.kilepett().exclude(eredmeny_28="").count() < osszes * 0.2
        assert sajat.filter(megallapodas_datuma__isnull=False).count() > osszes * 0.7
        assert sajat.filter(akcioterulet__isnull=False).count() > osszes * 0.7
    assert not Haztartas.objects.filter(tagsagok__isnull=True).exists()


def test_demo_writes_history_entries_as_a_command(demo):
    ugyfel = Ugyfel.objects.first()
    bejegyzes = Valtozas.objects.get(modell="ugyfelek.ugyfel", objektum_id=str(ugyfel.pk))
    assert bejegyzes.forras == Valtozas.Forras.PARANCS
    assert bejegyzes.ugyfel_id == ugyfel.pk and bejegyzes.projekt_id == ugyfel.projekt_id
    assert Valtozas.objects.filter(modell="ugyfelek.haztartastag").count() == 230


def test_second_run_changes_nothing(demo):
    elotte = _sorok()
    ugyfelek = list(Ugyfel.objects.values())
    _futtat()
    assert _sorok() == elotte
    assert list(Ugyfel.objects.values()) == ugyfelek


def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_adatok", stdout=io.StringIO())
    assert not Projekt.objects.exists()
