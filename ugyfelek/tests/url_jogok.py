from core.testing.url_jogok import KOORDINATOR, KOORDINATOR_LISTA, SZEMELYES, SZEMELYES_LISTA, Szabaly


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
    # --- Import of participant lists (issue 6) ---
    Szabaly("ugyfelek:import", KOORDINATOR_LISTA),
    Szabaly("ugyfelek:import_sablon", KOORDINATOR_LISTA),
    # A previewed import of A's coordinator: only they may confirm or cancel it.
    Szabaly("ugyfelek:import_megerosites", KOORDINATOR, lambda v: {"pk": v.import_naplo.pk}, method="post"),
    Szabaly("ugyfelek:import_megszakitas", KOORDINATOR, lambda v: {"pk": v.import_naplo.pk}, method="post"),
]


def epit(v):
    from ugyfelek.models import ImportNaplo

    v.import_naplo = ImportNaplo.objects.create(projekt=v.projekt_a, felhasznalo=v.koordinator, fajlnev="lista.xlsx")
