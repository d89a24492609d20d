"""The shared attendance machinery: the registry of session sources and the upcoming-sessions page."""

import datetime

from django.urls import reverse
from django.utils import timezone

from core import attendance
from kepzes.models import Csoport, Foglalkozas, Kepzes
from kozosseg.models import Alkalom, Program


def _alkalmak(projekt, n, kezdet):
    kepzes = Kepzes.objects.create(nev=f"Targonca {projekt.pk}", tipus="szakkepesites", oraszam=60)
    csoport = Csoport.objects.create(projekt=projekt, kepzes=kepzes, kezdete=kezdet)
    program = Program.objects.create(projekt=projekt, nev=f"Klub {projekt.pk}", tipus="klub")
    for i in range(n):
        Foglalkozas.objects.create(csoport=csoport, datum=kezdet + datetime.timedelta(days=2 * i), tema=f"Elmélet {i}")
        Alkalom.objects.create(program=program, datum=kezdet + datetime.timedelta(days=2 * i + 1), tema=f"Klubnap {i}")


def test_both_apps_register_their_sources():
    assert {f.kulcs for f in attendance.forrasok()} >= {"foglalkozas", "alkalom"}


def test_upcoming_sessions_of_both_apps_for_a_reader_soonest_first(projekt_a, projekt_b, olvaso, client_as):
    ma = timezone.localdate()
    _alkalmak(projekt_a, 2, ma + datetime.timedelta(days=1))
    _alkalmak(projekt_a, 1, ma - datetime.timedelta(days=30))  # past: not listed
    _alkalmak(projekt_b, 2, ma + datetime.timedelta(days=1))  # other project: not listed
    html = client_as(olvaso).get(reverse("alkalmak")).content.decode()
    assert html.index("Elmélet 0") < html.index("Klubnap 0") < html.index("Elmélet 1") < html.index("Klubnap 1")
    assert html.count(f"Targonca {projekt_a.pk}") == 2 and f"Klub {projekt_b.pk}" not in html


def test_upcoming_sessions_page_runs_constant_queries(projekt_a, mentor, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(mentor)
    ma = timezone.localdate()
    _alkalmak(projekt_a, 1, ma)
    with CaptureQueriesContext(connection) as kicsi:
        client.get(reverse("alkalmak"))
    _alkalmak(projekt_a, 15, ma)
    with CaptureQueriesContext(connection) as nagy:
        client.get(reverse("alkalmak"))
    assert len(kicsi) == len(nagy)


def test_age_is_counted_in_whole_years_on_the_day():
    assert attendance.eletkor(datetime.date(2003, 4, 10), datetime.date(2019, 4, 9)) == 15
    assert attendance.eletkor(datetime.date(2003, 4, 10), datetime.date(2019, 4, 10)) == 16
