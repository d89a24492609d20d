"""A topic's copies of its visit's project and time (``ugyfelek.tema_masolat``), and the visit list under a topic
that reads a page's ids from them."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from akcioterulet.models import Szerep
from core.testing import factories as f
from ugyfelek.forms_mentoralas import LatogatasSzuroForm
from ugyfelek.models import Latogatas, LatogatasTema

from .mentoralas_adatok import latogatasok

LISTA = reverse("ugyfelek:latogatas_lista")
BUDAPEST = zoneinfo.ZoneInfo("Europe/Budapest")


def _elteresek():
    """Topics whose copies differ from their visit's project and time."""
    return [
        t.pk
        for t in LatogatasTema.objects.select_related("latogatas")
        if (t.projekt_id, t.idopont) != (t.latogatas.projekt_id, t.latogatas.idopont)
    ]


@pytest.mark.django_db(transaction=True)
def test_the_database_keeps_the_copies_on_every_write_path(vilag):
    lat = Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel)
    tema = LatogatasTema.objects.create(latogatas=lat, tema="egeszseg")
    tema.refresh_from_db()
    assert (tema.projekt_id, tema.idopont) == (vilag.projekt_a.pk, lat.idopont)
    # An insert that names other values (bulk_create, plain SQL) gets the visit's own.
    regen = timezone.now() - datetime.timedelta(days=400)
    masik = LatogatasTema.objects.bulk_create(
        [LatogatasTema(latogatas=lat, tema="egyeb", projekt=vilag.projekt_b, idopont=regen)]
    )[0]
    masik = masik.pk or lat.temak.get(tema="egyeb").pk  # SQLite returns no ids from a bulk insert
    assert LatogatasTema.objects.filter(pk=masik).values_list("projekt_id", "idopont").get() == (
        vilag.projekt_a.pk,
        lat.idopont,
    )
    # The visit's time changed by a save, then by an update of many: its topics follow.
    lat.idopont = timezone.now() - datetime.timedelta(days=3)
    lat.save()
    assert _elteresek() == []
    Latogatas.objects.filter(pk=lat.pk).update(idopont=regen)
    assert set(lat.temak.values_list("idopont", flat=True)) == {regen}
    # Moved to another project (a correction): so are its topics.
    Latogatas.objects.filter(pk=lat.pk).update(projekt=vilag.projekt_b)
    assert set(lat.temak.values_list("projekt_id", flat=True)) == {vilag.projekt_b.pk}
    # A copy written by hand does not stick.
    LatogatasTema.objects.filter(pk=tema.pk).update(projekt=vilag.projekt_a, idopont=timezone.now())
    assert _elteresek() == []


@pytest.mark.django_db
def test_the_visit_form_keeps_the_copies(vilag, client_as):
    c = client_as(vilag.mentor)
    uj_ido = timezone.localtime() - datetime.timedelta(days=2)
    adat = {
        "ugyfel": vilag.ugyfel.pk,
        "idopont": uj_ido.strftime("%Y-%m-%dT%H:%M"),
        "idotartam_perc": "45",
        "tipus": "csaladlatogatas",
        "temak": ["adossagkezeles", "egeszseg"],
        "jegyzet": "",
        "feladat-TOTAL_FORMS": "0",
        "feladat-INITIAL_FORMS": "0",
        "feladat-MIN_NUM_FORMS": "0",
        "feladat-MAX_NUM_FORMS": "1000",
    }
    assert c.post(reverse("ugyfelek:latogatas_uj"), adat).status_code == 302
    lat = Latogatas.objects.latest("pk")
    # Edited: an hour earlier, one topic changed.
    adat.update(idopont=(uj_ido - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), temak=["egeszseg", "egyeb"])
    assert c.post(reverse("ugyfelek:latogatas_szerkesztes", args=[lat.pk]), adat).status_code == 302
    lat.refresh_from_db()
    assert set(lat.temak.values_list("tema", "projekt_id", "idopont")) == {
        ("egeszseg", vilag.projekt_a.pk, lat.idopont),
        ("egyeb", vilag.projekt_a.pk, lat.idopont),
    }


