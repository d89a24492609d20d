import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from akcioterulet.models import Szerep
from core.models import Hozzaferes
from core.testing import factories as f
from ugyfelek.models import HaztartasTag, KovetoFeladat, Latogatas

from .mentoralas_adatok import latogatasok

UJ = reverse("ugyfelek:latogatas_uj")


def _post_adat(**kwargs):
    """A valid visit POST: household or participant, two topics, one follow-up due next week."""
    adat = {
        "idopont": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "idotartam_perc": "45",
        "tipus": "csaladlatogatas",
        "temak": ["adossagkezeles", "felzarkoztatas"],
        "jegyzet": "A családdal a számlákról beszéltünk.",
        "feladat-TOTAL_FORMS": "1",
        "feladat-INITIAL_FORMS": "0",
        "feladat-MIN_NUM_FORMS": "0",
        "feladat-MAX_NUM_FORMS": "1000",
        "feladat-0-leiras": "Időpont kérése az adósságkezelőtől",
        "feladat-0-hatarido": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "feladat-0-felelos": "",
    }
    adat.update(kwargs)
    return adat


@pytest.fixture
def haz(vilag):
    """Project A's household with two participant members."""
    masik = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor, csaladi_nev="Kovács", utonev="Béla")
    HaztartasTag.objects.create(haztartas=vilag.haztartas, ugyfel=masik, mettol=datetime.date(2021, 1, 1))
    vilag.masik_tag = masik
    return vilag


def test_mentor_logs_household_visit_with_members_topics_and_follow_up(haz, client_as):
    v = haz
    c = client_as(v.mentor)
    resp = c.post(
        UJ,
        _post_adat(
            haztartas=v.haztartas.pk, jelenlevok=[v.ugyfel.pk, v.masik_tag.pk], **{"feladat-0-felelos": v.mentor.pk}
        ),
    )
    assert resp.status_code == 302, resp.context["form"].errors if resp.context else resp
    lat = Latogatas.objects.exclude(pk=v.latogatas.pk).get()
    assert resp["Location"] == reverse("ugyfelek:latogatas_reszlet", args=[lat.pk])
    assert lat.szerzo == v.mentor and lat.projekt == v.projekt_a and lat.tipus == "csaladlatogatas"
    assert set(lat.jelenlevok.all()) == {v.ugyfel, v.masik_tag}
    assert set(lat.temak.values_list("tema", flat=True)) == {"adossagkezeles", "felzarkoztatas"}
    feladat = lat.feladatok.get()
    assert feladat.haztartas == v.haztartas and feladat.projekt == v.projekt_a and feladat.felelos == v.mentor
    # Both members see it on their timeline.
    for tag in (v.ugyfel, v.masik_tag):
        oldal = c.get(reverse("ugyfelek:ugyfel_reszlet", args=[tag.pk])).content.decode()
        assert reverse("ugyfelek:latogatas_reszlet", args=[lat.pk]) in oldal


def test_new_visit_defaults_are_now_me_and_family_visit(haz, client_as):
    resp = client_as(haz.mentor).get(UJ + f"?haztartas={haz.haztartas.pk}")
    form = resp.context["form"]
    assert form["tipus"].value() == "csaladlatogatas"
    idopont = form["idopont"].value()
    if timezone.is_aware(idopont):
        idopont = timezone.localtime(idopont)
    assert abs(idopont.replace(tzinfo=None) - timezone.localtime().replace(tzinfo=None)) < datetime.timedelta(minutes=2)
    assert resp.context["formset"].forms[0]["felelos"].value() == haz.mentor.pk
    html = resp.content.decode()
    assert 'class="btn-check"' in html and haz.masik_tag.nev in html
    assert "<script>" not in html and "onclick" not in html


def test_foreign_participant_or_household_is_refused(vilag, client_as):
    c = client_as(vilag.mentor)
    haztartas_b = f.HaztartasFactory(projekt=vilag.projekt_b)
    for adat in ({"ugyfel": vilag.ugyfel_b.pk}, {"haztartas": haztartas_b.pk}):
        resp = c.post(UJ, _post_adat(**adat))
        assert resp.status_code == 200
        assert resp.context["form"].errors
    assert Latogatas.objects.count() == 1  # only the one of the test world


