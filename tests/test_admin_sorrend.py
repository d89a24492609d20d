"""The admin's lists of enrolments and programme applications span every project: newest first (by id), not by
the participant's name, which sorted every project's rows to show a page."""

import datetime

import pytest
from django.urls import reverse

from core.testing import factories as f
from kepzes.models import Beiratkozas
from kozosseg.models import Jelentkezes


@pytest.mark.django_db
def test_enrolments_and_applications_are_listed_newest_first(vilag, client_as):
    c = client_as(vilag.admin)
    # A participant whose name comes last, enrolled and applied last.
    zsolnai = f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev="Zsolnai", utonev="Zita")
    Beiratkozas.objects.create(csoport=vilag.csoport, ugyfel=zsolnai, datum=datetime.date(2021, 2, 21))
    Jelentkezes.objects.create(program=vilag.program, ugyfel=zsolnai, datum=datetime.date(2021, 6, 2))
    for model in (Beiratkozas, Jelentkezes):
        resp = c.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        assert resp.status_code == 200
        sorok = list(resp.context["cl"].result_list)
        assert [s.pk for s in sorok] == sorted((s.pk for s in sorok), reverse=True)
        assert sorok[0].ugyfel == zsolnai and len(sorok) == model.objects.count() == 2
