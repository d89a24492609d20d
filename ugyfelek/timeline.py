"""The participant's and household's timeline: one chronological list fed by any app.

An app contributes by registering a source: a function
``(ugyfel=None, haztartas=None, user) -> iterable of Esemeny`` that runs a
constant number of queries. Trainings and community programmes register
theirs in their own ``apps.py``; this module knows none of them.

A source may take further keyword parameters for records its caller may
have read already (the participant's page passes its ``tervek``); the
caller hands them to ``esemenyek`` by name. A source may also declare the
rows it shows (``forras(sorok=...)``), so that the participant's page can
tell in its own query whether to ask it at all. A source that shows a
participant's rows of one model (enrolments, presences, sign-ups) declares
only its columns and how a row reads (``sor_forras``).
"""

import datetime
import functools
import inspect
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from core.attendance import idovonal_szures

from .models import Haztartas, HaztartasTag, Ugyfel

_forrasok = []
# Source -> (model, foreign key to the participant): the rows it shows, for those that declared them.
_sorok = {}


@dataclass
class Esemeny:
    idopont: datetime.datetime | datetime.date
    tipus: str  # short label, e.g. "Látogatás"
    cim: str
    leiras: str = ""
    url: str = ""

    @functools.cached_property
    def rendezo(self) -> datetime.datetime:
        if isinstance(self.idopont, datetime.datetime):
            return timezone.localtime(self.idopont) if timezone.is_aware(self.idopont) else self.idopont
        return datetime.datetime.combine(self.idopont, datetime.time.max)

    @property
    def datum(self) -> datetime.date:
        return self.rendezo.date()


def nev_oszlopok(haztartas) -> tuple[str, ...]:
    """The member's name columns for a source that reads columns (``values_list``).

    On a household's timeline each line says whose it is, so the name is read;
    a participant's own timeline needs neither the name nor the join to it.
    """
    return ("ugyfel__csaladi_nev", "ugyfel__utonev") if haztartas is not None else ()


def elotag(nev) -> str:
    """The line prefix ("Kovács Anna: ") from the columns of ``nev_oszlopok``; "" when none were read."""
    if not nev:
        return ""
    csaladi_nev, utonev = nev
    return f"{Ugyfel.nev_szovege(csaladi_nev, utonev)}: "


def url_keszito(nev: str):
    """``lambda pk: reverse(nev, args=[pk])`` for a URL with one integer ``pk``, at the cost of one reverse().

    A timeline links dozens of records of one kind to their page; reverse() walks the URL
    resolver every time. The URL is reversed once with a marker and the marker replaced.
    """
    jel = 918273645546372819
    minta = reverse(nev, args=[jel])
    if minta.count(str(jel)) != 1:
        return lambda pk: reverse(nev, args=[pk])
    elotte, utana = minta.split(str(jel))
    return lambda pk: f"{elotte}{int(pk)}{utana}"


def forras(fn=None, *, sorok=None):
    """Register a timeline source: ``@forras``, or ``@forras(sorok=(Model, "ugyfel"))``.

    ``sorok``: the model whose rows of a participant the source shows, and its foreign key to the
    participant. A source costs a query even when it finds nothing; with ``sorok`` declared, the
    participant's (or household's) page learns in its own query whether there is any such row at all
    (``van_sora_annotaciok``), and the source is not asked for a participant (household) who has none.
    """

    def regisztral(fn):
        if fn not in _forrasok:
            _forrasok.append(fn)
        if sorok is not None:
            _sorok[fn] = sorok
        return fn

    return regisztral(fn) if fn is not None else regisztral