def test_foreign_project_mentor_cannot_log_a_visit_to_our_household(vilag, client_as):
    resp = client_as(vilag.mentor_b).post(UJ, _post_adat(haztartas=vilag.haztartas.pk))
    assert resp.status_code == 200 and "haztartas" in resp.context["form"].errors
    assert not Latogatas.objects.filter(szerzo=vilag.mentor_b).exists()


def test_present_member_must_belong_to_the_household(haz, client_as):
    kivulallo = f.UgyfelFactory(projekt=haz.projekt_a)
    resp = client_as(haz.mentor).post(UJ, _post_adat(haztartas=haz.haztartas.pk, jelenlevok=[kivulallo.pk]))
    assert "jelenlevok" in resp.context["form"].errors


def test_follow_up_responsible_must_be_staff_of_the_project(haz, client_as):
    resp = client_as(haz.koordinator).post(
        UJ, _post_adat(haztartas=haz.haztartas.pk, **{"feladat-0-felelos": haz.mentor_b.pk})
    )
    assert resp.status_code == 200
    assert not KovetoFeladat.objects.filter(felelos=haz.mentor_b).exists()


def test_choosing_a_foreign_id_in_the_url_preselects_nothing(vilag, client_as):
    resp = client_as(vilag.mentor).get(UJ + f"?ugyfel={vilag.ugyfel_b.pk}")
    assert resp.context["form"].valasztott_ugyfel is None


def test_search_is_accent_insensitive_and_scoped(haz, client_as):
    resp = client_as(haz.mentor).get(reverse("ugyfelek:kereses"), {"q": "kovacs"})
    nevek = {(t["tipus"], t["nev"]) for t in resp.json()["eredmenyek"]}
    assert ("ugyfel", "Kovács Ilona") in nevek and ("ugyfel", "Kovács Béla") in nevek
    # A household is found by its members' names too.
    assert ("haztartas", str(haz.haztartas)) in nevek
    assert client_as(haz.mentor_b).get(reverse("ugyfelek:kereses"), {"q": "kovacs"}).json()["eredmenyek"] == []
    assert client_as(haz.mentor).get(reverse("ugyfelek:kereses"), {"q": "k"}).json()["eredmenyek"] == []


def test_search_works_without_javascript(haz, client_as):
    resp = client_as(haz.mentor).get(UJ, {"q": "KOVÁCS bé"})
    html = resp.content.decode()
    assert f"{UJ}?ugyfel={haz.masik_tag.pk}" in html and f"{UJ}?ugyfel={haz.ugyfel.pk}" not in html


def test_only_author_and_coordinator_may_edit(haz, client_as):
    url = reverse("ugyfelek:latogatas_szerkesztes", args=[haz.latogatas.pk])
    masik_mentor = f.FelhasznaloFactory()
    f.TagsagFactory(projekt=haz.projekt_a, felhasznalo=masik_mentor, szerep=Szerep.MENTOR)
    assert client_as(masik_mentor).get(url).status_code == 403
    assert client_as(masik_mentor).post(url, _post_adat(haztartas=haz.haztartas.pk)).status_code == 403
    # The reader may see the visit exists nowhere; the other project never.
    assert client_as(haz.mentor_b).get(url).status_code == 404
    resp = client_as(haz.koordinator).post(
        url,
        _post_adat(
            haztartas=haz.haztartas.pk,
            tipus="telefon",
            temak=["egeszseg"],
            jelenlevok=[haz.masik_tag.pk],
            **{
                "feladat-TOTAL_FORMS": "2",
                "feladat-INITIAL_FORMS": "1",
                "feladat-0-id": haz.feladat.pk,
                "feladat-0-latogatas": haz.latogatas.pk,
                "feladat-0-leiras": "Módosított teendő",
                "feladat-0-hatarido": haz.feladat.hatarido.isoformat(),
                "feladat-0-felelos": haz.mentor.pk,
                "feladat-1-leiras": "",
                "feladat-1-hatarido": "",
                "feladat-1-felelos": haz.koordinator.pk,
            },
        ),
    )
    assert resp.status_code == 302, resp.context["form"].errors
    haz.latogatas.refresh_from_db()
    assert haz.latogatas.szerzo == haz.mentor  # the author stays
    assert haz.latogatas.tipus == "telefon"
    assert list(haz.latogatas.temak.values_list("tema", flat=True)) == ["egeszseg"]
    assert list(haz.latogatas.jelenlevok.all()) == [haz.masik_tag]
    assert list(haz.latogatas.feladatok.values_list("leiras", flat=True)) == ["Módosított teendő"]


