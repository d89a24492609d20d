"""Writes about participants and households that touch more than one field or model."""

from django.db import transaction
from django.utils import timezone

from akcioterulet.selectors import akcioterulet_cimhez

from .models import Haztartas, HaztartasTag, Ugyfel


def cim_besorolas(obj: Ugyfel | Haztartas) -> None:
    """Set the action area from the address (unless one was chosen) and the outside-area flag.

    The flag says whether the address itself lies in one of the project's
    action areas, whatever area was chosen by hand.
    """
    talalt = akcioterulet_cimhez(obj.projekt, obj.cim) if obj.cim else None
    if obj.akcioterulet_id is None and talalt is not None:
        obj.akcioterulet = talalt
    obj.akcioteruleten_kivul = bool(obj.cim) and talalt is None


@transaction.atomic
def haztartastag_kilep(*, tag: HaztartasTag, datum=None) -> HaztartasTag:
    """End a household membership (the person moved out)."""
    tag.meddig = datum or timezone.localdate()
    tag.full_clean()
    tag.save(update_fields=["meddig"])
    return tag
