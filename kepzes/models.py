from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from akcioterulet.models import Projekt
from core.attendance import AlkalomAlap, JelenletAlap, RegisztracioAlap
from core.scoping import ScopedQuerySet, scoped_manager
from ugyfelek.models import Ugyfel


class Kepzes(models.Model):
    """A training course on offer (e.g. forklift driver, park keeper): its hours, provider and qualification.

    A catalogue entry; a project runs it in one or more cohorts (``Csoport``).
    """

    class Tipus(models.TextChoices):
        SZAKKEPESITES = "szakkepesites", "szakképesítést adó"
        KOMPETENCIA = "kompetencia", "kompetenciafejlesztő"
        EGYEB = "egyeb", "egyéb"

    nev = models.CharField("név", max_length=200)
    tipus = models.CharField("típus", max_length=20, choices=Tipus.choices)
    oraszam = models.PositiveSmallIntegerField("óraszám")
    kepzo = models.CharField("képző intézmény", max_length=200, blank=True)
    kepesites_neve = models.CharField("képesítés neve", max_length=200, blank=True)
    kepesites_szama = models.CharField("képesítés nyilvántartási száma", max_length=60, blank=True)
    teljesitesi_arany = models.PositiveSmallIntegerField(
        "teljesítéshez szükséges jelenlét (%)",
        default=80,
        help_text="A foglalkozások hány százalékán kell részt venni.",
    )
    also_korhatar = models.PositiveSmallIntegerField(
        "alsó korhatár", null=True, blank=True, help_text="Pl. targoncavezetőnél 18 év (a csoport kezdőnapján)."
    )
    felso_korhatar = models.PositiveSmallIntegerField("felső korhatár", null=True, blank=True)

    class Meta:
        verbose_name = "képzés"
        verbose_name_plural = "képzések"
        ordering = ["nev"]
        constraints = [
            models.CheckConstraint(
                condition=Q(teljesitesi_arany__gte=0) & Q(teljesitesi_arany__lte=100), name="kepzes_arany_szazalek"
            ),
        ]

    def __str__(self):
        return self.nev

    def clean(self):
        if self.also_korhatar and self.felso_korhatar and self.felso_korhatar < self.also_korhatar:
            raise ValidationError({"felso_korhatar": "A felső korhatár nem lehet kisebb az alsónál."})


class Csoport(models.Model):
    """A cohort: one run of a training in one project, with its dates, place, trainer and capacity."""

    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="kepzesi_csoportok")
    kepzes = models.ForeignKey(Kepzes, on_delete=models.PROTECT, related_name="csoportok")
    nev = models.CharField("csoport megnevezése", max_length=150, blank=True)
    kezdete = models.DateField("kezdete")
    vege = models.DateField("vége", null=True, blank=True)
    helyszin = models.CharField("helyszín", max_length=200, blank=True)
    oktato = models.CharField("oktató", max_length=150, blank=True)
    letszam = models.PositiveSmallIntegerField("férőhely", null=True, blank=True)

    objects = type("CsoportQuerySet", (ScopedQuerySet,), {"szemelyes": False}).as_manager()

    class Meta:
        verbose_name = "képzési csoport"
        verbose_name_plural = "képzési csoportok"
        ordering = ["-kezdete", "id"]

    def __str__(self):
        return self.nev or f"{self.kepzes} ({self.kezdete:%Y. %m. %d.})"

    def clean(self):
        if self.vege and self.kezdete and self.vege < self.kezdete:
            raise ValidationError({"vege": "A csoport vége nem lehet a kezdete előtt."})


class Beiratkozas(RegisztracioAlap):
    """A participant's enrolment in a cohort, its status and the certificate obtained."""

    class Statusz(models.TextChoices):
        JELENTKEZETT = "jelentkezett", "jelentkezett"
        RESZT_VESZ = "reszt_vesz", "részt vesz"
        ELVEGEZTE = "elvegezte", "elvégezte"
        LEMORZSOLODOTT = "lemorzsolodott", "lemorzsolódott"

    csoport = models.ForeignKey(Csoport, on_delete=models.CASCADE, related_name="beiratkozasok")
    ugyfel = models.ForeignKey(Ugyfel, on_delete=models.CASCADE, related_name="beiratkozasok")
    datum = models.DateField("beiratkozás dátuma")
    statusz = models.CharField("állapot", max_length=20, choices=Statusz.choices, default=Statusz.JELENTKEZETT)
    elvegezte_datum = models.DateField("elvégzés dátuma", null=True, blank=True)
    lemorzsolodas_datuma = models.DateField("lemorzsolódás dátuma", null=True, blank=True)
    lemorzsolodas_oka = models.CharField("lemorzsolódás oka", max_length=300, blank=True)
    tanusitvany = models.BooleanField("tanúsítványt szerzett", default=False)
    tanusitvany_szama = models.CharField("tanúsítvány száma", max_length=60, blank=True)
    tanusitvany_datuma = models.DateField("tanúsítvány dátuma", null=True, blank=True)

    objects = scoped_manager("csoport__projekt")

    class Meta(RegisztracioAlap.Meta):
        verbose_name = "beiratkozás"
        verbose_name_plural = "beiratkozások"
        constraints = [models.UniqueConstraint(fields=["csoport", "ugyfel"], name="beiratkozas_egyedi")]

    def clean(self):
        hibak = {}
        if self.statusz == self.Statusz.LEMORZSOLODOTT and not self.lemorzsolodas_datuma:
            hibak["lemorzsolodas_datuma"] = "Adja meg a lemorzsolódás dátumát."
        if self.tanusitvany and not self.tanusitvany_szama:
            hibak["tanusitvany_szama"] = "Adja meg a tanúsítvány számát."
        if self.csoport_id and self.ugyfel_id and self.csoport.projekt_id != self.ugyfel.projekt_id:
            hibak["ugyfel"] = "Az ügyfél másik projekthez tartozik."
        if hibak:
            raise ValidationError(hibak)


class Foglalkozas(AlkalomAlap):
    """A session of a cohort: date, from-to time, hours and topic."""

    csoport = models.ForeignKey(Csoport, on_delete=models.CASCADE, related_name="foglalkozasok")
    oraszam = models.DecimalField("óraszám", max_digits=4, decimal_places=1, default=4)

    objects = scoped_manager("csoport__projekt", szemelyes=False)

    class Meta(AlkalomAlap.Meta):
        verbose_name = "foglalkozás"
        verbose_name_plural = "foglalkozások"


class Jelenlet(JelenletAlap):
    """A participant present at a training session."""

    foglalkozas = models.ForeignKey(Foglalkozas, on_delete=models.CASCADE, related_name="jelenletek")

    objects = scoped_manager("foglalkozas__csoport__projekt")

    class Meta:
        verbose_name = "jelenlét (képzés)"
        verbose_name_plural = "jelenlétek (képzés)"
        constraints = [models.UniqueConstraint(fields=["foglalkozas", "ugyfel"], name="kepzes_jelenlet_egyedi")]
