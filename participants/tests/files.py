"""Participant files for tests, written as Excel and other tools write them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook

HEADER = [
    "deltagar_id",
    "insats",
    "kon",
    "fodelsear",
    "utbildning",
    "inremitterande_part",
    "kommun",
    "startdatum",
    "slutdatum",
    "avslutsorsak",
    "egen_forsorjning_12_man",
]


def row(**values: Any) -> dict[str, Any]:
    """A valid row of insats A1; override any column."""
    base = {
        "deltagar_id": "ALFA-001",
        "insats": "A1",
        "kon": "kvinna",
        "fodelsear": "1988",
        "utbildning": "gymnasium",
        "inremitterande_part": "försäkringskassan",
        "kommun": "Täby",
        "startdatum": "2023-02-01",
        "slutdatum": "2023-10-31",
        "avslutsorsak": "arbete",
        "egen_forsorjning_12_man": "",
    }
    base.update(values)
    return base


def csv_bytes(
    rows: Sequence[dict[str, Any]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        if delimiter in text or '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(header)]
    for values in rows:
        lines.append(delimiter.join(cell(values.get(name, "")) for name in header))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(
    rows: Sequence[dict[str, Any]],
    *,
    header: Sequence[str] = HEADER,
    date_cells: bool = True,
    blank_rows_before: dict[int, int] | None = None,
) -> bytes:
    """The first sheet with the header in row 1. With date_cells, ISO dates become real Excel
    date cells (as when someone types a date in Excel); years become numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Deltagare"
    sheet.append(list(header))
    for index, values in enumerate(rows):
        for _ in range((blank_rows_before or {}).get(index, 0)):
            sheet.append([])
        cells = []
        for name in header:
            value = values.get(name, "")
            if date_cells and name in ("startdatum", "slutdatum") and _is_iso(value):
                value = datetime.fromisoformat(value)
            elif name == "fodelsear" and str(value).isdigit():
                value = int(value)
            cells.append(None if value == "" else value)
        sheet.append(cells)
        if date_cells:
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, datetime | date):
                    cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _is_iso(value: Any) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True
