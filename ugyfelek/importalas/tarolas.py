"""The private folder where an uploaded file waits between the preview and the confirmation.

Not under MEDIA_ROOT (nothing there is served), readable only by the app's
user, and emptied: a file goes at confirm or cancel, and any file older than a
day at the next upload or by ``manage.py import_takaritas``.
"""

import datetime
import json
import re
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings

from .olvasas import MAX_MERET, FajlHiba, Tabla

MAX_KOR = datetime.timedelta(days=1)
_NEV = re.compile(r"^[0-9a-f]{32}\.(xlsx|csv|xls|bin)$")
_BEOLVASOTT = ".sorok.json"  # the rows read at the preview, beside the file


def mappa() -> Path:
    hely = Path(getattr(settings, "KAPOCS_IMPORT_MAPPA", "") or Path(tempfile.gettempdir()) / "kapocs-import")
    hely.mkdir(mode=0o700, parents=True, exist_ok=True)
    return hely


def utvonal(nev: str) -> Path:
    if not _NEV.match(nev or ""):
        raise FajlHiba("Az importálandó fájl már nem érhető el; töltse fel újra.")
    return mappa() / nev


def ment(feltoltott) -> str:
    """Copy an uploaded file into the private folder; refuse it as soon as it passes 10 MB."""
    kiterjesztes = Path(feltoltott.name or "").suffix.lower().lstrip(".")
    nev = f"{uuid.uuid4().hex}.{kiterjesztes if kiterjesztes in ('xlsx', 'csv', 'xls') else 'bin'}"
    cel = mappa() / nev
    meret = 0
    try:
        with open(cel, "xb") as f:
            for darab in feltoltott.chunks():
                meret += len(darab)
                if meret > MAX_MERET:
                    raise FajlHiba("A fájl nagyobb 10 MB-nál; bontsa több fájlra.")
                f.write(darab)
    except BaseException:
        cel.unlink(missing_ok=True)
        raise
    return nev


def torol(nev: str) -> None:
    if nev and _NEV.match(nev):
        (mappa() / nev).unlink(missing_ok=True)
        (mappa() / (nev + _BEOLVASOTT)).unlink(missing_ok=True)


def _json_ertek(ertek):
    if isinstance(ertek, datetime.datetime):
        return {"dt": ertek.isoformat()}
    if isinstance(ertek, datetime.date):
        return {"d": ertek.isoformat()}
    return str(ertek)


def _json_vissza(ertek):
    if "dt" in ertek:
        return datetime.datetime.fromisoformat(ertek["dt"])
    return datetime.date.fromisoformat(ertek["d"])


def tabla_ment(nev: str, tabla: Tabla) -> None:
    """Keep the rows read at the preview, so the confirmation need not parse the spreadsheet again."""
    adat = {"fejlec": tabla.fejlec, "sorok": tabla.sorok}
    with open(utvonal(nev).with_name(nev + _BEOLVASOTT), "w", encoding="utf-8") as f:
        json.dump(adat, f, default=_json_ertek, ensure_ascii=False)


def tabla_betolt(nev: str) -> Tabla | None:
    """The rows kept by ``tabla_ment``, or None (then the file is read again)."""
    try:
        with open(utvonal(nev).with_name(nev + _BEOLVASOTT), encoding="utf-8") as f:
            adat = json.load(f, object_hook=_json_vissza)
    except (OSError, ValueError, KeyError):
        return None
    return Tabla(fejlec=adat["fejlec"], sorok=[(szam, tuple(ertekek)) for szam, ertekek in adat["sorok"]])


def regi_fajlok_torlese(max_kor: datetime.timedelta = MAX_KOR) -> int:
    """Delete the files older than ``max_kor``; how many went."""
    hatar = time.time() - max_kor.total_seconds()
    torolve = 0
    for fajl in mappa().iterdir():
        if fajl.is_file() and fajl.stat().st_mtime < hatar:
            fajl.unlink(missing_ok=True)
            torolve += 1
    return torolve
