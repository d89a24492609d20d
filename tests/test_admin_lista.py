"""The admin's change lists: the count stops at a limit and says so, and the selection checkboxes are written in
Python in the markup Django's widget template writes (``core.admin_lista``)."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.admin_lista import AdminPaginator, GyorsListaMixin
from core.testing import factories as f
from ugyfelek.models import Ugyfel


@pytest.mark.django_db
def test_the_checkbox_is_djangos_markup(vilag):
    # A name that needs escaping, in the aria-label as Django writes it.
    ugyfel = f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev='O"Brien <b>', utonev="Ágnes & Co")
    gyors = admin.site._registry[Ugyfel]
    assert isinstance(gyors, GyorsListaMixin)
    assert gyors.action_checkbox(ugyfel) == ModelAdmin.action_checkbox(gyors, ugyfel)
    assert "&lt;b&gt;" in gyors.action_checkbox(ugyfel)


def _lista(c, **params):
    return c.get(reverse("admin:ugyfelek_ugyfel_changelist"), params)


@pytest.mark.django_db
def test_an_exact_count_reads_as_djangos(vilag, client_as):
    for _ in range(3):
        f.UgyfelFactory(projekt=vilag.projekt_a)
    n = Ugyfel.objects.count()
    resp = _lista(client_as(vilag.admin))
    assert resp.status_code == 200
    assert resp.context["cl"].result_count == n and resp.context["cl"].paginator.pontos
    html = resp.content.decode()
    assert f"{n} ügyfelek" in html and "több mint" not in html


@pytest.mark.django_db
def test_the_count_stops_at_the_limit_and_says_so(vilag, client_as, monkeypatch):
    for _ in range(4):
        f.UgyfelFactory(projekt=vilag.projekt_a)
    monkeypatch.setattr(AdminPaginator, "korlat", 2)
    monkeypatch.setattr(admin.site._registry[Ugyfel], "list_per_page", 1)
    c = client_as(vilag.admin)
    with CaptureQueriesContext(connection) as cq:
        resp = _lista(c)
    assert resp.status_code == 200
    cl = resp.context["cl"]
    assert cl.result_count == 2 and cl.paginator.pontos is False
    html = resp.content.decode()
    assert "több mint 2 ügyfél" in html
    # Every row of a list nobody counted is not offered for an action; a page's rows are.
    assert 'class="question' not in html and 'class="action-select"' in html
    # The count reads at most the limit and one row more.
    szamlalas = [q["sql"] for q in cq.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(szamlalas) == 1 and "LIMIT 3" in szamlalas[0]
    # Pages past the counted ones are not offered; a page within them is.
    assert "?p=2" in html and "?p=3" not in html
    assert _lista(c, p=2).status_code == 200
    # A search that matches more than the limit says the same.
    resp = _lista(c, q="a")
    if resp.context["cl"].paginator.pontos is False:
        assert "több mint 2 találat" in resp.content.decode()


@pytest.mark.django_db
def test_a_counted_list_still_offers_every_row(vilag, client_as, monkeypatch):
    for _ in range(3):
        f.UgyfelFactory(projekt=vilag.projekt_a)
    monkeypatch.setattr(admin.site._registry[Ugyfel], "list_per_page", 1)
    html = _lista(client_as(vilag.admin)).content.decode()
    assert 'class="question hidden"' in html


@pytest.mark.django_db
def test_the_project_filter_is_a_drop_down_of_the_users_projects_that_keeps_the_other_filters(vilag, client_as):
    """A drop-down with a button instead of a link per project: the list's other filters and search go along as
    hidden fields, and the chosen project is marked; a coordinator is offered their own projects only."""
    a = f.UgyfelFactory(projekt=vilag.projekt_a, nem="no")
    f.UgyfelFactory(projekt=vilag.projekt_b, nem="no")
    c = client_as(vilag.admin)
    html = _lista(c).content.decode()
    mezo = "projekt__id__exact"
    assert f'<select id="projekt-szuro-{mezo}" name="{mezo}">' in html
    assert f'<label for="projekt-szuro-{mezo}">' in html
    assert f"?{mezo}=" not in html  # no link per project
    for projekt in (vilag.projekt_a, vilag.projekt_b):
        assert f'<option value="{projekt.pk}">{projekt}</option>' in html

    resp = _lista(c, **{mezo: vilag.projekt_a.pk, "nem__exact": "no", "q": a.csaladi_nev})
    html = resp.content.decode()
    szuro = html[html.index('class="projekt-szuro"') :]
    szuro = szuro[: szuro.index("</form>")]
    assert [u.pk for u in resp.context["cl"].result_list] == [a.pk]
    assert f'<option value="{vilag.projekt_a.pk}" selected>' in szuro
    assert '<input type="hidden" name="nem__exact" value="no">' in szuro
    assert f'<input type="hidden" name="q" value="{a.csaladi_nev}">' in szuro
    assert f'<input type="hidden" name="{mezo}"' not in szuro

    # A coordinator of two projects with the admin's view of participants: theirs, not a third one.
    harmadik = f.ProjektFactory()
    vilag.koordinator.is_staff = True
    vilag.koordinator.save()
    vilag.koordinator.user_permissions.add(Permission.objects.get(codename="view_ugyfel"))
    f.TagsagFactory(projekt=vilag.projekt_b, felhasznalo=vilag.koordinator, szerep="koordinator")
    resp = _lista(client_as(vilag.koordinator))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f'<option value="{vilag.projekt_b.pk}">' in html and f'<option value="{harmadik.pk}">' not in html


@pytest.mark.django_db
def test_the_users_list_draws_fifty_rows_a_page(vilag, client_as):
    from akcioterulet.models import Felhasznalo

    Felhasznalo.objects.bulk_create(Felhasznalo(username=f"munkatars{i:02d}") for i in range(60))
    c = client_as(vilag.admin)
    html = c.get(reverse("admin:akcioterulet_felhasznalo_changelist")).content.decode()
    assert html.count('class="action-select"') == 50
    masodik = c.get(reverse("admin:akcioterulet_felhasznalo_changelist"), {"p": 2}).content.decode()
    assert masodik.count('class="action-select"') == Felhasznalo.objects.count() - 50
