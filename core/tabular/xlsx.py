"""The first sheet of an XLSX workbook, read fast and within the limits of core.limits.

A workbook is a zip archive of XML parts, so a small upload can unpack to gigabytes (a zip
bomb), declare entities that expand (billion laughs), or put one cell at column ZZZZZZ. Before
anything is parsed the archive's declared sizes are checked (members, total size, compression
ratio), and every part is read through a counter that stops at the declared size and the
total limit whatever the archive claims. XML with a DOCTYPE is refused; entities are never
resolved and nothing is fetched. Cells are read only up to the header's width, strings only
up to the cell limit. Every refusal is an `XlsxRefused` with a Swedish reason.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from core import limits

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN, _FORMULA = (
    f"{_MAIN_NS}{tag}" for tag in ("row", "c", "v", "is", "t", "r", "f")
)
_COLUMN_OF_LETTERS: dict[str, int] = {}
# Beyond any accepted column: what a reference of more than three letters (past Excel's own
# last column XFD) reads as, without computing it.
_FAR_RIGHT = 1 << 30


class XlsxRefused(ValueError):
    """The workbook breaks a limit or is malformed; `reason` says why in Swedish."""

    def __init__(self, reason: str, row: int | None = None, column: str = ""):
        self.reason, self.row, self.column = reason, row, column
        super().__init__(reason)


def _column_index(reference: str) -> int:
    """Column number of a reference such as `AB12` (A = 1); raises ValueError if malformed."""
    letters = reference.rstrip("0123456789")
    try:
        return _COLUMN_OF_LETTERS[letters]
    except KeyError:
        pass
    if not letters or not letters.isascii() or not letters.isalpha():
        raise ValueError(reference)
    if len(letters) > 3:  # not cached: a hostile file could fill the cache
        return _FAR_RIGHT
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter.upper()) - 64
    _COLUMN_OF_LETTERS[letters] = index
    return index


def column_letters(index: int) -> str:
    """`1` → `A`, `28` → `AB` (for messages)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Budget:
    """The uncompressed bytes all parts of one workbook may take together, counted as read."""

    def __init__(self, total: int) -> None:
        self.left = total

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise XlsxRefused(_too_large())


class _BoundedPart(io.RawIOBase):
    """A member of the archive, read at most up to its declared size and the workbook budget."""

    def __init__(self, source, declared: int, budget: _Budget) -> None:
        self.source, self.left, self.budget = source, declared, budget

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > 1 << 20:
            size = 1 << 20
        data = self.source.read(size)
        self.left -= len(data)
        if self.left < 0:
            raise XlsxRefused(_("En del av Excel-filen är större än filen själv anger."))
        self.budget.spend(len(data))
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.source.close()
        super().close()


