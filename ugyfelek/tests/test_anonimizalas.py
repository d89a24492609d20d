"""Anonymisation: nothing that identifies the people survives anywhere; the indicator figures stay."""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models
from django.db.models import Count
from django.urls import reverse

from core.models import Valtozas
from core.testing import factories as f
from ugyfelek.models import (
    FejlesztesiTerv,
    Hozzajarulas,
    KovetoFeladat,
    KulonlegesAdat,
    Latogatas,
    TervCel,
    Ugyfel,
)
from ugyfelek.services import ugyfel_anonimizalas

NEVEK = ["Zsebibaba", "Kanárimadár", "Titkosné Teréz", "Kanárfalva", "Rejtekhely utca 77", "+36 30 999 8877"]


def _kanari_ugyfel(projekt, mentor, i):
    taj = f.ervenyes_taj(87654300 + i)
    u = f.UgyfelFactory(
        projekt=projekt,
        mentor=mentor,
        csaladi_nev=f"Zsebibaba{i}",
        utonev="Kanárimadár",
        szuletesi_nev=f"Zsebibaba{i} Kanárimadár",
        anyja_neve="Titkosné Teréz",
        szuletesi_hely="Kanárfalva",
        taj=taj,
        cim=f"Rejtekhely utca 77/{i}.",
        telefon=f"+36 30 999 8877{i}",
        email=f"kanari{i}@example.org",
        szuletesi_datum=datetime.date(1960 + i * 7, 6, 15),
        nem="no" if i % 2 else "ferfi",
        munkaeropiaci_statusz="tartosan_munkanelkuli" if i % 2 else "foglalkoztatott",
        iskolai_vegzettseg="isced_1_2",
        haztartas_munkanelkuli=True,
        haztartas_eltartott_gyermekkel=bool(i % 2),
        haztartas_egyedulallo_szulo=False,
        kilepes_datuma=datetime.date(2022, 12, 1) if i == 2 else None,
        kilepes_oka="program_vege" if i == 2 else "",
        eredmeny_28="foglalkoztatott" if i == 2 else "",
    )
    return u, taj


@pytest.fixture
def lejart_projekt(projekt_a, koordinator, mentor, client):
    projekt_a.adatmegorzes_vege = datetime.date(2024, 12, 31)
    projekt_a.save()
    emberek = [_kanari_ugyfel(projekt_a, mentor, i) for i in range(4)]
    h = f.HaztartasFactory(projekt=projekt_a, nev="Zsebibaba család", cim="Rejtekhely utca 77/0.")
    for u, _ in emberek[:2]:
        f.HaztartasTagFactory(haztartas=h, ugyfel=u)
    u0 = emberek[0][0]
    KulonlegesAdat.objects.create(ugyfel=u0, kisebbseg="igen", fogyatekossag="nem")
    Hozzajarulas.objects.create(ugyfel=u0, datum=datetime.date(2021, 3, 1), tajekoztato_verzio="v1", celok=["projekt"])
    lat = Latogatas.objects.create(
        projekt=projekt_a, szerzo=mentor, haztartas=h, jegyzet="Zsebibaba1 Kanárimadár otthon volt, +36 30 999 88771."
    )
    lat.jelenlevok.add(emberek[1][0])
    Latogatas.objects.create(projekt=projekt_a, szerzo=mentor, ugyfel=u0, jegyzet="Zsebibaba0 Kanárimadár adóssága.")
    KovetoFeladat.objects.create(
        projekt=projekt_a,
        ugyfel=u0,
        leiras="Zsebibaba0 elkísérése",
        hatarido=datetime.date(2022, 1, 1),
        felelos=mentor,
    )
    terv = FejlesztesiTerv.objects.create(
        projekt=projekt_a,
        ugyfel=u0,
        keszult=datetime.date(2021, 4, 1),
        keszitette=mentor,
        helyzetleiras="Zsebibaba0 él",
    )
    TervCel.objects.create(
        terv=terv, terulet="egeszseg", leiras="Zsebibaba0 Kanárimadár orvoshoz", felelos="Titkosné Teréz"
    )
    # A form edit and an admin log entry, so the old values sit in both logs.
    client.force_login(koordinator)
    u0.telefon = "+36 30 999 88770 (új)"
    u0.save()
    LogEntry.objects.create(
        user=koordinator,
        content_type=ContentType.objects.get_for_model(Ugyfel),
        object_id=str(u0.pk),
        object_repr=str(u0),
        action_flag=CHANGE,
    )
    return emberek


