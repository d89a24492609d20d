"""Recomputes stored, derived columns of ``Ugyfel`` from their rules, for the participants a write concerned.

``utolso_latogatas`` (``utolso_latogatas.py``), ``bevonva_ota`` and ``elso_terv`` (``bevonas.py``) are such columns:
each module writes down its rule as an SQL expression over the participant's row, connects the
receivers that notice the writes that can move it, and recomputes through ``ujraszamolas()``. A record
saved may have moved from one participant to another: ``tarolt_ugyfel()`` tells the one it leaves.
"""

from django.db import transaction

from .models import Ugyfel

# Participants recomputed per statement (bound parameters stay well under every database's limit).
CSOMAG = 1000


def ujraszamolas(mezok: dict, ugyfel_idk) -> None:
    """Write each expression of ``mezok`` ({column: expression}) into its column of these participants (one UPDATE
    per ``CSOMAG``).

    The rows are locked first, in one order (by id): two writes that move the column of one person at
    the same time then recompute one after the other, the second seeing the first (an UPDATE alone
    would compute from the records it saw when it started, and could write back a stale value).
    ``ugyfel_idk``: any iterable of ids; ``None`` and repeats are dropped.
    """
    idk = sorted({pk for pk in ugyfel_idk if pk is not None})
    if not idk:
        return
    with transaction.atomic():
        for i in range(0, len(idk), CSOMAG):
            csomag = idk[i : i + CSOMAG]
            list(Ugyfel.objects.select_for_update().filter(pk__in=csomag).order_by("pk").values_list("pk", flat=True))
            Ugyfel.objects.filter(pk__in=csomag).update(**mezok)


def tarolt_ugyfel(instance, raw=False):
    """The participant (``ugyfel_id``) the record ``instance`` has in the database: for a ``pre_save`` receiver.

    Read before the save, so that the participant it leaves is recomputed too. None for a new record
    and for a fixture load (``raw``).
    """
    if raw or instance._state.adding or instance.pk is None:
        return None
    return type(instance)._base_manager.filter(pk=instance.pk).values_list("ugyfel_id", flat=True).first()
