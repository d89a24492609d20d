"""Writes of trainings that go beyond one form (presences are written by ``core.attendance``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.attendance import racs

from .jelenlet import FORRAS
from .models import Beiratkozas


def beiratkozas_elvegezte(*, beiratkozas, datum=None) -> Beiratkozas:
    """Accept the grid's proposal: the enrolee completed the training.

    Only when the attendance share reaches the training's ``teljesitesi_arany``
    (the same computation the grid shows). The completion date defaults to the
    last session held, or today.
    """
    with transaction.atomic():
        b = Beiratkozas.objects.select_for_update().select_related("csoport__kepzes").get(pk=beiratkozas.pk)
        sor = next((s for s in racs(FORRAS, b.csoport).sorok if s.tag.pk == b.pk), None)
        if sor is None or not sor.javaslat:
            raise ValidationError("A jelenléti arány nem éri el a teljesítéshez szükséges szintet.")
        ma = timezone.localdate()
        utolso = FORRAS.alkalmak(b.csoport).filter(datum__lte=ma).order_by("-datum").values_list("datum", flat=True)
        b.statusz = Beiratkozas.Statusz.ELVEGEZTE
        b.elvegezte_datum = datum or next(iter(utolso), ma)
        b.full_clean()
        b.save()
    return b
