"""The audit trail: change history of personal data and the access log.

Models with personal data are registered once (``register``); every save and
delete of them then writes one ``Valtozas`` row with the old and new values.
Who and from where come from the current context: the middleware sets it for
forms and the admin, ``audit_context`` for imports and commands; with no
context the source is a management command. Writes that bypass signals
(``bulk_create``, ``bulk_update``) call ``log_bulk_create`` / ``log_bulk_update``.

Many-to-many fields of a registered model are tracked too: every add, remove,
clear or set, from either side of the relation, writes a change entry of the
record that holds the field, with the old and new lists of ids. For fields
whose rows are participants (``ugyfel_m2m``), each participant added or
removed gets the entry in their own history as well. A record that concerns
participants through such a field (a household visit, which has no
participant of its own, and its topics) names it in ``jelenlevo_ugyfelek``:
every entry of the record is then filed under each of them too.

Values of special-category fields are never written into the history: only
the fact that they changed.
"""

import contextvars
import copy
import datetime
import decimal
import functools
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .models import Hozzaferes, Valtozas

REJTETT = "***"


@dataclass(frozen=True)
class _Kontextus:
    felhasznalo: object = None
    forras: str = Valtozas.Forras.PARANCS


_ALAP = _Kontextus()
_kontextus: contextvars.ContextVar[_Kontextus] = contextvars.ContextVar("kapocs_audit", default=_ALAP)  # noqa: B039


@contextmanager
def audit_context(*, felhasznalo=None, forras: str):
    """Attribute the writes inside the block to ``felhasznalo`` and ``forras``."""
    token = _kontextus.set(_Kontextus(felhasznalo=felhasznalo, forras=forras))
    try:
        yield
    finally:
        _kontextus.reset(token)


def jelenlegi_kontextus() -> _Kontextus:
    return _kontextus.get()


@dataclass
class _Beallitas:
    projekt: str  # attribute path to the project id, e.g. "projekt_id" or "ugyfel.projekt_id"
    ugyfel: str | None  # attribute path to the participant id, or None
    kizart: set[str] = field(default_factory=set)
    rejtett: set[str] = field(default_factory=set)
    ugyfel_m2m: set[str] = field(default_factory=set)  # m2m fields whose rows are participants
    jelenlevo_ugyfelek: str | None = None  # attribute path to a manager of participants the record concerns
    m2m: list[str] = field(default_factory=list)  # the tracked many-to-many fields
    attnevek: list[str] | None = None  # the compared columns, found at the first write


@dataclass(frozen=True)
class _Kapcsolat:
    """A tracked many-to-many field: the registered model holding it and the through table's two columns."""

    model: type
    mezo: str
    sajat: str  # the through column pointing at the registered model's row
    masik: str  # the through column pointing at the other side


_registry: dict[type, _Beallitas] = {}
_kapcsolatok: dict[type, _Kapcsolat] = {}  # by through model


def register(
    model, *, projekt="projekt_id", ugyfel=None, kizart=(), rejtett=(), ugyfel_m2m=(), jelenlevo_ugyfelek=None
):
    """Track every write of ``model`` in the change history.

    ``projekt`` and ``ugyfel`` are dotted attribute paths to the ids the entry
    is filed under; ``kizart`` fields are not compared; ``rejtett`` fields are
    special-category data whose values are masked. Many-to-many fields not in
    ``kizart`` are tracked; ``ugyfel_m2m`` names those whose rows are
    participants, so each participant added or removed also gets the entry.
    ``jelenlevo_ugyfelek`` is a dotted path to a manager of participants
    (e.g. ``"latogatas.jelenlevok"``) who get a copy of every entry of the record.
    """
    m2m = [f for f in model._meta.many_to_many if f.name not in set(kizart)]
    ismeretlen = set(ugyfel_m2m) - {f.name for f in m2m}
    if ismeretlen:
        raise ValueError(f"{model._meta.label}: no tracked many-to-many field {sorted(ismeretlen)}")
    _registry[model] = _Beallitas(
        projekt=projekt,
        ugyfel=ugyfel,
        kizart=set(kizart),
        rejtett=set(rejtett),
        ugyfel_m2m=set(ugyfel_m2m),
        jelenlevo_ugyfelek=jelenlevo_ugyfelek,
        m2m=[f.name for f in m2m],
    )
    uid = f"kapocs_audit_{model._meta.label_lower}"
    pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "_pre")
    post_save.connect(_post_save, sender=model, dispatch_uid=uid + "_post")
    post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "_del")
    if m2m or jelenlevo_ugyfelek:
        pre_delete.connect(_pre_delete, sender=model, dispatch_uid=uid + "_predel")
    for f in m2m:
        through = f.remote_field.through
        _kapcsolatok[through] = _Kapcsolat(
            model=model,
            mezo=f.name,
            sajat=through._meta.get_field(f.m2m_field_name()).attname,
            masik=through._meta.get_field(f.m2m_reverse_field_name()).attname,
        )
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}_m2m_{f.name}")


