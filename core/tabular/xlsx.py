"""The first sheet of an XLSX workbook, read fast."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
                        value: Any = _inline_text(cell)
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


def first_sheet(data: bytes) -> XlsxSheet | None:
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
