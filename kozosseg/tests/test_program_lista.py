"""The programme list: the figures of each programme, its order, and a number of queries that does not grow."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.testing import factories as f
from kozosseg import selectors
from kozosseg.models import Alkalom, Jelentkezes, Program, Reszvetel

NAP = datetime.date(2021, 5, 1)
LISTA = reverse("kozosseg:program_lista")


def regi_osszesito(qs):
    """The figures as the list computed them before it paginated first (joins with COUNT DISTINCT):
    the reference the new subqueries must match."""
    reszvetel = (
        Reszvetel.objects.filter(alkalom__program=OuterRef("pk")).values("alkalom__program").annotate(db=Count("pk"))
    )
    letszam = (
        Alkalom.objects.filter(program=OuterRef("pk")).values("program").annotate(db=Sum("letszam_nem_regisztralt"))
    )
    return qs.annotate(
        alkalmak_db=Count("alkalmak", distinct=True),
        jelentkezok=Count("jelentkezesek", distinct=True),
        reszvetelek_db=Coalesce(Subquery(reszvetel.values("db"), output_field=IntegerField()), 0),
        letszam=Coalesce(Subquery(letszam.values("db"), output_field=IntegerField()), 0),
    )


def program(projekt, nev, *, jelentkezok=(), alkalmak=()):
    """A programme with its registrations and sessions; ``alkalmak``: (head-count, people present) per session."""
    p = Program.objects.create(projekt=projekt, nev=nev, tipus=Program.Tipus.KLUB)
    Jelentkezes.objects.bulk_create(Jelentkezes(program=p, ugyfel=u, datum=NAP) for u in jelentkezok)
    for i, (letszam, jelen) in enumerate(alkalmak):
        a = Alkalom.objects.create(program=p, datum=NAP + datetime.timedelta(days=i), letszam_nem_regisztralt=letszam)
        Reszvetel.objects.bulk_create(Reszvetel(alkalom=a, ugyfel=u) for u in jelen)
    return p


def abra(resp):
    """(sessions, registrations, attendances, head-count) per programme id, as the list page gives them."""
    return {p.pk: (p.alkalmak_db, p.jelentkezok, p.reszvetelek_db, p.letszam) for p in resp.context["object_list"]}


@pytest.fixture
def programok(projekt_a, projekt_b):
    """Programmes with every kind of gap: no sessions, no registrations, a present person who never registered,
    sessions without anybody, two programmes of one name, and one in the other project."""
    a = [f.UgyfelFactory(projekt=projekt_a) for _ in range(5)]
    b = [f.UgyfelFactory(projekt=projekt_b) for _ in range(2)]
    return {
        "csaladi": program(projekt_a, "Családi nap", jelentkezok=a[:3], alkalmak=[(40, a[:3])]),
        "klub": program(projekt_a, "Baba-mama klub", jelentkezok=a[:4], alkalmak=[(0, a[:4]), (2, a[:2]), (5, [])]),
        "klub2": program(projekt_a, "Baba-mama klub", jelentkezok=a[4:], alkalmak=[(1, a[4:])]),
        "csoport": program(projekt_a, "Ifjúsági csoport", jelentkezok=a[:2]),
        "tabor": program(projekt_a, "Nyári tábor", alkalmak=[(10, a[4:]), (0, [])]),
        "ures": program(projekt_a, "Üres program"),
        "kecskemet": program(projekt_b, "Családi nap", jelentkezok=b, alkalmak=[(3, b), (0, b[:1])]),
    }


VARHATO = {
    "csaladi": (1, 3, 3, 40),
    "klub": (3, 4, 6, 7),
    "klub2": (1, 1, 1, 1),
    "csoport": (0, 2, 0, 0),
    "tabor": (2, 0, 1, 10),
    "ures": (0, 0, 0, 0),
    "kecskemet": (2, 2, 3, 3),
}


def test_the_list_shows_the_figures_the_joins_gave(programok, admin_user, client_as):
    resp = client_as(admin_user).get(LISTA)
    regi = {p.pk: (p.alkalmak_db, p.jelentkezok, p.reszvetelek_db, p.letszam) for p in regi_osszesito(Program.objects)}
    assert abra(resp) == regi == {programok[k].pk: v for k, v in VARHATO.items()}
    # The row as printed: sessions, registrations, attendances, unregistered head-count.
    assert "<td>3</td><td>4</td><td>6</td><td>7</td>" in resp.content.decode()


def test_the_selector_keeps_the_figures_for_its_other_callers(programok, mentor, client_as):
    qs = selectors.programok_osszesitovel(Program.objects.all())
    assert {p.pk: (p.alkalmak_db, p.jelentkezok, p.reszvetelek_db, p.letszam) for p in qs} == {
        programok[k].pk: v for k, v in VARHATO.items()
    }
    # The programme's own page reads the same selector (one programme).
    html = client_as(mentor).get(reverse("kozosseg:program_reszlet", args=[programok["klub"].pk])).content.decode()
    assert "Jelentkezők: 4 · részvételek: 6 · nem regisztrált résztvevők: 7" in html


def test_a_mentor_sees_the_figures_of_their_project_only(programok, mentor, client_as):
    assert abra(client_as(mentor).get(LISTA)) == {programok[k].pk: v for k, v in VARHATO.items() if k != "kecskemet"}


def test_the_list_is_ordered_by_settlement_name_and_id(programok, admin_user, client_as):
    sorrend = [p.pk for p in client_as(admin_user).get(LISTA).context["object_list"]]
    klubok = sorted([programok["klub"].pk, programok["klub2"].pk])
    assert sorrend == [
        *klubok,  # Kaposvár: "Baba-mama klub" twice, the older first
        programok["csaladi"].pk,
        programok["csoport"].pk,
        programok["tabor"].pk,
        programok["ures"].pk,
        programok["kecskemet"].pk,  # Kecskemét
    ]


def tomeg(projekt, n, *, emberek):
    """``n`` programmes with 4 sessions each, every person registered and present at each session."""
    uj = Program.objects.bulk_create(
        Program(projekt=projekt, nev=f"Program {i:03d}", tipus=Program.Tipus.CSOPORT) for i in range(n)
    )
    Jelentkezes.objects.bulk_create(Jelentkezes(program=p, ugyfel=u, datum=NAP) for p in uj for u in emberek)
    alkalmak = Alkalom.objects.bulk_create(
        Alkalom(program=p, datum=NAP + datetime.timedelta(days=i), letszam_nem_regisztralt=i)
        for p in uj
        for i in range(4)
    )
    Reszvetel.objects.bulk_create(Reszvetel(alkalom=a, ugyfel=u) for a in alkalmak for u in emberek)


def lekerdezesek(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return [x["sql"] for x in q.captured_queries]


def test_the_list_runs_the_same_queries_for_one_programme_and_for_two_pages_of_busy_ones(
    projekt_a, mentor, client_as, django_assert_num_queries
):
    program(projekt_a, "Családi nap", alkalmak=[(5, [])])
    client = client_as(mentor)
    client.get(LISTA)  # the session is warm, as on every later request
    keves = lekerdezesek(client, LISTA)
    # Session, user, memberships; then the count, the page's ids, the page's rows with their figures.
    assert len(keves) == 6

    emberek = [f.UgyfelFactory(projekt=projekt_a) for _ in range(6)]
    tomeg(projekt_a, 60, emberek=emberek)
    with django_assert_num_queries(len(keves)):
        resp = client.get(LISTA)
    assert len(resp.context["object_list"]) == 50
    with django_assert_num_queries(len(keves)):
        resp = client.get(LISTA + "?page=2")
    masodik = resp.context["object_list"]
    assert len(masodik) == 11 and resp.context["paginator"].count == 61
    assert {(p.alkalmak_db, p.jelentkezok, p.reszvetelek_db, p.letszam) for p in masodik} == {(4, 6, 24, 6)}


def test_the_count_is_plain_and_the_figures_are_read_for_the_page_only(projekt_a, mentor, client_as):
    tomeg(projekt_a, 55, emberek=[f.UgyfelFactory(projekt=projekt_a) for _ in range(2)])
    sql = lekerdezesek(client_as(mentor), LISTA)
    szamlalas = [q for q in sql if "COUNT(*)" in q]
    assert len(szamlalas) == 1
    assert "JOIN" not in szamlalas[0] and "kozosseg_alkalom" not in szamlalas[0]
    # One query sums the sessions and attendances: the one restricted to the page's 50 ids.
    osszesito = [q for q in sql if "kozosseg_reszvetel" in q]
    assert len(osszesito) == 1
    idk = osszesito[0].split('"kozosseg_program"."id" IN (')[1].split(")")[0]
    assert len(idk.split(",")) == 50
