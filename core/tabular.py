"""Reading and writing the tabular files offices keep in Excel (CSV and XLSX).

One reader for every import (participants, insatser, budgets):

    table = read_table(uploaded_file, "deltagare.xlsx")
    columns = {"startdatum": Column("startdatum", required=True, parse=parse_date)}
    headers = check_headers(table, columns.values())  # missing/unknown/duplicate columns
    parse = RowParser(columns.values(), headers.sources)
    for row in table.rows:
        values = parse(row, errors)                       # {"startdatum": date(...)}

Reading rules (deltagarimport.md, shared by all imports):
- XLSX: the first sheet, header in row 1, date cells become dates.
- CSV: UTF-8 with or without BOM, else Windows-1252; delimiter `;` or `,` detected from the
  header line; header in line 1.
- Header names match case-insensitively, ignoring surrounding spaces and å/ä/ö vs a/a/o.
- Every row keeps the number the user sees in Excel (header = row 1), so errors can point to it.
- Errors are Swedish and name row, column, value and reason (`CellError`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

# Letters folded when comparing headers and code values (å/ä → a, ö → o, é → e …).
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a"})
_SEPARATORS = re.compile(r"[\s\-_]+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

CSV_EXTENSIONS = (".csv", ".txt")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")


# --- Errors ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    """One problem in a file: where it is (Excel row, column), what was there, and why."""

    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("rad %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("kolumn %(column)s") % {"column": self.column})
        if self.value:
            where.append(_("värde ”%(value)s”") % {"value": self.value})
        prefix = ", ".join(where)
        prefix = prefix[:1].upper() + prefix[1:]
        return f"{prefix}: {self.reason}" if prefix else self.reason


class TabularError(Exception):
    """The file cannot be read as a table at all (wrong format, no header…)."""

    def __init__(self, errors: Sequence[CellError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


class ValueProblem(ValueError):
    """Raised by a parser: the Swedish reason why a cell value is not acceptable."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


# --- Normalisation --------------------------------------------------------------------------


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


# --- Reading --------------------------------------------------------------------------------


@dataclass
class Row:
    """A data row: its Excel row number and its cells keyed by normalised header."""

    number: int
    cells: dict[str, Any]

    def get(self, key: str) -> Any:
        return self.cells.get(key)

    def text(self, key: str) -> str:
        return cell_text(self.cells.get(key))


@dataclass
class Table:
    headers: list[str]  # as written in the file
    keys: list[str]  # normalised, same order
    rows: list[Row] = field(default_factory=list)
    format: str = "csv"  # "csv" or "xlsx"
    encoding: str = ""  # for CSV: "utf-8" or "cp1252"
    delimiter: str = ""  # for CSV: ";" or ","

    def header_for(self, key: str) -> str:
        """The header text the user wrote for a key (for error messages)."""
        try:
            return self.headers[self.keys.index(key)]
        except ValueError:
            return key


FileLike = str | Path | bytes | IO[bytes]


def read_table(file: FileLike, filename: str | None = None) -> Table:
    """Read the first sheet of an XLSX file or a CSV file into a Table.

    `file` is a path, bytes or a binary file object (e.g. a Django UploadedFile); `filename`
    decides the format by its extension (defaults to the path's name). Fully empty rows are
    skipped but still counted, so row numbers stay those of Excel. Raises TabularError.
    """
    data = _read_bytes(file)
    name = (filename or (str(file) if isinstance(file, str | Path) else "")).lower()
    if name.endswith(XLSX_EXTENSIONS) or (not name.endswith(CSV_EXTENSIONS) and _is_zip(data)):
        return _read_xlsx(data)
    if name.endswith(".xls") or name.endswith(".ods"):
        raise TabularError(
            [
                CellError(
                    None, "", "", _("Filformatet stöds inte. Spara filen som .xlsx eller .csv.")
                )
            ]
        )
    return _read_csv(data)


