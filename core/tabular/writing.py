"""Writing tables as Swedish Excel opens them: CSV (UTF-8 with BOM, `;`) and XLSX.

The one writer of every export (see exporters.py): an export is one or more `Sheet`s; XLSX
gets them all, CSV the first.

Every text cell (headers included) goes through `spreadsheet_text` (core.tabular.text): control
characters are removed (they would make openpyxl refuse the whole file) and text starting a
formula (`=`, `+`, `-`, `@`, tab, carriage return, full-width `＝＋－＠`) gets a single quote
before it (OWASP's rule against CSV injection). In XLSX, text is always a text cell, never a
formula or an error value. Numbers, dates and amounts stay numbers (-1500 stays a number).
docs/format/tabellfiler.md says this for users.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from .errors import CellError
from .text import spreadsheet_text


@dataclass
class Sheet:
    """One table of an export: a sheet of the workbook, or the whole CSV file.

    `headers` empty means no header row (a sheet of notes). `widths` are XLSX column widths
    from column A; `integer_format` is the XLSX number format of whole numbers (e.g. `#,##0`
    for kronor); `freeze_header` keeps the header row in view while scrolling.
    """

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] = ()
    integer_format: str = ""
    freeze_header: bool = False


class Emphasised(tuple):
    """A row shown in bold in XLSX (a sum row); written like any row to CSV."""

    __slots__ = ()


def csv_cell(value: Any) -> str:
    if type(value) is str:
        return spreadsheet_text(value)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Decimal comma, as Swedish Excel reads it (and as our readers accept it).
        return format(value, "f").replace(".", ",")
    if isinstance(value, int | float):  # bool is an int
        return str(value)
    return spreadsheet_text(str(value))


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], out: IO[bytes]) -> None:
    """UTF-8 with BOM and `;`: what Swedish Excel opens correctly by double-click."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(header) for header in headers])
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
    write_workbook([Sheet(sheet_title, headers, rows)], out)


def write_workbook(sheets: Iterable[Sheet], out: IO[bytes]) -> None:
    """Each sheet in turn: a bold header row, then the rows; dates shown as ÅÅÅÅ-MM-DD.

    Write-only mode, so a 100 000-row export is streamed rather than held as cells.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.freeze_header:
            sheet.freeze_panes = "A2"
        if spec.headers:
            sheet.append(_cells(sheet, spec.headers, bold=True))
        integer_format = spec.integer_format
        for row in spec.rows:
            if isinstance(row, Emphasised) or integer_format:
                sheet.append(
                    _cells(sheet, row, bold=isinstance(row, Emphasised), integers=integer_format)
                )
            else:
                sheet.append([_xlsx_value(sheet, value) for value in row])
    workbook.save(out)


def _cells(sheet, values: Sequence[Any], bold: bool = False, integers: str = "") -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for value in values:
        if isinstance(value, str):
            cell = _text_cell(sheet, value)
        else:
            cell = WriteOnlyCell(sheet, value=value)
        if bold:
            cell.font = Font(bold=True)
        if isinstance(value, date) and not isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd"
        elif integers and type(value) is int:
            cell.number_format = integers
        cells.append(cell)
    return cells


def _xlsx_value(sheet, value: Any) -> Any:
    if isinstance(value, str):
        text = spreadsheet_text(value)
        # openpyxl makes text starting with "=" a formula (never so after spreadsheet_text)
        # and "#N/A" and the like an error value: those few get an explicit text cell.
        return _text_cell(sheet, text) if text in _ERROR_CODES else text
    if isinstance(value, date) and not isinstance(value, datetime):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def _text_cell(sheet, value: str):
    """A cell that is text whatever the text looks like (data type "s", never a formula)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=spreadsheet_text(value))
    cell.data_type = "s"
    return cell


def iter_errors_as_rows(errors: Iterable[CellError]) -> Iterator[tuple[Any, str, str, str]]:
    """Errors as rows (rad, kolumn, värde, orsak), e.g. for an error file or table."""
    for error in errors:
        yield (error.row, error.column, error.value, error.reason)