def _indikator_szamok(projekt):
    """The figures the indicators are made of, as querysets over the project's records."""
    qs = Ugyfel.objects.filter(projekt=projekt)
    szamok = {
        "osszes": qs.count(),
        "teljes": qs.teljes().count(),
        "kilepett": qs.kilepett().count(),
        "allas_28": qs.filter(eredmeny_28="foglalkoztatott").count(),
        "fiatal": qs.filter(szuletesi_datum__gt=datetime.date(1997, 1, 1)).count(),
        "idos": qs.filter(szuletesi_datum__lt=datetime.date(1967, 1, 1)).count(),
        "roma": qs.filter(kulonleges_adat__kisebbseg="igen").count(),
        "bontas": list(
            qs.values("nem", "munkaeropiaci_statusz", "iskolai_vegzettseg", "haztartas_eltartott_gyermekkel")
            .annotate(n=Count("id"))
            .order_by("nem", "munkaeropiaci_statusz", "iskolai_vegzettseg", "haztartas_eltartott_gyermekkel")
        ),
    }
    # Every indicator figure of the indikatorok app.
    from indikatorok.definitions import INDIKATOROK, Idoszak

    idoszak = Idoszak(datetime.date(2020, 1, 1), datetime.date(2026, 12, 31))
    for kulcs, indikator in INDIKATOROK.items():
        szamok[kulcs] = indikator.ertek(projekt, idoszak)
    return szamok


def _minden_szoveg():
    """Every text and JSON value of every table of the database."""
    for model in apps.get_models():
        mezok = [
            fld.attname
            for fld in model._meta.concrete_fields
            if isinstance(fld, (models.CharField, models.TextField, models.JSONField))
        ]
        if not mezok:
            continue
        for sor in model._base_manager.values_list(*mezok):
            for ertek in sor:
                if ertek not in (None, ""):
                    yield model._meta.label, str(ertek)


def test_command_anonymises_expired_projects_and_keeps_the_figures(lejart_projekt, projekt_a, mentor_b):
    masik = f.UgyfelFactory(projekt=mentor_b.tagsagok.get().projekt, csaladi_nev="Megmaradó")
    elotte = _indikator_szamok(projekt_a)
    tajok = [taj for _, taj in lejart_projekt]

    def talalatok():
        return [
            (tabla, ertek)
            for tabla, ertek in _minden_szoveg()
            if any(n.lower() in ertek.lower() for n in NEVEK) or any(t in ertek for t in tajok)
        ]

    tablak = {t for t, _ in talalatok()}
    # The search works: before, the names sit in the records, the history and the admin log.
    assert {"ugyfelek.Ugyfel", "core.Valtozas", "admin.LogEntry", "ugyfelek.Latogatas"} <= tablak
    kimenet = io.StringIO()
    call_command("anonimizalas", stdout=kimenet)
    assert "4 ügyfél" in kimenet.getvalue()
    assert _indikator_szamok(projekt_a) == elotte

    maradt = talalatok()
    assert not maradt, maradt[:5]
    assert Ugyfel.objects.filter(projekt=projekt_a, anonimizalva__isnull=True).count() == 0
    masik.refresh_from_db()
    assert masik.csaladi_nev == "Megmaradó" and masik.anonimizalva is None
    assert Valtozas.objects.filter(muvelet=Valtozas.Muvelet.ANONIMIZALAS).count() == 4
    # Re-running changes nothing.
    call_command("anonimizalas", stdout=io.StringIO())
    assert Valtozas.objects.filter(muvelet=Valtozas.Muvelet.ANONIMIZALAS).count() == 4


def test_projects_still_in_retention_are_left_alone(projekt_a):
    projekt_a.adatmegorzes_vege = datetime.date(2099, 1, 1)
    projekt_a.save()
    u = f.UgyfelFactory(projekt=projekt_a)
    call_command("anonimizalas", stdout=io.StringIO())
    u.refresh_from_db()
    assert u.anonimizalva is None


def test_one_person_anonymised_keeps_the_shared_household_of_the_others(projekt_a, mentor):
    (u0, _), (u1, _) = _kanari_ugyfel(projekt_a, mentor, 0), _kanari_ugyfel(projekt_a, mentor, 1)
    h = f.HaztartasFactory(projekt=projekt_a, cim="Közös utca 1.")
    f.HaztartasTagFactory(haztartas=h, ugyfel=u0)
    f.HaztartasTagFactory(haztartas=h, ugyfel=u1)
    ugyfel_anonimizalas(ugyfel=u0)
    h.refresh_from_db()
    assert h.cim == "Közös utca 1."
    u0.refresh_from_db()
    assert u0.csaladi_nev == "Anonimizált" and u0.taj == "" and "zsebibaba" not in u0.kereso_szoveg
    assert u0.szuletesi_datum == datetime.date(1960, 6, 15)
    ugyfel_anonimizalas(ugyfel=u1)
    h.refresh_from_db()
    assert h.cim == "[anonimizálva]"


def test_admin_action_anonymises_selected_participants(client, admin_user, projekt_a, mentor):
    u, _ = _kanari_ugyfel(projekt_a, mentor, 0)
    client.force_login(admin_user)
    resp = client.post(
        reverse("admin:ugyfelek_ugyfel_changelist"), {"action": "anonimizalas", "_selected_action": [u.pk]}
    )
    assert resp.status_code == 302
    u.refresh_from_db()
    assert u.anonimizalva is not None
    bej = Valtozas.objects.get(muvelet=Valtozas.Muvelet.ANONIMIZALAS)
    assert bej.felhasznalo == admin_user and bej.forras == Valtozas.Forras.ADMIN
