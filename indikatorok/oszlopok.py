"""The columns of the evidence lists: what the drill-down page and the evidence sheet of the export show.

Each column names what it reads in SQL, so a list is fetched with ONE query
of just those values (``lista_sorok``: a values_list, no model instances),
and says how the value is shown: a field's choices by dict look-up, a
composite value (a name, an address) by a small function of the values read,
written as the model's own property writes it. The page (``oszlopos`` +
``oszlop_ertekek``) and the export (``lista_sorok``) go through the same
columns, so they show the same values.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter

from django.db.models import F
from django.db.models.expressions import Combinable
from django.db.models.functions import Left
from django.utils import timezone

from ugyfelek.models import LatogatasTipus, Nem, Tema


def _nev(csaladi_nev, utonev):
    """A participant's name as ``Ugyfel.nev`` writes it."""
    return f"{csaladi_nev} {utonev}".strip()


def _ugyfel_vagy_haztartas(csaladi_nev, utonev, haztartas_nev, haztartas_cim):
    """``str(ugyfel or haztartas)``: the participant's name, else the household's name or address."""
    if csaladi_nev is not None:
        return _nev(csaladi_nev, utonev)
    return haztartas_nev or haztartas_cim


def _felhasznalo(vezeteknev, keresztnev, felhasznalonev):
    """A staff member's name as ``Felhasznalo.teljes_nev`` writes it."""
    return f"{vezeteknev} {keresztnev}".strip() or felhasznalonev


def _cim(iranyitoszam, telepules, cim):
    """An address as ``Haztartas.teljes_cim`` writes it."""
    return " ".join(p for p in (iranyitoszam, telepules, cim) if p)


def _helyi_ido(idopont):
    """A stored moment in local time without the zone (a spreadsheet cell cannot hold a zone).

    ``timezone.localtime`` without its checks (the value read is always aware): a quarter of its time.
    """
    return idopont.astimezone(timezone.get_current_timezone()).replace(tzinfo=None) if idopont is not None else None


@dataclass(frozen=True)
class Oszlop:
    """A column of the drill-down list and of the evidence sheet.

    ``mezo`` is what the column reads in SQL: a field path (``"program__nev"``),
    an annotation of the evidence queryset (``"bevonas_napja"``), an expression,
    or a tuple of these. ``kijelzes`` turns what was read into what is shown: a
    dict (stored value -> label) or a function of the values read; without it
    the value is shown as read.
    """

    cim: str
    mezo: str | tuple | Combinable
    kijelzes: Mapping | Callable | None = None
    szelesseg: int = 14  # width in the evidence sheet (characters): rows are streamed, not measured

    @property
    def mezok(self) -> tuple:
        return self.mezo if isinstance(self.mezo, tuple) else (self.mezo,)

    def ertek(self, *olvasott):
        """The shown value from the value(s) read for ``mezo``."""
        if self.kijelzes is None:
            return olvasott[0]
        if isinstance(self.kijelzes, Mapping):
            return self.kijelzes.get(olvasott[0], olvasott[0])
        return self.kijelzes(*olvasott)


UGYFEL_OSZLOPOK = (
    Oszlop("Név", ("csaladi_nev", "utonev"), _nev, szelesseg=30),
    Oszlop("Születési dátum", "szuletesi_datum", szelesseg=16),
    Oszlop("Nem", "nem", dict(Nem.choices), szelesseg=8),
    Oszlop("Bevonás napja", "bevonas_napja"),
    Oszlop("Kilépés", "kilepes_datuma"),
)
ALKALOM_OSZLOPOK = (
    Oszlop("Program", "program__nev", szelesseg=30),
    Oszlop("Dátum", "datum"),
    Oszlop("Téma", "tema", szelesseg=30),
)
RESZVETEL_OSZLOPOK = ALKALOM_OSZLOPOK + (
    Oszlop("Regisztrált jelenlévők", "regisztralt", szelesseg=22),
    Oszlop("Nem regisztrált létszám", "letszam_nem_regisztralt", szelesseg=24),
    Oszlop("Összesen", "osszes_letszam", szelesseg=10),
)
LATOGATAS_OSZLOPOK = (
    Oszlop("Időpont", "idopont", _helyi_ido, szelesseg=18),
    Oszlop("Típus", "tipus", dict(LatogatasTipus.choices), szelesseg=26),
    Oszlop(
        "Ügyfél / háztartás",
        ("ugyfel__csaladi_nev", "ugyfel__utonev", "haztartas__nev", "haztartas__cim"),
        _ugyfel_vagy_haztartas,
        szelesseg=30,
    ),
    Oszlop("Rögzítette", ("szerzo__last_name", "szerzo__first_name", "szerzo__username"), _felhasznalo, szelesseg=24),
)
HAZTARTAS_OSZLOPOK = (
    Oszlop("Háztartás", "nev", szelesseg=24),
    Oszlop("Cím", ("iranyitoszam", "telepules", "cim"), _cim, szelesseg=40),
)
CEL_OSZLOPOK = (
    Oszlop("Cél", Left("leiras", 120), szelesseg=50),
    Oszlop("Terület", "terulet", dict(Tema.choices), szelesseg=24),
    Oszlop("Teljesült", "teljesult_datum"),
    Oszlop(
        "Terv",
        ("terv__ugyfel__csaladi_nev", "terv__ugyfel__utonev", "terv__haztartas__nev", "terv__haztartas__cim"),
        _ugyfel_vagy_haztartas,
        szelesseg=30,
    ),
)


def _nevek(oszlopok):
    return [f"oszlop_{i}_{j}" for i, o in enumerate(oszlopok) for j in range(len(o.mezok))]


def oszlopos(qs, oszlopok):
    """``qs`` with everything the columns read annotated on it (``oszlop_<i>_<j>``): one query for the page."""
    kifejezesek = [F(m) if isinstance(m, str) else m for o in oszlopok for m in o.mezok]
    return qs.annotate(**dict(zip(_nevek(oszlopok), kifejezesek, strict=True)))


def oszlop_ertekek(obj, oszlopok) -> list:
    """The shown values of the columns for a row of ``oszlopos(qs, oszlopok)``."""
    return [o.ertek(*(getattr(obj, f"oszlop_{i}_{j}") for j in range(len(o.mezok)))) for i, o in enumerate(oszlopok)]


def _olvaso(o, a, b):
    """A function of a values_list row giving column ``o``'s shown value (its values are ``row[a:b]``)."""
    if o.kijelzes is None:
        return itemgetter(a)
    if isinstance(o.kijelzes, Mapping):
        cimke = o.kijelzes.get
        return lambda sor: cimke(sor[a], sor[a])
    fuggveny = o.kijelzes
    return lambda sor: fuggveny(*sor[a:b])


def lista_sorok(qs, oszlopok, *, chunk_size=2000):
    """The evidence rows as [pk, shown value of each column], from ONE query streamed in chunks.

    A values_list of just what the columns read; the rows are produced as the
    cursor yields them, so a long list is never held in memory.
    """
    olvasok, poz = [], 1
    for o in oszlopok:
        olvasok.append(_olvaso(o, poz, poz + len(o.mezok)))
        poz += len(o.mezok)
    for sor in oszlopos(qs, oszlopok).values_list("pk", *_nevek(oszlopok)).iterator(chunk_size=chunk_size):
        yield [sor[0], *[olvaso(sor) for olvaso in olvasok]]
