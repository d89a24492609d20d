"""The import of a participant list, as the admin, the coordinators' screen and the command run it.

One code path: ``importalas_fajlbol`` reads the file, builds the preview and,
unless it is a dry run, writes it. The screens call it twice: the preview at
the upload (keeping the rows read beside the file), the write at the
confirmation, matched again against the data as they are then. The command
calls it once.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import audit
from core.models import Hozzaferes
from ugyfelek.models import ImportNaplo

from . import tarolas
from .feldolgozas import ImportEredmeny, elonezet, mentes
from .olvasas import FajlHiba, beolvas


def importalas_fajlbol(
    *, projekt, utvonal, fajlnev, felhasznalo, dry_run=True, haladas=None, tabla=None
) -> ImportEredmeny:
    """Read ``utvonal`` and import it into ``projekt`` (all rows or none); only a preview if ``dry_run``.

    ``tabla``: the rows already read from the same file (the screens keep them from the preview).
    """
    if tabla is None:
        try:
            tabla = beolvas(utvonal, fajlnev, haladas=haladas)
        except FajlHiba as e:
            return ImportEredmeny(fajlnev=fajlnev, hiba=str(e))
    eredmeny = elonezet(projekt=projekt, tabla=tabla, fajlnev=fajlnev)
    eredmeny.tabla = tabla
    if not dry_run and eredmeny.rendben:
        try:
            mentes(eredmeny=eredmeny, felhasznalo=felhasznalo)
        except IntegrityError:
            # Someone saved the same participant in the meantime; the whole file stays unsaved.
            eredmeny.hiba = "Az importálás közben az adatok megváltoztak; semmit nem mentettünk, próbálja újra."
    return eredmeny


def _naplo_szamok(naplo: ImportNaplo, eredmeny: ImportEredmeny) -> None:
    naplo.uj, naplo.modositott = eredmeny.uj, eredmeny.modositott
    naplo.valtozatlan, naplo.hibas = eredmeny.valtozatlan, eredmeny.hibas
    naplo.uzenet = eredmeny.osszegzes()[:500]


def importalas_feltoltes(*, projekt, felhasznalo, fajl) -> tuple[ImportNaplo, ImportEredmeny]:
    """Keep an uploaded file privately and preview it; a refused file is deleted at once."""
    importalas_takaritas()
    naplo = ImportNaplo(projekt=projekt, felhasznalo=felhasznalo, fajlnev=(fajl.name or "")[:255])
    try:
        naplo.tarolt_fajl = tarolas.ment(fajl)
    except FajlHiba as e:
        eredmeny = ImportEredmeny(fajlnev=naplo.fajlnev, hiba=str(e))
    else:
        eredmeny = importalas_fajlbol(
            projekt=projekt, utvonal=tarolas.utvonal(naplo.tarolt_fajl), fajlnev=naplo.fajlnev, felhasznalo=felhasznalo
        )
    if eredmeny.rendben:
        tarolas.tabla_ment(naplo.tarolt_fajl, eredmeny.tabla)
    else:
        tarolas.torol(naplo.tarolt_fajl)
        naplo.tarolt_fajl = ""
        naplo.allapot = ImportNaplo.Allapot.ELUTASITVA
    _naplo_szamok(naplo, eredmeny)
    naplo.save()
    if eredmeny.modositott or eredmeny.valtozatlan:
        # The preview tells which stored participants the file matches: that is a look at their records.
        audit.log_access(
            felhasznalo,
            Hozzaferes.Muvelet.LISTA,
            "ügyfélimport előnézete",
            projekt_id=projekt.pk,
            rekordok_szama=eredmeny.modositott + eredmeny.valtozatlan,
        )
    return naplo, eredmeny


def importalas_megerosites(*, naplo: ImportNaplo, felhasznalo) -> ImportEredmeny:
    """Import the previewed file for good (all rows in one transaction, or none), then delete it."""
    with transaction.atomic():
        # Lock the log row: a double click must not import the file twice.
        naplo = ImportNaplo.objects.select_for_update().get(pk=naplo.pk)
        if naplo.allapot != ImportNaplo.Allapot.ELONEZET or not naplo.tarolt_fajl:
            return ImportEredmeny(fajlnev=naplo.fajlnev, hiba="Ezt az importot már lezárták; töltse fel újra a fájlt.")
        try:
            utvonal = tarolas.utvonal(naplo.tarolt_fajl)
            if not utvonal.exists():
                raise FajlHiba("Az importálandó fájl már nem érhető el (egy nap után töröljük); töltse fel újra.")
        except FajlHiba as e:
            eredmeny = ImportEredmeny(fajlnev=naplo.fajlnev, hiba=str(e))
        else:
            eredmeny = importalas_fajlbol(
                projekt=naplo.projekt,
                utvonal=utvonal,
                fajlnev=naplo.fajlnev,
                felhasznalo=felhasznalo,
                dry_run=False,
                tabla=tarolas.tabla_betolt(naplo.tarolt_fajl),
            )
        tarolas.torol(naplo.tarolt_fajl)
        naplo.tarolt_fajl = ""
        naplo.allapot = ImportNaplo.Allapot.KESZ if eredmeny.mentve else ImportNaplo.Allapot.ELUTASITVA
        _naplo_szamok(naplo, eredmeny)
        naplo.save()
    return eredmeny


def importalas_megszakitas(*, naplo: ImportNaplo) -> None:
    """Drop a previewed import: the file is deleted, nothing is written."""
    tarolas.torol(naplo.tarolt_fajl)
    naplo.tarolt_fajl = ""
    naplo.allapot = ImportNaplo.Allapot.MEGSZAKITVA
    naplo.save(update_fields=["tarolt_fajl", "allapot"])


def importalas_parancsbol(*, projekt, utvonal, fajlnev, felhasznalo=None, dry_run=False, haladas=None):
    """The management command's import: the same path, and its log row."""
    eredmeny = importalas_fajlbol(
        projekt=projekt, utvonal=utvonal, fajlnev=fajlnev, felhasznalo=felhasznalo, dry_run=dry_run, haladas=haladas
    )
    if eredmeny.mentve:
        allapot = ImportNaplo.Allapot.KESZ
    elif dry_run and eredmeny.rendben:
        allapot = ImportNaplo.Allapot.PROBA
    else:
        allapot = ImportNaplo.Allapot.ELUTASITVA
    naplo = ImportNaplo(projekt=projekt, felhasznalo=felhasznalo, fajlnev=fajlnev[:255], allapot=allapot)
    _naplo_szamok(naplo, eredmeny)
    naplo.save()
    return eredmeny


def importalas_takaritas() -> int:
    """Delete uploaded files older than a day and mark their previews expired; how many files went."""
    torolve = tarolas.regi_fajlok_torlese()
    ImportNaplo.objects.filter(
        allapot=ImportNaplo.Allapot.ELONEZET, idopont__lt=timezone.now() - tarolas.MAX_KOR
    ).update(allapot=ImportNaplo.Allapot.LEJART, tarolt_fajl="")
    return torolve