def tracked_models() -> set[type]:
    return set(_registry)


def _attr(obj, path: str | None):
    if not path:
        return None
    value = obj
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _ertek(value):
    if value is None or type(value) in (str, int, bool, float):
        return value  # the common case first: bulk imports call this for every field of every row
    if isinstance(value, datetime.datetime) and value.utcoffset() is not None:
        # A form gives local time, the database UTC: one instant must compare equal.
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _mezok(obj, beallitas: _Beallitas) -> dict:
    if beallitas.attnevek is None:
        beallitas.attnevek = [
            f.attname for f in obj._meta.concrete_fields if not f.primary_key and f.name not in beallitas.kizart
        ]
    return {attnev: _ertek(getattr(obj, attnev)) for attnev in beallitas.attnevek}


def _naplo(obj, muvelet, valtozasok, beallitas):
    ctx = _kontextus.get()
    felhasznalo = ctx.felhasznalo
    if hasattr(felhasznalo, "_user"):  # the middleware's lazy request user
        felhasznalo = felhasznalo._user()
    if not getattr(felhasznalo, "is_authenticated", False):
        felhasznalo = None
    return Valtozas(
        felhasznalo=felhasznalo,
        forras=ctx.forras,
        muvelet=muvelet,
        modell=obj._meta.label_lower,
        objektum_id=str(obj.pk),
        objektum_nev=str(obj)[:200],
        projekt_id=_attr(obj, beallitas.projekt),
        ugyfel_id=_attr(obj, beallitas.ugyfel),
        valtozasok=valtozasok,
    )


def _maszk(beallitas, mezo, ertek):
    if mezo in beallitas.rejtett or mezo.removesuffix("_id") in beallitas.rejtett:
        return REJTETT if ertek not in (None, "") else ertek
    return ertek


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_regi = None
        return
    beallitas = _registry[sender]
    regi = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_regi = _mezok(regi, beallitas) if regi is not None else None


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    beallitas = _registry[sender]
    uj = _mezok(instance, beallitas)
    regi = getattr(instance, "_audit_regi", None)
    if created or regi is None:
        valtozasok = {k: [None, _maszk(beallitas, k, v)] for k, v in uj.items() if v not in (None, "")}
        muvelet = Valtozas.Muvelet.LETREHOZAS
    else:
        valtozasok = {
            k: [_maszk(beallitas, k, regi.get(k)), _maszk(beallitas, k, v)] for k, v in uj.items() if regi.get(k) != v
        }
        if not valtozasok:
            return
        muvelet = Valtozas.Muvelet.MODOSITAS
    bejegyzes = _naplo(instance, muvelet, valtozasok, beallitas)
    Valtozas.objects.bulk_create([bejegyzes, *_ugyfelenkent(bejegyzes, _jelenlevok(instance, beallitas))])


def _pre_delete(sender, instance, **kwargs):
    # The delete removes the through rows without m2m_changed: read the lists (and the participants present,
    # when a field of the record names them) while they are there.
    beallitas = _registry[sender]
    listak = {nev: sorted(getattr(instance, nev).values_list("pk", flat=True)) for nev in beallitas.m2m}
    instance._audit_m2m_torolt = listak
    nev = beallitas.jelenlevo_ugyfelek
    instance._audit_jelenlevok = set(listak[nev]) if nev in listak else _jelenlevok(instance, beallitas)