def test_visit_of_another_project_cannot_get_a_foreign_follow_up_id(haz, client_as):
    """A follow-up id of another visit posted into the formset is neither changed nor moved."""
    masik = Latogatas.objects.create(projekt=haz.projekt_a, szerzo=haz.mentor, ugyfel=haz.ugyfel)
    idegen = KovetoFeladat.objects.create(
        latogatas=masik, projekt=haz.projekt_a, leiras="Más", hatarido=timezone.localdate(), felelos=haz.mentor
    )
    url = reverse("ugyfelek:latogatas_szerkesztes", args=[haz.latogatas.pk])
    resp = client_as(haz.mentor).post(
        url,
        _post_adat(
            haztartas=haz.haztartas.pk,
            **{
                "feladat-INITIAL_FORMS": "1",
                "feladat-0-id": idegen.pk,
                "feladat-0-felelos": haz.mentor.pk,
            },
        ),
    )
    assert resp.status_code in (200, 302)
    idegen.refresh_from_db()
    assert idegen.leiras == "Más" and idegen.latogatas == masik


def test_marking_a_follow_up_done_removes_it_from_my_open_list(haz, client_as):
    c = client_as(haz.mentor)
    lista = reverse("ugyfelek:feladat_lista")
    sor = f'data-feladat="{haz.feladat.pk}"'
    assert sor in c.get(lista).content.decode()
    resp = c.post(reverse("ugyfelek:feladat_kesz", args=[haz.feladat.pk]), {"next": "https://gonosz.example/"})
    assert resp["Location"] == lista
    haz.feladat.refresh_from_db()
    assert haz.feladat.kesz and haz.feladat.kesz_idopont
    assert sor not in c.get(lista).content.decode()
    assert c.get(reverse("ugyfelek:feladat_kesz", args=[haz.feladat.pk])).status_code == 405


def test_visit_list_filters(haz, client_as):
    c = client_as(haz.koordinator)
    url = reverse("ugyfelek:latogatas_lista")
    assert c.get(url).context["paginator"].count == 1
    assert c.get(url, {"tema": "adossagkezeles"}).context["paginator"].count == 1
    assert c.get(url, {"tema": "egeszseg"}).context["paginator"].count == 0
    assert c.get(url, {"tipus": "telefon"}).context["paginator"].count == 0
    assert c.get(url, {"mentor": haz.mentor.pk, "kit": haz.haztartas.cim}).context["paginator"].count == 1
    # A household also by a member's name, accent- and case-insensitive; a text nobody matches finds nothing.
    assert c.get(url, {"kit": "kovacs BELA"}).context["paginator"].count == 1
    assert c.get(url, {"kit": "Nincs Ilyen"}).context["paginator"].count == 0
    tegnap = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert c.get(url, {"ig": tegnap}).context["paginator"].count == 0
    assert c.get(url, {"tol": tegnap}).context["paginator"].count == 1
    haz.haztartas.akcioterulet = haz.akcioterulet
    haz.haztartas.save()
    assert c.get(url, {"akcioterulet": haz.akcioterulet.pk}).context["paginator"].count == 1
    assert client_as(haz.mentor_b).get(url).context["paginator"].count == 0


