"""Acceptance journey of trainings in a real browser (system Chromium through Playwright).

A coordinator creates a cohort of the forklift training, enrols 12 participants and adds 5
sessions; a mentor on a phone ticks attendance; the grid shows each person's share and proposes
"completed" for exactly those at 80% or more.
"""

import datetime
import re

import pytest

from core.testing import factories as f
from core.testing.bongeszo import axe_ellenorzes
from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Jelenlet, Kepzes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JELSZO = "titkos-jelszo-123"
# How many of the 5 sessions each of the 12 enrolees attends (in name order).
ALKALMAK_SZAMA = [5, 5, 4, 4, 4, 3, 3, 2, 5, 1, 0, 4]


@pytest.fixture
def kepzes_chromium(browser):
    """The shared session browser (one Playwright instance per process)."""
    return browser


def _oldal(bongeszo, **kwargs):
    context = bongeszo.new_context(locale="hu-HU", **kwargs)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _akadalymentes(page):
    """No WCAG 2.1 A/AA violation that axe-core can find on the current page."""
    axe_ellenorzes(page)


def _belep(page, live_server, user):
    page.goto(f"{live_server.url}/belepes/")
    page.get_by_label("Felhasználónév").fill(user.username)
    page.get_by_label("Jelszó").fill(JELSZO)
    page.get_by_role("button", name="Belépés").click()
    page.wait_for_url(lambda url: "/belepes/" not in url)


