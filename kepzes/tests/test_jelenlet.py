"""The shared attendance mechanism as trainings use it: checklist, grid, "completed" proposal, PDF sheet."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from core.attendance import jelenlet_rogzites, racs
from core.models import Hozzaferes, Valtozas
from core.testing import factories as f
from kepzes.jelenlet import FORRAS
from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Jelenlet, Kepzes

NAP = datetime.date(2021, 3, 1)


def csoport_letszammal(projekt, *, emberek, alkalmak, nevek=None, arany=80):
    """A forklift cohort with ``emberek`` enrolees and ``alkalmak`` past sessions."""
    kepzes = Kepzes.objects.create(nev="Targoncavezető", tipus="szakkepesites", oraszam=60, teljesitesi_arany=arany)
    csoport = Csoport.objects.create(projekt=projekt, kepzes=kepzes, kezdete=NAP, nev="Targonca 1")
    nevek = nevek or [(f"Vezeték{i:02d}", "Ödön") for i in range(emberek)]
    for csaladi, uto in nevek:
        u = f.UgyfelFactory(projekt=projekt, csaladi_nev=csaladi, utonev=uto)
        Beiratkozas.objects.create(csoport=csoport, ugyfel=u, datum=NAP, statusz="reszt_vesz")
    for i in range(alkalmak):
        Foglalkozas.objects.create(csoport=csoport, datum=NAP + datetime.timedelta(days=i), tema=f"Téma {i}")
    return csoport


def jelenletek(csoport, hany_alkalmon):
    """Tick each enrolee present on the first ``n`` sessions (n given per enrolee, in name order)."""
    alkalmak = list(csoport.foglalkozasok.all())
    for b, n in zip(FORRAS.tagok(csoport), hany_alkalmon, strict=True):
        Jelenlet.objects.bulk_create(Jelenlet(foglalkozas=a, ugyfel_id=b.ugyfel_id) for a in alkalmak[:n])


def _lekerdezesek(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_grid_query_count_is_the_same_for_5x5_and_20x20(projekt_a, koordinator, client_as):
    kicsi = csoport_letszammal(projekt_a, emberek=5, alkalmak=5)
    jelenletek(kicsi, [5, 4, 3, 2, 1])
    nagy = csoport_letszammal(projekt_a, emberek=20, alkalmak=20)
    jelenletek(nagy, list(range(20)))
    client = client_as(koordinator)
    client.get(reverse("kepzes:racs", args=[kicsi.pk]))  # warm the session
    assert _lekerdezesek(client, reverse("kepzes:racs", args=[kicsi.pk])) == _lekerdezesek(
        client, reverse("kepzes:racs", args=[nagy.pk])
    )


def test_grid_computation_runs_three_queries(projekt_a, django_assert_num_queries):
    csoport = csoport_letszammal(projekt_a, emberek=20, alkalmak=20)
    jelenletek(csoport, list(range(20)))
    with django_assert_num_queries(3):
        eredmeny = racs(FORRAS, csoport, ma=NAP + datetime.timedelta(days=30))
    assert [s.jelen for s in eredmeny.sorok] == list(range(20))


def test_grid_proposes_completed_for_exactly_those_at_the_share(projekt_a):
    csoport = csoport_letszammal(projekt_a, emberek=5, alkalmak=5)
    jelenletek(csoport, [5, 4, 3, 0, 4])
    b_utolso = FORRAS.tagok(csoport).last()
    b_utolso.statusz = "elvegezte"
    b_utolso.save()
    eredmeny = racs(FORRAS, csoport, ma=NAP + datetime.timedelta(days=10))
    assert eredmeny.tartott == 5 and eredmeny.kuszob == 80
    assert [s.arany for s in eredmeny.sorok] == [100, 80, 60, 0, 80]
    # 4 of 5 is exactly 80%: proposed; already completed ones are not proposed again.
    assert [s.javaslat for s in eredmeny.sorok] == [True, True, False, False, False]


def test_share_counts_only_sessions_already_held(projekt_a):
    csoport = csoport_letszammal(projekt_a, emberek=1, alkalmak=5)
    jelenletek(csoport, [4])
    # On the 4th day only 4 sessions have been held: 4/4 = 100%.
    sor = racs(FORRAS, csoport, ma=NAP + datetime.timedelta(days=3)).sorok[0]
    assert (sor.jelen, sor.arany, sor.javaslat) == (4, 100, True)


def test_threshold_is_the_trainings_own_share(projekt_a):
    csoport = csoport_letszammal(projekt_a, emberek=2, alkalmak=10, arany=90)
    jelenletek(csoport, [9, 8])
    assert [s.javaslat for s in racs(FORRAS, csoport, ma=NAP + datetime.timedelta(days=20)).sorok] == [True, False]


def test_coordinator_accepts_the_proposal_with_one_post(projekt_a, koordinator, client_as):
    csoport = csoport_letszammal(projekt_a, emberek=2, alkalmak=5)
    jelenletek(csoport, [4, 3])
    jo, gyenge = FORRAS.tagok(csoport)
    client = client_as(koordinator)
    resp = client.post(reverse("kepzes:beiratkozas_elvegezte", args=[jo.pk]))
    assert resp.status_code == 302
    jo.refresh_from_db()
    assert jo.statusz == "elvegezte" and jo.elvegezte_datum == NAP + datetime.timedelta(days=4)
    resp = client.post(reverse("kepzes:beiratkozas_elvegezte", args=[gyenge.pk]), follow=True)
    gyenge.refresh_from_db()
    assert gyenge.statusz == "reszt_vesz"
    assert "nem éri el" in resp.content.decode()


def test_grid_page_shows_shares_and_accept_buttons(projekt_a, koordinator, client_as):
    csoport = csoport_letszammal(projekt_a, emberek=3, alkalmak=5)
    jelenletek(csoport, [5, 4, 2])
    html = client_as(koordinator).get(reverse("kepzes:racs", args=[csoport.pk])).content.decode()
    assert "100%" in html and "80%" in html and "40%" in html
    assert html.count("Elvégezte – elfogadom") == 2


def test_mentor_sees_the_proposal_but_cannot_accept(projekt_a, mentor, client_as):
    csoport = csoport_letszammal(projekt_a, emberek=1, alkalmak=5)
    jelenletek(csoport, [5])
    client = client_as(mentor)
    html = client.get(reverse("kepzes:racs", args=[csoport.pk])).content.decode()
    assert "javasolt: elvégezte" in html and "elfogadom" not in html
    b = FORRAS.tagok(csoport).get()
    assert client.post(reverse("kepzes:beiratkozas_elvegezte", args=[b.pk])).status_code == 403


def test_checklist_post_diff_writes_presences_and_logs_them(projekt_a, mentor, client_as):
    csoport = csoport_letszammal(projekt_a, emberek=3, alkalmak=1)
    alkalom = csoport.foglalkozasok.get()
    a, b, c = (t.ugyfel_id for t in FORRAS.tagok(csoport))
    kivulallo = f.UgyfelFactory(projekt=projekt_a)
    client = client_as(mentor)
    url = reverse("kepzes:alkalom_jelenlet", args=[alkalom.pk])
    assert client.post(url, {"jelen": [a, b, kivulallo.pk]}).status_code == 302
    assert set(Jelenlet.objects.values_list("ugyfel_id", flat=True)) == {a, b}
    elso_id = Jelenlet.objects.get(ugyfel_id=a).pk
    client.post(url, {"jelen": [a, c]})
    assert set(Jelenlet.objects.values_list("ugyfel_id", flat=True)) == {a, c}
    # An unchanged tick keeps its row (and its recording time).
    assert Jelenlet.objects.get(ugyfel_id=a).pk == elso_id
    assert Jelenlet.objects.get(ugyfel_id=c).rogzitette == mentor
    naplo = Valtozas.objects.filter(modell="kepzes.jelenlet")
    assert naplo.filter(muvelet="letrehozas").count() == 3 and naplo.filter(muvelet="torles").count() == 1


def test_checklist_leaves_dropped_out_enrolees_off(projekt_a, mentor, client_as):
    csoport = csoport_letszammal(projekt_a, emberek=2, alkalmak=1)
    kiesett = FORRAS.tagok(csoport).last()
    Beiratkozas.objects.filter(pk=kiesett.pk).update(statusz="lemorzsolodott", lemorzsolodas_datuma=NAP)
    html = client_as(mentor).get(reverse("kepzes:alkalom_jelenlet", args=[csoport.foglalkozasok.get().pk])).content
    assert kiesett.ugyfel.nev not in html.decode()


def test_rogzites_service_is_idempotent(projekt_a, mentor):
    csoport = csoport_letszammal(projekt_a, emberek=2, alkalmak=1)
    alkalom = csoport.foglalkozasok.get()
    idk = [t.ugyfel_id for t in FORRAS.tagok(csoport)]
    assert jelenlet_rogzites(forras=FORRAS, alkalom=alkalom, jelenlevok=idk, felhasznalo=mentor) == (2, 0)
    assert jelenlet_rogzites(forras=FORRAS, alkalom=alkalom, jelenlevok=idk, felhasznalo=mentor) == (0, 0)


def test_attendance_sheet_pdf_holds_project_code_and_every_enrolled_name(projekt_a, mentor, client_as):
    nevek = [("Kővári", "Őrs"), ("Szűcs", "Ödön"), ("Árvai", "Ünige"), ("Nagy & <b>Fia", "Erzsébet")]
    csoport = csoport_letszammal(projekt_a, emberek=4, alkalmak=1, nevek=nevek)
    alkalom = csoport.foglalkozasok.get()
    resp = client_as(mentor).get(reverse("kepzes:jelenleti_iv", args=[alkalom.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    szoveg = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(resp.content)).pages)
    szoveg = " ".join(szoveg.split())
    assert projekt_a.kod in szoveg
    for csaladi, uto in nevek:
        assert f"{csaladi} {uto}" in szoveg
    assert "Európai Szociális Alap" in szoveg and "Targoncavezető" in szoveg and "2021. 03. 01." in szoveg
    assert Hozzaferes.objects.filter(muvelet="letoltes", rekordok_szama=4).exists()


def test_cohort_page_counts_progress_in_sql(projekt_a, olvaso, client_as, django_assert_max_num_queries):
    csoport = csoport_letszammal(projekt_a, emberek=4, alkalmak=2)
    a, b, c, d = FORRAS.tagok(csoport)
    Beiratkozas.objects.filter(pk=a.pk).update(statusz="elvegezte", tanusitvany=True, tanusitvany_szama="T-1")
    Beiratkozas.objects.filter(pk=b.pk).update(statusz="lemorzsolodott", lemorzsolodas_datuma=NAP)
    c_ = Csoport.objects.filter(pk=csoport.pk)
    from kepzes.selectors import csoportok_haladassal

    x = csoportok_haladassal(c_).get()
    assert (x.beiratkozott, x.resztvesz, x.elvegezte, x.lemorzsolodott, x.tanusitvanyok, x.foglalkozasok_db) == (
        4,
        2,
        1,
        1,
        1,
        2,
    )
    # Readers see the figures, never the names.
    html = client_as(olvaso).get(reverse("kepzes:csoport_reszlet", args=[csoport.pk])).content.decode()
    assert "Beiratkozott" in html and a.ugyfel.nev not in html


def test_training_list_query_count_does_not_grow(projekt_a, koordinator, client_as):
    client = client_as(koordinator)
    csoport_letszammal(projekt_a, emberek=2, alkalmak=1)
    n1 = _lekerdezesek(client, reverse("kepzes:kepzes_lista"))
    for _ in range(5):
        csoport_letszammal(projekt_a, emberek=3, alkalmak=2)
    assert _lekerdezesek(client, reverse("kepzes:kepzes_lista")) == n1


@pytest.mark.parametrize("also,felso", [(18, None), (None, 30)])
def test_enrolling_outside_the_age_range_needs_a_reason(projekt_a, koordinator, client_as, also, felso):
    kepzes = Kepzes.objects.create(
        nev="Targonca", tipus="szakkepesites", oraszam=60, also_korhatar=also, felso_korhatar=felso
    )
    csoport = Csoport.objects.create(projekt=projekt_a, kepzes=kepzes, kezdete=datetime.date(2021, 3, 1))
    fiatal = f.UgyfelFactory(
        projekt=projekt_a, szuletesi_datum=datetime.date(2005, 3, 2) if also else datetime.date(1960, 1, 1)
    )
    rendben = f.UgyfelFactory(projekt=projekt_a, szuletesi_datum=datetime.date(1995, 1, 1))
    client = client_as(koordinator)
    url = reverse("kepzes:tag_felvetel", args=[csoport.pk])
    adat = {"ugyfelek": [fiatal.pk, rendben.pk], "datum": "2021-02-20"}
    resp = client.post(url, adat)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Korhatáron kívül esik" in html and fiatal.nev in html and "adja meg az indoklást" in html
    assert not Beiratkozas.objects.exists()
    resp = client.post(url, {**adat, "kivetel_indoklas": "Szülői beleegyezéssel, gyakorlati helyen"})
    assert resp.status_code == 302
    assert Beiratkozas.objects.get(ugyfel=fiatal).kivetel_indoklas == "Szülői beleegyezéssel, gyakorlati helyen"
    assert Beiratkozas.objects.get(ugyfel=rendben).kivetel_indoklas == ""


def test_enrolment_offers_only_the_cohorts_project_participants(projekt_a, projekt_b, koordinator, client_as):
    kepzes = Kepzes.objects.create(nev="Parkgondozó", tipus="szakkepesites", oraszam=40)
    csoport = Csoport.objects.create(projekt=projekt_a, kepzes=kepzes, kezdete=NAP)
    sajat = f.UgyfelFactory(projekt=projekt_a)
    idegen = f.UgyfelFactory(projekt=projekt_b)
    client = client_as(koordinator)
    url = reverse("kepzes:tag_felvetel", args=[csoport.pk])
    html = client.get(url).content.decode()
    assert sajat.nev in html and idegen.nev not in html
    resp = client.post(url, {"ugyfelek": [idegen.pk], "datum": "2021-02-20"})
    assert resp.status_code == 200 and not Beiratkozas.objects.exists()


def test_coordinator_creates_cohort_and_session(projekt_a, koordinator, client_as):
    kepzes = Kepzes.objects.create(nev="Targonca", tipus="szakkepesites", oraszam=60)
    client = client_as(koordinator)
    resp = client.get(reverse("kepzes:csoport_uj") + f"?kepzes={kepzes.pk}")
    assert f'value="{kepzes.pk}" selected' in resp.content.decode()
    resp = client.post(
        reverse("kepzes:csoport_uj"),
        {"projekt": projekt_a.pk, "kepzes": kepzes.pk, "nev": "T-2021/1", "kezdete": "2021-03-01", "letszam": 12},
    )
    csoport = Csoport.objects.get()
    assert resp.status_code == 302 and csoport.projekt == projekt_a
    resp = client.post(
        reverse("kepzes:alkalom_uj", args=[csoport.pk]),
        {"datum": "2021-03-02", "kezdes": "09:00", "befejezes": "13:00", "oraszam": "4", "tema": "Munkavédelem"},
    )
    assert resp.status_code == 302
    assert Foglalkozas.objects.get().idopont == "09:00–13:00"
    resp = client.post(
        reverse("kepzes:alkalom_uj", args=[csoport.pk]),
        {"datum": "2021-03-03", "kezdes": "13:00", "befejezes": "09:00", "oraszam": "4"},
    )
    assert resp.status_code == 200 and "A befejezés a kezdés után legyen." in resp.content.decode()


def test_mentor_cannot_create_a_cohort(projekt_a, mentor, client_as):
    assert client_as(mentor).get(reverse("kepzes:csoport_uj")).status_code == 403


def test_enrolment_status_and_certificate_edit(projekt_a, koordinator, client_as):
    csoport = csoport_letszammal(projekt_a, emberek=1, alkalmak=1)
    b = FORRAS.tagok(csoport).get()
    url = reverse("kepzes:beiratkozas_szerkesztes", args=[b.pk])
    client = client_as(koordinator)
    resp = client.post(url, {"statusz": "elvegezte", "tanusitvany": "on"})
    assert resp.status_code == 200 and "Adja meg a tanúsítvány számát." in resp.content.decode()
    client.post(
        url,
        {
            "statusz": "elvegezte",
            "tanusitvany": "on",
            "tanusitvany_szama": "OKJ-123",
            "tanusitvany_datuma": "2021-05-01",
        },
    )
    b.refresh_from_db()
    assert b.tanusitvany and b.tanusitvany_szama == "OKJ-123"


def test_enrolment_respects_capacity_and_search_narrows_the_list(projekt_a, koordinator, client_as):
    kepzes = Kepzes.objects.create(nev="Targonca", tipus="szakkepesites", oraszam=60)
    csoport = Csoport.objects.create(projekt=projekt_a, kepzes=kepzes, kezdete=NAP, letszam=2)
    emberek = [f.UgyfelFactory(projekt=projekt_a, csaladi_nev=n, utonev="Anna") for n in ["Kovács", "Szabó", "Varga"]]
    client = client_as(koordinator)
    url = reverse("kepzes:tag_felvetel", args=[csoport.pk])
    html = client.get(url + "?q=szabo").content.decode()
    assert "Szabó Anna" in html and "Kovács Anna" not in html and "Szabad férőhely: 2." in html
    resp = client.post(url, {"ugyfelek": [u.pk for u in emberek], "datum": "2021-02-20"})
    assert "legfeljebb 2 résztvevő" in resp.content.decode() and not Beiratkozas.objects.exists()
    assert client.post(url, {"ugyfelek": [emberek[0].pk, emberek[1].pk], "datum": "2021-02-20"}).status_code == 302
