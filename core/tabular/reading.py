"""read_table: a CSV or XLSX file as a Table of rows with their Excel row numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .errors import CellError, TabularError
from .text import cell_text, normalise_header
from .xlsx import Formulas, first_sheet

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
        sheet = first_sheet(data)
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
        formula_problems(sheet.formulas, table)
        return table
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
