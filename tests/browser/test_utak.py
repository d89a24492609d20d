"""The users' journeys of issue 7 in a real browser, with axe-core on every page visited.

Each journey asserts what the user sees (headings, figures, names, messages). Existing journeys
are not repeated here: the mentor's phone visit is in ``test_mentoralas.py``, the trainings cohort
and its attendance grid in ``test_kepzes.py``.
"""

import datetime
import io

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import TimeoutError, expect

from core.testing import factories as f
from core.testing.bongeszo import axe_ellenorzes, bejelentkezes
from kozosseg.models import Alkalom, Jelentkezes, Program, Reszvetel
from ugyfelek.models import Latogatas, Ugyfel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JELSZO = "titkos-jelszo-123"


@pytest.fixture
def asztali(browser):
    """A desktop-sized page (the office)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="hu-HU", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def bevontak(projekt_a, mentor):
    """Three participants involved in the first quarter of 2021, one in the second."""
    nevek = [("Agárdi", "Emese"), ("Bodor", "Lajos"), ("Csonka", "Piroska")]
    elso = [
        f.UgyfelFactory(
            projekt=projekt_a, mentor=mentor, csaladi_nev=c, utonev=u, megallapodas_datuma=datetime.date(2021, 2, 10)
        )
        for c, u in nevek
    ]
    f.UgyfelFactory(
        projekt=projekt_a,
        mentor=mentor,
        csaladi_nev="Dobos",
        utonev="Kálmán",
        megallapodas_datuma=datetime.date(2021, 5, 3),
    )
    return elso


def _bevont_szam(page):
    """The figure of involved participants in the report's table (a link for those who may drill down)."""
    sor = page.locator("tr", has=page.locator("th", has_text="Bevont résztvevők")).first
    return sor.locator("td.fw-bold")


def test_coordinator_runs_quarter_report_drills_down_and_downloads_xlsx(
    asztali, live_server, projekt_a, koordinator, bevontak
):
    page = asztali
    bejelentkezes(page, live_server, koordinator.username, JELSZO)
    page.goto(f"{live_server.url}/jelentes/{projekt_a.pk}/")
    expect(page.get_by_role("heading", name="Indikátorjelentés", level=1)).to_be_visible()
    axe_ellenorzes(page)

    # A custom period ending before it starts: a clear message (the form's error state).
    page.get_by_label("Időszak", exact=True).select_option(label="Egyedi (lent megadott dátumok)")
    page.get_by_label("Egyedi időszak kezdete").fill("2021-03-31")
    page.get_by_label("Egyedi időszak vége").fill("2021-01-01")
    page.get_by_role("button", name="Jelentés frissítése").click()
    expect(page.locator(".alert").first).to_contain_text("Az időszak vége nem lehet a kezdete előtt.")
    axe_ellenorzes(page)

    # The period preset for the first quarter of 2021.
    page.get_by_label("Időszak", exact=True).select_option(label="2021. 1. negyedév")
    page.get_by_role("button", name="Jelentés frissítése").click()
    expect(page.get_by_role("heading", name="Időszak: 2021.")).to_contain_text("2021. 1. negyedév")
    axe_ellenorzes(page)
    szam = _bevont_szam(page)
    expect(szam).to_have_text("3")

    # The drill-down lists exactly the three people behind the figure.
    szam.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bevont résztvevők")
    expect(page.get_by_text("Rekordok száma: 3")).to_be_visible()
    tabla = page.locator("table tbody")
    expect(tabla.locator("tr")).to_have_count(3)
    for u in bevontak:
        expect(tabla).to_contain_text(u.csaladi_nev)
    expect(tabla).not_to_contain_text("Dobos")
    axe_ellenorzes(page)

    # An empty list: the second quarter of 2020 has no one.
    page.goto(f"{live_server.url}/jelentes/{projekt_a.pk}/lista/bevont/?idoszak=2020-N2")
    expect(page.get_by_text("Ebben az időszakban nincs ide tartozó rekord.")).to_be_visible()
    axe_ellenorzes(page)
    page.go_back()

    page.get_by_role("link", name="← Vissza a jelentéshez").click()
    expect(_bevont_szam(page)).to_have_text("3")
    with page.expect_download() as letoltes:
        page.get_by_role("link", name="Jelentés letöltése (.xlsx)").click()
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(open(letoltes.value.path(), "rb").read()))
    lap = wb["Összesítő"]
    fejlec = [c.value for c in lap[3]]
    sorok = {r[fejlec.index("Indikátor")]: r for r in lap.iter_rows(min_row=4, values_only=True)}
    assert sorok["Bevont résztvevők"][fejlec.index("Tény (időszak)")] == 3
    assert "2021. 1. negyedév" in lap.cell(2, 1).value


