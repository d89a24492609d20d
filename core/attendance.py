"""The one attendance mechanism shared by trainings and community programmes.

A session (``AlkalomAlap``) has a date, times and a place; a presence row
(``JelenletAlap``) says that one registered participant was there. The
concrete models live in ``kepzes`` and ``kozosseg``; the checklist view, the
grid and the printable attendance sheet work on any pair of them.
"""

from django.db import models


class AlkalomAlap(models.Model):
    """A session: one occasion on a date, with from-to times, a place and a topic."""

    datum = models.DateField("dátum")
    kezdes = models.TimeField("kezdés", null=True, blank=True)
    befejezes = models.TimeField("befejezés", null=True, blank=True)
    helyszin = models.CharField("helyszín", max_length=200, blank=True)
    tema = models.CharField("téma", max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["datum", "kezdes", "id"]


class JelenletAlap(models.Model):
    """One registered participant present at one session (absence is the lack of a row)."""

    ugyfel = models.ForeignKey("ugyfelek.Ugyfel", on_delete=models.CASCADE, related_name="+")
    rogzitve = models.DateTimeField("rögzítve", auto_now_add=True)

    class Meta:
        abstract = True