def sor_forras(model, *oszlopok):
    """Register a source that shows the rows of ``model`` of a participant, one or more lines a row.

    ``@sor_forras(Model, "column", ...)`` on a function ``(nev, *values) -> iterable of Esemeny``
    that turns one row into its lines: ``nev`` goes before each line, the member's name on a
    household's timeline ("" on a participant's own, see ``elotag``); ``values`` are the row's
    ``oszlopok``. For models with a foreign key ``ugyfel`` (enrolments, presences, sign-ups): the
    source reads the rows in one query, as columns, through ``for_user``, and declares them
    (``forras(sorok=(model, "ugyfel"))``). It keeps the function's module, name and docstring.
    """

    def regisztral(sorbol):
        def forras_fn(*, ugyfel=None, haztartas=None, user):
            qs = idovonal_szures(model.objects.all(), ugyfel=ugyfel, haztartas=haztartas, user=user)
            # "pk": a household's rows are DISTINCT, and so one line per row needs the row's key.
            sorok = qs.order_by().values_list("pk", *oszlopok, *nev_oszlopok(haztartas))
            for _pk, *sor in sorok:
                yield from sorbol(elotag(sor[len(oszlopok) :]), *sor[: len(oszlopok)])

        # Not functools.wraps: esemenyek() hands over records by the source's own parameters, and
        # inspect.signature() would read the row function's through __wrapped__.
        for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(forras_fn, attr, getattr(sorbol, attr))
        return forras(forras_fn, sorok=(model, "ugyfel"))

    return regisztral


def _van_kulcs(fn) -> str:
    return f"idovonal_{fn.__module__.replace('.', '_')}_{fn.__name__}"


def van_sora_annotaciok(haztartasra=False) -> dict:
    """Annotations for a queryset of participants (of households, ``haztartasra``): whether each has any row of
    each declaring source (a household: whether any member, present or past, has one).

    For a queryset whose base table is the participants' (households') (``Ugyfel.objects...``), which the
    subqueries refer to by name.

    Plain ``EXISTS`` subqueries against the base table, written out rather than built as ``Exists()``:
    Django takes longer to build four ``Exists`` than PostgreSQL to answer them. They read no data and decide
    only whether a source is asked; the source itself reads through ``for_user``.
    """
    qn = connection.ops.quote_name
    alap = Haztartas if haztartasra else Ugyfel
    kulcs = f"{qn(alap._meta.db_table)}.{qn(alap._meta.pk.column)}"
    # The participant itself, or every member the household had.
    if haztartasra:
        tag = HaztartasTag._meta
        kiket = (
            f"IN (SELECT {qn(tag.get_field('ugyfel').column)} FROM {qn(tag.db_table)}"
            f" WHERE {qn(tag.get_field('haztartas').column)} = {kulcs})"
        )
    else:
        kiket = f"= {kulcs}"
    annotaciok = {}
    for fn, (model, mezo) in _sorok.items():
        tabla, oszlop = qn(model._meta.db_table), qn(model._meta.get_field(mezo).column)
        sql = f"EXISTS (SELECT 1 FROM {tabla} WHERE {oszlop} {kiket})"
        annotaciok[_van_kulcs(fn)] = RawSQL(sql, (), output_field=BooleanField())
    return annotaciok


@functools.cache
def _parameterek(fn) -> frozenset:
    return frozenset(inspect.signature(fn).parameters)


def esemenyek(*, user, ugyfel=None, haztartas=None, limit=200, **elore) -> list[Esemeny]:
    """The lines of the timeline, newest first, at most ``limit``.

    ``elore``: records the caller has read already, handed to the sources that take a
    parameter of that name, so that they are not read twice.
    """
    items = []
    alany = ugyfel if ugyfel is not None else haztartas
    for fn in _forrasok:
        if not getattr(alany, _van_kulcs(fn), True):
            continue  # the participant's (household's) own query found no row for this source (van_sora_annotaciok)
        atadott = {nev: ertek for nev, ertek in elore.items() if nev in _parameterek(fn)}
        items.extend(fn(ugyfel=ugyfel, haztartas=haztartas, user=user, **atadott))
    items.sort(key=lambda e: e.rendezo.replace(tzinfo=None), reverse=True)
    return items[:limit]