def _read_bytes(file: FileLike) -> bytes:
    if isinstance(file, bytes):
        return file
    if isinstance(file, str | Path):
        return Path(file).read_bytes()
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (BOM or not) when it decodes, else Windows-1252 (what Excel writes as 'CSV')."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(header_line: str) -> str:
    """`;` (Swedish Excel) or `,`: whichever occurs more often in the header line."""
    return "," if header_line.count(",") > header_line.count(";") else ";"


def _read_csv(data: bytes) -> Table:
    text, encoding = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = detect_delimiter(first_line)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(records, None)
    table = _start_table(header, "csv")
    table.encoding, table.delimiter = encoding, delimiter
    keys = table.keys
    width = len(keys)
    append = table.rows.append
    # Each CSV record is one row in Excel; blank records are counted but not returned.
    for number, record in enumerate(records, start=2):
        if not "".join(record).strip():
            continue
        if len(record) < width:
            record = [*record, *([""] * (width - len(record)))]
        append(Row(number, dict(zip(keys, record, strict=False))))
    return table


def _read_xlsx(data: bytes) -> Table:
    try:
        sheet = _first_sheet(data)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise TabularError(
            [CellError(None, "", "", _("Filen kan inte läsas som en Excel-fil (.xlsx)."))]
        ) from error
    if sheet is None:
        raise TabularError([CellError(None, "", "", _("Excel-filen har inga blad."))])
    try:
        rows = sheet.rows()
        first = next(rows, None)
        header = first[1] if first is not None and first[0] == 1 else None
        table = _start_table(header, "xlsx")
        keys = table.keys
        width = len(keys)
        append = table.rows.append
        for number, values in rows:
            values = values[:width]
            if not any(value is not None and cell_text(value) != "" for value in values):
                continue
            values.extend([None] * (width - len(values)))
            append(Row(number, dict(zip(keys, values, strict=True))))
        return table
    finally:
        sheet.archive.close()


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN = (
    f"{_MAIN_NS}{tag}" for tag in ("row", "c", "v", "is", "t", "r")
)
_COLUMN_OF_LETTERS: dict[str, int] = {}


def _column_index(reference: str) -> int:
    letters = reference.rstrip("0123456789")
    try:
        return _COLUMN_OF_LETTERS[letters]
    except KeyError:
        index = 0
        for letter in letters:
            index = index * 26 + ord(letter.upper()) - 64
        _COLUMN_OF_LETTERS[letters] = index
        return index