def test_cohort_enrolment_sessions_phone_ticks_and_completion_proposal(
    kepzes_chromium, live_server, projekt_a, koordinator, mentor
):
    kepzes = Kepzes.objects.create(nev="Targoncavezető", tipus="szakkepesites", oraszam=90, also_korhatar=18)
    emberek = [
        f.UgyfelFactory(projekt=projekt_a, csaladi_nev=f"Targonca{i:02d}", utonev="Ödön", mentor=mentor)
        for i in range(14)
    ]
    beiratandok = emberek[:12]

    # --- the coordinator, at the office ---------------------------------------------------------
    context, page = _oldal(kepzes_chromium, viewport={"width": 1280, "height": 900})
    _belep(page, live_server, koordinator)
    page.get_by_role("link", name="Képzések").first.click()
    page.get_by_role("link", name="Új csoport").click()
    page.fill("#id_nev", "Targonca 2021/1")
    page.fill("#id_kezdete", "2021-03-01")
    page.fill("#id_letszam", "12")
    page.get_by_role("button", name="Mentés").click()
    page.wait_for_url("**/csoport/*/")
    csoport = Csoport.objects.get()
    assert (csoport.kepzes, csoport.projekt) == (kepzes, projekt_a)

    _akadalymentes(page)
    page.get_by_role("link", name="Beiratkozás").click()
    page.wait_for_url("**/csoport/*/felvetel/")
    _akadalymentes(page)
    for u in beiratandok:
        page.get_by_label(u.nev, exact=False).check()
    page.get_by_role("button", name="Mentés").click()
    page.wait_for_url("**/csoport/*/")
    assert Beiratkozas.objects.filter(csoport=csoport).count() == 12

    for i in range(5):
        page.get_by_role("link", name="Új foglalkozás").click()
        page.wait_for_url("**/csoport/*/uj-foglalkozas/")
        if i == 0:
            _akadalymentes(page)
        page.fill("#id_datum", f"2021-03-{i + 2:02d}")
        page.fill("#id_kezdes", "08:00")
        page.fill("#id_befejezes", "12:00")
        page.fill("#id_tema", f"Targoncavezetés {i + 1}.")
        page.get_by_role("button", name="Mentés").click()
        page.wait_for_url("**/csoport/*/")
    assert Foglalkozas.objects.filter(csoport=csoport).count() == 5
    context.close()

    # --- the mentor, on a phone ---------------------------------------------------------------------
    context, page = _oldal(kepzes_chromium, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    _belep(page, live_server, mentor)
    rendezett = sorted(beiratandok, key=lambda u: (u.csaladi_nev, u.utonev, u.pk))
    for n, alkalom in enumerate(Foglalkozas.objects.filter(csoport=csoport).order_by("datum")):
        page.goto(f"{live_server.url}/kepzesek/foglalkozas/{alkalom.pk}/jelenlet/")
        for u, db in zip(rendezett, ALKALMAK_SZAMA, strict=True):
            if n < db:
                page.locator(f"label[for=jelen-{u.pk}]").tap()
        if n == 0:
            _akadalymentes(page)
        page.get_by_role("button", name="Jelenlét mentése").tap()
        page.wait_for_selector(".alert-success")
    assert Jelenlet.objects.filter(foglalkozas__csoport=csoport).count() == sum(ALKALMAK_SZAMA)
    # The checklist is usable at 360 px: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()

    # --- the coordinator reads the grid ---------------------------------------------------------------
    context, page = _oldal(kepzes_chromium, viewport={"width": 1280, "height": 900})
    _belep(page, live_server, koordinator)
    page.goto(f"{live_server.url}/kepzesek/csoport/{csoport.pk}/")
    page.get_by_role("link", name="Jelenléti táblázat").click()
    page.wait_for_url("**/csoport/*/jelenlet/")
    _akadalymentes(page)
    for u, db in zip(rendezett, ALKALMAK_SZAMA, strict=True):
        sor = page.locator(f"tr[data-ugyfel='{u.pk}']")
        assert sor.locator("td.arany").inner_text().strip() == f"{db * 20}%"
        assert sor.locator(".javaslat").count() == (1 if db >= 4 else 0), u.nev
    assert page.locator("button.javaslat").count() == sum(1 for db in ALKALMAK_SZAMA if db >= 4)

    # Accepting one proposal marks that enrolee completed.
    elso = rendezett[0]
    page.locator(f"tr[data-ugyfel='{elso.pk}'] button.javaslat").click()
    page.wait_for_selector(".alert-success")
    assert Beiratkozas.objects.get(csoport=csoport, ugyfel=elso).statusz == "elvegezte"
    assert page.locator("button.javaslat").count() == sum(1 for db in ALKALMAK_SZAMA if db >= 4) - 1
    context.close()


def test_programme_pages_and_upcoming_sessions_are_accessible(kepzes_chromium, live_server, projekt_a, koordinator):
    from django.utils import timezone

    from kozosseg.models import Alkalom, Jelentkezes, Program

    program = Program.objects.create(projekt=projekt_a, nev="Női önsegítő klub", tipus="klub", celcsoport="nők")
    alkalom = Alkalom.objects.create(
        program=program, datum=timezone.localdate() + datetime.timedelta(days=3), letszam_nem_regisztralt=4
    )
    u = f.UgyfelFactory(projekt=projekt_a)
    Jelentkezes.objects.create(program=program, ugyfel=u, datum=alkalom.datum)
    kepzes = Kepzes.objects.create(nev="Parkgondozó", tipus="szakkepesites", oraszam=120)
    Csoport.objects.create(projekt=projekt_a, kepzes=kepzes, kezdete=alkalom.datum)
    context, page = _oldal(kepzes_chromium, viewport={"width": 360, "height": 740}, is_mobile=True)
    _belep(page, live_server, koordinator)
    for ut in [
        "/kepzesek/",
        "/programok/",
        f"/programok/program/{program.pk}/",
        f"/programok/alkalom/{alkalom.pk}/",
        f"/programok/alkalom/{alkalom.pk}/jelenlet/",
        f"/programok/program/{program.pk}/felvetel/",
        "/programok/program/uj/",
        "/alkalmak/",
    ]:
        page.goto(live_server.url + ut)
        _akadalymentes(page)
    assert "Női önsegítő klub" in page.content()
    context.close()


def test_an_admin_narrows_the_countrys_training_list_by_keyboard(
    kepzes_chromium, live_server, projekt_a, projekt_b, admin_user
):
    kepzes = Kepzes.objects.create(nev="Parkgondozó", tipus="szakkepesites", oraszam=120)
    for projekt, nev in [(projekt_a, "Kaposvári park"), (projekt_b, "Kecskeméti park")]:
        Csoport.objects.create(projekt=projekt, kepzes=kepzes, kezdete=datetime.date(2021, 3, 1), nev=nev)
    context, page = _oldal(kepzes_chromium, viewport={"width": 1280, "height": 900})
    _belep(page, live_server, admin_user)
    page.goto(f"{live_server.url}/kepzesek/")
    assert "2 csoport 2 projektben." in page.content()
    _akadalymentes(page)

    # The project drop-down by its label, then on with Tab past the training to the button.
    page.get_by_label("Projekt").focus()
    page.keyboard.press("End")  # the last project: Kecskemét (by code)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Szűrés"
    page.keyboard.press("Enter")
    page.wait_for_url("**/kepzesek/?projekt=*")
    assert page.get_by_role("link", name="Kecskeméti park").is_visible()
    assert page.get_by_role("link", name="Kaposvári park").count() == 0
    _akadalymentes(page)

    # Every project again; one training's cohorts through its link, by keyboard.
    page.goto(f"{live_server.url}/kepzesek/")
    # The link's name tells the trainings' links apart (the training's name, hidden on screen).
    page.get_by_role("link", name=re.compile(r"^A csoportok listája\W+Parkgondozó$")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/kepzesek/?kepzes=*")
    assert "Csoportok: 2" in page.content()
    _akadalymentes(page)
    context.close()
