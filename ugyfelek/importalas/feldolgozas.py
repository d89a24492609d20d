"""Turning the rows of a participant list into new, changed and unchanged participants of one project.

Every look-up is done once per import (participants, mentors, action areas
and street segments of the project), so the queries do not grow with the
rows; the writes are batched (``bulk_create``/``bulk_update``) and each
created or changed participant still gets its history entry.
"""

import functools
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from akcioterulet.models import AkcioTerulet, Szerep, Tagsag
from akcioterulet.selectors import akcioterulet_kereso
from core import audit
from core.models import Valtozas
from core.text import fold as _fold
from ugyfelek import bevonas
from ugyfelek.models import Ugyfel

from .ertekek import OLVASOK, ErtekHiba, ures
from .olvasas import Tabla
from .oszlopok import OSZLOPOK, FejlecHiba, fejlec_illesztes

UJ = "uj"
MODOSITAS = "modositas"
VALTOZATLAN = "valtozatlan"
HIBA = "hiba"
ALLAPOT_NEVEK = {UJ: "új", MODOSITAS: "módosul", VALTOZATLAN: "változatlan", HIBA: "hibás"}

# Names, mothers' names, mentors and areas repeat down a list: fold each text once per process.
fold = functools.lru_cache(maxsize=65536)(_fold)

_MEZO_FEJLEC = {o.mezo: o.fejlec for o in OSZLOPOK}
_MAX_HOSSZ = {
    f.name: f.max_length
    for f in Ugyfel._meta.concrete_fields
    if f.name in _MEZO_FEJLEC and getattr(f, "max_length", None) and f.get_internal_type() == "CharField"
}


@dataclass
class SorEredmeny:
    """What the import does with one row of the file."""

    sor: int  # the spreadsheet's own row number
    allapot: str = UJ
    nev: str = ""
    hibak: list[tuple[str, str]] = field(default_factory=list)  # (column header, message)
    valtozott: list[str] = field(default_factory=list)  # headers of the columns that change
    mezok: list[str] = field(default_factory=list, repr=False)  # fields that change
    ugyfel: Ugyfel | None = field(default=None, repr=False)  # the matched participant (None for new rows)
    regi: dict | None = field(default=None, repr=False)
    ertekek: dict | None = field(default=None, repr=False)  # the row's values, kept for new rows

    @property
    def allapot_nev(self):
        return ALLAPOT_NEVEK[self.allapot]

    def hiba(self, mezo_vagy_fejlec: str, uzenet: str):
        self.hibak.append((_MEZO_FEJLEC.get(mezo_vagy_fejlec, mezo_vagy_fejlec), uzenet))
        self.allapot = HIBA


@dataclass
class ImportEredmeny:
    """The preview (or the report after the import) of one file."""

    fajlnev: str
    sorok: list[SorEredmeny] = field(default_factory=list)
    extra_oszlopok: list[str] = field(default_factory=list)
    hiba: str = ""  # the whole file was refused
    mentve: bool = False
    tabla: Tabla | None = field(default=None, repr=False)  # the rows read, kept for the confirmation
    projektadatok: object = field(default=None, repr=False)

    def _szam(self, allapot):
        return sum(1 for s in self.sorok if s.allapot == allapot)

    @property
    def uj(self):
        return self._szam(UJ)

    @property
    def modositott(self):
        return self._szam(MODOSITAS)

    @property
    def valtozatlan(self):
        return self._szam(VALTOZATLAN)

    @property
    def hibas(self):
        return self._szam(HIBA)

    @property
    def hibas_sorok(self):
        return [s for s in self.sorok if s.allapot == HIBA]

    @property
    def rendben(self) -> bool:
        """Can the file be imported as a whole (no refused file, no bad row, something to read)?"""
        return not self.hiba and not self.hibas and bool(self.sorok)

    def osszegzes(self) -> str:
        if self.hiba:
            return self.hiba
        return (
            f"{len(self.sorok)} sor: {self.uj} új, {self.modositott} módosul, "
            f"{self.valtozatlan} változatlan, {self.hibas} hibás."
        )


def _nev_kulcs(csaladi_nev, utonev, szuletesi_datum, anyja_neve):
    return (fold(csaladi_nev), fold(utonev), szuletesi_datum, fold(anyja_neve))


