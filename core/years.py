"""The years Samordna accepts, in one place: model and form fields, file columns, commands
and the `<year:…>` URL converter all use these bounds.

FINSAM (lagen om finansiell samordning) came into force in 2004, so no förbund has a year
before it. A verksamhetsplan adopted in the autumn covers the next year and the two after it,
so budgets reach three years ahead; nothing later is needed.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext as _

FIRST_YEAR = 2004
YEARS_AHEAD = 3
# Participants are people of working age: an older birth year is a typing error.
EARLIEST_BIRTH_YEAR = 1900


def last_year() -> int:
    """The last accepted year: this year plus YEARS_AHEAD (a callable, so it moves on)."""
    return timezone.localdate().year + YEARS_AHEAD


def is_valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= last_year()


def year_range_text() -> str:
    return f"{FIRST_YEAR}–{last_year()}"


# For model and form fields. `last_year` is passed uncalled so the bound follows the clock.
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(last_year)]


def parse_year(value: Any) -> int | None:
    """A year column of an imported file (core.tabular parser)."""
    from core.tabular import ValueProblem, parse_int

    year = parse_int()(value)
    if year is not None and not is_valid_year(year):
        raise ValueProblem(
            _("Året ska vara mellan %(first)s och %(last)s.")
            % {"first": FIRST_YEAR, "last": last_year()}
        )
    return year


class YearConverter:
    """`<year:year>` in a URL: four digits within the accepted range, else no match (404)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not is_valid_year(year):
            raise ValueError(value)
        return year

    def to_url(self, value: int | str) -> str:
        return str(value)
