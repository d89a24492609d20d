"""Reading cell values as people really type them: dates, TAJ numbers, gender, names."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.text import clean_spaces, fold
from ugyfelek.models import Nem
from ugyfelek.validators import taj_normalizal, validate_taj


class ErtekHiba(ValueError):
    """A cell value that cannot be read; the message is Hungarian, for the user."""


# 1985.03.12.  1985. 03. 12.  1985-03-12  1985/03/12
_DATUM = re.compile(r"^(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\s*\.?$")
# Excel serial day numbers between 1900 and 2100, when a date cell lost its format.
_EXCEL_NAP_0 = datetime.date(1899, 12, 30)

_NEMEK = {
    "ferfi": Nem.FERFI,
    "ffi": Nem.FERFI,
    "f": Nem.FERFI,
    "no": Nem.NO,
    "n": Nem.NO,
}


def ures(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def szoveg(value) -> str:
    """Trimmed text with inner spaces folded; whole numbers lose the ``.0`` a spreadsheet adds."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%Y.%m.%d.}"
    return clean_spaces(str(value))


def datum(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 73_051:
        return _EXCEL_NAP_0 + datetime.timedelta(days=int(value))
    text = szoveg(value)
    match = _DATUM.match(text)
    if match:
        try:
            return datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise ErtekHiba(f"„{text}” nem érvényes dátum (pl. 1985.03.12. vagy 1985-03-12).")


def nem(value) -> str:
    text = szoveg(value)
    try:
        return _NEMEK[fold(text).rstrip(".")]
    except KeyError:
        raise ErtekHiba(f"„{text}” nem érvényes nem: férfi, nő, F vagy N lehet.") from None


def taj(value) -> str:
    normal = taj_normalizal(value)
    try:
        validate_taj(normal)
    except ValidationError as e:
        raise ErtekHiba(f"„{szoveg(value)}”: {e.messages[0]}") from None
    return normal


def irsz(value) -> str:
    text = szoveg(value)
    if not re.fullmatch(r"\d{4}", text):
        raise ErtekHiba(f"„{text}” nem érvényes irányítószám (4 számjegy).")
    return text


def email(value) -> str:
    text = szoveg(value)
    try:
        validate_email(text)
    except ValidationError:
        raise ErtekHiba(f"„{text}” nem érvényes e-mail-cím.") from None
    return text


OLVASOK = {"szoveg": szoveg, "datum": datum, "nem": nem, "taj": taj, "irsz": irsz, "email": email}
