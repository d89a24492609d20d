"""A new household member: found by a search on the page, within the household's project, and saved."""

import datetime

import pytest
from django.urls import reverse

from core.testing import factories as f
from ugyfelek.models import HaztartasTag

pytestmark = pytest.mark.django_db


def _url(vilag):
    return reverse("ugyfelek:haztartas_tag_uj", args=[vilag.haztartas.pk])


def test_the_page_lists_no_participant_unasked_and_finds_them_by_search(vilag, client_as):
    for i in range(30):
        f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev="Rejtett", utonev=f"Név{i}")
    c = client_as(vilag.mentor)
    oldal = c.get(_url(vilag)).content.decode()
    assert "Rejtett" not in oldal and "<select" not in oldal
    # No participant chosen yet: nothing to save.
    assert 'type="submit" class="btn btn-primary"' not in oldal

    resp = c.get(_url(vilag), {"q": "rejtett nev1"})
    talalatok = resp.context["talalatok"]
    assert talalatok and all(u.csaladi_nev == "Rejtett" and u.utonev.startswith("Név1") for u in talalatok)
    # At most 20 are shown, and the page says there are more.
    resp = c.get(_url(vilag), {"q": "rejtett"})
    assert len(resp.context["talalatok"]) == 20 and resp.context["tobb_talalat"]
    assert "pontosítsa a keresést" in resp.content.decode()
    assert c.get(_url(vilag), {"q": "r"}).context["tul_rovid"]


def test_the_search_and_the_saved_member_stay_in_the_households_project(vilag, client_as):
    c = client_as(vilag.koordinator)
    # Project B's participant is neither found nor accepted.
    assert not c.get(_url(vilag), {"q": vilag.ugyfel_b.csaladi_nev}).context["talalatok"]
    resp = c.post(_url(vilag), {"ugyfel": vilag.ugyfel_b.pk, "mettol": "2024-01-01"})
    assert resp.status_code == 200 and not HaztartasTag.objects.filter(ugyfel=vilag.ugyfel_b).exists()
    assert resp.context["form"].errors["ugyfel"]


def test_a_chosen_participant_is_saved_as_a_member(vilag, client_as):
    uj = f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev="Beköltöző", utonev="Anna")
    c = client_as(vilag.mentor)
    oldal = c.get(_url(vilag), {"ugyfel": uj.pk}).content.decode()
    assert "Beköltöző Anna" in oldal and f'name="ugyfel" value="{uj.pk}"' in oldal
    resp = c.post(_url(vilag), {"ugyfel": uj.pk, "mettol": "2024-03-01", "rokoni_kapcsolat": "unoka"})
    assert resp.status_code == 302
    tag = HaztartasTag.objects.get(ugyfel=uj)
    assert tag.haztartas == vilag.haztartas and tag.mettol == datetime.date(2024, 3, 1)
    assert tag.rokoni_kapcsolat == "unoka"


def test_saving_without_a_participant_says_what_to_do(vilag, client_as):
    resp = client_as(vilag.mentor).post(_url(vilag), {"mettol": "2024-03-01"})
    assert resp.status_code == 200
    assert "Keresse meg és válassza ki az ügyfelet." in resp.content.decode()
