from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from akcioterulet.models import Projekt
from core.attendance import AlkalomAlap, JelenletAlap, RegisztracioAlap
from core.scoping import ScopedQuerySet, scoped_manager
from ugyfelek.models import Ugyfel


class ProgramTipus(models.TextChoices):
    """The kind of a community programme; open one-off events also count unregistered residents."""

    ESEMENY = "esemeny", "egyszeri rendezvény"
    KLUB = "klub", "klub"
    CSOPORT = "csoport", "csoport"
    TABOR = "tabor", "tábor"


class Program(models.Model):
    """A community programme of a project: a one-off event, a club, a group or a camp.

    Registered participants sign up (``Jelentkezes``); open events also count
    unregistered residents as a head-count per session.
    """

    Tipus = ProgramTipus

    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="programok")
    nev = models.CharField("név", max_length=200)
    tipus = models.CharField("típus", max_length=20, choices=Tipus.choices)
    celcsoport = models.CharField(
        "célcsoport", max_length=200, blank=True, help_text="Pl. 15–18 évesek, nők, családok."
    )
    also_korhatar = models.PositiveSmallIntegerField("alsó korhatár", null=True, blank=True)
    felso_korhatar = models.PositiveSmallIntegerField("felső korhatár", null=True, blank=True)
    szervezo = models.CharField("szervező", max_length=150, blank=True)
    leiras = models.TextField("leírás", blank=True)

    objects = type("ProgramQuerySet", (ScopedQuerySet,), {"szemelyes": False}).as_manager()

    class Meta:
        verbose_name = "közösségi program"
        verbose_name_plural = "közösségi programok"
        ordering = ["nev"]
        constraints = [
            models.CheckConstraint(
                condition=Q(also_korhatar__isnull=True)
                | Q(felso_korhatar__isnull=True)
                | Q(felso_korhatar__gte=models.F("also_korhatar")),
                name="program_korhatar",
            ),
        ]

    def __str__(self):
        return self.nev

    def clean(self):
        if self.also_korhatar and self.felso_korhatar and self.felso_korhatar < self.also_korhatar:
            raise ValidationError({"felso_korhatar": "A felső korhatár nem lehet kisebb az alsónál."})


class Jelentkezes(RegisztracioAlap):
    """A participant registered for a programme (the names printed on its attendance sheet)."""

    objects = scoped_manager("program__projekt")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="jelentkezesek")
    ugyfel = models.ForeignKey(Ugyfel, on_delete=models.CASCADE, related_name="program_jelentkezesek")
    datum = models.DateField("jelentkezés dátuma")

    class Meta(RegisztracioAlap.Meta):
        verbose_name = "jelentkezés"
        verbose_name_plural = "jelentkezések"
        constraints = [models.UniqueConstraint(fields=["program", "ugyfel"], name="jelentkezes_egyedi")]


class Alkalom(AlkalomAlap):
    """A session of a programme (one meeting of a club, one day of a camp, the event itself)."""

    objects = scoped_manager("program__projekt", szemelyes=False)

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="alkalmak")
    letszam_nem_regisztralt = models.PositiveIntegerField(
        "nem regisztrált résztvevők létszáma", default=0, help_text="Nyílt rendezvényen a további lakók száma."
    )

    class Meta(AlkalomAlap.Meta):
        verbose_name = "programalkalom"
        verbose_name_plural = "programalkalmak"


class Reszvetel(JelenletAlap):
    """A registered participant present at a programme session."""

    objects = scoped_manager("alkalom__program__projekt")

    alkalom = models.ForeignKey(Alkalom, on_delete=models.CASCADE, related_name="reszvetelek")

    class Meta:
        verbose_name = "részvétel"
        verbose_name_plural = "részvételek"
        constraints = [models.UniqueConstraint(fields=["alkalom", "ugyfel"], name="kozosseg_reszvetel_egyedi")]


class Fenykep(models.Model):
    """A photo of a session (publicity rules require it), with the flag that the people shown agreed."""

    alkalom = models.ForeignKey(Alkalom, on_delete=models.CASCADE, related_name="fenykepek")
    kep = models.ImageField("kép", upload_to="fenykepek/%Y/%m/")
    leiras = models.CharField("leírás", max_length=200, blank=True)
    hozzajarultak = models.BooleanField("a képen szereplők hozzájárultak", default=False)
    feltoltotte = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feltoltve = models.DateTimeField("feltöltve", auto_now_add=True)

    objects = type("FenykepQuerySet", (ScopedQuerySet,), {"projekt_path": "alkalom__program__projekt"}).as_manager()

    class Meta:
        verbose_name = "fénykép"
        verbose_name_plural = "fényképek"
        ordering = ["-feltoltve"]

    def __str__(self):
        return self.leiras or f"Fénykép #{self.pk}"
