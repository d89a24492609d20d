"""The audit trail: change history of personal data and the access log.

Models with personal data are registered once (``register``); every save and
delete of them then writes one ``Valtozas`` row with the old and new values.
Who and from where come from the current context: the middleware sets it for
forms and the admin, ``audit_context`` for imports and commands; with no
context the source is a management command. Writes that bypass signals
(``bulk_create``, ``bulk_update``) call ``log_bulk_create`` / ``log_bulk_update``.

Values of special-category fields are never written into the history: only
the fact that they changed.
"""

import contextvars
import datetime
import decimal
import functools
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

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
    attnevek: list[str] | None = None  # the compared columns, found at the first write


_registry: dict[type, _Beallitas] = {}


def register(model, *, projekt="projekt_id", ugyfel=None, kizart=(), rejtett=()):
    """Track every write of ``model`` in the change history.

    ``projekt`` and ``ugyfel`` are dotted attribute paths to the ids the entry
    is filed under; ``kizart`` fields are not compared; ``rejtett`` fields are
    special-category data whose values are masked.
    """
    _registry[model] = _Beallitas(projekt=projekt, ugyfel=ugyfel, kizart=set(kizart), rejtett=set(rejtett))
    uid = f"kapocs_audit_{model._meta.label_lower}"
    pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "_pre")
    post_save.connect(_post_save, sender=model, dispatch_uid=uid + "_post")
    post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "_del")


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
    _naplo(instance, muvelet, valtozasok, beallitas).save()


def _post_delete(sender, instance, **kwargs):
    beallitas = _registry[sender]
    regi = {k: [_maszk(beallitas, k, v), None] for k, v in _mezok(instance, beallitas).items() if v not in (None, "")}
    _naplo(instance, Valtozas.Muvelet.TORLES, regi, beallitas).save()


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
