"""Someone with many projects (a national programme's staff see every one) filters the participant and visit
lists by a project first: the staff and action-area drop-downs offer the chosen project's only, not every
colleague and area of the installation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.forms import PROJEKTTEL_SZURHETO, SOK_PROJEKT
from ugyfelek.models import Latogatas, Ugyfel

pytestmark = pytest.mark.django_db


def _valasztasok(resp, mezo):
    return {ertek for ertek, _cimke in resp.context["szuro"].fields[mezo].choices if ertek != ""}


@pytest.fixture
def sok(vilag):
    """Projects beyond the limit, each with a mentor, an action area and a visit."""
    vilag.tobbi = []
    for _ in range(SOK_PROJEKT):
        p = f.ProjektFactory()
        m = f.TagsagFactory(projekt=p).felhasznalo
        f.AkcioTeruletFactory(projekt=p)
        u = f.UgyfelFactory(projekt=p, mentor=m)
        Latogatas.objects.create(projekt=p, szerzo=m, ugyfel=u, idopont=timezone.now())
        vilag.tobbi.append((p, m))
    return vilag


@pytest.mark.parametrize("url", ["ugyfelek:ugyfel_lista", "ugyfelek:latogatas_lista"])
def test_staff_and_areas_of_the_chosen_project_only(sok, client_as, url):
    c = client_as(sok.admin)
    resp = c.get(reverse(url))
    assert resp.status_code == 200
    assert _valasztasok(resp, "mentor") == set() and _valasztasok(resp, "akcioterulet") == set()
    html = resp.content.decode()
    assert PROJEKTTEL_SZURHETO in html and "disabled" in html
    p, m = sok.tobbi[0]
    resp = c.get(reverse(url), {"projekt": p.pk})
    assert _valasztasok(resp, "mentor") == {m.pk}
    assert _valasztasok(resp, "akcioterulet") == set(p.akcioteruletek.values_list("pk", flat=True))
    # The list itself: that project's rows; with its mentor chosen too, still them.
    sorok = resp.context["page_obj"]
    assert len(sorok) == 1 and all(s.projekt_id == p.pk for s in sorok)
    assert len(c.get(reverse(url), {"projekt": p.pk, "mentor": m.pk}).context["page_obj"]) == 1


def test_a_few_projects_offer_every_colleague_at_once(sok, client_as):
    """A coordinator of two projects chooses among the staff of both without choosing a project first."""
    f.TagsagFactory(projekt=sok.projekt_b, felhasznalo=sok.koordinator, szerep="koordinator")
    c = client_as(sok.koordinator)
    for url in ("ugyfelek:ugyfel_lista", "ugyfelek:latogatas_lista"):
        resp = c.get(reverse(url))
        assert {sok.mentor.pk, sok.mentor_b.pk} <= _valasztasok(resp, "mentor")
        assert PROJEKTTEL_SZURHETO not in resp.content.decode()
    # The visit list offers a project filter to someone with more than one project only.
    assert "projekt" in c.get(reverse("ugyfelek:latogatas_lista")).context["szuro"].fields
    assert "projekt" not in client_as(sok.mentor).get(reverse("ugyfelek:latogatas_lista")).context["szuro"].fields


def test_another_projects_staff_are_not_offered_by_naming_its_project(sok, client_as):
    """A project id the user has no role in: the filter refuses it, and no colleague of it is offered."""
    p, m = sok.tobbi[0]
    f.TagsagFactory(projekt=sok.projekt_b, felhasznalo=sok.koordinator, szerep="koordinator")
    resp = client_as(sok.koordinator).get(reverse("ugyfelek:latogatas_lista"), {"projekt": p.pk, "mentor": m.pk})
    assert m.pk not in _valasztasok(resp, "mentor")
    assert resp.context["szuro"].errors
    assert all(s.projekt_id != p.pk for s in resp.context["page_obj"])


@pytest.mark.parametrize("url", ["ugyfelek:ugyfel_lista", "ugyfelek:latogatas_lista", "kezdolap"])
def test_a_national_users_pages_cost_the_same_queries_and_size_with_twice_the_projects(sok, client_as, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_as(sok.admin)

    def meres():
        with CaptureQueriesContext(connection) as q:
            resp = c.get(reverse(url))
        assert resp.status_code == 200
        return len(q), resp.content.decode().count("<option")

    elotte = meres()
    for _ in range(SOK_PROJEKT + 2):
        p = f.ProjektFactory()
        f.TagsagFactory(projekt=p)
        f.AkcioTeruletFactory(projekt=p)
    lekerdezesek, opciok = meres()
    # The same queries; one more option per project (the project filter), none per colleague or area.
    assert lekerdezesek == elotte[0]
    assert opciok - elotte[1] <= SOK_PROJEKT + 2


def test_the_visit_form_offers_the_staff_of_the_visits_project(sok, client_as):
    """Co-workers and the follow-ups' responsible people are chosen among the staff of the participant's
    project, not of every project of the user: a national user's form had 900 of each."""
    f.TagsagFactory(projekt=sok.projekt_b, felhasznalo=sok.koordinator, szerep="koordinator")
    p, m = sok.tobbi[0]
    masik = f.UgyfelFactory(projekt=p, mentor=m)
    for user, ugyfel, projekt in ((sok.koordinator, sok.ugyfel, sok.projekt_a), (sok.admin, masik, p)):
        resp = client_as(user).get(reverse("ugyfelek:latogatas_uj"), {"ugyfel": ugyfel.pk})
        stab = set(projekt.tagsagok.filter(szerep__in=["mentor", "koordinator"]).values_list("felhasznalo", flat=True))
        munkatarsak = {pk for pk, _cimke in resp.context["form"].fields["munkatarsak"].choices}
        felelosok = {pk for pk, _c in resp.context["formset"].forms[0].fields["felelos"].choices if pk != ""}
        assert munkatarsak == stab - {user.pk} and felelosok == stab
        assert sok.mentor_b.pk not in felelosok
    # A saved visit's edit form: the visit's project.
    lat = Latogatas.objects.filter(projekt=p).first()
    resp = client_as(sok.admin).get(reverse("ugyfelek:latogatas_szerkesztes", args=[lat.pk]))
    assert {pk for pk, _c in resp.context["form"].fields["munkatarsak"].choices} <= {m.pk}


