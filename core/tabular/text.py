"""How headers, code values and cells are compared: case, å/ä/ö, separators, numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

# Letters folded when comparing headers and code values (å/ä → a, ö → o, é → e …).
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a"})
_SEPARATORS = re.compile(r"[\s\-_]+")


def fold(text: str) -> str:
    """Lower case, trimmed, å/ä/ö folded to a/a/o."""
    return unicodedata.normalize("NFC", text).strip().lower().translate(_FOLD)


def normalise_header(text: Any) -> str:
    """The key a header is matched on: `Födelseår ` → `fodelsear`, `Inremitterande part` →
    `inremitterande_part`."""
    return _SEPARATORS.sub("_", fold(cell_text(text))).strip("_")


def normalise_code(text: Any) -> str:
    """The key a code value is matched on: `Fortsatt-Rehabilitering` → `fortsatt_rehabilitering`,
    `Ej nådd` → `ej_nadd`, `Försäkringskassan` → `forsakringskassan`."""
    return _SEPARATORS.sub("_", fold(cell_text(text))).strip("_")


def cell_text(value: Any) -> str:
    """A cell as the text the user typed: trimmed; whole numbers without `.0`."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