def _too_large() -> str:
    return _(
        "Excel-filen packas upp till mer än %(size)s; så stor får en fil inte vara. Spara "
        "bara de rader och kolumner som ska läsas in, eller dela upp filen."
    ) % {"size": limits.megabytes(limits.XLSX_MAX_UNCOMPRESSED_BYTES)}


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an archive whose declared sizes break the limits, before anything is unpacked."""
    members = archive.infolist()
    if len(members) > limits.XLSX_MAX_MEMBERS:
        raise XlsxRefused(
            _("Excel-filen består av %(count)s delar; högst %(max)s godtas.")
            % {"count": len(members), "max": limits.XLSX_MAX_MEMBERS}
        )
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise XlsxRefused(
                _("Excel-filen är lösenordsskyddad. Ta bort skyddet och spara filen igen.")
            )
        total += member.file_size
        if (
            member.file_size > limits.XLSX_RATIO_FROM_BYTES
            and member.file_size > limits.XLSX_MAX_RATIO * max(member.compress_size, 1)
        ):
            raise XlsxRefused(
                _(
                    "Excel-filen är packad mer än %(ratio)s gånger (delen %(part)s); så "
                    "hårt packas inga vanliga kalkylblad. Filen läses inte."
                )
                % {"ratio": limits.XLSX_MAX_RATIO, "part": member.filename[:100]}
            )
    if total > limits.XLSX_MAX_UNCOMPRESSED_BYTES:
        raise XlsxRefused(_too_large())


def _doctype_refused() -> XlsxRefused:
    return XlsxRefused(
        _(
            "Excel-filen innehåller en dokumenttypsdeklaration (DOCTYPE) eller entiteter; "
            "sådana skriver Excel aldrig. Filen läses inte."
        )
    )


def _has_doctype(tree) -> bool:
    info = tree.docinfo
    return bool(info.doctype) or info.internalDTD is not None or info.externalDTD is not None


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
    budget: _Budget = field(default_factory=lambda: _Budget(limits.XLSX_MAX_UNCOMPRESSED_BYTES))
    # Cells right of `max_column` are skipped; set it to the header's width once the header
    # row is read. Until then (`header_read` False) such a cell refuses the file.
    max_column: int = limits.MAX_COLUMNS
    header_read: bool = False

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(Excel row number, values from column A on) for each row the sheet stores.

        Raises XlsxRefused (naming row and column where there is one) for a malformed cell,
        a cell beyond the column limit in the header row, a text over the cell limit, or
        more cells than XLSX_MAX_CELLS.
        """
        from lxml import etree

        _refuse_doctype(self.archive, self.path, self.budget)
        number = 0
        with self._open(self.path) as source:
            cells_left = limits.XLSX_MAX_CELLS
            try:
                for row in _complete_rows(source):
                    reference = row.get("r")
                    number = int(reference) if reference and len(reference) < 10 else number + 1
                    values = self._row_values(row, number)
                    cells_left -= len(row)
                    if cells_left < 0:
                        raise XlsxRefused(
                            _("Bladet har fler än %(max)s celler; så många läses inte in.")
                            % {"max": f"{limits.XLSX_MAX_CELLS:,}".replace(",", " ")},
                            number,
                        )
                    row.clear()
                    while row.getprevious() is not None:  # free the rows already read
                        del row.getparent()[0]
                    yield number, values
            except etree.LxmlError as error:
                raise XlsxRefused(
                    _("Excel-filens blad är inte giltig XML; filen är skadad."),
                    number + 1 if number else None,
                ) from error

    def _open(self, path: str) -> _BoundedPart:
        info = self.archive.getinfo(path)
        return _BoundedPart(self.archive.open(info), info.file_size, self.budget)

    def _row_values(self, row, number: int) -> list[Any]:
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        shared, dates, durations, epoch = (
            self.shared_strings,
            self.date_styles,
            self.duration_styles,
            self.epoch,
        )
        max_column, max_chars = self.max_column, limits.MAX_CELL_CHARS
        values: list[Any] = []
        column = 0
        reference = None
        try:
            # One loop for every cell of the file: kept flat on purpose (speed).
            for cell in row.iterchildren(_CELL):
                reference = cell.get("r")
                column = _column_index(reference) if reference else column + 1
                if column > max_column:
                    if self.header_read:
                        continue
                    raise XlsxRefused(
                        _(
                            "Rubrikraden har en cell i kolumn %(column)s; högst %(max)s "
                            "kolumner (till och med %(last)s) godtas."
                        )
                        % {
                            "column": reference or column_letters(column),
                            "max": max_column,
                            "last": column_letters(max_column),
                        },
                        number,
                    )
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
                                value = from_excel(value, epoch, timedelta=int(style) in durations)
                            except (OverflowError, ValueError):
                                value = "#VALUE!"
                    elif kind == "s":
                        index = int(value)
                        if index < 0:
                            raise IndexError(index)
                        value = shared[index]
                    elif kind == "b":
                        value = bool(int(value))
                    elif kind == "d":
                        value = from_ISO8601(value)
                    # "str" (a formula's text result) and "e" (#N/A…) stay text.
                if value is not None:
                    if type(value) is str and len(value) > max_chars:
                        raise XlsxRefused(_cell_too_long(), number, column_letters(column))
                    if len(values) < column:
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = value
        except XlsxRefused:
            raise
        except (ValueError, IndexError, KeyError, TypeError, OverflowError) as error:
            if 0 < column <= max_column:
                raise XlsxRefused(
                    _("Cellen kan inte läsas; filen är skadad eller inte skriven av Excel."),
                    number,
                    column_letters(column),
                ) from error
            raise XlsxRefused(
                _(
                    "Cellreferensen ”%(cell)s” kan inte läsas; filen är skadad eller inte "
                    "skriven av Excel."
                )
                % {"cell": str(reference)[:20]},
                number,
            ) from error
        return values


_CHUNK = 64 * 1024


def _complete_rows(source) -> Iterator[Any]:
    """The sheet's <row> elements as each one ends. The source is fed in chunks and, after
    each, the row being parsed is measured: a row of more than XLSX_MAX_CELLS_PER_ROW cells is
    refused before its tree can fill the memory (one chunk holds a few thousand cells)."""
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=_ROW,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    max_cells = limits.XLSX_MAX_CELLS_PER_ROW
    open_row = None
    number = 0
    while True:
        chunk = source.read(_CHUNK)
        if chunk:
            parser.feed(chunk)
        else:
            parser.close()
        for event, row in parser.read_events():
            if event == "start":
                open_row = row
                continue
            open_row = None
            number += 1
            yield row
        if open_row is not None and len(open_row) > max_cells:
            raise XlsxRefused(
                _("Raden har fler än %(max)s celler; Excel har inte fler kolumner.")
                % {"max": f"{max_cells:,}".replace(",", " ")},
                number + 1,
            )
        if not chunk:
            return


