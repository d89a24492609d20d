"""Keeps ``Ugyfel.bevonva_ota`` (the date the participant became involved) and ``Ugyfel.elso_terv`` (the date of
their first development plan) equal to what the records say.

The rule, written once here: a participant is involved once a cooperation agreement is signed
(``megallapodas_datuma``) or a development plan of theirs exists (``FejlesztesiTerv.keszult``);
``bevonva_ota`` is the earlier of the two, NULL when neither exists. Only the participant's own plans
count, not those of their household. The indicators (report, drill-down, ESF export) and the
participant's page read the column; computed per row, every list of involved participants repeats a
subquery over the plans. ``elso_terv`` is the earliest of those plans (NULL: none): the data-quality check of
the participants with an agreement but no plan counts them from an index of its own, not by looking up the plans
of every participant with an agreement.

Every ORM write that can move the date passes through here, whoever makes it (forms, services, the
admin, demo data, tests, cascades):

- saving a participant recomputes them (a new one, or a changed agreement date); ``Ugyfel.save()``
  never writes the column, so an instance loaded before a plan was recorded cannot write back a stale
  date;
- saving a plan recomputes its participant before and after the change (the date may have moved, or
  the plan moved to another participant or to a household);
- deleting a plan (one, a queryset, or by cascade) recomputes its participant.

Each recomputation is one UPDATE from the records (``szarmaztatott.ujraszamolas``), so it is right
whatever happened before.
``bulk_create``, ``bulk_update``, ``QuerySet.update()`` and raw SQL send no signals: call
``frissites()`` after them (the import and the demo data do; the benchmark generator fills the columns
in one statement instead).
"""

from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Least
from django.db.models.signals import post_delete, post_save, pre_save

from .models import FejlesztesiTerv, Ugyfel
from .szarmaztatott import tarolt_ugyfel, ujraszamolas


def elso_terv_kifejezes():
    """The date of the first development plan of the participant of the row (NULL: none): the definition of
    ``Ugyfel.elso_terv``. ``frissites()`` writes the column from it; read the column, not this."""
    return Subquery(
        FejlesztesiTerv.objects.filter(ugyfel=OuterRef("pk")).order_by("keszult").values("keszult")[:1],
        output_field=DateField(),
    )


def bevonva_ota_kifejezes():
    """The involvement date of the participant of the row: the definition of ``Ugyfel.bevonva_ota``.

    ``frissites()`` writes the column from it; read the column, not this. Works the same on SQLite and
    PostgreSQL (SQL ``LEAST`` treats NULL differently on the two, so each side is coalesced with the
    other first).
    """
    elso_terv = elso_terv_kifejezes()
    return Least(
        Coalesce("megallapodas_datuma", elso_terv, output_field=DateField()),
        Coalesce(elso_terv, "megallapodas_datuma", output_field=DateField()),
        output_field=DateField(),
    )


def frissites(ugyfel_idk) -> None:
    """Recompute the involvement date and the first plan's date of these participants from their records (one
    UPDATE per 1000).

    Through ``szarmaztatott.ujraszamolas``, which locks the rows first, in id order: a plan and an
    agreement date of one person written at the same time then recompute one after the other, the
    second seeing the first (an UPDATE alone would compute from the plans it saw when it started, and
    could write back a later date).
    """
    ujraszamolas({"bevonva_ota": bevonva_ota_kifejezes(), "elso_terv": elso_terv_kifejezes()}, ugyfel_idk)


def _ugyfel_mentese_utan(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created or update_fields is None or "megallapodas_datuma" in update_fields:
        frissites({instance.pk})


def _terv_mentese_elott(sender, instance, raw=False, **kwargs):
    instance._bevonas_regi_ugyfel = tarolt_ugyfel(instance, raw)


def _terv_mentese_utan(sender, instance, raw=False, **kwargs):
    if raw:
        return
    frissites({instance.ugyfel_id, getattr(instance, "_bevonas_regi_ugyfel", None)})


def _terv_torlese_utan(sender, instance, **kwargs):
    frissites({instance.ugyfel_id})


def bekotes():
    """Connect the receivers (``UgyfelekConfig.ready``)."""
    uid = "kapocs_bevonva_ota_"
    post_save.connect(_ugyfel_mentese_utan, sender=Ugyfel, dispatch_uid=uid + "ugyfel_post_save")
    pre_save.connect(_terv_mentese_elott, sender=FejlesztesiTerv, dispatch_uid=uid + "terv_pre_save")
    post_save.connect(_terv_mentese_utan, sender=FejlesztesiTerv, dispatch_uid=uid + "terv_post_save")
    post_delete.connect(_terv_torlese_utan, sender=FejlesztesiTerv, dispatch_uid=uid + "terv_post_delete")
