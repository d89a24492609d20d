"""Hungarian identifiers: TAJ (social security number) and tax ID."""

import datetime
import re

from django.core.exceptions import ValidationError

_NEM_SZAMJEGY = re.compile(r"[\s\-.]")


def taj_normalizal(value) -> str:
    """'123 456 789', '123-456-789' or the number 123456789 -> '123456789' (leading zeros kept)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _NEM_SZAMJEGY.sub("", str(value).strip())
    if text.isdigit() and len(text) < 9:
        # Spreadsheets drop leading zeros of numbers.
        text = text.zfill(9)
    return text


def taj_ervenyes(taj: str) -> bool:
    if len(taj) != 9 or not taj.isdigit():
        return False
    d = [int(c) for c in taj]
    return (3 * (d[0] + d[2] + d[4] + d[6]) + 7 * (d[1] + d[3] + d[5] + d[7])) % 10 == d[8]


def validate_taj(value: str):
    if not value:
        return
    if len(value) != 9 or not value.isdigit():
        raise ValidationError("A TAJ szám 9 számjegyből áll.", code="taj_hossz")
    if not taj_ervenyes(value):
        raise ValidationError("A TAJ szám ellenőrző számjegye hibás.", code="taj_ellenorzo")


def taj_formazott(taj: str) -> str:
    """'123456789' -> '123 456 789'."""
    if len(taj or "") != 9:
        return taj or ""
    return f"{taj[0:3]} {taj[3:6]} {taj[6:9]}"


def taj_ellenorzo_szamjegy(elso_nyolc: str) -> int:
    d = [int(c) for c in elso_nyolc]
    return (3 * (d[0] + d[2] + d[4] + d[6]) + 7 * (d[1] + d[3] + d[5] + d[7])) % 10


def adoazonosito_ervenyes(value: str) -> bool:
    """Tax ID: 10 digits, starts with 8, digits 2-6 days since 1867-01-01, weighted check digit mod 11."""
    if len(value) != 10 or not value.isdigit() or value[0] != "8":
        return False
    d = [int(c) for c in value]
    check = sum((i + 1) * d[i] for i in range(9)) % 11
    return check != 10 and check == d[9]


def adoazonosito_szuletesi_datum(value: str) -> datetime.date:
    return datetime.date(1867, 1, 1) + datetime.timedelta(days=int(value[1:6]))
