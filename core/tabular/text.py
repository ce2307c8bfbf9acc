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
    """A cell as the text the user typed: trimmed; whole numbers without `.0`; the quote our
    exports put before formula-like text taken away again (`'=x` → `=x`, unquote_formula_text).
    """
    if type(value) is str:
        text = value.strip()
        # unquote_formula_text, inline: this runs for every cell of every import.
        return text[1:] if text[:1] == "'" and text.lstrip("'")[:1] in FORMULA_START else text
    if value is None:
        return ""
    if isinstance(value, str):
        return unquote_formula_text(value.strip())
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


# --- Control characters and formulas: what text may come in and how text goes out -----------
#
# The one rule for "is this text acceptable" (imports, web forms) and for "how is text
# written to a spreadsheet" (core.tabular.writing): docs/format/tabellfiler.md.

# C0 controls, DEL, C1 controls and lone surrogates. Tab, line feed and carriage return are
# allowed where text may span lines (MULTI_LINE); a single-line value refuses them too.
_CONTROL_MULTI_LINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

_CHARACTER_NAMES = {
    "\x00": "nolltecken",
    "\t": "tabb",
    "\n": "radbrytning",
    "\r": "vagnretur",
    "\x0b": "vertikal tabb",
    "\x0c": "sidbrytning",
    "\x7f": "DEL",
}


def describe_character(char: str) -> str:
    """A character as a Swedish user can be told about it: `U+0001 (kontrolltecken)`."""
    name = _CHARACTER_NAMES.get(char, "kontrolltecken")
    return f"U+{ord(char):04X} ({name})"


def control_character_problem(text: str, multiline: bool = False) -> str | None:
    """Why `text` may not be stored (a Swedish reason naming the character and its place), or
    None when it is acceptable.

    Refused: C0 control characters (NUL included), DEL, C1 control characters and lone
    surrogates; tab, line feed and carriage return only when the text is single-line.
    """
    if text.isprintable():  # the fast path: almost every value
        return None
    match = (_CONTROL_MULTI_LINE if multiline else _CONTROL_SINGLE_LINE).search(text)
    if match is None:
        return None
    from django.utils.translation import gettext as _

    return _("Texten innehåller ett otillåtet tecken, %(char)s, på plats %(position)s.") % {
        "char": describe_character(match.group()),
        "position": match.start() + 1,
    }


def remove_control_characters(text: str) -> str:
    """The text without the characters control_character_problem refuses in multi-line text
    (tab, line feed and carriage return are kept)."""
    if text.isprintable():
        return text
    return _CONTROL_MULTI_LINE.sub("", text)


def visible(text: str) -> str:
    """The text with control characters shown as `<U+0001>`, for error messages (never print
    a control character to a terminal or a page)."""
    if text.isprintable():
        return text
    return _CONTROL_SINGLE_LINE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


# OWASP's CSV injection rule: a cell starting with one of these is read as a formula by Excel,
# LibreOffice or Google Sheets (also the full-width forms some of them accept).
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
QUOTE_PREFIX = "'"


def spreadsheet_text(text: str) -> str:
    """Text as every CSV and XLSX cell the system writes holds it: control characters removed,
    and a single quote before a value that would start a formula (`=HYPERLINK(…)` →
    `'=HYPERLINK(…)`). Only for text: numbers are written as numbers.

    Text already starting with quotes before a formula sign gets one more (`'=x` → `''=x`),
    so unquote_formula_text gives back exactly the text written.
    """
    if not text.isprintable():
        text = remove_control_characters(text)
    if text[:1] in FORMULA_START or (
        text[:1] == QUOTE_PREFIX and text.lstrip(QUOTE_PREFIX)[:1] in FORMULA_START
    ):
        return QUOTE_PREFIX + text
    return text


def unquote_formula_text(text: str) -> str:
    """The reverse of spreadsheet_text's quote on reading: `'=x` → `=x` (`''=x` → `'=x`), so an
    exported file imports again unchanged. Other text is returned as it is."""
    if text[:1] == QUOTE_PREFIX and text.lstrip(QUOTE_PREFIX)[:1] in FORMULA_START:
        return text[1:]
    return text


def validate_form_text(value: str) -> None:
    """The web forms' check (every form CharField, installed in core.apps): text with a
    control character is refused with the Swedish reason; tab and line breaks are allowed
    (a text area spans lines). Single-line codes check themselves with multiline=False."""
    problem = control_character_problem(str(value), multiline=True)
    if problem is not None:
        from django.core.exceptions import ValidationError

        raise ValidationError(problem, code="control_character")