def _lista(c, **params):
    resp = c.get(LISTA, params)
    assert resp.status_code == 200
    return resp


def _vart(projekt, tema, **szuro):
    return list(
        Latogatas.objects.filter(projekt=projekt, temak__tema=tema, **szuro)
        .order_by("-idopont", "-pk")
        .values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_the_list_under_a_topic_reads_its_ids_from_the_topics(vilag, client_as):
    latogatasok(60, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    latogatasok(10, projekt=vilag.projekt_b, szerzo=vilag.mentor_b)
    # Visits at the same time: the id decides, as in the list.
    egyszerre = Latogatas.objects.filter(projekt=vilag.projekt_a).order_by("pk")[:3]
    Latogatas.objects.filter(pk__in=[lat.pk for lat in egyszerre]).update(idopont=egyszerre[0].idopont)
    c = client_as(vilag.mentor)
    with CaptureQueriesContext(connection) as cq:
        resp = _lista(c, tema="egeszseg")
    idk_sql = next(q["sql"] for q in cq.captured_queries if "LIMIT" in q["sql"] and "latogatas_id" in q["sql"])
    # One table, one index: no visit is looked at to find the page.
    assert '"ugyfelek_latogatas"' not in idk_sql.split("FROM", 1)[1]
    vart = _vart(vilag.projekt_a, "egeszseg")
    assert len(vart) > 0 and resp.context["paginator"].count == len(vart)
    idk = [
        lat.pk
        for oldal in range(1, resp.context["paginator"].num_pages + 1)
        for lat in _lista(c, tema="egeszseg", page=oldal).context["page_obj"]
    ]
    assert idk == vart
    # The same pages as the visits' own query gives (a staff member's filter reads them so).
    assert [lat.pk for lat in _lista(c, tema="egeszseg", mentor=vilag.mentor.pk).context["page_obj"]] == vart[:25]


@pytest.mark.django_db
def test_a_date_range_under_a_topic_counts_days_in_budapest(vilag, client_as, settings):
    settings.TIME_ZONE = "Europe/Budapest"
    ugyfel = vilag.ugyfel
    # 23:30 and 00:30 Budapest time, on either side of midnight; in UTC both fall on the earlier day.
    este = datetime.datetime(2026, 3, 9, 23, 30, tzinfo=BUDAPEST)
    ejjel = datetime.datetime(2026, 3, 10, 0, 30, tzinfo=BUDAPEST)
    for idopont in (este, ejjel):
        lat = Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=ugyfel, idopont=idopont)
        LatogatasTema.objects.create(latogatas=lat, tema="egeszseg")
    c = client_as(vilag.mentor)
    for tol, ig in (("2026-03-10", "2026-03-10"), ("2026-03-09", "2026-03-09"), ("2026-03-09", "2026-03-10")):
        tema = [lat.pk for lat in _lista(c, tema="egeszseg", tol=tol, ig=ig).context["page_obj"]]
        # The visits' own query (by type, which every visit has) says which days they fall on.
        sajat = [
            lat.pk
            for lat in _lista(c, tema="egeszseg", tol=tol, ig=ig, tipus=Latogatas.tipus.field.default).context[
                "page_obj"
            ]
        ]
        assert tema == sajat and tema
    assert len(_lista(c, tema="egeszseg", tol="2026-03-10", ig="2026-03-10").context["page_obj"]) == 1


@pytest.mark.django_db
def test_a_user_of_two_projects_reads_from_the_topics_once_a_project_is_chosen(vilag, client_as):
    f.TagsagFactory(projekt=vilag.projekt_b, felhasznalo=vilag.koordinator, szerep=Szerep.KOORDINATOR)
    latogatasok(12, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    latogatasok(12, projekt=vilag.projekt_b, szerzo=vilag.mentor_b)
    c = client_as(vilag.koordinator)
    # Both projects: the visits' own query, both projects' visits.
    mind = [lat.pk for lat in _lista(c, tema="egeszseg").context["page_obj"]]
    assert sorted(mind) == sorted(_vart(vilag.projekt_a, "egeszseg") + _vart(vilag.projekt_b, "egeszseg"))
    # One chosen: from the topics.
    assert [lat.pk for lat in _lista(c, tema="egeszseg", projekt=vilag.projekt_b.pk).context["page_obj"]] == _vart(
        vilag.projekt_b, "egeszseg"
    )


@pytest.mark.django_db
def test_another_projects_topics_are_not_listed(vilag, client_as):
    latogatasok(6, projekt=vilag.projekt_b, szerzo=vilag.mentor_b)
    c = client_as(vilag.mentor)
    assert _lista(c, tema="egeszseg").context["paginator"].count == 0
    # A project of someone else's, asked by id, is refused by the drop-down (the mentor has one project: none).
    assert _lista(c, tema="egeszseg", projekt=vilag.projekt_b.pk).context["paginator"].count == 0


@pytest.mark.django_db
@pytest.mark.parametrize("keves", [LatogatasSzuroForm.NEV_KEVES, 0])
def test_the_list_under_a_name_sorts_its_union_once_with_the_other_filters(vilag, client_as, monkeypatch, keves):
    """Under a name the page's ids come from the participants and households found, with the other filters, sorted
    by themselves: the same visits in the same order as the visits filtered by the union of the searches, each once.
    Both ways: a few found (a union of their visits, by their ids) and many (the visits checked against the
    searches: ``keves`` 0 makes every name "many")."""
    monkeypatch.setattr(LatogatasSzuroForm, "NEV_KEVES", keves)
    ugyfelek, haztartas = latogatasok(40, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    # The household named as its first member is: its visits are found by the member's name and by its own.
    haztartas.nev = f"{ugyfelek[0].csaladi_nev} család"
    haztartas.save()
    masik_mentor = f.FelhasznaloFactory()
    f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=masik_mentor, szerep=Szerep.MENTOR)
    Latogatas.objects.filter(pk__in=Latogatas.objects.filter(projekt=vilag.projekt_a).order_by("pk")[:7]).update(
        szerzo=masik_mentor
    )
    c = client_as(vilag.koordinator)

    alap = Latogatas.objects.for_user(vilag.koordinator)
    for szuro in (
        {"kit": ugyfelek[0].csaladi_nev},
        {"kit": ugyfelek[1].nev},
        {"kit": ugyfelek[0].csaladi_nev, "mentor": masik_mentor.pk},
        {"kit": ugyfelek[0].csaladi_nev, "tema": "egeszseg"},
        {"kit": ugyfelek[0].csaladi_nev, "tol": timezone.localdate().isoformat()},
        {"kit": "senki sem ez"},
    ):
        vart = list(
            LatogatasSzuroForm(szuro, user=vilag.koordinator)
            .szur(alap)
            .order_by("-idopont", "-pk")
            .values_list("pk", flat=True)
        )
        with CaptureQueriesContext(connection) as lekerdezesek:
            resp = _lista(c, **szuro)
        kapott = [lat.pk for lat in resp.context["page_obj"]]
        if keves == 0 and vart:
            # Many: the visits read newest first with the searches as conditions, no union to sort.
            idk = [q["sql"] for q in lekerdezesek.captured_queries if 'FROM "ugyfelek_latogatas"' in q["sql"]]
            assert not any("UNION" in sql for sql in idk), szuro
        assert kapott == vart[:25] and resp.context["paginator"].count == len(vart), szuro
        assert len(set(kapott)) == len(kapott)
        # Read from the union itself, not from the visits filtered by it.
        assert resp.context["paginator"].id_forras is not None
    assert len(vart) == 0
