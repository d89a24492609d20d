from core.testing.url_jogok import KOORDINATOR, SZEMELYES, SZEMELYES_LISTA, Szabaly


def _ugyfel(v):
    return {"pk": v.ugyfel.pk}


def _haztartas(v):
    return {"pk": v.haztartas.pk}


SZABALYOK = [
    Szabaly("ugyfelek:ugyfel_lista", SZEMELYES_LISTA),
    Szabaly("ugyfelek:ugyfel_uj", SZEMELYES_LISTA),
    Szabaly("ugyfelek:ugyfel_reszlet", SZEMELYES, _ugyfel),
    Szabaly("ugyfelek:ugyfel_szerkesztes", SZEMELYES, _ugyfel),
    Szabaly("ugyfelek:ugyfel_kilepes", KOORDINATOR, _ugyfel),
    Szabaly("ugyfelek:ugyfel_torles", KOORDINATOR, _ugyfel),
    Szabaly("ugyfelek:haztartas_lista", SZEMELYES_LISTA),
    Szabaly("ugyfelek:haztartas_uj", SZEMELYES_LISTA),
    Szabaly("ugyfelek:haztartas_reszlet", SZEMELYES, _haztartas),
    Szabaly("ugyfelek:haztartas_szerkesztes", SZEMELYES, _haztartas),
    Szabaly("ugyfelek:haztartas_tag_uj", SZEMELYES, _haztartas),
    # The move-out is a POST that changes data: project B and readers are refused, A's staff succeed
    # (the first success ends the membership, later personas get 404 for an ended one).
    Szabaly(
        "ugyfelek:haztartastag_kilep",
        SZEMELYES,
        lambda v: {"pk": v.haztartastag.pk},
        method="post",
        elvart={"koordinator": 404},
    ),
]

# Privacy screens (issue 9).
SZABALYOK += [
    Szabaly("ugyfelek:ugyfel_naplo", KOORDINATOR, _ugyfel),
    Szabaly("ugyfelek:ugyfel_adatkikeres", KOORDINATOR, _ugyfel),
    # The walker's mentor is the participant's assigned mentor; an unassigned one is refused
    # (ugyfelek/tests/test_adatvedelem.py).
    Szabaly("ugyfelek:kulonleges_adat", SZEMELYES, _ugyfel),
    Szabaly("ugyfelek:hozzajarulas_lista", SZEMELYES, _ugyfel),
    Szabaly("ugyfelek:hozzajarulas_nyomtatvany", SZEMELYES, _ugyfel),
    # Withdrawing twice is harmless, so every permitted persona succeeds.
    Szabaly("ugyfelek:hozzajarulas_visszavonas", SZEMELYES, lambda v: {"pk": v.hozzajarulas.pk}, method="post"),
]


def epit(v):
    import datetime

    from ugyfelek.models import Hozzajarulas

    v.hozzajarulas = Hozzajarulas.objects.create(
        ugyfel=v.ugyfel,
        datum=datetime.date(2021, 3, 1),
        tajekoztato_verzio="2021/1",
        celok=["nyilvantartas"],
        kulonleges_adatokhoz=True,
    )
