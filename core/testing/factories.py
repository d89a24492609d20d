"""Factories for tests and benchmarks: valid, obviously fictional records."""

import datetime
import itertools

import factory
from django.contrib.auth import get_user_model

from akcioterulet.models import AkcioTerulet, Projekt, Szerep, Tagsag, UtcaSzakasz
from ugyfelek.models import Haztartas, HaztartasTag, Ugyfel
from ugyfelek.validators import taj_ellenorzo_szamjegy

_taj_szamlalo = itertools.count(10_000_000)


def ervenyes_taj(n: int | None = None) -> str:
    """A TAJ number with a correct check digit (from a running counter unless ``n`` is given)."""
    elso_nyolc = f"{(n if n is not None else next(_taj_szamlalo)) % 100_000_000:08d}"
    return elso_nyolc + str(taj_ellenorzo_szamjegy(elso_nyolc))


class ProjektFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Projekt

    kod = factory.Sequence(lambda n: f"TOP-6.9.1-16-TE{n}-2020-{n:05d}")
    cim = factory.Sequence(lambda n: f"Tesztprojekt {n}")
    kedvezmenyezett = "Teszt Megyei Jogú Város Önkormányzata"
    telepules = "Tesztváros"
    kezdete = datetime.date(2020, 1, 1)
    vege = datetime.date(2023, 12, 31)


class AkcioTeruletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AkcioTerulet

    projekt = factory.SubFactory(ProjektFactory)
    nev = factory.Sequence(lambda n: f"Akcióterület {n}")


class UtcaSzakaszFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UtcaSzakasz

    akcioterulet = factory.SubFactory(AkcioTeruletFactory)
    utca = "Minta utca"


class FelhasznaloFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"felhasznalo{n}")
    first_name = "Teszt"
    last_name = factory.Sequence(lambda n: f"Munkatárs{n}")
    password = factory.PostGenerationMethodCall("set_password", "titkos-jelszo-123")

    @factory.post_generation
    def mentes(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TagsagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tagsag

    projekt = factory.SubFactory(ProjektFactory)
    felhasznalo = factory.SubFactory(FelhasznaloFactory)
    szerep = Szerep.MENTOR


class UgyfelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ugyfel

    projekt = factory.SubFactory(ProjektFactory)
    csaladi_nev = factory.Sequence(lambda n: f"Próba{n}")
    utonev = "Anna"
    anyja_neve = "Minta Mária"
    szuletesi_hely = "Tesztváros"
    szuletesi_datum = datetime.date(1985, 3, 12)
    nem = "no"
    taj = factory.LazyFunction(ervenyes_taj)
    iranyitoszam = "7400"
    telepules = "Tesztváros"
    cim = factory.Sequence(lambda n: f"Minta utca {n + 1}.")
    bevonas_datuma = datetime.date(2021, 3, 1)


class HaztartasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Haztartas

    projekt = factory.SubFactory(ProjektFactory)
    cim = factory.Sequence(lambda n: f"Minta utca {n + 1}.")


class HaztartasTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HaztartasTag

    haztartas = factory.SubFactory(HaztartasFactory)
    ugyfel = factory.SubFactory(UgyfelFactory)
    mettol = datetime.date(2021, 1, 1)
