import pytest

from akcioterulet.models import UtcaSzakasz
from akcioterulet.selectors import akcioterulet_cimhez
from core.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def terulet(projekt_a):
    terulet = f.AkcioTeruletFactory(projekt=projekt_a, nev="Kaposszentjakab")
    f.UtcaSzakaszFactory(
        akcioterulet=terulet, utca="Kanizsai utca", hazszam_tol=151, hazszam_ig=249, oldal=UtcaSzakasz.Oldal.PARATLAN
    )
    f.UtcaSzakaszFactory(akcioterulet=terulet, utca="Jakabhegyi utca", hazszam_tol=2, oldal=UtcaSzakasz.Oldal.PAROS)
    f.UtcaSzakaszFactory(akcioterulet=terulet, utca="Apátság utca")
    return terulet


@pytest.mark.parametrize(
    "cim",
    [
        "Kanizsai utca 151.",
        "Kanizsai utca 249",
        "Kanizsai u. 201.",
        "kanizsai UTCA 175/A",
        "Apátság utca 3.",
        "Apatsag u 8",
    ],
)
def test_address_inside_a_segment_lies_in_the_action_area(terulet, projekt_a, cim):
    assert akcioterulet_cimhez(projekt_a, cim) == terulet


@pytest.mark.parametrize(
    "cim",
    [
        "Kanizsai utca 150.",  # even number on the odd side
        "Kanizsai utca 251.",  # past the end of the range
        "Kanizsai utca 149.",  # before the start of the range
        "Jakabhegyi utca 7.",  # odd number on the even side
        "Füredi utca 12.",  # another street
        "Kanizsai utca",  # no house number: only a whole-street segment matches
        "",
    ],
)
def test_address_outside_every_segment_lies_in_no_action_area(terulet, projekt_a, cim):
    assert akcioterulet_cimhez(projekt_a, cim) is None


def test_even_side_segment_without_upper_bound_takes_every_even_number_from_its_start(terulet, projekt_a):
    assert akcioterulet_cimhez(projekt_a, "Jakabhegyi u. 1000.") == terulet
    assert akcioterulet_cimhez(projekt_a, "Jakabhegyi utca 2") == terulet


def test_street_without_number_matches_a_whole_street_segment(terulet, projekt_a):
    assert akcioterulet_cimhez(projekt_a, "Apátság utca") == terulet


def test_another_projects_action_area_is_not_found(terulet, projekt_b):
    assert akcioterulet_cimhez(projekt_b, "Kanizsai utca 151.") is None
