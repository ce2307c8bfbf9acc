"""What an import expects of its columns, and the parsers turning cells into values."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from .errors import CellError, ValueProblem
from .reading import Row, Table
from .text import cell_text, control_character_problem, normalise_code, normalise_header, visible

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# --- Column specifications and validation ---------------------------------------------------

Parser = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    """What an import expects of one column: its canonical name, whether it must exist (and
    have a value), and the parser turning a cell into a value or raising ValueProblem."""

    name: str
    required: bool = False
    parse: Parser = cell_text
    aliases: tuple[str, ...] = ()
    # May a required column have empty cells (e.g. `kon`, where empty = ej angivet)?
    allow_empty: bool = False
    # May its text span lines (tab, line feed, carriage return)? Other control characters are
    # refused in every column (core.tabular.text.control_character_problem).
    multiline: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return (normalise_header(self.name), *(normalise_header(a) for a in self.aliases))


@dataclass
class HeaderCheck:
    """Which file key each column is read from, and what is wrong with the header row."""

    sources: dict[str, str]  # column name -> key in Row.cells
    errors: list[CellError]
    warnings: list[CellError]


def check_headers(table: Table, columns: Iterable[Column]) -> HeaderCheck:
    """Missing required columns and duplicate columns are errors; unknown ones warnings."""
    columns = list(columns)
    errors: list[CellError] = []
    warnings: list[CellError] = []
    seen: dict[str, int] = {}
    for index, key in enumerate(table.keys):
        if not key:
            continue
        if key in seen:
            errors.append(
                CellError(1, visible(table.headers[index]), "", _("Kolumnen finns mer än en gång."))
            )
        seen.setdefault(key, index)
    sources: dict[str, str] = {}
    known: set[str] = set()
    for column in columns:
        known.update(column.keys)
        found = next((key for key in column.keys if key in seen), None)
        if found is not None:
            sources[column.name] = found
        elif column.required:
            errors.append(CellError(1, column.name, "", _("Obligatorisk kolumn saknas.")))
    for index, key in enumerate(table.keys):
        if key and key not in known:
            warnings.append(
                CellError(
                    1, visible(table.headers[index]), "", _("Okänd kolumn; den läses inte in.")
                )
            )
    return HeaderCheck(sources, errors, warnings)


class RowParser:
    """Parses rows of one table against column specifications (built once, used per row)."""

    def __init__(self, columns: Iterable[Column], sources: dict[str, str]):
        self.plan = [
            (
                column.name,
                sources.get(column.name),
                column.required and not column.allow_empty,
                column.parse,
                column.multiline,
            )
            for column in columns
        ]

    def __call__(self, row: Row, errors: list[CellError]) -> dict[str, Any]:
        """The parsed values of a row; problems are appended to `errors` with the row number."""
        values: dict[str, Any] = {}
        get = row.cells.get
        for name, key, must_have_value, parse, multiline in self.plan:
            raw = get(key) if key is not None else None
            if must_have_value and (raw is None or (type(raw) is str and not raw.strip())):
                errors.append(CellError(row.number, name, "", _("Värde saknas.")))
                values[name] = None
                continue
            if type(raw) is str and not raw.isprintable():
                # Control characters are refused in every column, before any parser sees them.
                problem = control_character_problem(cell_text(raw), multiline)
                if problem is not None:
                    errors.append(CellError(row.number, name, visible(cell_text(raw)), problem))
                    values[name] = None
                    continue
            try:
                values[name] = parse(raw)
            except ValueProblem as problem:
                errors.append(CellError(row.number, name, visible(cell_text(raw)), problem.reason))
                values[name] = None
        return values


def parse_row(
    row: Row, columns: Iterable[Column], sources: dict[str, str], errors: list[CellError]
) -> dict[str, Any]:
    """Parse the cells of one row (see RowParser, faster for many rows)."""
    return RowParser(columns, sources)(row, errors)


# --- Parsers (raise ValueProblem with a Swedish reason) -------------------------------------


def memoized(parse: Parser, limit: int = 10_000) -> Parser:
    """The parser, remembering its result for each text it has seen: for columns with few
    distinct values (codes, years, municipalities), where a 100 000-row file repeats them.
    Problems are not remembered (they raise again)."""
    known: dict[str, Any] = {}

    def parse_remembered(raw: Any) -> Any:
        if type(raw) is not str:
            return parse(raw)
        try:
            return known[raw]
        except KeyError:
            value = parse(raw)
            if len(known) < limit:
                known[raw] = value
            return value

    return parse_remembered


def parse_text(max_length: int) -> Parser:
    def parse(value: Any) -> str:
        text = cell_text(value)
        if len(text) > max_length:
            raise ValueProblem(
                _("Värdet är för långt (högst %(max)s tecken).") % {"max": max_length}
            )
        return text

    return parse


def parse_date(value: Any) -> date | None:
    """`YYYY-MM-DD` text or an Excel date cell; empty → None."""
    if type(value) is str:
        return _parse_date_text(value)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parse_date_text(cell_text(value))


@lru_cache(maxsize=65536)
def _parse_date_text(text: str) -> date | None:
    # Cached: a file of 100 000 rows has a few thousand distinct dates.
    text = text.strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match is None:
        raise ValueProblem(_("Inte ett datum; skriv ÅÅÅÅ-MM-DD, till exempel 2024-03-15."))
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueProblem(_("Datumet finns inte i kalendern.")) from None


def parse_int(minimum: int | None = None, maximum: int | None = None) -> Parser:
    def parse(value: Any) -> int | None:
        text = cell_text(value).replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if not re.fullmatch(r"-?\d+", text):
            raise ValueProblem(_("Inte ett heltal."))
        number = int(text)
        if minimum is not None and number < minimum:
            raise ValueProblem(_("Talet är för litet (minst %(min)s).") % {"min": minimum})
        if maximum is not None and number > maximum:
            raise ValueProblem(_("Talet är för stort (högst %(max)s).") % {"max": maximum})
        return number

    return parse


def parse_decimal(value: Any) -> Decimal | None:
    """A number with `,` or `.` as decimal sign and spaces as thousands separators."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    text = cell_text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueProblem(_("Inte ett tal.")) from None


def parse_code(
    choices: Iterable[tuple[str, Any]],
    aliases: dict[str, str] | None = None,
    empty: str = "",
    spelling: dict[str, str] | None = None,
) -> Parser:
    """A code value matched by normalise_code against the stored codes (and aliases).

    `choices` are Django choices (stored value, label); the stored values must already be in
    normalised form (`fortsatt_rehabilitering`). `empty` is what an empty cell means;
    `spelling` (stored value → text) is how allowed values are written in error messages.
    """
    choices = list(choices)
    lookup = {normalise_code(value): value for value, _label in choices}
    for alias, value in (aliases or {}).items():
        lookup[normalise_code(alias)] = value
    spelling = spelling or {}
    allowed = ", ".join(
        spelling.get(value, str(value).replace("_", " ")) for value, _label in choices
    )

    def parse(raw: Any) -> str:
        key = normalise_code(raw)
        if not key:
            return empty
        try:
            return lookup[key]
        except KeyError:
            raise ValueProblem(
                _("Okänt värde. Tillåtna värden: %(allowed)s.") % {"allowed": allowed}
            ) from None

    # Files repeat the same few spellings.
    return memoized(parse)
