import datetime

from django.urls import reverse

from core.testing import factories as f
from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Jelenlet, Kepzes
from ugyfelek import timeline


def _kepzesi_tortenet(projekt, ugyfel, n):
    kepzes = Kepzes.objects.create(nev=f"Képzés {n}", tipus="egyeb", oraszam=10)
    csoport = Csoport.objects.create(projekt=projekt, kepzes=kepzes, kezdete=datetime.date(2021, 3, 1))
    Beiratkozas.objects.create(
        csoport=csoport,
        ugyfel=ugyfel,
        datum=datetime.date(2021, 2, 1),
        statusz="elvegezte",
        elvegezte_datum=datetime.date(2021, 5, 1),
        tanusitvany=True,
        tanusitvany_szama=f"T-{n}",
    )
    fogl = Foglalkozas.objects.create(csoport=csoport, datum=datetime.date(2021, 3, 2), tema="Bevezetés")
    Jelenlet.objects.create(foglalkozas=fogl, ugyfel=ugyfel)


def test_enrolment_completion_certificate_and_presence_on_the_timeline(projekt_a, mentor):
    u = f.UgyfelFactory(projekt=projekt_a)
    _kepzesi_tortenet(projekt_a, u, 1)
    cimek = [(e.tipus, e.cim) for e in timeline.esemenyek(user=mentor, ugyfel=u)]
    assert ("Képzés", "beiratkozás – Képzés 1") in cimek
    assert ("Képzés", "elvégezte – Képzés 1") in cimek
    assert ("Tanúsítvány", "Képzés 1") in cimek
    assert ("Foglalkozás", "jelen – Képzés 1") in cimek


def test_timeline_sources_run_constant_queries(projekt_a, mentor, django_assert_max_num_queries):
    u = f.UgyfelFactory(projekt=projekt_a)
    _kepzesi_tortenet(projekt_a, u, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mentor.projekt_idk()  # the role cache is read once per request anyway
    with CaptureQueriesContext(connection) as kicsi:
        timeline.esemenyek(user=mentor, ugyfel=u)
    for n in range(2, 7):
        _kepzesi_tortenet(projekt_a, u, n)
    with CaptureQueriesContext(connection) as nagy:
        timeline.esemenyek(user=mentor, ugyfel=u)
    assert len(kicsi) == len(nagy)


def test_household_timeline_names_the_member(projekt_a, mentor, client_as):
    u = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Rácz", utonev="Lili")
    h = f.HaztartasFactory(projekt=projekt_a)
    f.HaztartasTagFactory(haztartas=h, ugyfel=u)
    _kepzesi_tortenet(projekt_a, u, 1)
    html = client_as(mentor).get(reverse("ugyfelek:haztartas_reszlet", args=[h.pk])).content.decode()
    assert "Rácz Lili: beiratkozás – Képzés 1" in html


def test_participant_page_asks_the_training_sources_only_for_a_participant_with_training_rows(
    projekt_a, mentor, client_as, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nincs = f.UgyfelFactory(projekt=projekt_a)
    van = f.UgyfelFactory(projekt=projekt_a)
    _kepzesi_tortenet(projekt_a, van, 1)
    c = client_as(mentor)
    szamok = {}
    for u in (nincs, van):
        url = reverse("ugyfelek:ugyfel_reszlet", args=[u.pk])
        c.get(url)  # the session is warm, as on every later request
        with CaptureQueriesContext(connection) as lekerdezesek:
            html = c.get(url).content.decode()
        szamok[u.pk] = len(lekerdezesek)
    assert "beiratkozás – Képzés 1" in html and "jelen – Képzés 1" in html
    # Enrolments and presences: one query each, only where there is any.
    assert szamok[van.pk] == szamok[nincs.pk] + 2
    for n in range(2, 7):
        _kepzesi_tortenet(projekt_a, van, n)
    with django_assert_num_queries(szamok[van.pk]):
        html = c.get(reverse("ugyfelek:ugyfel_reszlet", args=[van.pk])).content.decode()
    assert "beiratkozás – Képzés 6" in html


def test_household_page_asks_the_training_sources_only_for_a_household_with_training_rows(projekt_a, mentor, client_as):
    """As the participant's page: a household's page learns in its own query whether any member, present or
    past, has enrolments or presences, and asks those sources only then."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nincs, van = f.HaztartasFactory(projekt=projekt_a), f.HaztartasFactory(projekt=projekt_a)
    f.HaztartasTagFactory(haztartas=nincs, ugyfel=f.UgyfelFactory(projekt=projekt_a))
    volt_tag = f.UgyfelFactory(projekt=projekt_a, csaladi_nev="Rácz", utonev="Lili")
    f.HaztartasTagFactory(haztartas=van, ugyfel=volt_tag, meddig=datetime.date(2024, 1, 1))
    _kepzesi_tortenet(projekt_a, volt_tag, 1)
    c = client_as(mentor)
    szamok = {}
    for h in (nincs, van):
        url = reverse("ugyfelek:haztartas_reszlet", args=[h.pk])
        c.get(url)
        with CaptureQueriesContext(connection) as lekerdezesek:
            html = c.get(url).content.decode()
        szamok[h.pk] = len(lekerdezesek)
    assert "Rácz Lili: beiratkozás – Képzés 1" in html
    assert szamok[van.pk] == szamok[nincs.pk] + 2
