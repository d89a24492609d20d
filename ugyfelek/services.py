"""Writes about participants and households that touch more than one field or model."""

import calendar
import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from akcioterulet.selectors import akcioterulet_cimhez

from .models import (
    FejlesztesiTerv,
    Felulvizsgalat,
    Haztartas,
    HaztartasTag,
    KovetoFeladat,
    Latogatas,
    LatogatasTema,
    TervCel,
    Ugyfel,
)


def cim_besorolas(obj: Ugyfel | Haztartas) -> None:
    """Set the action area from the address (unless one was chosen) and the outside-area flag.

    The flag says whether the address itself lies in one of the project's
    action areas, whatever area was chosen by hand.
    """
    talalt = akcioterulet_cimhez(obj.projekt, obj.cim) if obj.cim else None
    if obj.akcioterulet_id is None and talalt is not None:
        obj.akcioterulet = talalt
    obj.akcioteruleten_kivul = bool(obj.cim) and talalt is None


@transaction.atomic
def haztartastag_kilep(*, tag: HaztartasTag, datum=None) -> HaztartasTag:
    """End a household membership (the person moved out)."""
    tag.meddig = datum or timezone.localdate()
    tag.full_clean()
    tag.save(update_fields=["meddig"])
    return tag


def honapokkal_kesobb(datum: datetime.date, honap: int) -> datetime.date:
    """``datum`` moved ``honap`` months later; the day is clamped to the month's last day (Jan 31 -> Feb 28)."""
    ev, ho = divmod(datum.month - 1 + honap, 12)
    ev += datum.year
    ho += 1
    return datum.replace(year=ev, month=ho, day=min(datum.day, calendar.monthrange(ev, ho)[1]))


def _sorok_mentese(model, *, kozos: dict, sorok) -> None:
    """Create, update or delete the child rows of a formset.

    Each row is a dict of field values, with ``obj`` (the existing row or
    None) and ``torles`` (delete it). ``kozos`` holds the fields every row
    shares (the parent, the project).
    """
    for sor in sorok:
        sor = dict(sor)
        obj = sor.pop("obj", None)
        torles = sor.pop("torles", False)
        if torles:
            if obj is not None and obj.pk:
                obj.delete()
            continue
        if obj is None or not obj.pk:
            obj = model(**kozos)
        for mezo, ertek in sor.items():
            setattr(obj, mezo, ertek)
        obj.full_clean()
        obj.save()


@transaction.atomic
def latogatas_rogzites(
    *,
    szerzo,
    idopont,
    tipus,
    ugyfel: Ugyfel | None = None,
    haztartas: Haztartas | None = None,
    idotartam_perc: int = 60,
    temak=(),
    jelenlevok=(),
    munkatarsak=(),
    jegyzet: str = "",
    feladatok=(),
    latogatas: Latogatas | None = None,
) -> Latogatas:
    """Record (or, with ``latogatas``, change) a visit with its topics, people present and follow-ups.

    The project comes from the participant or household. ``feladatok`` rows
    are dicts ``{leiras, hatarido, felelos[, obj, torles]}``; each follow-up
    is filed under the visit's participant and household. The author of an
    existing visit never changes.
    """
    projekt_id = (ugyfel or haztartas).projekt_id
    if latogatas is None:
        latogatas = Latogatas(szerzo=szerzo)
    latogatas.projekt_id = projekt_id
    latogatas.ugyfel = ugyfel
    latogatas.haztartas = haztartas
    latogatas.idopont = idopont
    latogatas.idotartam_perc = idotartam_perc
    latogatas.tipus = tipus
    latogatas.jegyzet = jegyzet
    latogatas.full_clean()
    latogatas.save()

    temak = set(temak)
    regi = set(latogatas.temak.values_list("tema", flat=True))
    if regi - temak:
        latogatas.temak.filter(tema__in=regi - temak).delete()
    for tema in sorted(temak - regi):
        LatogatasTema.objects.create(latogatas=latogatas, tema=tema)
    latogatas.jelenlevok.set(jelenlevok if haztartas else [])
    latogatas.munkatarsak.set(munkatarsak)

    _sorok_mentese(
        KovetoFeladat,
        kozos={"latogatas": latogatas, "projekt_id": projekt_id},
        sorok=[{**sor, "ugyfel": ugyfel, "haztartas": haztartas} for sor in feladatok],
    )
    return latogatas


@transaction.atomic
def koveto_feladat_kesz(*, feladat: KovetoFeladat) -> KovetoFeladat:
    """Mark a follow-up done (again marking a done one changes nothing)."""
    if not feladat.kesz:
        feladat.kesz = True
        feladat.kesz_idopont = timezone.now()
        feladat.save(update_fields=["kesz", "kesz_idopont"])
    return feladat


def _kovetkezo_felulvizsgalat(terv: FejlesztesiTerv, utolso: datetime.date | None) -> datetime.date | None:
    """The date of the next review: N months after the last review (or after the plan was drawn up)."""
    if terv.lezarva:
        return None
    return honapokkal_kesobb(utolso or terv.keszult, terv.felulvizsgalat_honap)


@transaction.atomic
def terv_mentes(*, terv: FejlesztesiTerv, celok=()) -> FejlesztesiTerv:
    """Save a development plan with its goals and keep ``kovetkezo_felulvizsgalat`` right.

    ``celok`` rows are dicts of goal fields with ``obj``/``torles`` as in a
    formset. The next review is N months after the latest review, or after
    the date the plan was drawn up; a closed plan has none.
    """
    utolso = terv.felulvizsgalatok.aggregate(m=Max("datum"))["m"] if terv.pk else None
    terv.kovetkezo_felulvizsgalat = _kovetkezo_felulvizsgalat(terv, utolso)
    terv.full_clean()
    terv.save()
    _sorok_mentese(TervCel, kozos={"terv": terv}, sorok=celok)
    return terv


@transaction.atomic
def felulvizsgalat_rogzites(*, terv: FejlesztesiTerv, datum, megallapitasok: str, keszitette) -> Felulvizsgalat:
    """Record a review of a plan; the due review is cleared and the next one set N months later."""
    felulvizsgalat = Felulvizsgalat(terv=terv, datum=datum, megallapitasok=megallapitasok, keszitette=keszitette)
    felulvizsgalat.full_clean()
    felulvizsgalat.save()
    utolso = terv.felulvizsgalatok.aggregate(m=Max("datum"))["m"]
    terv.kovetkezo_felulvizsgalat = _kovetkezo_felulvizsgalat(terv, utolso)
    terv.save(update_fields=["kovetkezo_felulvizsgalat"])
    return felulvizsgalat
