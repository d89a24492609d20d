"""Browser-test machinery: the system Chromium through Playwright's sync API, a phone page, login, axe.

Chromium comes from the Debian package (``/usr/bin/chromium``, or ``KAPOCS_CHROMIUM``);
it is never downloaded. Missing Chromium skips these tests on a developer machine
and fails them in CI (``CI=true``).
"""

import os
from pathlib import Path

import pytest

CHROMIUM_KAPCSOLOK = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_CIMKEK = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _chromium_utvonal() -> str | None:
    utvonal = os.environ.get("KAPOCS_CHROMIUM", "/usr/bin/chromium")
    return utvonal if Path(utvonal).is_file() and os.access(utvonal, os.X_OK) else None


@pytest.fixture(scope="session")
def browser():
    utvonal = _chromium_utvonal()
    if utvonal is None:
        uzenet = "A Chromium nem található (/usr/bin/chromium vagy KAPOCS_CHROMIUM)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(uzenet + " CI-ben a böngészős tesztek kötelezők.", pytrace=False)
        pytest.skip(uzenet)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls of the
    # test itself (fixtures, assertions) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=utvonal, args=CHROMIUM_KAPCSOLOK)
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def telefon(browser):
    """A page on a phone-sized, touch-screen viewport (390 x 844, like a current mid-range phone)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="hu-HU"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def bejelentkezes(page, live_server, username, password):
    """Sign in through the login form and wait until the app's home page has loaded."""
    page.goto(f"{live_server.url}/belepes/")
    page.get_by_label("Felhasználónév").fill(username)
    page.get_by_label("Jelszó").fill(password)
    page.get_by_role("button", name="Belépés").click()
    page.wait_for_url(lambda url: "/belepes/" not in url)


def var_animaciokra(page):
    """Wait until running CSS transitions end: colours are checked at rest, not half-way through a fade
    (a toggle button tapped just before the check is still changing its colours for 0.15 s)."""
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")


def axe_ellenorzes(page):
    """Assert that axe-core finds no WCAG 2.1 A/AA violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    # A check right after a click may meet a document being replaced: wait until one has loaded.
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.readyState === 'complete' && document.body !== null")
    var_animaciokra(page)
    eredmeny = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_CIMKEK}, "resultTypes": ["violations"]}
    )
    hibak = eredmeny.response["violations"]
    if hibak:
        sorok = [f"Akadálymentességi hibák itt: {page.url}"]
        for hiba in hibak:
            sorok.append(f"- {hiba['id']} ({hiba['impact']}): {hiba['help']}")
            for node in hiba["nodes"][:5]:
                sorok.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')}")
        pytest.fail("\n".join(sorok), pytrace=False)
