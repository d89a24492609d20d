from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.scoping import ScopedQuerySet


class Szerep(models.TextChoices):
    KOORDINATOR = "koordinator", "koordinátor"
    MENTOR = "mentor", "mentor"
    OLVASO = "olvaso", "olvasó"


class Felhasznalo(AbstractUser):
    """A staff member who signs in: a mentor, a coordinator, a report reader or an admin.

    What a user may do is decided per project by their ``Tagsag`` (membership);
    superusers are the admins (rendszergazda) of the installation.
    """

    class Meta:
        verbose_name = "felhasználó"
        verbose_name_plural = "felhasználók"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.teljes_nev

    @property
    def teljes_nev(self):
        # Hungarian order: family name first.
        nev = f"{self.last_name} {self.first_name}".strip()
        return nev or self.username

    @cached_property
    def _szerepek(self) -> dict[int, str]:
        """{projekt id: role}, read once per request."""
        return dict(self.tagsagok.values_list("projekt_id", "szerep"))

    def szerep(self, projekt) -> str | None:
        """This user's role in ``projekt`` (an object or an id), None if not a member."""
        projekt_id = getattr(projekt, "pk", projekt)
        return self._szerepek.get(projekt_id)

    def projekt_idk(self, szerepek=None) -> list[int]:
        return [pid for pid, sz in self._szerepek.items() if szerepek is None or sz in szerepek]

    def lat_szemelyes_adatot(self, projekt=None) -> bool:
        """May this user see personal data (of ``projekt``, or of any project)?"""
        if self.is_superuser:
            return True
        if projekt is None:
            return bool(self.projekt_idk((Szerep.KOORDINATOR, Szerep.MENTOR)))
        return self.szerep(projekt) in (Szerep.KOORDINATOR, Szerep.MENTOR)

    def koordinator(self, projekt=None) -> bool:
        """Is this user a coordinator (of ``projekt``, or of any project) or an admin?"""
        if self.is_superuser:
            return True
        if projekt is None:
            return bool(self.projekt_idk((Szerep.KOORDINATOR,)))
        return self.szerep(projekt) == Szerep.KOORDINATOR

    def mentor(self, projekt=None) -> bool:
        if projekt is None:
            return bool(self.projekt_idk((Szerep.MENTOR,)))
        return self.szerep(projekt) == Szerep.MENTOR


class ProjektQuerySet(ScopedQuerySet):
    projekt_path = "pk"
    szemelyes = False


class Projekt(models.Model):
    """A grant project (e.g. TOP-6.9.1-16-KE1-2017-00001): the tenant of every record.

    The beneficiary municipality runs it in its action areas between the start
    and end dates; personal data are kept until ``adatmegorzes_vege``, then
    anonymised while the indicator figures stay.
    """

    kod = models.CharField("projektazonosító", max_length=40, unique=True)
    cim = models.CharField("projekt címe", max_length=300)
    kedvezmenyezett = models.CharField("kedvezményezett", max_length=200)
    telepules = models.CharField("település", max_length=100)
    kezdete = models.DateField("kezdete")
    vege = models.DateField("vége")
    koltsegvetes = models.DecimalField("költségvetés (Ft)", max_digits=14, decimal_places=0, null=True, blank=True)
    adatmegorzes_vege = models.DateField(
        "személyes adatok megőrzésének vége",
        null=True,
        blank=True,
        help_text="Ezután a résztvevők személyes adatai anonimizálhatók; az indikátorok megmaradnak.",
    )
    videki = models.BooleanField("vidéki terület", default=False, help_text="ESF CO19: vidéki területen élők.")

    objects = ProjektQuerySet.as_manager()

    class Meta:
        verbose_name = "projekt"
        verbose_name_plural = "projektek"
        ordering = ["kod"]
        constraints = [
            models.CheckConstraint(condition=Q(vege__gte=models.F("kezdete")), name="projekt_vege_kezdete_utan"),
        ]

    def __str__(self):
        return f"{self.kod} – {self.telepules}"

    def clean(self):
        if self.kezdete and self.vege and self.vege < self.kezdete:
            raise ValidationError({"vege": "A projekt vége nem lehet a kezdete előtt."})


