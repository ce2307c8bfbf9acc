"""Writing tables as Swedish Excel opens them: CSV (UTF-8 with BOM, `;`) and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import IO, Any

from .errors import CellError


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