class _Projektadatok:
    """The project's participants, mentors and action areas, each read with one query."""

    def __init__(self, projekt):
        self.projekt = projekt
        meglevok = list(Ugyfel.objects.filter(projekt=projekt))
        self.taj = {u.taj: u for u in meglevok if u.taj}
        self.nev = {}
        for u in meglevok:
            self.nev.setdefault(_nev_kulcs(u.csaladi_nev, u.utonev, u.szuletesi_datum, u.anyja_neve), u)
        self.mentorok: dict[str, object] = {}
        tobbertelmu = set()
        for tagsag in Tagsag.objects.filter(projekt=projekt, szerep=Szerep.MENTOR).select_related("felhasznalo"):
            user = tagsag.felhasznalo
            for kulcs in {fold(user.username), fold(user.teljes_nev), fold(f"{user.first_name} {user.last_name}")}:
                if kulcs in self.mentorok and self.mentorok[kulcs] != user:
                    tobbertelmu.add(kulcs)
                self.mentorok[kulcs] = user
        for kulcs in tobbertelmu:
            self.mentorok[kulcs] = None
        self.teruletek = {fold(t.nev): t for t in AkcioTerulet.objects.filter(projekt=projekt)}
        self.cimhez = akcioterulet_kereso(projekt)
        self.ma = timezone.localdate()

    def terulet(self, cim: str, valasztott_id):
        """(action area id, outside-area flag) for an address: a chosen area stays, else the address decides.

        The rule of ``services.cim_besorolas``, with the segments read once.
        """
        talalt = self.cimhez(cim) if cim else None
        if valasztott_id is None and talalt is not None:
            valasztott_id = talalt.pk
        return valasztott_id, bool(cim) and talalt is None


def _ertekek(sor: SorEredmeny, ertekek: tuple, helyek: dict, adatok: _Projektadatok) -> dict:
    """The row's non-empty values by field, read and checked; problems go into ``sor.hibak``."""
    kesz = {}
    for oszlop in OSZLOPOK:
        hely = helyek.get(oszlop.mezo)
        nyers = ertekek[hely] if hely is not None and hely < len(ertekek) else None
        if ures(nyers):
            if oszlop.kotelezo:
                sor.hiba(oszlop.mezo, "Kötelező adat, de üres.")
            continue
        try:
            if oszlop.tipus == "akcioterulet":
                nev = OLVASOK["szoveg"](nyers)
                ertek = adatok.teruletek.get(fold(nev))
                if ertek is None:
                    raise ErtekHiba(f"Nincs „{nev}” nevű akcióterület ebben a projektben.")
            elif oszlop.tipus == "mentor":
                nev = OLVASOK["szoveg"](nyers)
                kulcs = fold(nev)
                if kulcs in adatok.mentorok and adatok.mentorok[kulcs] is None:
                    raise ErtekHiba(f"„{nev}” több mentorra is illik; adja meg a felhasználónevét.")
                ertek = adatok.mentorok.get(kulcs)
                if ertek is None:
                    raise ErtekHiba(f"„{nev}” nem mentora ennek a projektnek.")
            else:
                ertek = OLVASOK[oszlop.tipus](nyers)
        except ErtekHiba as e:
            sor.hiba(oszlop.mezo, str(e))
            continue
        if oszlop.mezo in _MAX_HOSSZ and len(ertek) > _MAX_HOSSZ[oszlop.mezo]:
            sor.hiba(oszlop.mezo, f"Legfeljebb {_MAX_HOSSZ[oszlop.mezo]} karakter lehet.")
            continue
        if ertek != "":
            kesz[oszlop.mezo] = ertek
    for mezo in ("szuletesi_datum", "bevonas_datuma", "megallapodas_datuma"):
        if mezo in kesz and kesz[mezo] > adatok.ma:
            sor.hiba(mezo, "A dátum nem lehet a jövőben.")
    return kesz


def _alkalmaz(ugyfel: Ugyfel, ertekek: dict, adatok: _Projektadatok) -> list[str]:
    """Set the row's values on ``ugyfel``; the fields that changed.

    An empty cell leaves the stored value alone: a list that lacks a phone
    number must not erase the one recorded in the app. The action area comes
    from the file, else stays as chosen, else follows the address (as in
    ``services.cim_besorolas``).
    """
    valtozott = []
    for mezo, ertek in ertekek.items():
        if mezo in ("akcioterulet", "mentor"):
            if getattr(ugyfel, f"{mezo}_id") != ertek.pk:
                setattr(ugyfel, mezo, ertek)
                valtozott.append(mezo)
        elif getattr(ugyfel, mezo) != ertek:
            setattr(ugyfel, mezo, ertek)
            valtozott.append(mezo)
    terulet_id, kivul = adatok.terulet(ugyfel.cim, ugyfel.akcioterulet_id)
    if ugyfel.akcioterulet_id != terulet_id:
        ugyfel.akcioterulet_id = terulet_id
        valtozott.append("akcioterulet")
    if ugyfel.akcioteruleten_kivul != kivul:
        ugyfel.akcioteruleten_kivul = kivul
        valtozott.append("akcioteruleten_kivul")
    return valtozott


