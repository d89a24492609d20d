import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from .scoping import ScopedQuerySet


class NaploQuerySet(ScopedQuerySet):
    """Log rows are personal data of the project they were written in."""

    projekt_path = "projekt_id"

    def for_user(self, user, *, szerepek=None):
        # Only coordinators read the logs of their projects; admins read all.
        return super().for_user(user, szerepek=szerepek or ("koordinator",))


class Valtozas(models.Model):
    """One entry of the change history: who changed which record, when, from where, old -> new.

    Written by ``core.audit`` for every create, change and delete of personal
    data (form, admin, import, management command). Never edited or deleted.
    """

    class Forras(models.TextChoices):
        URLAP = "urlap", "űrlap"
        ADMIN = "admin", "admin"
        IMPORT = "import", "import"
        PARANCS = "parancs", "parancs"

    class Muvelet(models.TextChoices):
        LETREHOZAS = "letrehozas", "létrehozás"
        MODOSITAS = "modositas", "módosítás"
        TORLES = "torles", "törlés"
        ANONIMIZALAS = "anonimizalas", "anonimizálás"
        VISSZAVONAS = "visszavonas", "hozzájárulás visszavonása"

    idopont = models.DateTimeField("időpont", auto_now_add=True, db_index=True)
    felhasznalo = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    forras = models.CharField("forrás", max_length=10, choices=Forras.choices)
    muvelet = models.CharField("művelet", max_length=15, choices=Muvelet.choices)
    modell = models.CharField("rekord típusa", max_length=100)
    objektum_id = models.CharField("rekord azonosítója", max_length=40)
    objektum_nev = models.CharField("rekord", max_length=200, blank=True)
    # Plain ids, not foreign keys: the entry outlives the record it speaks of.
    projekt_id = models.BigIntegerField("projekt", null=True, blank=True, db_index=True)
    ugyfel_id = models.BigIntegerField("ügyfél", null=True, blank=True, db_index=True)
    valtozasok = models.JSONField("változások", default=dict, blank=True)

    objects = NaploQuerySet.as_manager()

    class Meta:
        verbose_name = "változás"
        verbose_name_plural = "változásnapló"
        ordering = ["-idopont", "-id"]
        indexes = [models.Index(fields=["modell", "objektum_id"], name="valtozas_rekord_idx")]

    def __str__(self):
        return f"{self.idopont:%Y-%m-%d %H:%M} {self.get_muvelet_display()} {self.modell} #{self.objektum_id}"

    @property
    def modell_nev(self):
        """The record type's Hungarian name (the model may since have been removed)."""
        model = _modell(self.modell)
        return str(model._meta.verbose_name) if model else self.modell

    def sorok(self):
        """(field label, old, new) for display: verbose names, choice labels; masked values stay masked."""
        model = _modell(self.modell)
        mezok = {f.attname: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]} if model else {}
        eredmeny = []
        for nev, par in sorted(self.valtozasok.items()):
            regi, uj = par if isinstance(par, list) and len(par) == 2 else (None, par)
            mezo = mezok.get(nev)
            cimke = str(mezo.verbose_name) if mezo else nev
            eredmeny.append((cimke, _olvashato(mezo, regi), _olvashato(mezo, uj)))
        return eredmeny


def _modell(label):
    from django.apps import apps

    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _olvashato(mezo, ertek):
    if isinstance(ertek, list):  # a many-to-many field: the ids, shown like a foreign key's
        return ", ".join(f"#{x}" for x in ertek) or "–"
    if ertek in (None, ""):
        return "–"
    if ertek == "***":
        return "rejtett"
    if isinstance(ertek, bool):
        return "igen" if ertek else "nem"
    if mezo is not None and mezo.choices:
        return dict(mezo.flatchoices).get(ertek, ertek)
    if mezo is not None and mezo.is_relation:
        return f"#{ertek}"
    if isinstance(mezo, (models.DateTimeField, models.DateField)) and isinstance(ertek, str):
        return _datum_szovegkent(mezo, ertek)
    return ertek


def _datum_szovegkent(mezo, ertek: str) -> str:
    """A stored ISO date or instant in Hungarian form; an instant in local time (stored in UTC or with an offset)."""
    try:
        ertek_ = datetime.datetime.fromisoformat(ertek)
    except ValueError:
        return ertek
    if isinstance(mezo, models.DateTimeField):
        if timezone.is_aware(ertek_):
            ertek_ = timezone.localtime(ertek_)
        return f"{ertek_:%Y. %m. %d. %H:%M}"
    return f"{ertek_:%Y. %m. %d.}"


class Hozzaferes(models.Model):
    """One entry of the access log: who opened or exported what, when, how many records."""

    class Muvelet(models.TextChoices):
        MEGTEKINTES = "megtekintes", "megtekintés"
        LISTA = "lista", "lista"
        EXPORT = "export", "export"
        LETOLTES = "letoltes", "letöltés"

    idopont = models.DateTimeField("időpont", auto_now_add=True, db_index=True)
    felhasznalo = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    muvelet = models.CharField("művelet", max_length=15, choices=Muvelet.choices)
    mit = models.CharField("mit", max_length=200)
    modell = models.CharField("rekord típusa", max_length=100, blank=True)
    objektum_id = models.CharField("rekord azonosítója", max_length=40, blank=True)
    projekt_id = models.BigIntegerField("projekt", null=True, blank=True, db_index=True)
    ugyfel_id = models.BigIntegerField("ügyfél", null=True, blank=True, db_index=True)
    rekordok_szama = models.PositiveIntegerField("rekordok száma", default=1)

    objects = NaploQuerySet.as_manager()

    class Meta:
        verbose_name = "hozzáférés"
        verbose_name_plural = "hozzáférési napló"
        ordering = ["-idopont", "-id"]

    def __str__(self):
        return f"{self.idopont:%Y-%m-%d %H:%M} {self.get_muvelet_display()} {self.mit}"


class AdatVerzio(models.Model):
    """The data version of one table or column of a project: raised by the database in every transaction
    that changes it in the project (``core.adatverzio``). Never written by the application.

    ``tabla`` is a table name (raised by an insert, a delete, a move between projects) or
    ``<table>__<column>`` (raised by an update that changed the column). The version of a project is the
    sum of its rows."""

    # A plain id, as in the logs: the row needs no lock on the project, and outlives it harmlessly.
    projekt_id = models.BigIntegerField("projekt")
    tabla = models.CharField("tábla", max_length=130)  # a table and a column name of 63 characters each
    verzio = models.BigIntegerField("verzió", default=0)

    class Meta:
        verbose_name = "adatverzió"
        verbose_name_plural = "adatverziók"
        constraints = [models.UniqueConstraint(fields=["projekt_id", "tabla"], name="adatverzio_projekt_tabla")]

    def __str__(self):
        return f"{self.projekt_id} {self.tabla}: {self.verzio}"
