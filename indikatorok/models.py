from django.core.exceptions import ValidationError
from django.db import models

from akcioterulet.models import Projekt
from core.scoping import ScopedQuerySet


class Celertek(models.Model):
    """A target of the grant contract: an indicator of the code, its value for this project and its deadline.

    Project-specific commitments are targets too: "40 people in the park keeper
    training" is the built-in people-in-training indicator bound to one
    training (``kepzes``) under its own name.
    """

    projekt = models.ForeignKey(Projekt, on_delete=models.CASCADE, related_name="celertekek")
    mutato = models.CharField("indikátor", max_length=40, help_text="A beépített indikátor kulcsa.")
    nev = models.CharField("saját megnevezés", max_length=200, blank=True)
    kepzes = models.ForeignKey(
        "kepzes.Kepzes", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="képzés"
    )
    ertek = models.DecimalField("célérték", max_digits=10, decimal_places=0)
    hatarido = models.DateField("határidő")
    sorrend = models.PositiveSmallIntegerField("sorrend", default=0)

    objects = type("CelertekQuerySet", (ScopedQuerySet,), {"szemelyes": False}).as_manager()

    class Meta:
        verbose_name = "célérték"
        verbose_name_plural = "célértékek"
        ordering = ["projekt", "sorrend", "id"]

    def __str__(self):
        return f"{self.nev or self.mutato}: {self.ertek}"

    def clean(self):
        from .definitions import INDIKATOROK

        if self.mutato and self.mutato not in INDIKATOROK:
            raise ValidationError({"mutato": "Ismeretlen indikátor."})


class Merfoldko(models.Model):
    """An intermediate milestone of a target: the value to reach by a date."""

    celertek = models.ForeignKey(Celertek, on_delete=models.CASCADE, related_name="merfoldkovek")
    datum = models.DateField("dátum")
    ertek = models.DecimalField("érték", max_digits=10, decimal_places=0)

    objects = type(
        "MerfoldkoQuerySet", (ScopedQuerySet,), {"projekt_path": "celertek__projekt", "szemelyes": False}
    ).as_manager()

    class Meta:
        verbose_name = "mérföldkő"
        verbose_name_plural = "mérföldkövek"
        ordering = ["datum"]

    def __str__(self):
        return f"{self.datum}: {self.ertek}"
