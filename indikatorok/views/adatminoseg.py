"""The data-quality page: records to fix before a report is sent, each linking to its page."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from akcioterulet.models import Projekt, Szerep
from core import audit
from core.adatverzio import Gyorsito
from core.models import Hozzaferes
from ugyfelek.models import Haztartas, Ugyfel

from .. import selectors
from .common import szemelyes_projekt

ELONEZET = 10


@login_required
def adatminoseg_index(request):
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Az adatminőségi oldal személyes adatokat mutat.")
    projektek = list(Projekt.objects.for_user(request.user, szerepek=(Szerep.KOORDINATOR, Szerep.MENTOR)))
    if len(projektek) == 1:
        return redirect("indikatorok:adatminoseg", projektek[0].pk)
    return render(
        request,
        "indikatorok/projekt_valaszto.html",
        {"projektek": projektek, "cim": "Adatminőség", "url_nev": "indikatorok:adatminoseg"},
    )


@login_required
def adatminoseg(request, pk):
    projekt = szemelyes_projekt(request, pk)
    szakasz = request.GET.get("szakasz")
    if szakasz and szakasz not in selectors.SZAKASZOK:
        raise Http404("Ismeretlen ellenőrzés.")
    if szakasz:
        szakaszok = [_egy_ellenorzes(request, projekt, szakasz)]
    else:
        szakaszok = _attekintes(request.user, projekt)
    osszesen = sum(sz["szam"] for sz in szakaszok)
    audit.log_access(request, Hozzaferes.Muvelet.LISTA, "adatminőség", projekt_id=projekt.pk, rekordok_szama=osszesen)
    return render(
        request,
        "indikatorok/adatminoseg.html",
        {
            "projekt": projekt,
            "szakaszok": szakaszok,
            "szakasz": szakasz,
            "elonezet": ELONEZET,
            "page_obj": szakaszok[0]["oldal"] if szakasz and szakaszok and szakaszok[0].get("oldal") else None,
        },
    )


def _gyorsito(user, projekt, ma) -> Gyorsito:
    return Gyorsito(user, "adatminoseg", (ma,), projekt=projekt)


def _szamok_resz(projekt, ma) -> dict:
    """The kept part of every check's count (the duplicates' apart), shared by the overview and each check's page."""
    return {"szamok": functools.partial(selectors.adatminoseg_osszesito, projekt, ma, duplikatumok=[])}


class _SzamoltLapozo(Paginator):
    """Pages of a check whose number of rows is known: the overview's kept count (``_szamok_resz``)."""

    def __init__(self, object_list, per_page, szam: int):
        super().__init__(object_list, per_page)
        self.count = szam


def _attekintes(user, projekt) -> list[dict]:
    """Every check: its count and its first rows (the duplicates: their groups).

    Kept under the versions of what each part read (``core.adatverzio``): a saved visit or a phone number
    changes nothing here, so the page is recounted only when a checked column changed, or the next day."""
    ma = timezone.localdate()
    gyorsito = _gyorsito(user, projekt, ma)

    # The checks' counts (one pass over the project's participants) and the duplicates' groups, kept apart: the
    # groups read the names, the counts do not, and so a renamed participant recounts the groups alone.
    reszek = gyorsito.reszek(
        {**_szamok_resz(projekt, ma), "duplikatumok": functools.partial(selectors.duplikatum_csoportok, projekt)}
    )
    duplikatumok = reszek["duplikatumok"]
    szamok = {**reszek["szamok"], "duplikatum": sum(len(cs) for cs in duplikatumok)}
    # The first rows of each check that found any, with the columns the page shows of them only: a column
    # the page does not show (the last visit, a phone number) does not recount them when it changes.
    elonezetek = gyorsito.reszek(
        {
            kulcs: functools.partial(_elonezet, projekt, kulcs, ma)
            for kulcs in selectors.SZAKASZOK
            if kulcs != "duplikatum" and szamok[kulcs]
        }
    )
    szakaszok = []
    for kulcs, cim in selectors.SZAKASZOK.items():
        if kulcs == "duplikatum":
            szakaszok.append({"kulcs": kulcs, "cim": cim, "szam": szamok[kulcs], "csoportok": duplikatumok})
        else:
            sorok = elonezetek.get(kulcs, [])
            szakaszok.append({"kulcs": kulcs, "cim": cim, "szam": szamok[kulcs], "sorok": sorok, "oldal": None})
    return szakaszok


# The columns each check's rows show (indikatorok/adatminoseg.html), besides the name.
_OSZLOPOK = {
    "hianyos": Ugyfel.BELEPESI_MEZOK,
    "eredmeny_28": ("kilepes_datuma",),
    "eredmeny_6ho": ("kilepes_datuma",),
    "terv_nelkul": ("megallapodas_datuma",),
    "kivul": ("iranyitoszam", "telepules", "cim"),
}


def _rendezve(projekt, kulcs, ma=None):
    """The rows of a check in the page's order: households by id, participants by name."""
    qs = selectors.adatminoseg_qs(projekt, kulcs, ma)
    return qs.order_by("pk") if kulcs == "haztartas_kivul" else qs.order_by("csaladi_nev", "utonev", "pk")


def _sorai(projekt, kulcs, ma):
    """The rows of a check in the page's order, with the columns the page shows of them only."""
    oszlopok = ("nev", "iranyitoszam", "telepules", "cim") if kulcs == "haztartas_kivul" else _OSZLOPOK[kulcs]
    nevek = () if kulcs == "haztartas_kivul" else ("csaladi_nev", "utonev")
    return _rendezve(projekt, kulcs, ma).only(*nevek, *oszlopok)


def _elonezet(projekt, kulcs, ma) -> list:
    sql, parameterek = _elonezet_sql(projekt.pk, kulcs, ma)
    return list((Haztartas if kulcs == "haztartas_kivul" else Ugyfel).objects.raw(sql, parameterek))


@functools.lru_cache(maxsize=1024)
def _elonezet_sql(projekt_id: int, kulcs: str, ma) -> tuple[str, tuple]:
    """The statement of a check's first rows, compiled once for the project and the day: Django took 1.5 ms to build
    and compile each, for the 0.1-0.2 ms the database takes to read them from the check's index."""
    sql, parameterek = _sorai(Projekt(pk=projekt_id), kulcs, ma)[:ELONEZET].query.sql_with_params()
    return sql, tuple(parameterek)


def _egy_ellenorzes(request, projekt, szakasz) -> dict:
    """One check in full, 50 rows a page (the duplicates: every group)."""
    cim = selectors.SZAKASZOK[szakasz]
    if szakasz == "duplikatum":
        csoportok = selectors.duplikatum_csoportok(projekt)
        return {"kulcs": szakasz, "cim": cim, "szam": sum(len(cs) for cs in csoportok), "csoportok": csoportok}
    # The count is the overview's, kept under the versions of what it read (a recount of the check's rows took
    # 6 ms of the page's 20 on the largest project); the rows a page at a time, with the columns shown.
    ma = timezone.localdate()
    szam = _gyorsito(request.user, projekt, ma).reszek(_szamok_resz(projekt, ma))["szamok"][szakasz]
    oldal = _SzamoltLapozo(_sorai(projekt, szakasz, ma), 50, szam).get_page(request.GET.get("page"))
    sorok = list(oldal.object_list)
    return {"kulcs": szakasz, "cim": cim, "szam": szam, "sorok": sorok, "oldal": oldal}
