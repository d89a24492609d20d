import datetime

from core.testing.url_jogok import (
    AGGREGALT,
    AGGREGALT_OBJEKTUM,
    KOORDINATOR,
    SZEMELYES,
    SZEMELYES_LISTA,
    Szabaly,
)
from indikatorok.models import Celertek


def epit(v):
    v.celertek = Celertek.objects.create(
        projekt=v.projekt_a, mutato="bevont", ertek=149, hatarido=datetime.date(2023, 2, 28)
    )
    v.celertek_torolheto = Celertek.objects.create(
        projekt=v.projekt_a, mutato="latogatasok", ertek=10, hatarido=datetime.date(2023, 2, 28)
    )


def _projekt(v):
    return {"pk": v.projekt_a.pk}


SZABALYOK = [
    # The index lists (or redirects to) the user's own projects: every role may see the figures.
    Szabaly("indikatorok:jelentes_index", AGGREGALT),
    Szabaly("indikatorok:jelentes", AGGREGALT_OBJEKTUM, _projekt),
    # Readers may export the summary (the lists of people are left out for them).
    Szabaly("indikatorok:jelentes_xlsx", AGGREGALT_OBJEKTUM, _projekt),
    # A drill-down of people: readers 403, another project 404.
    Szabaly("indikatorok:lista", SZEMELYES, lambda v: {"pk": v.projekt_a.pk, "kulcs": "bevont"}),
    Szabaly("indikatorok:esf_xlsx", SZEMELYES, _projekt),
    Szabaly("indikatorok:esf_csv", SZEMELYES, _projekt),
    Szabaly("indikatorok:celertek_lista", KOORDINATOR, _projekt),
    Szabaly("indikatorok:celertek_uj", KOORDINATOR, _projekt),
    Szabaly("indikatorok:celertek_szerkesztes", KOORDINATOR, lambda v: {"pk": v.celertek.pk}),
    Szabaly("indikatorok:celertek_torles", KOORDINATOR, lambda v: {"pk": v.celertek.pk}),
    # The delete itself: only the coordinator succeeds (later personas would find nothing).
    Szabaly(
        "indikatorok:celertek_torles",
        KOORDINATOR,
        lambda v: {"pk": v.celertek_torolheto.pk},
        method="post",
        elvart={"koordinator": "ok", "olvaso": (403, 404), "mentor_b": (403, 404)},
    ),
    Szabaly("indikatorok:adatminoseg_index", SZEMELYES_LISTA),
    Szabaly("indikatorok:adatminoseg", SZEMELYES, _projekt),
]
