"""Community programmes: figures with head-counts, age rule, photos, the shared checklist and sheet."""

import datetime
import io

from django.urls import reverse
from pypdf import PdfReader

from core.testing import factories as f
from kozosseg import selectors
from kozosseg.models import Alkalom, Fenykep, Jelentkezes, Program, Reszvetel
from kozosseg.tests.url_jogok import png_kep

CSALADI_NAP = datetime.date(2019, 6, 1)


def csaladi_nap(projekt, *, regisztralt, letszam):
    program = Program.objects.create(projekt=projekt, nev="Családi nap", tipus=Program.Tipus.ESEMENY)
    alkalom = Alkalom.objects.create(program=program, datum=CSALADI_NAP, letszam_nem_regisztralt=letszam)
    emberek = [f.UgyfelFactory(projekt=projekt) for _ in range(regisztralt)]
    Jelentkezes.objects.bulk_create(Jelentkezes(program=program, ugyfel=u, datum=CSALADI_NAP) for u in emberek)
    Reszvetel.objects.bulk_create(Reszvetel(alkalom=alkalom, ugyfel=u) for u in emberek)
    return program, alkalom


def test_family_day_reports_25_distinct_participants_and_65_attendances(projekt_a):
    program, _ = csaladi_nap(projekt_a, regisztralt=25, letszam=40)
    ev = (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))
    assert selectors.program_resztvevok(projekt_a, ev).count() == 25
    assert selectors.osszes_reszvetel(projekt_a, ev) == 65
    assert selectors.tartott_alkalmak(projekt_a, ev).count() == 1
    assert selectors.tartott_alkalmak(projekt_a, ev).get().osszesen == 65
    # Outside the period nothing counts.
    assert selectors.osszes_reszvetel(projekt_a, (datetime.date(2020, 1, 1), None)) == 0


def test_people_attending_several_sessions_count_once(projekt_a):
    program, alkalom = csaladi_nap(projekt_a, regisztralt=3, letszam=0)
    masik = Alkalom.objects.create(
        program=program, datum=CSALADI_NAP + datetime.timedelta(days=7), letszam_nem_regisztralt=5
    )
    Reszvetel.objects.bulk_create(Reszvetel(alkalom=masik, ugyfel_id=r.ugyfel_id) for r in alkalom.reszvetelek.all())
    assert selectors.program_resztvevok(projekt_a).count() == 3
    assert selectors.osszes_reszvetel(projekt_a) == 3 + 3 + 5
    p = selectors.programok_osszesitovel(Program.objects.all()).get()
    assert (p.alkalmak_db, p.jelentkezok, p.reszvetelek_db, p.letszam) == (2, 3, 6, 5)


def test_registering_outside_the_age_range_needs_a_reason(projekt_a, koordinator, client_as):
    program = Program.objects.create(
        projekt=projekt_a, nev="Önismereti csoport", tipus="csoport", also_korhatar=15, felso_korhatar=18
    )
    Alkalom.objects.create(program=program, datum=datetime.date(2019, 4, 10))
    # 19 on the first session's day (2019-04-10), though 18 on the registration day.
    idos = f.UgyfelFactory(projekt=projekt_a, szuletesi_datum=datetime.date(2000, 4, 1))
    kamasz = f.UgyfelFactory(projekt=projekt_a, szuletesi_datum=datetime.date(2003, 5, 5))
    client = client_as(koordinator)
    url = reverse("kozosseg:tag_felvetel", args=[program.pk])
    adat = {"ugyfelek": [idos.pk, kamasz.pk], "datum": "2019-03-20"}
    html = client.post(url, adat).content.decode()
    assert (
        "15–18 év" in html
        and f"{idos.nev} (19 éves)" in html
        and kamasz.nev + " (" not in html.split("Korhatáron")[1][:200]
    )
    assert not Jelentkezes.objects.exists()
    assert client.post(url, {**adat, "kivetel_indoklas": "Segítő kortársként"}).status_code == 302
    assert dict(Jelentkezes.objects.values_list("ugyfel_id", "kivetel_indoklas")) == {
        idos.pk: "Segítő kortársként",
        kamasz.pk: "",
    }


def test_checklist_saves_the_head_count_with_the_ticks(projekt_a, mentor, client_as):
    program, alkalom = csaladi_nap(projekt_a, regisztralt=2, letszam=0)
    egy = Jelentkezes.objects.first().ugyfel_id
    client = client_as(mentor)
    url = reverse("kozosseg:alkalom_jelenlet", args=[alkalom.pk])
    assert client.post(url, {"jelen": [egy], "letszam": "40"}).status_code == 302
    alkalom.refresh_from_db()
    assert alkalom.letszam_nem_regisztralt == 40 and list(alkalom.reszvetelek.values_list("ugyfel_id", flat=True)) == [
        egy
    ]
    resp = client.post(url, {"jelen": [egy], "letszam": "-3"})
    assert resp.status_code == 400 and "nem negatív" in resp.content.decode()


