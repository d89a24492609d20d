from django.template import Context, Template
from django.urls import reverse, set_script_prefix

NEVEK = (
    "ugyfelek:ugyfel_reszlet",
    "ugyfelek:haztartas_reszlet",
    "ugyfelek:feladat_kesz",
    "ugyfelek:terv_reszlet",
    "ugyfelek:felulvizsgalat_uj",
    "ugyfelek:latogatas_reszlet",
)


def _id_url(nev, azon):
    return Template("{% load kapocs %}{% id_url nev azon %}").render(Context({"nev": nev, "azon": azon}))


def test_id_url_is_the_reversed_url_for_every_id():
    for nev in NEVEK:
        for azon in (1, 7, 2147483646, 10**12):
            assert _id_url(nev, azon) == reverse(nev, args=[azon])


def test_id_url_follows_the_script_prefix():
    try:
        set_script_prefix("/kapocs/")
        assert _id_url("ugyfelek:ugyfel_reszlet", 5) == reverse("ugyfelek:ugyfel_reszlet", args=[5])
        assert _id_url("ugyfelek:ugyfel_reszlet", 5).startswith("/kapocs/")
    finally:
        set_script_prefix("/")