def _cell_too_long() -> str:
    return _("Cellen har mer än %(max)s tecken; så långa texter läses inte in.") % {
        "max": f"{limits.MAX_CELL_CHARS:,}".replace(",", " ")
    }


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
        check_archive(archive)
        budget = _Budget(limits.XLSX_MAX_UNCOMPRESSED_BYTES)
        names = set(archive.namelist())
        package = dict(_relations(archive, "", names, budget).values())
        workbook_path = package.get("officeDocument")
        if workbook_path is None:
            raise KeyError("no workbook part")
        workbook = _parse(archive, workbook_path, budget)
        relations = _relations(archive, workbook_path, names, budget)
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
        date_styles, duration_styles = _date_styles(archive, parts.get("styles"), budget)
        return XlsxSheet(
            archive=archive,
            path=sheet_path,
            shared_strings=_shared_strings(archive, parts.get("sharedStrings"), budget),
            date_styles=date_styles,
            duration_styles=duration_styles,
            epoch=CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900,
            budget=budget,
        )
    except etree.LxmlError as error:
        archive.close()
        raise ValueError(str(error)) from error
    except Exception:
        archive.close()
        raise


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _open_part(archive: zipfile.ZipFile, path: str, budget: _Budget) -> _BoundedPart:
    info = archive.getinfo(path)
    return _BoundedPart(archive.open(info), info.file_size, budget)


def _parse(archive: zipfile.ZipFile, path: str, budget: _Budget):
    """A small part (workbook, relationships, styles) as a tree; refused if it has a DOCTYPE."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    with _open_part(archive, path, budget) as source:
        tree = etree.parse(source, parser)
    if _has_doctype(tree):
        raise _doctype_refused()
    return tree.getroot()


def _refuse_doctype(archive: zipfile.ZipFile, path: str, budget: _Budget) -> None:
    """Before a large part is streamed: refuse it if its prolog has a DOCTYPE."""
    from lxml import etree

    with _open_part(archive, path, budget) as source:
        events = etree.iterparse(
            source,
            events=("start",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        try:
            for _event, element in events:
                if _has_doctype(element.getroottree()):
                    raise _doctype_refused()
                break
        except etree.LxmlError as error:
            raise XlsxRefused(
                _("En del av Excel-filen (%(part)s) är inte giltig XML.") % {"part": path[:100]}
            ) from error


def _relations(
    archive: zipfile.ZipFile, part: str, names: set[str], budget: _Budget
) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type's last word, absolute path in the archive) of one part."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_path not in names:
        return {}
    relations = {}
    for relation in _parse(archive, rels_path, budget).iter(_PACKAGE_REL):
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


def _shared_strings(archive: zipfile.ZipFile, path: str | None, budget: _Budget) -> list[str]:
    """The shared strings as plain text (runs joined, phonetic hints left out)."""
    if path is None or path not in archive.namelist():
        return []
    from lxml import etree

    _refuse_doctype(archive, path, budget)
    strings: list[str] = []
    count_left, max_chars = limits.XLSX_MAX_SHARED_STRINGS, limits.MAX_CELL_CHARS
    with _open_part(archive, path, budget) as source:
        for _event, item in etree.iterparse(
            source,
            events=("end",),
            tag=f"{_MAIN_NS}si",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        ):
            text = item.find(_TEXT)
            parts = [text.text or ""] if text is not None else []
            parts.extend(run.findtext(_TEXT) or "" for run in item.iterchildren(_RUN))
            value = "".join(parts).replace("x005F_", "")
            if len(value) > max_chars:
                raise XlsxRefused(_cell_too_long())
            strings.append(value)
            count_left -= 1
            if count_left < 0:
                raise XlsxRefused(
                    _("Excel-filen har fler än %(max)s olika texter; så många läses inte in.")
                    % {"max": f"{limits.XLSX_MAX_SHARED_STRINGS:,}".replace(",", " ")}
                )
            item.clear()
            while item.getprevious() is not None:  # free the strings already read
                del item.getparent()[0]
    return strings


def _date_styles(
    archive: zipfile.ZipFile, path: str | None, budget: _Budget
) -> tuple[set[int], set[int]]:
    """Which cell styles (index into cellXfs) show dates, and which of them durations."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if path is None or path not in archive.namelist():
        return set(), set()
    styles = _parse(archive, path, budget)
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