def elonezet(*, projekt, tabla: Tabla, fajlnev: str) -> ImportEredmeny:
    """Decide for every row of ``tabla`` whether it is new, an update, unchanged or an error. Writes nothing."""
    eredmeny = ImportEredmeny(fajlnev=fajlnev)
    try:
        illeszkedes = fejlec_illesztes(tabla.fejlec)
    except FejlecHiba as e:
        eredmeny.hiba = str(e)
        return eredmeny
    eredmeny.extra_oszlopok = illeszkedes.extra
    if not tabla.sorok:
        eredmeny.hiba = "A fájlban a fejlécen kívül nincs kitöltött sor."
        return eredmeny
    adatok = eredmeny.projektadatok = _Projektadatok(projekt)
    latott_taj: dict[str, int] = {}
    latott_nev: dict[tuple, int] = {}
    egyeztetett: dict[int, int] = {}  # stored participant id -> the row that matched it
    for szam, nyers in tabla.sorok:
        sor = SorEredmeny(sor=szam)
        eredmeny.sorok.append(sor)
        ertekek = _ertekek(sor, nyers, illeszkedes.helyek, adatok)
        sor.nev = f"{ertekek.get('csaladi_nev', '')} {ertekek.get('utonev', '')}".strip()
        if sor.allapot == HIBA:
            continue
        taj = ertekek.get("taj", "")
        kulcs = _nev_kulcs(ertekek["csaladi_nev"], ertekek["utonev"], ertekek["szuletesi_datum"], ertekek["anyja_neve"])
        # The same person twice in one file: the first row wins, the second is an error naming it.
        if taj and taj in latott_taj:
            sor.hiba("taj", f"Ugyanez a TAJ szám már a(z) {latott_taj[taj]}. sorban szerepel.")
            continue
        if kulcs in latott_nev:
            sor.hiba("csaladi_nev", f"Ugyanezt a személyt már a(z) {latott_nev[kulcs]}. sor leírja.")
            continue
        if taj:
            latott_taj[taj] = szam
        latott_nev[kulcs] = szam

        ugyfel = adatok.taj.get(taj) if taj else None
        if ugyfel is None:
            ugyfel = adatok.nev.get(kulcs)
            if ugyfel is not None and taj and ugyfel.taj and ugyfel.taj != taj:
                sor.hiba(
                    "taj",
                    "Azonos nevű, születési dátumú és anyja nevű ügyfél más TAJ számmal már szerepel a projektben.",
                )
                continue
        if ugyfel is None:
            # The new participant is built only when it is saved: a preview need not pay for it.
            sor.allapot, sor.ertekek = UJ, ertekek
            continue
        if ugyfel.pk in egyeztetett:
            # One row by TAJ, another by name: still the same stored person twice.
            sor.hiba("csaladi_nev", f"Ugyanezt az ügyfelet már a(z) {egyeztetett[ugyfel.pk]}. sor leírja.")
            continue
        egyeztetett[ugyfel.pk] = szam
        regi = audit.pillanatkep(ugyfel)
        valtozott = _alkalmaz(ugyfel, ertekek, adatok)
        sor.ugyfel = ugyfel
        if valtozott:
            ugyfel.kereso_szoveg_frissit()
            sor.allapot, sor.regi = MODOSITAS, regi
            sor.valtozott = [_MEZO_FEJLEC.get(m, "akcióterületen kívüli cím") for m in valtozott]
            sor.mezok = valtozott
        else:
            sor.allapot = VALTOZATLAN
    return eredmeny


def uj_ugyfelek(eredmeny: ImportEredmeny) -> list[Ugyfel]:
    """The participants the new rows of a preview create (unsaved)."""
    adatok = eredmeny.projektadatok
    ujak = []
    for sor in eredmeny.sorok:
        if sor.allapot == UJ:
            # Ids instead of objects and one constructor call: this runs for every new row.
            mezok = dict(sor.ertekek)
            akcioterulet, mentor = mezok.pop("akcioterulet", None), mezok.pop("mentor", None)
            terulet_id, kivul = adatok.terulet(mezok.get("cim", ""), akcioterulet.pk if akcioterulet else None)
            ugyfel = Ugyfel(
                projekt_id=adatok.projekt.pk,
                akcioterulet_id=terulet_id,
                akcioteruleten_kivul=kivul,
                mentor_id=mentor.pk if mentor else None,
                **mezok,
            )
            ugyfel.kereso_szoveg_frissit()
            ujak.append(ugyfel)
    return ujak


def mentes(*, eredmeny: ImportEredmeny, felhasznalo) -> None:
    """Write a clean preview: all rows in one transaction, or none. History entries for each written row."""
    if not eredmeny.rendben:
        raise ValueError("Hibás sorokat tartalmazó importot nem mentünk.")
    ujak = uj_ugyfelek(eredmeny)
    modositottak = [s for s in eredmeny.sorok if s.allapot == MODOSITAS]
    most = timezone.now()
    with transaction.atomic(), audit.audit_context(felhasznalo=felhasznalo, forras=Valtozas.Forras.IMPORT):
        Ugyfel.objects.bulk_create(ujak, batch_size=1000)
        audit.log_bulk_create(ujak)
        if modositottak:
            mezok = {"kereso_szoveg", "nev_kulcs", "modositva"}
            for s in modositottak:
                s.ugyfel.modositva = most
                mezok.update(s.mezok)
            Ugyfel.objects.bulk_update([s.ugyfel for s in modositottak], sorted(mezok), batch_size=500)
            audit.log_bulk_update([(s.regi, s.ugyfel) for s in modositottak])
        # Bulk writes send no signals: the involvement date of the new rows and of those whose agreement
        # date changed is recomputed here.
        bevonas.frissites(
            [u.pk for u in ujak] + [s.ugyfel.pk for s in modositottak if "megallapodas_datuma" in s.mezok]
        )
    eredmeny.mentve = True
