"""The columns of a participant list: the template's headers, and matching a file's header row to them."""

from dataclasses import dataclass

from core.text import fold


@dataclass(frozen=True)
class Oszlop:
    """One column of the template: its header, the ``Ugyfel`` field it fills and how its value is read."""

    fejlec: str
    mezo: str
    tipus: str = "szoveg"  # szoveg, datum, nem, taj, irsz, email, akcioterulet, mentor
    kotelezo: bool = False


# The template's columns, in this order (issue 6).
OSZLOPOK = (
    Oszlop("Családi név", "csaladi_nev", kotelezo=True),
    Oszlop("Utónév", "utonev", kotelezo=True),
    Oszlop("Születési név", "szuletesi_nev"),
    Oszlop("Anyja születési neve", "anyja_neve", kotelezo=True),
    Oszlop("Születési hely", "szuletesi_hely"),
    Oszlop("Születési dátum", "szuletesi_datum", "datum", kotelezo=True),
    Oszlop("Nem", "nem", "nem", kotelezo=True),
    Oszlop("TAJ szám", "taj", "taj"),
    Oszlop("Irányítószám", "iranyitoszam", "irsz"),
    Oszlop("Település", "telepules"),
    Oszlop("Cím", "cim"),
    Oszlop("Telefon", "telefon"),
    Oszlop("E-mail", "email", "email"),
    Oszlop("Bevonás dátuma", "bevonas_datuma", "datum"),
    Oszlop("Együttműködési megállapodás dátuma", "megallapodas_datuma", "datum"),
    Oszlop("Akcióterület", "akcioterulet", "akcioterulet"),
    Oszlop("Mentor", "mentor", "mentor"),
)
FEJLECEK = [o.fejlec for o in OSZLOPOK]
_FOLDED = {fold(o.fejlec): o for o in OSZLOPOK}


class FejlecHiba(Exception):
    """The header row cannot be used: the import stops before any row."""


@dataclass
class FejlecIlleszkedes:
    """Where each known column is in the file (0-based), and the header cells that name no known column."""

    helyek: dict[str, int]
    extra: list[str]


def fejlec_illesztes(fejlec_sor) -> FejlecIlleszkedes:
    """Match a header row ignoring case, accents and surrounding spaces; raise ``FejlecHiba`` if unusable."""
    helyek: dict[str, int] = {}
    extra = []
    for i, cella in enumerate(fejlec_sor):
        szoveg = "" if cella is None else str(cella).strip()
        if not szoveg:
            continue
        oszlop = _FOLDED.get(fold(szoveg))
        if oszlop is None:
            extra.append(szoveg)
        elif oszlop.mezo in helyek:
            raise FejlecHiba(f"A(z) „{oszlop.fejlec}” oszlop kétszer szerepel a fejlécben.")
        else:
            helyek[oszlop.mezo] = i
    hianyzo = [o.fejlec for o in OSZLOPOK if o.kotelezo and o.mezo not in helyek]
    if hianyzo:
        felsorolas = ", ".join(f"„{h}”" for h in hianyzo)
        raise FejlecHiba(
            f"Hiányzó kötelező oszlop: {felsorolas}. Töltse le a sablont, és az első sorban ezekkel a fejlécekkel "
            "adja meg az adatokat; egyetlen sort sem importáltunk."
        )
    return FejlecIlleszkedes(helyek=helyek, extra=extra)
