"""In a real browser the Content-Security-Policy blocks nothing of ours and Bootstrap still works."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser


@pytest.fixture
def oldal(browser):
    lap = browser.new_page(viewport={"width": 360, "height": 740})
    yield lap
    lap.close()


def test_csp_blocks_nothing_and_the_menu_opens_on_a_phone(live_server, oldal, mentor):
    mentor.set_password("hosszu-jelszo-2026")
    mentor.save()
    sertesek = []
    oldal.on("console", lambda m: sertesek.append(m.text) if "Content Security Policy" in m.text else None)
    oldal.goto(live_server.url + reverse("login"))
    oldal.fill("#id_username", mentor.username)
    oldal.fill("#id_password", "hosszu-jelszo-2026")
    oldal.click("button[type=submit]")
    oldal.goto(live_server.url + reverse("ugyfelek:ugyfel_lista"))
    # Bootstrap's collapse (JS from static/) opens the menu under the CSP.
    oldal.click(".navbar-toggler")
    oldal.wait_for_selector("#fomenu.show")
    szin = oldal.eval_on_selector(".btn-primary", "e => getComputedStyle(e).backgroundColor")
    assert szin != "rgba(0, 0, 0, 0)"  # the stylesheet loaded
    assert not sertesek, sertesek
