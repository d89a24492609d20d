"""Keeps ``Ugyfel.utolso_latogatas`` (when the participant was last visited) equal to what the visits say.

The column is derived data, like ``kereso_szoveg``: the latest ``Latogatas.idopont`` of the visits that
concern the participant, as the one of the visit or as a member present at a household visit. The home
pages filter and sort on it; computed from the visits, "not visited for 30 days" reads every visit of a
project.

Every ORM write of a visit passes through here, whoever makes it (the visit screen's service, the
admin, demo data, tests, the cascades when a participant or a household is deleted):

- saving a visit recomputes its participant before and after the change and the members present;
- adding or removing members present recomputes those members (from either side of the relation);
- deleting a visit recomputes everyone it concerned (collected before the delete, when its
  members present are still known).

Each recomputation is one UPDATE from the visits (``szarmaztatott.ujraszamolas``), so it is right
whatever happened before.
``bulk_create``, ``QuerySet.update()`` of visits and raw SQL send no signals: call ``frissites()``
after them (the benchmark generator fills the column in one statement instead).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .models import Latogatas
from .selectors import utolso_latogatas_subquery
from .szarmaztatott import tarolt_ugyfel, ujraszamolas

Jelenlevok = Latogatas.jelenlevok.through


def frissites(ugyfel_idk) -> None:
    """Recompute the last visit of these participants from their visits (one UPDATE per 1000).

    Through ``szarmaztatott.ujraszamolas``, which locks the rows first, in id order: two visits of one
    person written at the same time then recompute one after the other, the second seeing the first
    (an UPDATE alone would compute from the visits it saw when it started, and could write back an
    earlier time).
    """
    ujraszamolas({"utolso_latogatas": utolso_latogatas_subquery()}, ugyfel_idk)


def _jelenlevok(latogatas_pk) -> set:
    return set(Jelenlevok.objects.filter(latogatas_id=latogatas_pk).values_list("ugyfel_id", flat=True))


def _mentes_elott(sender, instance, raw=False, **kwargs):
    instance._utolso_regi_ugyfel = tarolt_ugyfel(instance, raw)


def _mentes_utan(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    erintett = {instance.ugyfel_id, getattr(instance, "_utolso_regi_ugyfel", None)}
    if not created:
        # The members present keep the visit: its time may have moved.
        erintett |= _jelenlevok(instance.pk)
    frissites(erintett)


def _jelenlevok_valtozasa(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        # clear() names nobody afterwards: remember who was present.
        instance._utolso_torolt_jelenlevok = {instance.pk} if reverse else _jelenlevok(instance.pk)
    elif action == "post_clear":
        frissites(getattr(instance, "_utolso_torolt_jelenlevok", ()))
    elif action in ("post_add", "post_remove"):
        frissites({instance.pk} if reverse else pk_set or ())


def _torles_elott(sender, instance, **kwargs):
    instance._utolso_erintett = {instance.ugyfel_id} | _jelenlevok(instance.pk)


def _torles_utan(sender, instance, **kwargs):
    frissites(getattr(instance, "_utolso_erintett", {instance.ugyfel_id}))


def bekotes():
    """Connect the receivers (``UgyfelekConfig.ready``)."""
    uid = "kapocs_utolso_latogatas_"
    pre_save.connect(_mentes_elott, sender=Latogatas, dispatch_uid=uid + "pre_save")
    post_save.connect(_mentes_utan, sender=Latogatas, dispatch_uid=uid + "post_save")
    m2m_changed.connect(_jelenlevok_valtozasa, sender=Jelenlevok, dispatch_uid=uid + "m2m")
    pre_delete.connect(_torles_elott, sender=Latogatas, dispatch_uid=uid + "pre_delete")
    post_delete.connect(_torles_utan, sender=Latogatas, dispatch_uid=uid + "post_delete")
