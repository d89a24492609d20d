import datetime

from django.utils import timezone

from core.testing.url_jogok import KOORDINATOR, KOORDINATOR_LISTA, SZEMELYES, SZEMELYES_LISTA, Szabaly


def _ugyfel(v):
    return {"pk": v.ugyfel.pk}


def _haztartas(v):
    return {"pk": v.haztartas.pk}


def _latogatas(v):
    return {"pk": v.latogatas.pk}


def _terv(v):
    return {"pk": v.terv.pk}


def epit(v):
    """A household visit by project A's mentor (the participant present, one follow-up), a plan, a consent."""
    _epit_adatvedelem(v)
    _epit_import(v)
    from ugyfelek.models import FejlesztesiTerv, KovetoFeladat, Latogatas, LatogatasTema

    v.latogatas = Latogatas.objects.create(
        projekt=v.projekt_a, szerzo=v.mentor, haztartas=v.haztartas, idopont=timezone.now(), jegyzet="Rendben."
    )
    v.latogatas.jelenlevok.add(v.ugyfel)
    LatogatasTema.objects.create(latogatas=v.latogatas, tema="adossagkezeles")
    v.feladat = KovetoFeladat.objects.create(
        latogatas=v.latogatas,
        projekt=v.projekt_a,
        haztartas=v.haztartas,
        leiras="Közüzemi számlák átnézése",
        hatarido=timezone.localdate() + datetime.timedelta(days=7),
        felelos=v.mentor,
    )
    v.terv = FejlesztesiTerv.objects.create(
        projekt=v.projekt_a,
        ugyfel=v.ugyfel,
        keszult=datetime.date(2021, 4, 1),
        keszitette=v.mentor,
        kovetkezo_felulvizsgalat=datetime.date(2021, 7, 1),
    )


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
    # Mentoring.
    Szabaly("ugyfelek:kereses", SZEMELYES_LISTA),
    Szabaly("ugyfelek:latogatas_lista", SZEMELYES_LISTA),
    Szabaly("ugyfelek:latogatas_export", KOORDINATOR_LISTA),
    Szabaly("ugyfelek:latogatas_uj", SZEMELYES_LISTA),
    Szabaly("ugyfelek:latogatas_reszlet", SZEMELYES, _latogatas),
    # The author (mentor) and the coordinator may change a visit; tested further in test_latogatas.
    Szabaly("ugyfelek:latogatas_szerkesztes", SZEMELYES, _latogatas),
    Szabaly("ugyfelek:feladat_lista", SZEMELYES_LISTA),
    # Marking done is idempotent, so every persona of project A succeeds.
    Szabaly("ugyfelek:feladat_kesz", SZEMELYES, lambda v: {"pk": v.feladat.pk}, method="post"),
    Szabaly("ugyfelek:terv_uj", SZEMELYES, lambda v: {"ugyfel_pk": v.ugyfel.pk}),
    Szabaly("ugyfelek:haztartas_terv_uj", SZEMELYES, lambda v: {"haztartas_pk": v.haztartas.pk}),
    Szabaly("ugyfelek:terv_reszlet", SZEMELYES, _terv),
    Szabaly("ugyfelek:terv_szerkesztes", SZEMELYES, _terv),
    Szabaly("ugyfelek:terv_nyomtatas", SZEMELYES, _terv),
    Szabaly("ugyfelek:felulvizsgalat_uj", SZEMELYES, _terv),
    # --- Import of participant lists (issue 6) ---
    Szabaly("ugyfelek:import", KOORDINATOR_LISTA),
    Szabaly("ugyfelek:import_sablon", KOORDINATOR_LISTA),
    # A previewed import of A's coordinator: only they may confirm or cancel it.
    Szabaly("ugyfelek:import_megerosites", KOORDINATOR, lambda v: {"pk": v.import_naplo.pk}, method="post"),
    Szabaly("ugyfelek:import_megszakitas", KOORDINATOR, lambda v: {"pk": v.import_naplo.pk}, method="post"),
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


def _epit_adatvedelem(v):
    from ugyfelek.models import Hozzajarulas

    v.hozzajarulas = Hozzajarulas.objects.create(
        ugyfel=v.ugyfel,
        datum=datetime.date(2021, 3, 1),
        tajekoztato_verzio="2021/1",
        celok=["nyilvantartas"],
        kulonleges_adatokhoz=True,
    )


def _epit_import(v):
    from ugyfelek.models import ImportNaplo

    v.import_naplo = ImportNaplo.objects.create(projekt=v.projekt_a, felhasznalo=v.koordinator, fajlnev="lista.xlsx")
