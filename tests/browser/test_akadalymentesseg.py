"""The remaining participant and household screens pass axe (WCAG 2.1 A/AA) on a phone, errors shown included."""

import pytest

from core.testing import factories as f
from tests.browser.conftest import axe_ellenorzes, bejelentkezes

pytestmark = pytest.mark.browser


def test_household_and_coordinator_pages_have_no_accessibility_violations(
    telefon, live_server, transactional_db, projekt_a, koordinator
):
    page = telefon
    terulet = f.AkcioTeruletFactory(projekt=projekt_a, nev="Kaposszentjakab")
    ugyfel = f.UgyfelFactory(projekt=projekt_a, mentor=koordinator, csaladi_nev="Kovács", akcioterulet=terulet)
    tag = f.HaztartasTagFactory(haztartas=f.HaztartasFactory(projekt=projekt_a, nev="Kovács család"), ugyfel=ugyfel)
    bejelentkezes(page, live_server, koordinator.username, "titkos-jelszo-123")

    for utvonal in [
        "/ugyfelek/haztartasok/",
        f"/ugyfelek/haztartasok/{tag.haztartas_id}/",
        f"/ugyfelek/haztartasok/{tag.haztartas_id}/szerkesztes/",
        f"/ugyfelek/haztartasok/{tag.haztartas_id}/uj-tag/",
        f"/ugyfelek/{ugyfel.pk}/kilepes/",
        f"/ugyfelek/{ugyfel.pk}/torles/",
        "/akadalymentesseg/",
    ]:
        page.goto(live_server.url + utvonal)
        axe_ellenorzes(page)

    # A form sent back with errors: the messages must be tied to their fields.
    page.goto(f"{live_server.url}/ugyfelek/uj/")
    axe_ellenorzes(page)
    page.get_by_label("TAJ szám").fill("123 456 789")
    page.get_by_role("button", name="Mentés").click()
    page.get_by_text("A TAJ szám ellenőrző számjegye hibás.").wait_for()
    axe_ellenorzes(page)


def test_national_staff_choose_the_project_first_and_both_steps_pass_axe(
    telefon, live_server, transactional_db, projekt_a, projekt_b, admin_user
):
    """Someone who sees every project (a superuser) chooses the project of a new participant first, on a form of its
    own; the participant's form then offers that project's areas and staff. Both steps pass axe."""
    from playwright.sync_api import expect

    f.AkcioTeruletFactory(projekt=projekt_b, nev="Szentjakab")
    f.AkcioTeruletFactory(projekt=projekt_a, nev="Másik projekt területe")
    admin_user.set_password("titkos-jelszo-123")
    admin_user.save()
    page = telefon
    bejelentkezes(page, live_server, admin_user.username, "titkos-jelszo-123")
    page.goto(f"{live_server.url}/ugyfelek/uj/")
    expect(page.get_by_role("button", name="Tovább")).to_be_visible()
    expect(page.get_by_label("Családi név")).to_have_count(0)
    axe_ellenorzes(page)

    page.get_by_label("Projekt").select_option(value=str(projekt_b.pk))
    page.get_by_role("button", name="Tovább").click()
    expect(page.get_by_label("Családi név")).to_be_visible()
    expect(page.get_by_role("link", name="Másik projekt választása")).to_be_visible()
    teruletek = page.locator("#id_akcioterulet option").all_text_contents()
    assert any("Szentjakab" in t for t in teruletek) and not any("Másik projekt" in t for t in teruletek)
    axe_ellenorzes(page)
