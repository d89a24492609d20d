"""The report keeps each evidence model's figures under the data versions of the tables and columns its
statement reads (core.adatverzio): a second view recounts nothing, a committed change shows at once, the
same figures as a fresh count, and recounts only the statements that read what it changed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from indikatorok import selectors
from indikatorok.forms import IdoszakForm
from kepzes.models import Kepzes
from ugyfelek.models import Latogatas

pytestmark = pytest.mark.django_db(transaction=True)


def _abra(resp):
    """Every figure of the page: (row name, value, breakdown cells)."""
    sorok = [*resp.context["celok"], *(s for _c, cs in resp.context["csoportok"] for s in cs)]
    return [(s.nev, s.ertek, s.cellak) for s in sorok]


def _friss(user, projekt):
    form = IdoszakForm(None, projekt=projekt)
    celok, csoportok = selectors.jelentes(user, projekt, form.valasztott(), form.bontasok(), grafikon="")
    return [(s.nev, s.ertek) for s in [*celok, *(s for _c, cs in csoportok for s in cs)]]


def test_the_report_is_kept_until_a_change_commits(vilag, client_as):
    c = client_as(vilag.koordinator)
    url = reverse("indikatorok:jelentes", args=[vilag.projekt_a.pk])

    def megnyit():
        with CaptureQueriesContext(connection) as q:
            resp = c.get(url)
        assert resp.status_code == 200
        megnyit.statements = sum('"sorok"' in sor["sql"] for sor in q.captured_queries)
        megnyit.sql = [sor["sql"][:300] for sor in q.captured_queries if '"sorok"' in sor["sql"]]
        return resp, len(q)

    elso, n_elso = megnyit()
    masodik, n_masodik = megnyit()
    assert _abra(masodik) == _abra(elso) and n_masodik < n_elso - 5

    # A participant involved in the project's first month: counted at the next view, as a fresh count gives it.
    nap = vilag.projekt_a.kezdete + datetime.timedelta(days=10)
    f.UgyfelFactory(projekt=vilag.projekt_a, megallapodas_datuma=nap)
    harmadik, n = megnyit()
    assert n_masodik < n < n_elso
    assert [(nev, ertek) for nev, ertek, _c in _abra(harmadik)] == _friss(vilag.koordinator, vilag.projekt_a)
    assert _abra(harmadik) != _abra(elso)

    # A visit: the statements over the visits and the households (visited households) alone are recounted.
    Latogatas.objects.create(
        projekt=vilag.projekt_a,
        szerzo=vilag.mentor,
        ugyfel=vilag.ugyfel,
        idopont=timezone.make_aware(datetime.datetime.combine(nap, datetime.time(10))),
    )
    negyedik, _n = megnyit()
    assert megnyit.statements == 2, megnyit.sql
    assert [(nev, ertek) for nev, ertek, _c in _abra(negyedik)] == _friss(vilag.koordinator, vilag.projekt_a)
    assert _abra(negyedik) != _abra(harmadik)
    megnyit()
    assert megnyit.statements == 0

    # The training catalogue is shared by every project: a renamed training shows at once too.
    kepzes = Kepzes.objects.filter(csoportok__projekt=vilag.projekt_a).first()
    Kepzes.objects.filter(pk=kepzes.pk).update(nev="Átnevezett képzés")
    assert any("Átnevezett képzés" in nev for nev, _e, _c in _abra(megnyit()[0]))


def test_a_report_reader_gets_their_own_figures_not_the_coordinators(vilag, client_as):
    url = reverse("indikatorok:jelentes", args=[vilag.projekt_a.pk])
    koord = _abra(client_as(vilag.koordinator).get(url))
    olvaso = _abra(client_as(vilag.olvaso).get(url))
    assert [(n, e) for n, e, _c in olvaso] == _friss(vilag.olvaso, vilag.projekt_a)
    assert len(olvaso) < len(koord)  # sensitive figures are the coordinator's only


def test_users_of_one_role_share_the_kept_report(vilag, client_as, client):
    from akcioterulet.models import Szerep

    url = reverse("indikatorok:jelentes", args=[vilag.projekt_a.pk])
    masik = f.FelhasznaloFactory(username="koordinator_a2")
    f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=masik, szerep=Szerep.KOORDINATOR)
    with CaptureQueriesContext(connection) as elso:
        egyik = _abra(client_as(vilag.koordinator).get(url))
    client.logout()
    with CaptureQueriesContext(connection) as masodik:
        assert _abra(client_as(masik).get(url)) == egyik
    assert len(masodik) < len(elso) - 5
