"""URL access rules: every URL pattern of the site must be classified here.

Each app lists its patterns in ``<app>/tests/url_jogok.py`` as ``SZABALYOK``
(a list of ``Szabaly``) and may add records to the test world with
``epit(vilag)``. ``core/tests/test_url_jogok.py`` walks the URL resolver:
a pattern that no rule names fails the suite; every rule is requested as
anonymous, as each role of project A and as a mentor of project B.
"""

from dataclasses import dataclass, field

# Kinds of URL and what each persona gets ("ok" = success, any 2xx/3xx that is not a login redirect).
NYILVANOS = "nyilvanos"  # anyone, signed in or not
BEJELENTKEZETT = "bejelentkezett"  # any signed-in user
SZEMELYES_LISTA = "szemelyes_lista"  # list of personal data: scoped, readers refused
SZEMELYES = "szemelyes"  # one record with personal data of project A
KOORDINATOR = "koordinator"  # coordinator-only action on a record of project A
KOORDINATOR_LISTA = "koordinator_lista"  # coordinator-only page without a record (own projects)
AGGREGALT = "aggregalt"  # figures without personal data, readers allowed
AGGREGALT_OBJEKTUM = "aggregalt_objektum"  # figures of one record of project A (e.g. a cohort's progress)

ELVART = {
    NYILVANOS: {"anonim": "ok", "mentor": "ok", "koordinator": "ok", "olvaso": "ok", "mentor_b": "ok"},
    BEJELENTKEZETT: {"anonim": "login", "mentor": "ok", "koordinator": "ok", "olvaso": "ok", "mentor_b": "ok"},
    SZEMELYES_LISTA: {"anonim": "login", "mentor": "ok", "koordinator": "ok", "olvaso": 403, "mentor_b": "ok"},
    SZEMELYES: {"anonim": "login", "mentor": "ok", "koordinator": "ok", "olvaso": 403, "mentor_b": 404},
    KOORDINATOR: {"anonim": "login", "mentor": 403, "koordinator": "ok", "olvaso": 403, "mentor_b": (403, 404)},
    KOORDINATOR_LISTA: {"anonim": "login", "mentor": 403, "koordinator": "ok", "olvaso": 403, "mentor_b": 403},
    AGGREGALT: {"anonim": "login", "mentor": "ok", "koordinator": "ok", "olvaso": "ok", "mentor_b": "ok"},
    AGGREGALT_OBJEKTUM: {"anonim": "login", "mentor": "ok", "koordinator": "ok", "olvaso": "ok", "mentor_b": 404},
}


@dataclass
class Szabaly:
    """How one named URL pattern is reached and who may reach it."""

    nev: str  # "ugyfelek:ugyfel_reszlet"
    tipus: str  # one of the kinds above
    kwargs: object = None  # callable(vilag) -> dict of URL kwargs
    method: str = "get"
    data: object = None  # callable(vilag) -> dict of POST data
    elvart: dict = field(default_factory=dict)  # per-persona overrides of ELVART[tipus]

    def elvaras(self, persona):
        return self.elvart.get(persona, ELVART[self.tipus][persona])


# Namespaces whose permissions are Django's own (the admin has its own tests).
KIHAGYOTT_NEVTEREK = {"admin"}
