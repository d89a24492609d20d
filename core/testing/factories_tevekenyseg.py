"""Factories for the activity records: visits, development plans, trainings, community programmes.

Kept apart from ``factories.py`` so that apps adding their own factories do not collide.
"""

import datetime

import factory
from django.utils import timezone

from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Jelenlet, Kepzes
from kozosseg.models import Alkalom, Jelentkezes, Program, Reszvetel
from ugyfelek.models import FejlesztesiTerv, KulonlegesAdat, Latogatas, TervCel

from .factories import FelhasznaloFactory, ProjektFactory, UgyfelFactory


class KulonlegesAdatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KulonlegesAdat

    ugyfel = factory.SubFactory(UgyfelFactory)
    kisebbseg = "nem"
    fogyatekossag = "nem"
    egeszsegkarosodas = "nem"
    egyeb_hatrany = "nem"


class LatogatasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Latogatas

    projekt = factory.SubFactory(ProjektFactory)
    ugyfel = factory.SubFactory(UgyfelFactory, projekt=factory.SelfAttribute("..projekt"))
    szerzo = factory.SubFactory(FelhasznaloFactory)
    idopont = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2021, 5, 3, 10, 0)))


class FejlesztesiTervFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FejlesztesiTerv

    projekt = factory.SubFactory(ProjektFactory)
    ugyfel = factory.SubFactory(UgyfelFactory, projekt=factory.SelfAttribute("..projekt"))
    keszult = datetime.date(2021, 4, 1)
    keszitette = factory.SubFactory(FelhasznaloFactory)


class TervCelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TervCel

    terv = factory.SubFactory(FejlesztesiTervFactory)
    terulet = "eletvezetes"
    leiras = factory.Sequence(lambda n: f"Fejlesztési cél {n}")


class KepzesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kepzes

    nev = factory.Sequence(lambda n: f"Tesztképzés {n}")
    tipus = Kepzes.Tipus.SZAKKEPESITES
    oraszam = 120


class CsoportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Csoport

    projekt = factory.SubFactory(ProjektFactory)
    kepzes = factory.SubFactory(KepzesFactory)
    kezdete = datetime.date(2021, 3, 1)
    vege = datetime.date(2021, 6, 30)


class BeiratkozasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beiratkozas

    csoport = factory.SubFactory(CsoportFactory)
    ugyfel = factory.SubFactory(UgyfelFactory, projekt=factory.SelfAttribute("..csoport.projekt"))
    datum = datetime.date(2021, 2, 20)
    statusz = Beiratkozas.Statusz.RESZT_VESZ


class FoglalkozasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Foglalkozas

    csoport = factory.SubFactory(CsoportFactory)
    datum = datetime.date(2021, 3, 2)


class JelenletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jelenlet

    foglalkozas = factory.SubFactory(FoglalkozasFactory)
    ugyfel = factory.SubFactory(UgyfelFactory, projekt=factory.SelfAttribute("..foglalkozas.csoport.projekt"))


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    projekt = factory.SubFactory(ProjektFactory)
    nev = factory.Sequence(lambda n: f"Közösségi program {n}")
    tipus = Program.Tipus.KLUB


class JelentkezesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jelentkezes

    program = factory.SubFactory(ProgramFactory)
    ugyfel = factory.SubFactory(UgyfelFactory, projekt=factory.SelfAttribute("..program.projekt"))
    datum = datetime.date(2021, 3, 1)


class AlkalomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alkalom

    program = factory.SubFactory(ProgramFactory)
    datum = datetime.date(2021, 4, 10)


class ReszvetelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reszvetel

    alkalom = factory.SubFactory(AlkalomFactory)
    ugyfel = factory.SubFactory(UgyfelFactory, projekt=factory.SelfAttribute("..alkalom.program.projekt"))
