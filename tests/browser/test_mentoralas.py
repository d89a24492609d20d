"""The mentor's minute on a phone: log a family visit in one screen, see it everywhere, close the follow-up.

Uses the shared session browser of ``tests/browser/conftest.py`` (one Playwright instance
per process: a second sync instance in the same process crashes).
"""

import datetime
import os

import pytest
from django.test import Client
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import HaztartasTag, KovetoFeladat, Latogatas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mentor_bongeszo(browser):
    """The shared session browser (one Playwright instance per process)."""
    return browser


@pytest.fixture
def mentor_telefon(mentor_bongeszo, live_server):
    """``belep(user)`` -> a 390 x 844 touch page signed in as ``user``."""
    contexts = []

    def belep(user):
        kliens = Client()
        kliens.force_login(user)
        context = mentor_bongeszo.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="hu-HU"
        )
        context.add_cookies([{"name": "sessionid", "value": kliens.cookies["sessionid"].value, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield belep
    for context in contexts:
        context.close()


def _axe(page):
    """No WCAG 2.1 A/AA violation found by axe-core on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    from core.testing.bongeszo import var_animaciokra

    var_animaciokra(page)
    eredmeny = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        },
    )
    hibak = [
        f"{h['id']}: {h['help']} ({', '.join(str(n['target']) for n in h['nodes'][:3])})"
        for h in eredmeny.response["violations"]
    ]
    assert not hibak, "\n".join(hibak)


def _nincs_vizszintes_gorgetes(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_mentor_logs_a_family_visit_on_a_phone(live_server, mentor_telefon, projekt_a, mentor):
    haztartas = f.HaztartasFactory(projekt=projekt_a, nev="Kovács család", cim="Rózsa utca 4.")
    anya = f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Kovács", utonev="Ilona")
    fiu = f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Kovács", utonev="Bence")
    for tag in (anya, fiu):
        HaztartasTag.objects.create(haztartas=haztartas, ugyfel=tag, mettol=datetime.date(2021, 1, 1))
    jovo_het = timezone.localdate() + datetime.timedelta(days=7)

    page = mentor_telefon(mentor)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Új látogatás").first.click()

    # Finder: a few letters without accents.
    page.get_by_label("Ügyfél vagy háztartás keresése").fill("kovacs cs")
    page.get_by_role("link", name="Kovács család").click()
    page.wait_for_url("**/latogatasok/uj/?haztartas=*")
    assert page.locator("[data-alany]").inner_text() == "Kovács család"
    assert page.get_by_label("családlátogatás").is_checked()  # the default kind

    page.get_by_text("Kovács Ilona", exact=True).click()
    page.get_by_text("Kovács Bence", exact=True).click()
    page.get_by_text("adósságkezelés", exact=True).click()
    page.get_by_text("gyermekek iskolai felzárkóztatása", exact=True).click()
    page.get_by_label("Feljegyzés").fill("A számlákat és a gyerekek tanulását beszéltük meg.")
    page.locator("[name=feladat-0-leiras]").fill("Részletfizetés kérése a szolgáltatótól")
    page.locator("[name=feladat-0-hatarido]").fill(jovo_het.isoformat())
    # The script adds further follow-up rows; an untouched one is ignored on save.
    page.get_by_role("button", name="+ Újabb teendő").click()
    assert page.locator("[name=feladat-1-leiras]").is_visible()
    assert page.locator("#id_feladat-TOTAL_FORMS").input_value() == "2"
    assert _nincs_vizszintes_gorgetes(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert _nincs_vizszintes_gorgetes(page)
    _axe(page)
    if os.environ.get("KAPOCS_KEPERNYOKEP"):
        page.screenshot(path=os.environ["KAPOCS_KEPERNYOKEP"] + "/latogatas.png", full_page=True)
    page.get_by_role("button", name="Mentés").click()
    page.wait_for_url("**/latogatasok/*/")

    lat = Latogatas.objects.get()
    assert set(lat.jelenlevok.all()) == {anya, fiu}
    assert set(lat.temak.values_list("tema", flat=True)) == {"adossagkezeles", "felzarkoztatas"}
    feladat = KovetoFeladat.objects.get()
    assert feladat.hatarido == jovo_het and feladat.felelos == mentor

    # On both members' timelines.
    for tag in (anya, fiu):
        page.goto(f"{live_server.url}/ugyfelek/{tag.pk}/")
        idovonal = page.locator("section[aria-labelledby=idovonal-cim]")
        assert "családlátogatás" in idovonal.inner_text()

    # On the mentor's home page: the visit, and the follow-up due next week, which "Kész" removes.
    page.goto(live_server.url + "/")
    assert "Kovács család" in page.locator("#legutobbi-latogatasok").inner_text()
    sor = page.locator(f"[data-feladat='{feladat.pk}']")
    assert sor.count() == 1
    with page.expect_navigation():
        sor.get_by_role("button", name="Kész").click()
    assert page.locator(f"[data-feladat='{feladat.pk}']").count() == 0
    feladat.refresh_from_db()
    assert feladat.kesz
    assert _nincs_vizszintes_gorgetes(page)
    _axe(page)
    if os.environ.get("KAPOCS_KEPERNYOKEP"):
        page.screenshot(path=os.environ["KAPOCS_KEPERNYOKEP"] + "/kezdolap.png", full_page=True)


def test_finder_searches_what_was_typed_before_its_script_arrived(live_server, mentor_telefon, projekt_a, mentor):
    """On a slow connection the mentor may type before the page's script has loaded: the text still searches."""
    f.HaztartasFactory(projekt=projekt_a, nev="Kovács család", cim="Rózsa utca 4.")
    page = mentor_telefon(mentor)
    visszatartva = []
    page.route("**/js/mentoralas.js", lambda route: visszatartva.append(route))
    page.goto(live_server.url + "/ugyfelek/latogatasok/uj/", wait_until="commit")
    page.get_by_label("Ügyfél vagy háztartás keresése").fill("kovacs cs")
    page.wait_for_timeout(300)  # longer than the finder's pause after typing: nothing listens yet
    assert len(visszatartva) == 1 and page.locator("#kereso-talalatok a").count() == 0
    # The script arrives (removing the route lets the held request through, and the next page's too).
    page.unroute("**/js/mentoralas.js")
    page.get_by_role("link", name="Kovács család").click()
    page.wait_for_url("**/latogatasok/uj/?haztartas=*")