def _post_delete(sender, instance, **kwargs):
    beallitas = _registry[sender]
    regi = {k: [_maszk(beallitas, k, v), None] for k, v in _mezok(instance, beallitas).items() if v not in (None, "")}
    listak = getattr(instance, "_audit_m2m_torolt", {})
    regi.update({k: [_maszk(beallitas, k, v), None] for k, v in listak.items() if v})
    bejegyzes = _naplo(instance, Valtozas.Muvelet.TORLES, regi, beallitas)
    erintettek = {pk for nev in beallitas.ugyfel_m2m for pk in listak.get(nev, ())}
    erintettek |= getattr(instance, "_audit_jelenlevok", set())
    Valtozas.objects.bulk_create([bejegyzes, *_ugyfelenkent(bejegyzes, erintettek)])


def _jelenlevok(obj, beallitas) -> set:
    """The participants ``obj`` concerns through ``jelenlevo_ugyfelek`` (none when it names no field)."""
    kezelo = _attr(obj, beallitas.jelenlevo_ugyfelek)  # None without a path, or without the record it hangs on
    return set(kezelo.values_list("pk", flat=True)) if kezelo is not None else set()


def _ugyfelenkent(bejegyzes, ugyfel_idk):
    """Copies of ``bejegyzes`` filed under each of these participants (but the one it is filed under)."""
    masolatok = []
    for pk in sorted(ugyfel_idk - {bejegyzes.ugyfel_id}):
        masolat = copy.copy(bejegyzes)
        masolat.ugyfel_id = pk
        masolatok.append(masolat)
    return masolatok


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Old -> new ids of a many-to-many field, read before the write and derived after it."""
    kapcsolat = _kapcsolatok[sender]
    muvelet = action.removeprefix("pre_").removeprefix("post_")
    if action.startswith("pre_"):
        if pk_set is not None and not pk_set:  # add() or remove() of nothing: set() with no change
            regi = {}
        else:
            regi = _m2m_allapot(sender, kapcsolat, instance, reverse, pk_set)
        instance.__dict__.setdefault("_audit_m2m", {})[(sender, muvelet)] = regi
        return
    regi = instance.__dict__.get("_audit_m2m", {}).pop((sender, muvelet), None)
    if not regi:
        return
    if reverse:  # ``instance`` is the other side; every row of ``regi`` gains or loses it
        valtozott = {o: ids | {instance.pk} if muvelet == "add" else ids - {instance.pk} for o, ids in regi.items()}
    else:
        ids = regi[instance.pk]
        valtozott = {instance.pk: ids | pk_set if muvelet == "add" else ids - pk_set if muvelet == "remove" else set()}
    valtozott = {o: uj for o, uj in valtozott.items() if uj != regi[o]}
    if not valtozott:
        return
    if reverse:
        tulajdonosok = kapcsolat.model._base_manager.filter(pk__in=valtozott).order_by("pk")
    else:
        tulajdonosok = [instance]
    beallitas = _registry[kapcsolat.model]
    nev = kapcsolat.mezo
    sorok = []
    for obj in tulajdonosok:
        uj = valtozott[obj.pk]
        lista = [_maszk(beallitas, nev, sorted(regi[obj.pk])), _maszk(beallitas, nev, sorted(uj))]
        bejegyzes = _naplo(obj, Valtozas.Muvelet.MODOSITAS, {nev: lista}, beallitas)
        sorok.append(bejegyzes)
        if nev in beallitas.ugyfel_m2m:
            sorok.extend(_ugyfelenkent(bejegyzes, regi[obj.pk] ^ uj))
    Valtozas.objects.bulk_create(sorok)


def _m2m_allapot(through, kapcsolat, instance, reverse, pk_set) -> dict:
    """{id of the registered model's row: set of ids on the other side} of the rows the change touches."""
    if not reverse:
        tulajdonosok = [instance.pk]
    elif pk_set is not None:
        tulajdonosok = pk_set
    else:  # clear() from the other side: the rows it is linked to
        tulajdonosok = through._base_manager.filter(**{kapcsolat.masik: instance.pk}).values(kapcsolat.sajat)
    allapot = {pk: set() for pk in tulajdonosok} if not isinstance(tulajdonosok, models.QuerySet) else {}
    sorok = through._base_manager.filter(**{f"{kapcsolat.sajat}__in": tulajdonosok})
    for sajat, masik in sorok.values_list(kapcsolat.sajat, kapcsolat.masik):
        allapot.setdefault(sajat, set()).add(masik)
    return allapot


def log_bulk_create(objs):
    """History entries for rows written with ``bulk_create`` (which sends no signals)."""
    rows = []
    for obj in objs:
        beallitas = _registry[type(obj)]
        uj = _mezok(obj, beallitas)
        valtozasok = {k: [None, _maszk(beallitas, k, v)] for k, v in uj.items() if v not in (None, "")}
        rows.append(_naplo(obj, Valtozas.Muvelet.LETREHOZAS, valtozasok, beallitas))
    Valtozas.objects.bulk_create(rows, batch_size=1000)


def pillanatkep(obj) -> dict:
    """The tracked values of ``obj`` now, for ``log_bulk_update`` after an in-memory change."""
    return _mezok(obj, _registry[type(obj)])


def log_bulk_update(parok):
    """History entries for rows written with ``bulk_update`` (which sends no signals).

    ``parok`` holds ``(pillanatkep(obj) before the change, obj)`` pairs; rows
    whose tracked values did not change get no entry.
    """
    rows = []
    for regi, obj in parok:
        beallitas = _registry[type(obj)]
        uj = _mezok(obj, beallitas)
        valtozasok = {
            k: [_maszk(beallitas, k, regi.get(k)), _maszk(beallitas, k, v)] for k, v in uj.items() if regi.get(k) != v
        }
        if valtozasok:
            rows.append(_naplo(obj, Valtozas.Muvelet.MODOSITAS, valtozasok, beallitas))
    Valtozas.objects.bulk_create(rows, batch_size=1000)


def log_event(obj, muvelet, valtozasok=None):
    """An entry for a write that is not a plain save (anonymisation, consent withdrawal)."""
    beallitas = _registry[type(obj)]
    _naplo(obj, muvelet, valtozasok or {}, beallitas).save()


def log_access(request_or_user, muvelet, mit, *, obj=None, projekt_id=None, ugyfel_id=None, rekordok_szama=1):
    """One access-log entry: ``request_or_user`` viewed or exported ``mit``."""
    user = getattr(request_or_user, "user", request_or_user)
    if obj is not None:
        beallitas = _registry.get(type(obj))
        if projekt_id is None:
            projekt_id = _attr(obj, beallitas.projekt) if beallitas else getattr(obj, "projekt_id", None)
        if ugyfel_id is None and beallitas:
            ugyfel_id = _attr(obj, beallitas.ugyfel)
    return Hozzaferes.objects.create(
        felhasznalo=user if getattr(user, "is_authenticated", False) else None,
        muvelet=muvelet,
        mit=str(mit)[:200],
        modell=obj._meta.label_lower if obj is not None else "",
        objektum_id=str(obj.pk) if obj is not None else "",
        projekt_id=projekt_id,
        ugyfel_id=ugyfel_id,
        rekordok_szama=rekordok_szama,
    )


def naplozott_letoltes(mit, muvelet=Hozzaferes.Muvelet.EXPORT):
    """Decorator for export and download views: one access entry per successful response.

    The view tells what it handed out by setting ``response.naplo`` to keyword
    arguments of ``log_access`` (``obj``, ``projekt_id``, ``ugyfel_id``,
    ``rekordok_szama``); a refused or failed request leaves no entry.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                log_access(request, muvelet, mit, **getattr(response, "naplo", {}))
            return response

        return wrapper

    return decorator