@dataclass
class XlsxSheet:
    """The first worksheet of a workbook and what is needed to read its values.

    openpyxl reads the workbook parts (which sheet is first, shared strings, which styles are
    dates, the 1900/1904 epoch); the cells are read by `rows()` in one lxml pass, about ten
    times faster than openpyxl's read-only cells (which also parse a sheet without a
    <dimension> twice). Values are those openpyxl gives with data_only=True: the tests
    compare the two.
    """

    archive: zipfile.ZipFile
    path: str
    shared_strings: Sequence[str]
    date_styles: set[int]
    duration_styles: set[int]
    epoch: datetime

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(Excel row number, values from column A on) for each row the sheet stores."""
        from lxml import etree
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        shared, dates, durations, epoch = (
            self.shared_strings,
            self.date_styles,
            self.duration_styles,
            self.epoch,
        )
        with self.archive.open(self.path) as source:
            number = 0
            parser = etree.iterparse(
                source, events=("end",), tag=_ROW, resolve_entities=False, no_network=True
            )
            for _event, row in parser:
                reference = row.get("r")
                number = int(reference) if reference else number + 1
                values: list[Any] = []
                column = 0
                # One loop for every cell of the file: kept flat on purpose (speed).
                for cell in row.iterchildren(_CELL):
                    reference = cell.get("r")
                    column = _column_index(reference) if reference else column + 1
                    kind = cell.get("t", "n")
                    if kind == "inlineStr":
                        value = _inline_text(cell)
                    else:
                        value = cell.findtext(_VALUE) or None
                        if value is None:
                            continue
                        if kind == "n":
                            value = (
                                float(value)
                                if "." in value or "E" in value or "e" in value
                                else int(value)
                            )
                            style = cell.get("s")
                            if style and int(style) in dates:
                                try:
                                    value = from_excel(
                                        value, epoch, timedelta=int(style) in durations
                                    )
                                except (OverflowError, ValueError):
                                    value = "#VALUE!"
                        elif kind == "s":
                            value = shared[int(value)]
                        elif kind == "b":
                            value = bool(int(value))
                        elif kind == "d":
                            value = from_ISO8601(value)
                        # "str" (a formula's text result) and "e" (#N/A…) stay text.
                    if value is not None:
                        if len(values) < column:
                            values.extend([None] * (column - len(values)))
                        values[column - 1] = value
                row.clear()
                while row.getprevious() is not None:  # free the rows already read
                    del row.getparent()[0]
                yield number, values


def _inline_text(cell) -> str | None:
    inline = cell.find(_INLINE)
    if inline is None:
        return None
    text = inline.find(_TEXT)
    if text is not None:
        return text.text or ""
    return "".join(run.findtext(_TEXT) or "" for run in inline.iterchildren(_RUN))


def _first_sheet(data: bytes) -> XlsxSheet | None:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    for _sheet, relation in reader.parser.find_sheets():
        if relation.target in reader.valid_files and "chartsheet" not in relation.Type:
            workbook = reader.wb
            return XlsxSheet(
                archive=reader.archive,
                path=relation.target,
                shared_strings=reader.shared_strings,
                date_styles=workbook._date_formats,
                duration_styles=workbook._timedelta_formats,
                epoch=workbook.epoch,
            )
    reader.archive.close()
    return None


def _start_table(header: list[Any] | None, file_format: str) -> Table:
    if header is None or not any(cell_text(value) for value in header):
        raise TabularError(
            [CellError(1, "", "", _("Rubrikraden saknas: första raden ska ha kolumnnamnen."))]
        )
    # Trailing empty header cells (common in Excel) are not columns.
    texts = [cell_text(value) for value in header]
    while texts and not texts[-1]:
        texts.pop()
    return Table(headers=texts, keys=[normalise_header(t) for t in texts], format=file_format)


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
                CellError(1, table.headers[index], "", _("Kolumnen finns mer än en gång."))
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
                CellError(1, table.headers[index], "", _("Okänd kolumn; den läses inte in."))
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
            )
            for column in columns
        ]

    def __call__(self, row: Row, errors: list[CellError]) -> dict[str, Any]:
        """The parsed values of a row; problems are appended to `errors` with the row number."""
        values: dict[str, Any] = {}
        get = row.cells.get
        for name, key, must_have_value, parse in self.plan:
            raw = get(key) if key is not None else None
            if must_have_value and (raw is None or (type(raw) is str and not raw.strip())):
                errors.append(CellError(row.number, name, "", _("Värde saknas.")))
                values[name] = None
                continue
            try:
                values[name] = parse(raw)
            except ValueProblem as problem:
                errors.append(CellError(row.number, name, cell_text(raw), problem.reason))
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


# --- Writing --------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], out: IO[bytes]) -> None:
    """UTF-8 with BOM and `;`: what Swedish Excel opens correctly by double-click."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    text.flush()
    text.detach()


def write_xlsx(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    out: IO[bytes],
    sheet_title: str = "Blad1",
) -> None:
    """One sheet, header in row 1, dates as Excel date cells shown as ÅÅÅÅ-MM-DD."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_value(sheet, value) for value in row])
    workbook.save(out)


def _xlsx_value(sheet, value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def iter_errors_as_rows(errors: Iterable[CellError]) -> Iterator[tuple[Any, str, str, str]]:
    """Errors as rows (rad, kolumn, värde, orsak), e.g. for an error file or table."""
    for error in errors:
        yield (error.row, error.column, error.value, error.reason)
