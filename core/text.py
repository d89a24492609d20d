"""Text folding for search and matching: accents and case do not matter ("Kovács" = "KOVACS")."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(value: str | None) -> str:
    """Lower-case, accent-free, single-spaced form of ``value``."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def clean_spaces(value: str | None) -> str:
    """Trimmed, with inner runs of white space folded to one space."""
    if not value:
        return ""
    return _SPACES.sub(" ", str(value)).strip()
