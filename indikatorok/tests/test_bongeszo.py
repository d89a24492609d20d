"""The report page in the system's Chromium: the chart draws from json_script data, with no script errors."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from core.testing import factories as f
from indikatorok.models import Celertek


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_chart_renders_without_script_errors(live_server, client, browser):
    projekt = f.ProjektFactory(kezdete=datetime.date(2021, 1, 1), vege=datetime.date(2022, 12, 31))
    user = f.FelhasznaloFactory(is_superuser=True)
    Celertek.objects.create(projekt=projekt, mutato="bevont", ertek=10, hatarido=datetime.date(2022, 12, 31))
    for i in range(3):
        f.UgyfelFactory(projekt=projekt, megallapodas_datuma=datetime.date(2021, 2 + i, 1))
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    ctx = browser.new_context()
    ctx.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    oldal = ctx.new_page()
    hibak = []
    oldal.on("pageerror", lambda e: hibak.append(str(e)))
    oldal.goto(live_server.url + reverse("indikatorok:jelentes", args=[projekt.pk]))
    oldal.wait_for_function("() => window.Chart && Chart.getChart('halmozott-grafikon')")
    pontok = oldal.evaluate("() => Chart.getChart('halmozott-grafikon').data.datasets[0].data")
    assert pontok[-1] == 3
    assert not hibak
    ctx.close()