class Tagsag(models.Model):
    """A user's membership in a project, with exactly one role there."""

    projekt = models.ForeignKey(Projekt, on_delete=models.CASCADE, related_name="tagsagok", verbose_name="projekt")
    felhasznalo = models.ForeignKey(
        Felhasznalo, on_delete=models.CASCADE, related_name="tagsagok", verbose_name="felhasználó"
    )
    szerep = models.CharField("szerep", max_length=20, choices=Szerep.choices)

    objects = type("TagsagQuerySet", (ScopedQuerySet,), {"szemelyes": False}).as_manager()

    class Meta:
        verbose_name = "projekttagság"
        verbose_name_plural = "projekttagságok"
        constraints = [
            models.UniqueConstraint(fields=["projekt", "felhasznalo"], name="tagsag_egy_szerep_projektenkent"),
        ]

    def __str__(self):
        return f"{self.felhasznalo} – {self.projekt.kod} ({self.get_szerep_display()})"


class AkcioTerulet(models.Model):
    """An action area (akcióterület): a designated segregated neighbourhood of a project.

    Its boundary is described in words as on the census segregation map; the
    street segments below make it machine-checkable for addresses.
    """

    projekt = models.ForeignKey(Projekt, on_delete=models.CASCADE, related_name="akcioteruletek")
    nev = models.CharField("név", max_length=150)
    hatar_leiras = models.TextField("határ leírása", blank=True)

    objects = type("AkcioTeruletQuerySet", (ScopedQuerySet,), {"szemelyes": False}).as_manager()

    class Meta:
        verbose_name = "akcióterület"
        verbose_name_plural = "akcióterületek"
        ordering = ["projekt", "nev"]
        constraints = [models.UniqueConstraint(fields=["projekt", "nev"], name="akcioterulet_nev_egyedi")]

    def __str__(self):
        return self.nev


class UtcaSzakasz(models.Model):
    """A stretch of one street inside an action area: house numbers from-to, odd, even or all."""

    class Oldal(models.TextChoices):
        MIND = "mind", "mindkét oldal"
        PARATLAN = "paratlan", "páratlan"
        PAROS = "paros", "páros"

    akcioterulet = models.ForeignKey(AkcioTerulet, on_delete=models.CASCADE, related_name="utcaszakaszok")
    utca = models.CharField("utca", max_length=150)
    hazszam_tol = models.PositiveIntegerField("házszámtól", null=True, blank=True)
    hazszam_ig = models.PositiveIntegerField("házszámig", null=True, blank=True)
    oldal = models.CharField("oldal", max_length=10, choices=Oldal.choices, default=Oldal.MIND)

    objects = type(
        "UtcaSzakaszQuerySet", (ScopedQuerySet,), {"szemelyes": False, "projekt_path": "akcioterulet__projekt"}
    ).as_manager()

    class Meta:
        verbose_name = "utcaszakasz"
        verbose_name_plural = "utcaszakaszok"
        ordering = ["utca", "hazszam_tol"]

    def __str__(self):
        tol = self.hazszam_tol or ""
        ig = self.hazszam_ig or ""
        szamok = f" {tol}–{ig}" if (tol or ig) else ""
        return f"{self.utca}{szamok} ({self.get_oldal_display()})"

    def clean(self):
        if self.hazszam_tol and self.hazszam_ig and self.hazszam_ig < self.hazszam_tol:
            raise ValidationError({"hazszam_ig": "A záró házszám nem lehet kisebb a kezdőnél."})

    def tartalmazza(self, hazszam: int | None) -> bool:
        if hazszam is None:
            # A street without a number matches only a segment that spans the whole street.
            return self.hazszam_tol is None and self.hazszam_ig is None
        if self.hazszam_tol is not None and hazszam < self.hazszam_tol:
            return False
        if self.hazszam_ig is not None and hazszam > self.hazszam_ig:
            return False
        if self.oldal == self.Oldal.PAROS:
            return hazszam % 2 == 0
        if self.oldal == self.Oldal.PARATLAN:
            return hazszam % 2 == 1
        return True