def test_reader_sees_figures_but_is_refused_the_lists_of_people(asztali, live_server, projekt_a, olvaso, bevontak):
    page = asztali
    bejelentkezes(page, live_server, olvaso.username, JELSZO)
    page.goto(f"{live_server.url}/jelentes/{projekt_a.pk}/?idoszak=2021-N1")
    expect(page.get_by_role("heading", name="Indikátorjelentés", level=1)).to_be_visible()
    szam = _bevont_szam(page)
    # The figure is there, but not as a link to the people behind it.
    expect(szam).to_have_text("3")
    expect(szam.get_by_role("link")).to_have_count(0)
    expect(page.get_by_role("link", name="ESF résztvevői adatok (.xlsx)")).to_have_count(0)
    axe_ellenorzes(page)

    # Typing the drill-down's address: the Hungarian 403 page, no names.
    valasz = page.goto(f"{live_server.url}/jelentes/{projekt_a.pk}/lista/bevont/?idoszak=2021-N1")
    assert valasz.status == 403
    expect(page.get_by_role("heading", name="Nincs jogosultsága")).to_be_visible()
    expect(page.get_by_text("Ehhez az oldalhoz nincs jogosultsága.")).to_be_visible()
    for u in bevontak:
        expect(page.locator("main, body").first).not_to_contain_text(u.csaladi_nev)
    axe_ellenorzes(page)


def test_mentor_on_phone_ticks_programme_attendance_and_downloads_sheet(telefon, live_server, projekt_a, mentor):
    program = Program.objects.create(projekt=projekt_a, nev="Baba-mama klub", tipus="klub", celcsoport="kismamák")
    alkalom = Alkalom.objects.create(program=program, datum=datetime.date(2021, 4, 8), letszam_nem_regisztralt=0)
    tagok = [
        f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev=c, utonev=u)
        for c, u in [("Fekete", "Júlia"), ("Gombos", "Réka"), ("Hegedűs", "Zita")]
    ]
    for u in tagok:
        Jelentkezes.objects.create(program=program, ugyfel=u, datum=datetime.date(2021, 4, 1))

    page = telefon
    bejelentkezes(page, live_server, mentor.username, JELSZO)
    page.goto(f"{live_server.url}/programok/alkalom/{alkalom.pk}/jelenlet/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jelenlét: 2021.")
    expect(page.get_by_text("Jelen volt (0 / 3)")).to_be_visible()
    axe_ellenorzes(page)
    page.locator(f"label[for=jelen-{tagok[0].pk}]").tap()
    page.locator(f"label[for=jelen-{tagok[2].pk}]").tap()
    page.get_by_role("button", name="Jelenlét mentése").tap()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_text("Jelen volt (2 / 3)")).to_be_visible()
    axe_ellenorzes(page)
    assert set(Reszvetel.objects.filter(alkalom=alkalom).values_list("ugyfel_id", flat=True)) == {
        tagok[0].pk,
        tagok[2].pk,
    }

    with page.expect_download() as letoltes:
        page.get_by_role("link", name="Jelenléti ív (PDF)").tap()
    from pypdf import PdfReader

    szoveg = "\n".join(p.extract_text() for p in PdfReader(letoltes.value.path()).pages)
    assert projekt_a.kod in szoveg
    for u in tagok:
        assert u.csaladi_nev in szoveg, u.nev


def _import_url():
    try:
        return reverse("ugyfelek:import")
    except NoReverseMatch:
        return None


@pytest.mark.skipif(_import_url() is None, reason="Az Excel-import (ugyfelek:import) még nincs beolvasztva.")
def test_admin_imports_participant_list_through_preview_and_confirm(
    asztali, live_server, settings, tmp_path, projekt_a, admin_user
):
    from ugyfelek.tests.importalas_segito import sor, xlsx

    settings.KAPOCS_IMPORT_MAPPA = str(tmp_path / "import")
    admin_user.set_password(JELSZO)
    admin_user.save()
    page = asztali
    bejelentkezes(page, live_server, admin_user.username, JELSZO)
    page.goto(live_server.url + _import_url())
    expect(page.get_by_role("heading", name="Ügyfelek importálása", level=1)).to_be_visible()
    axe_ellenorzes(page)

    # No file chosen: the form's error state.
    page.get_by_label("Projekt").select_option(value=str(projekt_a.pk))
    page.locator("form[enctype]").evaluate("f => f.noValidate = true")
    page.get_by_role("button", name="Feltöltés és előnézet").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_be_visible()
    axe_ellenorzes(page)

    sorok = [sor(1), sor(2)]
    fajl = xlsx(tmp_path / "lista.xlsx", sorok)
    page.get_by_label("Projekt").select_option(value=str(projekt_a.pk))
    page.get_by_label("Fájl").set_input_files(str(fajl))
    page.get_by_role("button", name="Feltöltés és előnézet").click()
    expect(page.get_by_text("2 sor: 2 új")).to_be_visible()
    expect(page.get_by_role("heading", name="Előnézet: lista.xlsx")).to_be_visible()
    assert Ugyfel.objects.count() == 0  # the preview saves nothing
    axe_ellenorzes(page)

    page.get_by_role("button", name="Importálás megerősítése").click()
    expect(page.get_by_text("Az importálás kész.")).to_be_visible()
    axe_ellenorzes(page)
    assert Ugyfel.objects.filter(projekt=projekt_a).count() == 2