def test_visit_list_finds_a_participant_by_text_and_lists_no_households(haz, client_as):
    """The filter is a text: a project has thousands of households, which no list to choose from could hold."""
    for i in range(30):
        f.HaztartasFactory(projekt=haz.projekt_a, cim=f"Rejtett köz {i}.")
    eva = f.UgyfelFactory(projekt=haz.projekt_a, mentor=haz.mentor, csaladi_nev="Szabó", utonev="Éva")
    Latogatas.objects.create(projekt=haz.projekt_a, szerzo=haz.mentor, ugyfel=eva, idopont=timezone.now())
    c = client_as(haz.mentor)
    url = reverse("ugyfelek:latogatas_lista")
    resp = c.get(url, {"kit": "szabo eva"})
    assert [lat.ugyfel for lat in resp.context["page_obj"]] == [eva]
    haz.haztartas.nev = "Rigó család"
    haz.haztartas.save()
    assert [lat.haztartas for lat in c.get(url, {"kit": "rigo csalad"}).context["page_obj"]] == [haz.haztartas]
    oldal = c.get(url).content.decode()
    assert "Rejtett köz" not in oldal
    # A row shows the topics and, at a household visit, the members present.
    assert "jelen: Kovács Ilona" in oldal and "adósságkezelés" in oldal
    # Only the user's projects: project B's participant is not found by name.
    assert c.get(url, {"kit": haz.ugyfel_b.csaladi_nev}).context["paginator"].count == 0


def _lekerdezesek(client, url):
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx)


def test_visit_list_runs_the_same_number_of_queries_for_20_and_200_visits(vilag, client_as, django_assert_num_queries):
    c = client_as(vilag.koordinator)
    url = reverse("ugyfelek:latogatas_lista") + "?tema=adossagkezeles"
    ugyfelek, haztartas = latogatasok(20, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    kevés = _lekerdezesek(c, url)
    latogatasok(180, projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfelek=ugyfelek, haztartas=haztartas)
    with django_assert_num_queries(kevés):
        c.get(url)
    with django_assert_num_queries(_lekerdezesek(c, reverse("ugyfelek:latogatas_lista"))):
        c.get(reverse("ugyfelek:latogatas_lista") + "?page=3")


def test_visit_list_counts_ten_pages_ahead_and_reads_further_as_it_pages(vilag, client_as):
    """The count and a page's ids are one query, read ten pages past the page asked for: "több mint 250" on the
    first page of a large list, and each page further on counts further."""
    latogatasok(
        300 - Latogatas.objects.filter(projekt=vilag.projekt_a).count(), projekt=vilag.projekt_a, szerzo=vilag.mentor
    )
    c = client_as(vilag.koordinator)
    url = reverse("ugyfelek:latogatas_lista")
    elso = c.get(url)
    assert elso.context["paginator"].talalatok == "több mint 250"
    assert "1 / 10+" in elso.content.decode() and "Következő" in elso.content.decode()
    # Page 10, the last of the first count, still leads on; page 12 is the end.
    tizedik = c.get(url, {"page": 10})
    assert tizedik.status_code == 200 and "Következő" in tizedik.content.decode()
    utolso = c.get(url, {"page": 12}).context
    assert utolso["paginator"].talalatok == "300" and len(utolso["page_obj"]) == 25
    assert not utolso["page_obj"].has_next()
    # Every visit once, newest first, across the pages.
    idk = [lat.pk for oldal in range(1, 13) for lat in c.get(url, {"page": oldal}).context["page_obj"]]
    assert idk == list(
        Latogatas.objects.filter(projekt=vilag.projekt_a).order_by("-idopont", "-pk").values_list("pk", flat=True)
    )
    assert c.get(url, {"page": 13}).status_code == 404


def test_export_is_for_the_coordinator_and_never_writes_formulas(haz, client_as):
    haz.latogatas.jegyzet = '=HYPERLINK("http://gonosz.example","katt")'
    haz.latogatas.save()
    url = reverse("ugyfelek:latogatas_export")
    assert client_as(haz.mentor).get(url).status_code == 403
    resp = client_as(haz.koordinator).get(url)
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    sor = [c for c in ws[2]]
    jegyzet = sor[9]
    assert jegyzet.value.startswith("=HYPERLINK") and jegyzet.data_type == "s" and jegyzet.quotePrefix
    assert sor[5].value == str(haz.haztartas) and sor[6].value == haz.ugyfel.nev
    naplo = Hozzaferes.objects.get(muvelet=Hozzaferes.Muvelet.EXPORT)
    assert naplo.felhasznalo == haz.koordinator and naplo.rekordok_szama == 1


def test_export_contains_only_the_coordinators_projects(haz, client_as):
    Latogatas.objects.create(projekt=haz.projekt_b, szerzo=haz.mentor_b, ugyfel=haz.ugyfel_b)
    resp = client_as(haz.koordinator).get(reverse("ugyfelek:latogatas_export"))
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert ws.max_row == 2


def test_no_javascript_finder_finds_only_the_users_projects_and_nothing_is_listed_unasked(vilag, client_as):
    c = client_as(vilag.mentor)
    resp = c.get(UJ)
    # What a visit may be recorded for: the user's projects only (checked on POST).
    assert set(resp.context["form"].fields["ugyfel"].queryset) == {vilag.ugyfel}
    assert set(resp.context["form"].fields["haztartas"].queryset) == {vilag.haztartas}
    # No list of every participant and household: a project has thousands.
    assert "<select" not in resp.content.decode().split('class="latogatas-form"')[1].split("Típus")[0]
    # The finder works as a plain GET form and finds no one of another project.
    talalt = c.get(UJ, {"q": vilag.ugyfel.csaladi_nev}).content.decode()
    assert f"?ugyfel={vilag.ugyfel.pk}" in talalt
    assert f"?ugyfel={vilag.ugyfel_b.pk}" not in c.get(UJ, {"q": vilag.ugyfel_b.csaladi_nev}).content.decode()


def test_visit_of_a_participant_who_left_can_still_be_edited(vilag, client_as):
    lat = Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel)
    vilag.ugyfel.kilepes_datuma = timezone.localdate()
    vilag.ugyfel.kilepes_oka = "elkoltozott"
    vilag.ugyfel.save()
    c = client_as(vilag.mentor)
    assert c.get(UJ + f"?ugyfel={vilag.ugyfel.pk}").context["form"].valasztott_ugyfel is None
    resp = c.post(
        reverse("ugyfelek:latogatas_szerkesztes", args=[lat.pk]),
        _post_adat(
            ugyfel=vilag.ugyfel.pk,
            tipus="telefon",
            **{"feladat-0-leiras": "", "feladat-0-hatarido": "", "feladat-0-felelos": vilag.mentor.pk},
        ),
    )
    assert resp.status_code == 302, (resp.context["form"].errors, resp.context["formset"].errors)
    lat.refresh_from_db()
    assert lat.tipus == "telefon"


