"""The community-programme demo on a handful of people it creates itself."""

import datetime
from io import StringIO

from core.testing.factories import UgyfelFactory
from kozosseg import demo, selectors
from kozosseg.models import Alkalom, Jelentkezes, Program, Reszvetel


def test_programmes_of_both_projects_respect_target_groups_and_rerun_safely(projekt_a, projekt_b):
    for projekt in (projekt_a, projekt_b):
        for ev in (1970, 1990, 2003, 2004, 2008):
            UgyfelFactory(projekt=projekt, szuletesi_datum=datetime.date(ev, 2, 1), nem="no")
        UgyfelFactory(projekt=projekt, szuletesi_datum=datetime.date(1975, 2, 1), nem="ferfi")
    demo.epit(StringIO())
    assert (
        Program.objects.filter(projekt=projekt_b).count() == 5
        and Program.objects.filter(projekt=projekt_a).count() == 5
    )
    tini = Jelentkezes.objects.filter(program__nev="Önismereti csoport tizenéveseknek")
    # Born 2003 and 2004: 15-16 in April 2019; nobody else fits 15-18.
    assert sorted(j.ugyfel.szuletesi_datum.year for j in tini) == [2003, 2004]
    assert set(Jelentkezes.objects.filter(program__nev="Női önsegítő klub").values_list("ugyfel__nem", flat=True)) == {
        "no"
    }
    nap = Alkalom.objects.get(program__nev="Családi nap 2019")
    assert nap.letszam_nem_regisztralt == 40 and nap.reszvetelek.count() == 6
    ev_2019 = (datetime.date(2019, 6, 1), datetime.date(2019, 6, 1))
    assert selectors.osszes_reszvetel(projekt_b, ev_2019) == 46
    allapot = (Alkalom.objects.count(), Jelentkezes.objects.count(), Reszvetel.objects.count())
    demo.epit(StringIO())
    assert (Alkalom.objects.count(), Jelentkezes.objects.count(), Reszvetel.objects.count()) == allapot
