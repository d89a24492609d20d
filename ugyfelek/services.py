"""Writes about participants and households that touch more than one field or model."""

import calendar
import datetime
import functools
import operator

from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from akcioterulet.selectors import akcioterulet_cimhez
from core import audit
from core.models import Valtozas

from .models import (
    FejlesztesiTerv,
    Felulvizsgalat,
    Haztartas,
    HaztartasTag,
    Hozzajarulas,
    KovetoFeladat,
    KulonlegesAdat,
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

    # Who was present first: the topics' history entries reach the members present (core.audit).
    latogatas.jelenlevok.set(jelenlevok if haztartas else [])
    latogatas.munkatarsak.set(munkatarsak)
    temak = set(temak)
    regi = set(latogatas.temak.values_list("tema", flat=True))
    if regi - temak:
        latogatas.temak.filter(tema__in=regi - temak).delete()
    for tema in sorted(temak - regi):
        LatogatasTema.objects.create(latogatas=latogatas, tema=tema)

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


# --- Consent and GDPR rights (issue 9) ---

ANONIMIZALT = "[anonimizálva]"


def aktiv_kulonleges_hozzajarulas(ugyfel) -> bool:
    """Is there a consent on file that covers special-category data and is not withdrawn?"""
    return Hozzajarulas.objects.aktiv_kulonleges().filter(ugyfel=ugyfel).exists()


@transaction.atomic
def hozzajarulas_visszavonas(*, hozzajarulas: Hozzajarulas, datum=None) -> Hozzajarulas:
    """Withdraw a consent; without any special-data consent left, erase the special-category answers.

    The erasure leaves one history entry (``VISSZAVONAS``) that names the
    erased fields but not their values.
    """
    if hozzajarulas.visszavonva:
        return hozzajarulas
    hozzajarulas.visszavonva = datum or timezone.localdate()
    hozzajarulas.save(update_fields=["visszavonva"])
    adat = KulonlegesAdat.objects.filter(ugyfel_id=hozzajarulas.ugyfel_id).first()
    if adat is not None and not aktiv_kulonleges_hozzajarulas(hozzajarulas.ugyfel_id):
        torolt = [m for m in KulonlegesAdat.ERZEKENY_MEZOK if getattr(adat, m)]
        # update(): a plain save would log the masked old values as an ordinary change.
        KulonlegesAdat.objects.filter(pk=adat.pk).update(**dict.fromkeys(KulonlegesAdat.ERZEKENY_MEZOK, ""))
        audit.log_event(adat, Valtozas.Muvelet.VISSZAVONAS, {m: [audit.REJTETT, ""] for m in torolt})
    return hozzajarulas


def _szabad_szoveg_mezok(model):
    """Free-text fields of ``model`` (no choices): where names, addresses and notes can hide."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices and f.editable
    ]


def _szovegek_torlese(qs, mezok):
    """Overwrite free text with a neutral value (blank where allowed)."""
    ertekek = {}
    for nev in mezok:
        f = qs.model._meta.get_field(nev)
        ertekek[nev] = "" if f.blank else ANONIMIZALT[: f.max_length or None]
    if ertekek:
        qs.update(**ertekek)


def _naplo_kitakaritasa(q):
    """Mask every text value of the history entries in ``q`` (they may hold names and addresses)."""
    from django.db import connection

    def maszk(ertek):
        return audit.REJTETT if isinstance(ertek, str) and ertek else ertek

    bejegyzesek = list(Valtozas.objects.filter(q).only("pk", "valtozasok"))
    for b in bejegyzesek:
        b.valtozasok = {k: [maszk(x) for x in v] if isinstance(v, list) else maszk(v) for k, v in b.valtozasok.items()}
        b.objektum_nev = ANONIMIZALT
    if connection.vendor == "postgresql":
        # The log tables refuse UPDATE (core migration 0003) unless this transaction says so.
        with connection.cursor() as c:
            c.execute("SELECT set_config('kapocs.anonimizalas', 'on', true)")
    Valtozas.objects.bulk_update(bejegyzesek, ["valtozasok", "objektum_nev"], batch_size=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT set_config('kapocs.anonimizalas', 'off', true)")


def _rekordok_q(qs):
    """History entries of the rows of ``qs``."""
    idk = [str(i) for i in qs.values_list("pk", flat=True)]
    return Q(modell=qs.model._meta.label_lower, objektum_id__in=idk)


def _esetnaplo_kitakaritasa(latogatasok, feladatok, tervek):
    """Overwrite the notes of visits, tasks and plans (with goals and reviews); the Q of their history."""
    celok = TervCel.objects.filter(terv__in=tervek)
    felulvizsgalatok = Felulvizsgalat.objects.filter(terv__in=tervek)
    q = functools.reduce(operator.or_, map(_rekordok_q, (latogatasok, feladatok, tervek, celok, felulvizsgalatok)))
    _szovegek_torlese(latogatasok, ["jegyzet"])
    _szovegek_torlese(feladatok, ["leiras"])
    _szovegek_torlese(tervek, ["helyzetleiras"])
    _szovegek_torlese(celok, ["leiras", "ertekeles", "felelos"])
    _szovegek_torlese(felulvizsgalatok, ["megallapitasok"])
    return q


def _admin_naplo_kitakaritasa(model, idk):
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(i) for i in idk]
    ).update(object_repr=ANONIMIZALT)


@transaction.atomic
def ugyfel_anonimizalas(*, ugyfel: Ugyfel) -> Ugyfel:
    """Overwrite everything that identifies the participant; keep what the indicators count.

    Kept: gender, birth date (the age bands of every indicator are computed
    from it at entry; coarsening could move a person across a band), labour
    market, education, household situation, entry/exit dates and results, the
    special-category answers (CO15-CO17), trainings and attendance, the
    settlement and postcode (not identifying, needed for area reports).
    Overwritten: names, mother's name, birth place, TAJ, street address,
    phone, e-mail; free text written about them (visit notes, tasks, plans,
    reviews, other apps' notes); the households whose participant members are
    all anonymised; the old values in the change history and the admin log.
    """
    from core.text import fold

    if ugyfel.anonimizalva:
        return ugyfel
    pk = ugyfel.pk
    uj = {
        "csaladi_nev": "Anonimizált",
        "utonev": f"#{pk}",
        "szuletesi_nev": "",
        "anyja_neve": "Anonimizált",
        "szuletesi_hely": "",
        "taj": "",
        "cim": "",
        "telefon": "",
        "email": "",
    }
    # update(): a save would write the old names into the history.
    Ugyfel.objects.filter(pk=pk).update(
        **uj,
        kereso_szoveg=fold(" ".join([uj["csaladi_nev"], uj["utonev"], ugyfel.iranyitoszam, ugyfel.telepules])),
        nev_kulcs="",
        anonimizalva=timezone.now(),
    )

    naplo_q = _esetnaplo_kitakaritasa(
        Latogatas.objects.filter(pk__in=Latogatas.objects.filter(Q(ugyfel_id=pk) | Q(jelenlevok=pk)).values("pk")),
        KovetoFeladat.objects.filter(ugyfel_id=pk),
        FejlesztesiTerv.objects.filter(ugyfel_id=pk),
    )
    # Other apps' rows about the person (enrolments, registrations): their free-text notes.
    for rel in Ugyfel._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label != "ugyfelek" and (rel.one_to_many or rel.one_to_one):
            _szovegek_torlese(model._default_manager.filter(**{rel.field.name: pk}), _szabad_szoveg_mezok(model))

    haztartas_idk = []
    for h in Haztartas.objects.filter(tagsagok__ugyfel_id=pk).distinct():
        if not h.tagsagok.filter(ugyfel__anonimizalva__isnull=True).exists():
            haztartas_idk.append(h.pk)
    if haztartas_idk:
        haztartas_anonimizalas(haztartas_idk=haztartas_idk)

    _naplo_kitakaritasa(Q(ugyfel_id=pk) | naplo_q)
    _admin_naplo_kitakaritasa(Ugyfel, [pk])

    ugyfel.refresh_from_db()
    audit.log_event(ugyfel, Valtozas.Muvelet.ANONIMIZALAS, {m: [audit.REJTETT, v] for m, v in uj.items()})
    return ugyfel


def haztartas_anonimizalas(*, haztartas_idk) -> None:
    """Overwrite the name and street address of households (and notes written about them)."""
    from core.text import fold

    for h in Haztartas.objects.filter(pk__in=haztartas_idk):
        Haztartas.objects.filter(pk=h.pk).update(
            nev="", cim=ANONIMIZALT, kereso_szoveg=fold(" ".join([h.iranyitoszam, h.telepules, ANONIMIZALT]))
        )
    q = _rekordok_q(Haztartas.objects.filter(pk__in=haztartas_idk)) | _esetnaplo_kitakaritasa(
        Latogatas.objects.filter(haztartas_id__in=haztartas_idk),
        KovetoFeladat.objects.filter(haztartas_id__in=haztartas_idk),
        FejlesztesiTerv.objects.filter(haztartas_id__in=haztartas_idk),
    )
    _naplo_kitakaritasa(q)
    _admin_naplo_kitakaritasa(Haztartas, haztartas_idk)


def projekt_anonimizalas(*, projekt) -> tuple[int, int]:
    """Anonymise every participant and household of a project whose retention period is over."""
    ugyfelek = 0
    for ugyfel in Ugyfel.objects.filter(projekt=projekt, anonimizalva__isnull=True).iterator():
        ugyfel_anonimizalas(ugyfel=ugyfel)
        ugyfelek += 1
    maradek = list(Haztartas.objects.filter(projekt=projekt).exclude(cim=ANONIMIZALT).values_list("pk", flat=True))
    if maradek:
        with transaction.atomic():
            haztartas_anonimizalas(haztartas_idk=maradek)
    return ugyfelek, len(maradek)
