"""Issue 2 journey: a mentor on a phone finds a participant without typing accents and updates the phone number."""

import re

import pytest
from playwright.sync_api import expect

from core.testing import factories as f
from tests.browser.conftest import axe_ellenorzes, bejelentkezes
from ugyfelek.models import Ugyfel

pytestmark = pytest.mark.browser

JELSZO = "titkos-jelszo-123"


def test_mentor_on_phone_finds_kovacs_by_typing_kovacs_and_changes_phone_number(
    telefon, live_server, transactional_db, projekt_a, mentor
):
    page = telefon
    kovacs = f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Kovács", utonev="Ilona", telefon="")
    for i in range(3):
        f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Próba", utonev=f"Ágnes{i}")

    page.goto(f"{live_server.url}/belepes/")
    axe_ellenorzes(page)
    bejelentkezes(page, live_server, mentor.username, JELSZO)
    axe_ellenorzes(page)

    # On a phone the menu is folded behind the toggler.
    page.get_by_role("button", name="Menü megnyitása").click()
    page.get_by_role("navigation", name="Fő navigáció").get_by_role("link", name="Ügyfelek").click()
    expect(page.get_by_role("heading", name="Ügyfelek")).to_be_visible()
    axe_ellenorzes(page)

    page.get_by_label("Keresés").fill("kovacs")
    page.get_by_role("button", name="Keresés").click()
    expect(page).to_have_url(re.compile(r"q=kovacs"))
    talalat = page.get_by_role("link", name="Kovács Ilona")
    expect(talalat).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Próba"))).to_have_count(0)
    axe_ellenorzes(page)

    talalat.tap()
    expect(page.get_by_role("heading", name="Kovács Ilona")).to_be_visible()
    axe_ellenorzes(page)

    page.get_by_role("link", name="Szerkesztés").tap()
    expect(page.get_by_role("heading", name=re.compile("Kovács Ilona"))).to_be_visible()
    axe_ellenorzes(page)
    page.get_by_label("Telefon").fill("+36 30 555 1234")
    page.get_by_role("button", name="Mentés").click()

    expect(page.get_by_role("heading", name="Kovács Ilona")).to_be_visible()
    expect(page.get_by_text("+36 30 555 1234")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("elmentettük")
    axe_ellenorzes(page)
    kovacs.refresh_from_db()
    assert kovacs.telefon == "+36 30 555 1234"
    assert Ugyfel.objects.count() == 4
