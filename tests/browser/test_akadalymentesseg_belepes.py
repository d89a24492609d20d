"""Accessibility (WCAG 2.1 AA) of the pages every visitor meets, checked with axe-core in Chromium.

The fixtures here carry their own names so that they sit beside the journeys' shared ones
(tests/browser/conftest.py) without clashing; the browser itself is shared when it exists.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

WCAG_CIMKEK = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def a11y_bongeszo(browser):
    """The shared session browser (one Playwright instance per process)."""
    return browser


@pytest.fixture
def a11y_oldal(a11y_bongeszo):
    """A phone-sized page (360 px wide, as the mentors use it in the field)."""
    kontextus = a11y_bongeszo.new_context(viewport={"width": 360, "height": 740}, locale="hu-HU")
    oldal = kontextus.new_page()
    yield oldal
    kontextus.close()


def axe_hibak(oldal) -> str:
    """The WCAG 2.0/2.1 A and AA violations axe-core finds on the page, as readable text ('' if none)."""
    from axe_playwright_python.sync_playwright import Axe

    eredmeny = Axe().run(oldal, options={"runOnly": {"type": "tag", "values": WCAG_CIMKEK}})
    return eredmeny.generate_report() if eredmeny.violations_count else ""


def test_login_page_has_no_wcag_violations_empty_and_with_an_error(a11y_oldal, live_server, mentor):
    a11y_oldal.goto(live_server.url + reverse("login"))
    assert a11y_oldal.get_by_role("heading", name="Bejelentkezés", level=1).is_visible()
    assert axe_hibak(a11y_oldal) == ""
    # Bootstrap removes the outline of focused form fields; kapocs.css puts a solid one back.
    felhasznalonev = a11y_oldal.get_by_label("Felhasználónév")
    assert felhasznalonev.evaluate("el => { el.focus(); return getComputedStyle(el).outlineStyle; }") == "solid"

    felhasznalonev.fill(mentor.username)
    a11y_oldal.get_by_label("Jelszó").fill("nem-ez-a-jelszo")
    a11y_oldal.get_by_role("button", name="Belépés").click()
    hiba = a11y_oldal.get_by_role("alert")
    assert "helyes felhasználónév" in hiba.inner_text()
    assert a11y_oldal.title().startswith("Hiba:")
    assert axe_hibak(a11y_oldal) == ""


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(a11y_oldal, live_server, db):
    # Not the login page: its user name field takes the focus on load.
    a11y_oldal.goto(live_server.url + reverse("akadalymentesseg"))
    a11y_oldal.keyboard.press("Tab")
    ugro = a11y_oldal.get_by_role("link", name="Ugrás a tartalomra")
    assert ugro.evaluate("el => el === document.activeElement")
    doboz = ugro.bounding_box()
    assert doboz and doboz["x"] >= 0 and doboz["y"] >= 0, "a fókuszált ugróhivatkozásnak látszania kell"
    a11y_oldal.keyboard.press("Enter")
    assert a11y_oldal.evaluate("document.activeElement.id") == "tartalom"


def test_accessibility_statement_has_no_wcag_violations(a11y_oldal, live_server, db):
    a11y_oldal.goto(live_server.url + reverse("akadalymentesseg"))
    assert a11y_oldal.get_by_role("heading", name="Akadálymentességi nyilatkozat", level=1).is_visible()
    assert axe_hibak(a11y_oldal) == ""


def test_participant_and_household_pages_have_no_wcag_violations(a11y_oldal, live_server, client, vilag):
    client.force_login(vilag.koordinator)
    a11y_oldal.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    oldalak = [
        (reverse("ugyfelek:ugyfel_lista"), "Ügyfelek"),
        (reverse("ugyfelek:ugyfel_lista") + "?q=nincs-ilyen-nev", "Ügyfelek"),
        (reverse("ugyfelek:ugyfel_reszlet", args=[vilag.ugyfel.pk]), vilag.ugyfel.nev),
        (reverse("ugyfelek:haztartas_lista"), "Háztartások"),
        (reverse("ugyfelek:haztartas_reszlet", args=[vilag.haztartas.pk]), str(vilag.haztartas)),
    ]
    for url, cim in oldalak:
        a11y_oldal.goto(live_server.url + url)
        assert a11y_oldal.get_by_role("heading", level=1).inner_text().strip() == cim
        assert axe_hibak(a11y_oldal) == "", url

    # A form sent empty: the errors are announced and tied to their fields.
    a11y_oldal.goto(live_server.url + reverse("ugyfelek:ugyfel_uj"))
    a11y_oldal.locator("main").get_by_role("button", name="Mentés").click()
    assert a11y_oldal.get_by_role("alert").first.is_visible()
    csaladi_nev = a11y_oldal.get_by_label("Családi név")
    assert csaladi_nev.get_attribute("aria-invalid") == "true"
    assert a11y_oldal.locator("#" + csaladi_nev.get_attribute("aria-describedby")).inner_text().strip()
    assert axe_hibak(a11y_oldal) == ""
