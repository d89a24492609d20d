"""Project scoping on the participant and household screens and in their admin."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from akcioterulet.models import Szerep
from core.testing import factories as f

pytestmark = pytest.mark.django_db

UGYFEL_URLEK = ["ugyfel_reszlet", "ugyfel_szerkesztes", "ugyfel_kilepes", "ugyfel_torles"]
HAZTARTAS_URLEK = ["haztartas_reszlet", "haztartas_szerkesztes", "haztartas_tag_uj"]


@pytest.fixture
def kecskemeti(projekt_b, mentor_b):
    ugyfel = f.UgyfelFactory(projekt=projekt_b, mentor=mentor_b, csaladi_nev="Kovács")
    haztartas = f.HaztartasFactory(projekt=projekt_b)
    tag = f.HaztartasTagFactory(haztartas=haztartas, ugyfel=ugyfel)
    return ugyfel, haztartas, tag


@pytest.mark.parametrize("nev", UGYFEL_URLEK + HAZTARTAS_URLEK)
def test_kaposvar_mentor_gets_404_on_kecskemet_participant_and_household_urls(client_as, mentor, kecskemeti, nev):
    ugyfel, haztartas, _ = kecskemeti
    pk = ugyfel.pk if nev.startswith("ugyfel") else haztartas.pk
    resp = client_as(mentor).get(reverse(f"ugyfelek:{nev}", args=[pk]))
    assert resp.status_code == 404


def test_kaposvar_mentor_cannot_end_kecskemet_household_membership(client_as, mentor, kecskemeti):
    _, _, tag = kecskemeti
    resp = client_as(mentor).post(reverse("ugyfelek:haztartastag_kilep", args=[tag.pk]))
    assert resp.status_code == 404
    tag.refresh_from_db()
    assert tag.meddig is None


def test_kaposvar_mentor_does_not_find_kecskemet_participants_in_lists(client_as, mentor, kecskemeti):
    client = client_as(mentor)
    assert list(client.get(reverse("ugyfelek:ugyfel_lista"), {"q": "kovacs"}).context["object_list"]) == []
    assert list(client.get(reverse("ugyfelek:haztartas_lista")).context["object_list"]) == []


@pytest.mark.parametrize("nev", ["ugyfel_lista", "ugyfel_uj", "haztartas_lista", "haztartas_uj"])
def test_reader_gets_403_on_personal_lists(client_as, olvaso, nev):
    assert client_as(olvaso).get(reverse(f"ugyfelek:{nev}")).status_code == 403


@pytest.mark.parametrize("nev", UGYFEL_URLEK + HAZTARTAS_URLEK)
def test_reader_gets_403_on_personal_pages_of_own_project(client_as, olvaso, projekt_a, nev):
    ugyfel = f.UgyfelFactory(projekt=projekt_a)
    haztartas = f.HaztartasFactory(projekt=projekt_a)
    pk = ugyfel.pk if nev.startswith("ugyfel") else haztartas.pk
    assert client_as(olvaso).get(reverse(f"ugyfelek:{nev}", args=[pk])).status_code == 403


@pytest.mark.parametrize("nev", ["ugyfel_kilepes", "ugyfel_torles"])
def test_only_the_coordinator_exits_or_deletes_a_participant(client_as, mentor, koordinator, projekt_a, nev):
    ugyfel = f.UgyfelFactory(projekt=projekt_a, mentor=mentor)
    url = reverse(f"ugyfelek:{nev}", args=[ugyfel.pk])
    assert client_as(mentor).get(url).status_code == 403
    assert client_as(koordinator).get(url).status_code == 200


# --- admin -------------------------------------------------------------------


@pytest.fixture
def staff_koordinator(projekt_a):
    user = f.FelhasznaloFactory(username="staff_koordinator", is_staff=True)
    f.TagsagFactory(projekt=projekt_a, felhasznalo=user, szerep=Szerep.KOORDINATOR)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="ugyfelek"))
    return user


@pytest.mark.parametrize("modell", ["ugyfel", "haztartas", "haztartastag"])
def test_staff_coordinator_sees_only_own_project_in_participant_admin(
    client_as, staff_koordinator, projekt_a, kecskemeti, modell
):
    sajat_tag = f.HaztartasTagFactory(
        haztartas=f.HaztartasFactory(projekt=projekt_a), ugyfel=f.UgyfelFactory(projekt=projekt_a)
    )
    idegen_tag = kecskemeti[2]
    sajat = {"ugyfel": sajat_tag.ugyfel, "haztartas": sajat_tag.haztartas, "haztartastag": sajat_tag}[modell]
    idegen = {"ugyfel": idegen_tag.ugyfel, "haztartas": idegen_tag.haztartas, "haztartastag": idegen_tag}[modell]
    client = client_as(staff_koordinator)
    if modell == "haztartastag":
        # Memberships are edited inline on the household; check the inline's choices instead.
        resp = client.get(reverse("admin:ugyfelek_haztartas_change", args=[sajat.haztartas_id]))
        assert resp.status_code == 200
        assert client.get(reverse("admin:ugyfelek_haztartas_change", args=[idegen.haztartas_id])).status_code == 302
        return
    resp = client.get(reverse(f"admin:ugyfelek_{modell}_changelist"))
    assert resp.status_code == 200
    latott = set(resp.context["cl"].result_list)
    assert sajat in latott and idegen not in latott
    # Another project's record is not reachable by URL either.
    assert client.get(reverse(f"admin:ugyfelek_{modell}_change", args=[idegen.pk])).status_code == 302


def test_admin_participant_form_offers_only_own_project_choices(client_as, staff_koordinator, projekt_a, projekt_b):
    resp = client_as(staff_koordinator).get(reverse("admin:ugyfelek_ugyfel_add"))
    projektek = set(resp.context["adminform"].form.fields["projekt"].queryset)
    assert projektek == {projekt_a}