def test_a_saved_participants_and_households_form_offers_their_projects_areas_and_staff(sok, client_as):
    f.TagsagFactory(projekt=sok.projekt_b, felhasznalo=sok.koordinator, szerep="koordinator")
    f.AkcioTeruletFactory(projekt=sok.projekt_b)
    c = client_as(sok.koordinator)
    for nev, obj in (("ugyfelek:ugyfel_szerkesztes", sok.ugyfel), ("ugyfelek:haztartas_szerkesztes", sok.haztartas)):
        form = c.get(reverse(nev, args=[obj.pk])).context["form"]
        assert "projekt" not in form.fields
        teruletek = {t.projekt_id for t in form.fields["akcioterulet"].queryset}
        assert teruletek == {sok.projekt_a.pk}
        if "mentor" in form.fields:
            assert sok.mentor.pk in {u.pk for u in form.fields["mentor"].queryset}
            assert sok.mentor_b.pk not in {u.pk for u in form.fields["mentor"].queryset}
    # A new participant may be in either project: both projects' staff are offered.
    form = c.get(reverse("ugyfelek:ugyfel_uj")).context["form"]
    assert {sok.mentor.pk, sok.mentor_b.pk} <= {u.pk for u in form.fields["mentor"].queryset}


def test_a_records_form_reads_each_short_drop_down_once(sok, client_as):
    """The project, action-area and staff drop-downs of the participant form: one plain query each (the single
    project chosen in advance from the same rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        resp = client_as(sok.mentor).get(reverse("ugyfelek:ugyfel_uj"))
    assert resp.context["form"].initial["projekt"] == sok.projekt_a.pk
    projektek = [s["sql"] for s in q.captured_queries if 'FROM "akcioterulet_projekt"' in s["sql"].split(" WHERE ")[0]]
    assert len(projektek) == 1, projektek
    assert not any(s["sql"].startswith("DECLARE") for s in q.captured_queries)


def test_the_finder_offers_a_national_user_no_colleagues_until_a_participant_is_chosen(sok, client_as):
    """Before a participant is chosen the visit's project is unknown: someone with many projects is offered nobody
    (900 colleagues, twice, made the finder's page 276 KB), someone with a few projects their colleagues."""
    from ugyfelek.forms_mentoralas import VALASSZON_ELOBB

    uj = reverse("ugyfelek:latogatas_uj")
    resp = client_as(sok.admin).get(uj)
    assert list(resp.context["form"].fields["munkatarsak"].choices) == []
    assert [pk for pk, _c in resp.context["formset"].forms[0].fields["felelos"].choices if pk != ""] == []
    assert VALASSZON_ELOBB in resp.content.decode()
    # Chosen: the participant's project's staff, as before.
    p, m = sok.tobbi[0]
    masik = f.UgyfelFactory(projekt=p, mentor=m)
    resp = client_as(sok.admin).get(uj, {"ugyfel": masik.pk})
    assert {pk for pk, _c in resp.context["form"].fields["munkatarsak"].choices} == {m.pk}
    # A coordinator of one project: their colleagues at once.
    resp = client_as(sok.koordinator).get(uj)
    assert sok.mentor.pk in {pk for pk, _c in resp.context["form"].fields["munkatarsak"].choices}
    assert VALASSZON_ELOBB not in resp.content.decode()


@pytest.mark.parametrize("url", ["ugyfelek:ugyfel_uj", "ugyfelek:haztartas_uj"])
def test_a_national_user_chooses_the_project_of_a_new_record_first(sok, client_as, url):
    """Someone with many projects chooses the project first (a GET form of its own); the record's form then offers
    that project alone, with its areas and staff, instead of every colleague and area of the installation."""
    c = client_as(sok.admin)
    resp = c.get(reverse(url))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert resp.context["projekt_valaszto"] is not None and "Tovább" in html and "Mentés" not in html
    assert {pk for pk, _c in resp.context["projekt_valaszto"].fields["projekt"].choices if pk != ""} >= {
        p.pk for p, _m in sok.tobbi
    }

    p, m = sok.tobbi[0]
    resp = c.get(reverse(url), {"projekt": p.pk})
    form = resp.context["form"]
    assert "projekt_valaszto" not in resp.context and "Másik projekt választása" in resp.content.decode()
    assert [pk for pk, _c in form.fields["projekt"].choices if pk != ""] == [p.pk]
    assert form.initial["projekt"] == p.pk
    assert {t.projekt_id for t in form.fields["akcioterulet"].queryset} == {p.pk}
    if "mentor" in form.fields:
        assert {u.pk for u in form.fields["mentor"].queryset} == {m.pk}


def test_a_national_users_new_participant_is_saved_in_the_chosen_project_and_no_other(sok, client_as):
    p, m = sok.tobbi[0]
    masik_p, masik_m = sok.tobbi[1]
    adatok = {
        "csaladi_nev": "Új",
        "utonev": "Résztvevő",
        "anyja_neve": "Anyja Neve",
        "szuletesi_datum": "1990-01-01",
        "nem": "no",
        "cim": "Fő utca 1.",
    }
    c = client_as(sok.admin)
    resp = c.post(reverse("ugyfelek:ugyfel_uj"), {**adatok, "projekt": p.pk, "mentor": m.pk})
    assert resp.status_code == 302
    uj = Ugyfel.objects.get(csaladi_nev="Új")
    assert (uj.projekt_id, uj.mentor_id) == (p.pk, m.pk)
    # Another project's colleague with this project: refused, and nothing saved.
    resp = c.post(
        reverse("ugyfelek:ugyfel_uj"), {**adatok, "csaladi_nev": "Másik", "projekt": p.pk, "mentor": masik_m.pk}
    )
    assert resp.status_code == 200 and resp.context["form"].errors["mentor"]
    # No project: the form says so (it is not sent back to the first step), and nothing is saved.
    resp = c.post(reverse("ugyfelek:ugyfel_uj"), {**adatok, "csaladi_nev": "Harmadik"})
    assert resp.status_code == 200 and resp.context["form"].errors["projekt"]
    assert "projekt_valaszto" not in resp.context
    assert not Ugyfel.objects.filter(csaladi_nev__in=["Másik", "Harmadik"]).exists()


def test_a_coordinator_of_a_few_projects_gets_the_form_at_once(sok, client_as):
    f.TagsagFactory(projekt=sok.projekt_b, felhasznalo=sok.koordinator, szerep="koordinator")
    resp = client_as(sok.koordinator).get(reverse("ugyfelek:ugyfel_uj"))
    assert "projekt_valaszto" not in resp.context and "Másik projekt választása" not in resp.content.decode()
    assert {sok.projekt_a.pk, sok.projekt_b.pk} <= {pk for pk, _c in resp.context["form"].fields["projekt"].choices}
