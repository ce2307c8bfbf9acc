"""The first sheet of an XLSX workbook, read fast."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN, _FORMULA = (
    f"{_MAIN_NS}{tag}" for tag in ("row", "c", "v", "is", "t", "r", "f")
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

    `first_sheet` reads the workbook parts (which sheet is first, shared strings, which styles
    are dates, the 1900/1904 epoch); the cells are read by `rows()` in one lxml pass, several
    times faster than openpyxl's public read-only API and lighter than python-calamine (see
    docs/benchmarks.md, "XLSX-läsning"). Values are those openpyxl gives with data_only=True:
    the tests compare the two.
    """

    archive: zipfile.ZipFile
    path: str
    shared_strings: Sequence[str]
    date_styles: set[int]
    duration_styles: set[int]
    epoch: datetime
    formulas: Formulas = field(default_factory=lambda: Formulas())

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
                        # A <v> alone is the usual cell; a formula has an <f> besides.
                        if (len(cell) > 1 or value is None) and cell.find(_FORMULA) is not None:
                            self.formulas.note(number, column, value is not None)
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


@dataclass
class Formulas:
    """The formula cells of a sheet (their cached values are read, as Excel last computed
    them): how many, and where the first few are, with and without a cached value."""

    count: int = 0
    first: list[tuple[int, int]] = field(default_factory=list)  # (row, column)
    without_value: list[tuple[int, int]] = field(default_factory=list)
    KEEP: ClassVar[int] = 5

    def note(self, row: int, column: int, has_value: bool) -> None:
        self.count += 1
        if len(self.first) < self.KEEP:
            self.first.append((row, column))
        if not has_value and len(self.without_value) < self.KEEP:
            self.without_value.append((row, column))


def _inline_text(cell) -> str | None:
    inline = cell.find(_INLINE)
    if inline is None:
        return None
    text = inline.find(_TEXT)
    if text is not None:
        return text.text or ""
    return "".join(run.findtext(_TEXT) or "" for run in inline.iterchildren(_RUN))


def first_sheet(data: bytes) -> XlsxSheet | None:
    """The workbook's first worksheet (chart sheets skipped), or None when it has none.

    The workbook parts are read here with lxml (never resolving entities or fetching
    anything); openpyxl is used only for its public date helpers.
    """
    from lxml import etree
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    archive = zipfile.ZipFile(io.BytesIO(data))
    try:
        names = set(archive.namelist())
        package = dict(_relations(archive, "", names).values())
        workbook_path = package.get("officeDocument")
        if workbook_path is None:
            raise KeyError("no workbook part")
        workbook = _parse(archive, workbook_path)
        relations = _relations(archive, workbook_path, names)
        properties = workbook.find(f"{_MAIN_NS}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        parts = dict(relations.values())
        sheet_path = None
        for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
            kind, target = relations.get(sheet.get(f"{_REL_NS}id") or "", ("", ""))
            if target in names and kind == "worksheet":
                sheet_path = target
                break
        if sheet_path is None:
            archive.close()
            return None
        date_styles, duration_styles = _date_styles(archive, parts.get("styles"))
        return XlsxSheet(
            archive=archive,
            path=sheet_path,
            shared_strings=_shared_strings(archive, parts.get("sharedStrings")),
            date_styles=date_styles,
            duration_styles=duration_styles,
            epoch=CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900,
        )
    except etree.LxmlError as error:
        archive.close()
        raise ValueError(str(error)) from error
    except Exception:
        archive.close()
        raise


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _parse(archive: zipfile.ZipFile, path: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with archive.open(path) as source:
        return etree.parse(source, parser).getroot()


def _relations(archive: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type's last word, absolute path in the archive) of one part."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_path not in names:
        return {}
    relations = {}
    for relation in _parse(archive, rels_path).iter(_PACKAGE_REL):
        if relation.get("TargetMode") == "External":
            continue
        target = relation.get("Target", "")
        # Relative targets are relative to the part's folder (as openpyxl resolves them).
        target = (
            target[1:]
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        kind = relation.get("Type", "").rsplit("/", 1)[-1]
        relations[relation.get("Id", "")] = (kind, target)
    return relations


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    """The shared strings as plain text (runs joined, phonetic hints left out)."""
    if path is None or path not in archive.namelist():
        return []
    from lxml import etree

    strings = []
    with archive.open(path) as source:
        for _event, item in etree.iterparse(
            source, events=("end",), tag=f"{_MAIN_NS}si", resolve_entities=False, no_network=True
        ):
            text = item.find(_TEXT)
            parts = [text.text or ""] if text is not None else []
            parts.extend(run.findtext(_TEXT) or "" for run in item.iterchildren(_RUN))
            strings.append("".join(parts).replace("x005F_", ""))
            item.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile, path: str | None) -> tuple[set[int], set[int]]:
    """Which cell styles (index into cellXfs) show dates, and which of them durations."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if path is None or path not in archive.namelist():
        return set(), set()
    styles = _parse(archive, path)
    custom = {
        int(fmt.get("numFmtId")): fmt.get("formatCode")
        for fmt in styles.iterfind(f"{_MAIN_NS}numFmts/{_MAIN_NS}numFmt")
    }
    dates, durations = set(), set()
    for index, xf in enumerate(styles.iterfind(f"{_MAIN_NS}cellXfs/{_MAIN_NS}xf")):
        number_format = int(xf.get("numFmtId", 0))
        code = custom.get(number_format, BUILTIN_FORMATS.get(number_format))
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations
