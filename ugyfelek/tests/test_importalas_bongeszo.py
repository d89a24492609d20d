"""The coordinators' import screen in a real browser, on a phone-sized window."""

import pytest

from ugyfelek.models import Ugyfel

from .importalas_segito import sor, xlsx


@pytest.fixture
def oldal(browser, live_server, settings, tmp_path):
    settings.KAPOCS_IMPORT_MAPPA = str(tmp_path / "import")
    context = browser.new_context(viewport={"width": 360, "height": 800})
    yield context.new_page()
    context.close()


def _belepes(oldal, live_server, user, client):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    oldal.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.browser
def test_coordinator_uploads_previews_and_confirms_on_a_phone(
    oldal, live_server, client, koordinator, projekt_a, tmp_path
):
    _belepes(oldal, live_server, koordinator, client)
    fajl = xlsx(tmp_path / "lista.xlsx", [sor(1), sor(2)])
    oldal.goto(live_server.url + "/ugyfelek/import/")
    oldal.get_by_label("Fájl").set_input_files(str(fajl))
    oldal.get_by_role("button", name="Feltöltés és előnézet").click()
    oldal.get_by_text("2 sor: 2 új").wait_for()
    oldal.screenshot(path=str(tmp_path / "elonezet.png"), full_page=True)
    oldal.get_by_role("button", name="Importálás megerősítése").click()
    oldal.get_by_text("Az importálás kész.").wait_for()
    assert Ugyfel.objects.filter(projekt=projekt_a).count() == 2