def test_programme_sheet_pdf_has_names_and_eu_text(projekt_a, mentor, client_as):
    program, alkalom = csaladi_nap(projekt_a, regisztralt=3, letszam=0)
    pdf = client_as(mentor).get(reverse("kozosseg:jelenleti_iv", args=[alkalom.pk])).content
    szoveg = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert projekt_a.kod in szoveg and "Családi nap" in szoveg
    assert "az Európai Szociális Alap társfinanszírozásával valósul meg" in szoveg
    for j in Jelentkezes.objects.select_related("ugyfel"):
        assert j.ugyfel.nev in szoveg


def test_photo_upload_validates_and_is_served_only_to_the_projects_staff(
    projekt_a, mentor, mentor_b, client_as, client
):
    _, alkalom = csaladi_nap(projekt_a, regisztralt=1, letszam=0)
    url = reverse("kozosseg:alkalom_reszlet", args=[alkalom.pk])
    client_as(mentor)
    hamis = io.BytesIO(b"nem kep")
    hamis.name = "kep.jpg"
    resp = client.post(url, {"kep": hamis, "leiras": "x"})
    assert resp.status_code == 400 and "nem kép" in resp.content.decode()
    resp = client.post(url, {"kep": png_kep("csaladi.png"), "leiras": "Főzőverseny", "hozzajarultak": "on"})
    assert resp.status_code == 302
    kep = Fenykep.objects.get()
    assert kep.hozzajarultak and kep.feltoltotte == mentor
    assert "csaladi" not in kep.kep.name and kep.kep.name.endswith(".png")
    kep_url = reverse("kozosseg:fenykep", args=[kep.pk])
    resp = client.get(kep_url)
    assert resp.status_code == 200 and resp["Content-Type"] == "image/png" and "no-store" in resp["Cache-Control"]
    assert kep_url in client.get(url).content.decode()
    client.force_login(mentor_b)
    assert client.get(kep_url).status_code == 404
    client.logout()
    assert client.get(kep_url).status_code == 302


def test_coordinator_creates_programme_and_session_with_head_count(projekt_a, koordinator, client_as):
    client = client_as(koordinator)
    resp = client.post(
        reverse("kozosseg:program_uj"),
        {"projekt": projekt_a.pk, "nev": "Női önsegítő klub", "tipus": "klub", "celcsoport": "nők"},
    )
    program = Program.objects.get()
    assert resp.status_code == 302
    resp = client.post(
        reverse("kozosseg:alkalom_uj", args=[program.pk]),
        {"datum": "2019-05-02", "helyszin": "Közösségi ház", "letszam_nem_regisztralt": "7"},
    )
    assert resp.status_code == 302 and Alkalom.objects.get().letszam_nem_regisztralt == 7
    html = client.get(reverse("kozosseg:program_reszlet", args=[program.pk])).content.decode()
    assert "Közösségi ház" in html


def test_a_reader_of_the_project_sees_no_names_even_if_mentor_elsewhere(projekt_a, projekt_b, olvaso, client_as):
    f.TagsagFactory(projekt=projekt_b, felhasznalo=olvaso, szerep="mentor")
    program, alkalom = csaladi_nap(projekt_a, regisztralt=1, letszam=0)
    client = client_as(olvaso)
    for nev, pk in [
        ("kozosseg:alkalom_reszlet", alkalom.pk),
        ("kozosseg:alkalom_jelenlet", alkalom.pk),
        ("kozosseg:jelenleti_iv", alkalom.pk),
        ("kozosseg:racs", program.pk),
    ]:
        assert client.get(reverse(nev, args=[pk])).status_code == 404, nev
    html = client.get(reverse("kozosseg:program_reszlet", args=[program.pk])).content.decode()
    assert "Családi nap" in html and Jelentkezes.objects.get().ugyfel.nev not in html


def test_photo_loses_its_exif_location(projekt_a, mentor, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    _, alkalom = csaladi_nap(projekt_a, regisztralt=1, letszam=0)
    exif = Image.Exif()
    exif[0x010E] = "Kovács család, Minta utca 3."  # ImageDescription
    puffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 30)).save(puffer, "JPEG", exif=exif)
    assert b"Minta utca" in puffer.getvalue()
    feltoltes = SimpleUploadedFile("IMG_0001.jpg", puffer.getvalue(), content_type="image/jpeg")
    client = client_as(mentor)
    client.post(reverse("kozosseg:alkalom_reszlet", args=[alkalom.pk]), {"kep": feltoltes})
    tartalom = b"".join(client.get(reverse("kozosseg:fenykep", args=[Fenykep.objects.get().pk])).streaming_content)
    assert tartalom.startswith(b"\xff\xd8") and b"Minta utca" not in tartalom
