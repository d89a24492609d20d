"""Programme sign-ups and presences on the participant's timeline, and in the change history."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import audit
from core.attendance import jelenlet_rogzites, tagok_felvetele
from core.models import Valtozas
from core.testing.factories import UgyfelFactory
from kozosseg.jelenlet import FORRAS
from kozosseg.models import Alkalom, Fenykep, Jelentkezes, Program, Reszvetel
from ugyfelek.timeline import esemenyek


def _tabor(projekt, ugyfel, nap, mentor):
    program = Program.objects.create(projekt=projekt, nev=f"Tábor {nap:%m%d}", tipus="tabor")
    alkalom = Alkalom.objects.create(program=program, datum=nap, tema="Kirándulás")
    tagok_felvetele(forras=FORRAS, szulo=program, ugyfelek=[ugyfel], datum=nap - datetime.timedelta(days=3))
    jelenlet_rogzites(forras=FORRAS, alkalom=alkalom, jelenlevok=[ugyfel.pk], felhasznalo=mentor)


def test_signups_and_presences_appear_with_constant_queries(projekt_a, mentor):
    lany = UgyfelFactory(projekt=projekt_a)
    _tabor(projekt_a, lany, datetime.date(2021, 7, 12), mentor)
    mentor.projekt_idk()
    with CaptureQueriesContext(connection) as egy:
        elso = esemenyek(user=mentor, ugyfel=lany)
    assert {(e.tipus, e.cim) for e in elso} >= {
        ("Program", "jelentkezés – Tábor 0712"),
        ("Közösségi program", "részt vett – Tábor 0712"),
    }
    for nap in range(13, 18):
        _tabor(projekt_a, lany, datetime.date(2021, 7, nap), mentor)
    with CaptureQueriesContext(connection) as hat:
        assert len(esemenyek(user=mentor, ugyfel=lany)) == 12
    assert len(egy) == len(hat)


def test_registrations_presences_and_photos_are_in_the_change_history(projekt_a, mentor):
    from kepzes.models import Beiratkozas, Jelenlet

    assert {Beiratkozas, Jelenlet, Jelentkezes, Reszvetel, Fenykep} <= audit.tracked_models()
    fiu = UgyfelFactory(projekt=projekt_a)
    _tabor(projekt_a, fiu, datetime.date(2022, 7, 11), mentor)
    naplo = Valtozas.objects.filter(ugyfel_id=fiu.pk, projekt_id=projekt_a.pk)
    assert set(naplo.values_list("modell", flat=True)) >= {"kozosseg.jelentkezes", "kozosseg.reszvetel"}
