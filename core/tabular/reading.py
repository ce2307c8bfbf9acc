"""read_table: a CSV or XLSX file as a Table of rows with their Excel row numbers."""

from __future__ import annotations

import codecs
import csv
import lzma
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from core import limits

from .errors import CellError, TabularError
from .text import cell_text, normalise_header
from .xlsx import Formulas, XlsxRefused, column_letters, first_sheet

CSV_EXTENSIONS = (".csv", ".txt")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")


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
    warnings: list[CellError] = field(default_factory=list)  # e.g. formulas read as values

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
    skipped but still counted, so row numbers stay those of Excel. Raises TabularError, also
    for a file that breaks a limit of core.limits (size, rows, columns, cell length, and for
    XLSX the archive's limits) or holds a NUL character.
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


def _refuse(reason: str, row: int | None = None, column: str = "", value: str = "") -> TabularError:
    return TabularError([CellError(row, column, value, reason)])


def too_large_message(size: int, limit: int) -> str:
    return _("Filen är %(size)s; en fil får vara högst %(max)s.") % {
        "size": limits.megabytes(size),
        "max": limits.megabytes(limit),
    }


def _read_bytes(file: FileLike) -> bytes:
    """The file's bytes, refused without reading it all when it is over TABULAR_MAX_BYTES."""
    limit = limits.TABULAR_MAX_BYTES
    if isinstance(file, bytes):
        data = file
    elif isinstance(file, str | Path):
        path = Path(file)
        size = path.stat().st_size
        if size > limit:
            raise _refuse(too_large_message(size, limit))
        with path.open("rb") as source:
            data = source.read(limit + 1)
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        declared = getattr(file, "size", None)
        if isinstance(declared, int) and declared > limit:
            raise _refuse(too_large_message(declared, limit))
        read = file.read(limit + 1)
        data = read.encode("utf-8") if isinstance(read, str) else read
    if len(data) > limit:
        raise _refuse(too_large_message(len(data), limit))
    return data


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (BOM or not) when it decodes, else Windows-1252 (what Excel writes as 'CSV');
    UTF-16 and UTF-32 when the file starts with their byte order mark."""
    for bom, codec in _UNICODE_BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(header_line: str) -> str:
    """`;` (Swedish Excel) or `,`: whichever occurs more often in the header line."""
    return "," if header_line.count(",") > header_line.count(";") else ";"


def _read_csv(data: bytes) -> Table:
    text, encoding = decode_text(data)
    del data
    nul = text.find("\x00")
    if nul >= 0:
        raise _refuse(
            _(
                "Filen innehåller ett NUL-tecken (byte 0) på rad %(row)s; det är ingen textfil "
                "som Excel skriver. Spara filen som CSV (UTF-8) eller .xlsx igen."
            )
            % {"row": text.count("\n", 0, nul) + 1},
            text.count("\n", 0, nul) + 1,
        )
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = detect_delimiter(first_line[: limits.MAX_CELL_CHARS * limits.MAX_COLUMNS])
    records = csv.reader(_lines(text), delimiter=delimiter)
    number = 1
    try:
        header = next(records, None)
        if header is not None:
            _check_record(header, 1)
        table = _start_table(header, "csv")
        table.encoding, table.delimiter = encoding, delimiter
        keys = table.keys
        width = len(keys)
        append = table.rows.append
        max_rows = _max_rows(width)
        # Each CSV record is one row in Excel; blank records are counted but not returned.
        for number, record in enumerate(records, start=2):
            if not "".join(record).strip():
                continue
            _check_record(record, number)
            if len(record) < width:
                record = [*record, *([""] * (width - len(record)))]
            append(Row(number, dict(zip(keys, record, strict=False))))
            if len(table.rows) > max_rows:
                raise _refuse(_too_many_rows(width), number)
    except csv.Error as error:
        # Python's own field limit (128 KiB) is above MAX_CELL_CHARS: a longer field is
        # always refused, whichever of the two notices it.
        line = records.line_num or number
        if "field larger than field limit" in str(error):
            raise _refuse(_cell_too_long(), line) from error
        raise _refuse(_("Raden kan inte läsas som CSV; filen är skadad."), line) from error
    return table


# A line with its ending: \r\n, \r or \n (as io.StringIO(newline="") splits them).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of the text one by one, for csv.reader: no copy of the whole text (a
    StringIO of it takes four bytes a character)."""
    for match in _LINE.finditer(text):
        yield match.group()


def _check_record(record: list[str], number: int) -> None:
    """Refuse a CSV record with more columns than MAX_COLUMNS or a field over MAX_CELL_CHARS."""
    if len(record) > limits.MAX_COLUMNS and any(record[limits.MAX_COLUMNS :]):
        raise _refuse(
            _("Raden har %(count)s kolumner; högst %(max)s godtas.")
            % {"count": len(record), "max": limits.MAX_COLUMNS},
            number,
        )
    max_chars = limits.MAX_CELL_CHARS
    if record and max(map(len, record)) > max_chars:
        index = next(i for i, value in enumerate(record) if len(value) > max_chars)
        raise _refuse(_cell_too_long(), number, column_letters(index + 1))


def _max_rows(width: int) -> int:
    """Data rows a table of `width` columns may have: MAX_ROWS, fewer when MAX_CELLS is
    reached first."""
    return min(limits.MAX_ROWS, limits.MAX_CELLS // max(width, 1))


def _too_many_rows(width: int) -> str:
    rows = _max_rows(width)
    if rows < limits.MAX_ROWS:
        return _(
            "Filen har fler än %(max)s rader med %(columns)s kolumner (högst %(cells)s celler); "
            "dela upp den i flera filer eller ta bort kolumner som inte ska läsas in."
        ) % {
            "max": f"{rows:,}".replace(",", " "),
            "columns": width,
            "cells": f"{limits.MAX_CELLS:,}".replace(",", " "),
        }
    return _(
        "Filen har fler än %(max)s rader; dela upp den i flera filer och läs in dem en i taget."
    ) % {"max": f"{rows:,}".replace(",", " ")}


def _cell_too_long() -> str:
    return _("Cellen har mer än %(max)s tecken; så långa texter läses inte in.") % {
        "max": f"{limits.MAX_CELL_CHARS:,}".replace(",", " ")
    }


# What a damaged archive raises while it is unpacked (zlib/lzma: a corrupt stream).
_XLSX_BROKEN = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,  # zipfile: an unknown compression method
    RuntimeError,  # zipfile: an encrypted member
)


def _read_xlsx(data: bytes) -> Table:
    try:
        sheet = first_sheet(data)
    except XlsxRefused as refused:
        raise _refuse(refused.reason, refused.row, refused.column) from refused
    except (*_XLSX_BROKEN, ValueError, TypeError) as error:
        raise _refuse(_("Filen kan inte läsas som en Excel-fil (.xlsx).")) from error
    if sheet is None:
        raise _refuse(_("Excel-filen har inga blad."))
    try:
        rows = sheet.rows()
        first = next(rows, None)
        header = first[1] if first is not None and first[0] == 1 else None
        table = _start_table(header, "xlsx")
        keys = table.keys
        width = len(keys)
        sheet.max_column, sheet.header_read = width, True
        append = table.rows.append
        max_rows = _max_rows(width)
        for number, values in rows:
            values = values[:width]
            if not any(value is not None and cell_text(value) != "" for value in values):
                continue
            # No NUL check: XML cannot hold the character (not even as &#0;).
            values.extend([None] * (width - len(values)))
            append(Row(number, dict(zip(keys, values, strict=True))))
            if len(table.rows) > max_rows:
                raise _refuse(_too_many_rows(width), number)
        formula_problems(sheet.formulas, table)
        return table
    except XlsxRefused as refused:
        raise _refuse(refused.reason, refused.row, refused.column) from refused
    except _XLSX_BROKEN as error:
        raise _refuse(_("Excel-filen är skadad och kan inte läsas till slut.")) from error
    finally:
        sheet.archive.close()


def formula_problems(formulas: Formulas, table: Table) -> None:
    """Formulas are read as the values Excel last computed, with a warning; a formula without
    a computed value (a file written by a program that does not compute) is refused."""
    if not formulas.count:
        return

    def column_name(column: int) -> str:
        from openpyxl.utils import get_column_letter

        header = table.headers[column - 1] if column <= len(table.headers) else ""
        return header or get_column_letter(column)

    if formulas.without_value:
        raise TabularError(
            [
                CellError(
                    row,
                    column_name(column),
                    "",
                    _(
                        "Cellen innehåller en formel utan beräknat värde. Öppna filen i Excel "
                        "eller LibreOffice och spara den igen, eller skriv in värdet i stället "
                        "för formeln."
                    ),
                )
                for row, column in formulas.without_value
            ]
        )
    row, column = formulas.first[0]
    table.warnings.append(
        CellError(
            row,
            column_name(column),
            "",
            _(
                "Filen innehåller %(count)s celler med formler (den första här). Formlerna "
                "lästes inte in, bara de värden Excel senast räknade fram; kontrollera att de "
                "stämmer."
            )
            % {"count": formulas.count},
        )
    )


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