# --- the visit form with the keyboard alone -----------------------------------------------------------

FOKUSZ_LATHATO = """() => {
    let el = document.activeElement;
    // Past the last stop Tab leaves the document (the browser's own controls): nothing to show.
    if (!el || el === document.body) return true;
    // A visually hidden toggle (Bootstrap .btn-check) shows its focus on the label that follows it.
    if (el.classList.contains('btn-check') && el.nextElementSibling) el = el.nextElementSibling;
    // Tab also walks the day/month/hour parts inside Chromium's own date and time fields: the host
    // then stops matching :focus, and the browser highlights the focused part itself.
    if (/^(date|time|datetime-local)$/.test(el.type) && !el.matches(':focus')) return true;
    const s = getComputedStyle(el);
    const korvonal = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    return korvonal || (s.boxShadow && s.boxShadow !== 'none');
}"""

FOKUSZ_LEIRAS = """() => {
    const el = document.activeElement;
    if (!el) return 'semmi';
    const s = getComputedStyle(el);
    return `${el.tagName} #${el.id} name=${el.name || ''} ${(el.innerText || '').slice(0, 30)}`
        + ` outline=${s.outlineStyle} ${s.outlineWidth} shadow=${s.boxShadow} focus=${el.matches(':focus')}`;
}"""


def _tabbal(page, feltetel_js, max_lepes=80):
    """Press Tab until the focused element satisfies ``feltetel_js``; every stop must show its focus."""
    for _ in range(max_lepes):
        page.keyboard.press("Tab")
        # Chromium moves the focus between the parts of a date field a moment after the key event.
        try:
            page.wait_for_function(FOKUSZ_LATHATO, timeout=2_000)
        except TimeoutError:
            pytest.fail(f"Nem látszik a fókusz: {page.evaluate(FOKUSZ_LEIRAS)}")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({feltetel_js}); }}"):
            return
    pytest.fail(f"{max_lepes} Tab után sem érhető el: {feltetel_js}")


def test_visit_form_is_usable_with_the_keyboard_alone(asztali, live_server, projekt_a, mentor):
    ugyfel = f.UgyfelFactory(projekt=projekt_a, mentor=mentor, csaladi_nev="Kertész", utonev="Márton")
    page = asztali
    bejelentkezes(page, live_server, mentor.username, JELSZO)
    page.goto(live_server.url + reverse("ugyfelek:latogatas_uj"))
    expect(page.get_by_label("Ügyfél vagy háztartás keresése")).to_be_visible()

    _tabbal(page, "el.id === 'kereso-q'")
    page.keyboard.type("kertesz")
    page.keyboard.press("Enter")
    talalat = page.get_by_role("link", name="Kertész Márton")
    expect(talalat).to_be_visible()
    axe_ellenorzes(page)

    _tabbal(page, "el.tagName === 'A' && el.innerText.includes('Kertész Márton')")
    page.keyboard.press("Enter")
    expect(page.locator("[data-alany]")).to_have_text("Kertész Márton")

    tema_id = page.locator("label", has_text="adósságkezelés").get_attribute("for")
    _tabbal(page, f"el.id === '{tema_id}'")
    page.keyboard.press("Space")
    expect(page.locator(f"#{tema_id}")).to_be_checked()

    _tabbal(page, "el.name === 'jegyzet'")
    page.keyboard.type("Telefonon egyeztettük a következő lépéseket.")
    axe_ellenorzes(page)

    _tabbal(page, "el.tagName === 'BUTTON' && el.type === 'submit' && el.innerText.trim() === 'Mentés'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/latogatasok/*/")
    axe_ellenorzes(page)

    lat = Latogatas.objects.get()
    assert lat.ugyfel == ugyfel
    assert lat.jegyzet == "Telefonon egyeztettük a következő lépéseket."
    assert list(lat.temak.values_list("tema", flat=True)) == ["adossagkezeles"]
    expect(page.get_by_text("Telefonon egyeztettük a következő lépéseket.")).to_be_visible()
