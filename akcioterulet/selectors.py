"""Reads about projects and action areas."""

import re

from core.text import fold

from .models import AkcioTerulet, UtcaSzakasz

# "Kossuth Lajos utca 12/A." -> street "kossuth lajos utca", number 12
_CIM = re.compile(r"^(?P<utca>.*?)[\s,]+(?P<szam>\d+)\b.*$")


def cim_felbontas(cim: str) -> tuple[str, int | None]:
    """Split an address line into its folded street name and house number."""
    folded = fold(cim).rstrip(".")
    match = _CIM.match(folded)
    if not match:
        return folded.strip(" ,."), None
    return match.group("utca").strip(" ,."), int(match.group("szam"))


def _utca_kulcs(utca: str) -> str:
    # "u." and "utca", "krt." and "körút" are written both ways.
    utca = fold(utca).rstrip(".")
    for rovid, teljes in (("u", "utca"), ("krt", "korut"), ("ker", "kert")):
        if utca.endswith(" " + rovid):
            utca = utca[: -len(rovid)] + teljes
    return utca


def akcioterulet_kereso(projekt):
    """A function ``cim -> AkcioTerulet | None`` for ``projekt`` that reads the street segments once.

    Imports classify thousands of addresses; one query for all of them.
    """
    szakaszok = [
        (_utca_kulcs(sz.utca), sz)
        for sz in UtcaSzakasz.objects.filter(akcioterulet__projekt=projekt).select_related("akcioterulet")
    ]

    def kereso(cim: str) -> AkcioTerulet | None:
        if not cim:
            return None
        utca, hazszam = cim_felbontas(cim)
        kulcs = _utca_kulcs(utca)
        for szakasz_kulcs, szakasz in szakaszok:
            if szakasz_kulcs == kulcs and szakasz.tartalmazza(hazszam):
                return szakasz.akcioterulet
        return None

    return kereso


def akcioterulet_cimhez(projekt, cim: str) -> AkcioTerulet | None:
    """The action area of ``projekt`` that the address ``cim`` lies in, or None."""
    if not cim:
        return None
    return akcioterulet_kereso(projekt)(cim)