def test_visit_form_offers_the_projects_staff_read_once(vilag, client_as):
    c = client_as(vilag.mentor)
    url = UJ + f"?ugyfel={vilag.ugyfel.pk}"
    resp = c.get(url)
    munkatarsak = [ertek for ertek, _cimke in resp.context["form"].fields["munkatarsak"].choices]
    # Co-workers: the staff of the user's projects but the author.
    assert vilag.koordinator.pk in munkatarsak and vilag.mentor.pk not in munkatarsak
    assert vilag.mentor_b.pk not in munkatarsak
    # The follow-up row (and its template row): everyone, the author chosen.
    html = resp.content.decode()
    assert html.count(f'<option value="{vilag.mentor.pk}" selected>') == 2
    assert f'<option value="{vilag.mentor_b.pk}"' not in html
    # The staff are read once, whatever the number of rows.
    with CaptureQueriesContext(connection) as ctx:
        c.get(url)
    tagsagok = [
        q["sql"] for q in ctx.captured_queries if '"akcioterulet_tagsag"' in q["sql"] and '"szerep" IN' in q["sql"]
    ]
    assert len(tagsagok) == 1


def test_a_short_choice_is_checked_among_the_rows_its_drop_down_shows(vilag):
    from ugyfelek.forms_mentoralas import LatogatasSzuroForm

    with CaptureQueriesContext(connection) as ctx:
        form = LatogatasSzuroForm({"mentor": str(vilag.mentor.pk)}, user=vilag.mentor)
        assert form.is_valid() and form.cleaned_data["mentor"] == vilag.mentor
        html = str(form["mentor"])
    assert f'value="{vilag.mentor.pk}" selected' in html
    # The staff are read once, for the check and for the drop-down.
    assert sum('"akcioterulet_felhasznalo"' in q["sql"] for q in ctx.captured_queries) == 1
    # Another project's mentor, or no id at all, is not a choice.
    for ertek in (vilag.mentor_b.pk, "abc", "-1"):
        form = LatogatasSzuroForm({"mentor": ertek}, user=vilag.mentor)
        assert not form.is_valid() and "mentor" in form.errors
