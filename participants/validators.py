"""Validators shared by the models, the forms and the participant import."""

import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.tabular.text import control_character_problem

# Centuries a 12-digit personnummer may start with (born 1800–2099).
_CENTURIES = ("18", "19", "20")
SAMORDNINGSNUMMER_DAY_OFFSET = 60


def personnummer_digits(value: str) -> str | None:
    """The digits of `value` when it is made of digits and separators only, else None.

    Separators are anything that is not a letter or a digit: spaces of every kind (also
    non-breaking), hyphens and dashes of every kind (-, –, —, the minus sign −), `_`, `.`,
    `/`, `+`, `:`. Full-width and other Unicode digits count as digits (NFKC, then each
    decimal digit's value).
    """
    text = unicodedata.normalize("NFKC", value).strip()
    digits = []
    for char in text:
        if char.isdecimal():
            digits.append(str(unicodedata.decimal(char)))
        elif char.isalnum():  # a letter (or another kind of number): not a personnummer
            return None
    return "".join(digits)


def _is_birth_date(year: int | None, yy: int, month: int, day: int) -> bool:
    """A calendar date (day as written, or day + 60 in a samordningsnummer). With only two
    digits of the year (`year` None), 19YY and 20YY are both tried (29 February)."""
    if day > SAMORDNINGSNUMMER_DAY_OFFSET:
        day -= SAMORDNINGSNUMMER_DAY_OFFSET
    for full_year in (year,) if year is not None else (1900 + yy, 2000 + yy):
        try:
            date(full_year, month, day)
        except ValueError:
            continue
        return True
    return False


def looks_like_personnummer(value: str) -> bool:
    """Whether `value` looks like a personnummer or samordningsnummer, in any spelling.

    The one check behind every way a deltagar-id comes in (the import, the web forms, the
    model). After taking away separators (personnummer_digits): 10 digits whose first six are
    a date ÅÅMMDD, or 12 digits whose first eight are a date ÅÅÅÅMMDD from 1800 to 2099; the
    day may be the day + 60 of a samordningsnummer. The check digit is not required to be
    right: a mistyped personnummer is personal data as well.
    """
    digits = personnummer_digits(value)
    if digits is None:
        return False
    if len(digits) == 10:
        yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        return _is_birth_date(None, yy, month, day)
    if len(digits) == 12 and digits[:2] in _CENTURIES:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
        return _is_birth_date(year, year % 100, month, day)
    return False


def participant_code_problem(value: str) -> str | None:
    """Why a deltagar-id is refused (Swedish), or None: a control character or line break, or
    something that looks like a personnummer or samordningsnummer."""
    problem = control_character_problem(value, multiline=False)
    if problem is not None:
        return problem
    if looks_like_personnummer(value):
        return str(
            _(
                "Ser ut som ett personnummer eller samordningsnummer. Deltagar-id får aldrig "
                "vara ett personnummer; använd förbundets egen pseudonyma kod."
            )
        )
    return None


def validate_not_personnummer(value: str) -> None:
    """Refuse a deltagar_id that looks like a personnummer (or holds a control character), so
    no one stores one by mistake."""
    problem = participant_code_problem(value)
    if problem is not None:
        raise ValidationError(problem, code="personnummer")


# Page addresses that an insats code would shadow (/insatser/ny/ is the new-insats page).
RESERVED_INSATS_CODES = frozenset({"ny"})


def validate_insats_code(value: str) -> None:
    """An insats code is part of page addresses (/insatser/FT/): no slash, no reserved word,
    no control character or line break."""
    problem = control_character_problem(value, multiline=False)
    if problem is not None:
        raise ValidationError(problem, code="control_character")
    if "/" in value:
        raise ValidationError(_("Insatsens kod får inte innehålla snedstreck (/)."), code="slash")
    if value.strip().lower() in RESERVED_INSATS_CODES:
        raise ValidationError(
            _("Koden ”%(code)s” är reserverad för sidan för nya insatser; välj en annan kod."),
            params={"code": value},
            code="reserved",
        )
