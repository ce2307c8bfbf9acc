"""One model of a report document, rendered to DOCX (render_docx) and PDF (render_pdf).

The annual report, business plan and period reports are assembled from data into a
`Document`: a flat list of blocks (headings, paragraphs, tables, figures…). The model
knows nothing about Django, Word or HTML; renderers decide how things look.

Narrative text is written by people in a web textarea and stored as "simple formatting":
blank-line separated paragraphs, single line breaks kept, **bold**, *italic* and bullet
lists with "- ". `parse_simple_formatting` turns it into blocks.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Protocol, TypeAlias

from core.formatting import (
    MINUS,
    MISSING,
    NBSP,
    format_date_long,
    format_number,
    format_percent,
    format_tkr,
)
from core.tying import tie_tree

Align = Literal["left", "center", "right"]
ColumnKind = Literal["text", "number", "tkr", "percent"]
RowKind = Literal["body", "section", "subtotal", "total"]
CellValue: TypeAlias = "str | int | float | Decimal | None"


# --- Inline text -------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting. "\\n" inside the text is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    runs: list[Run]
    style: Literal["body", "lead", "small", "quote"] = "body"

    @classmethod
    def from_text(cls, text: str, style: Literal["body", "lead", "small", "quote"] = "body"):
        """One paragraph from simple formatting (**bold**, *italic*, line breaks kept)."""
        return cls(parse_inline(text), style=style)

    @property
    def plain_text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class BulletList:
    items: list[Paragraph]

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> BulletList:
        return cls([Paragraph.from_text(text) for text in texts])


# --- Structure ---------------------------------------------------------------------------


@dataclass
class Heading:
    level: int  # 1 = chapter, 2 = section, 3 = subsection
    text: str

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"Rubriknivå måste vara 1, 2 eller 3, fick {self.level}.")


@dataclass
class PageBreak:
    pass


@dataclass
class TableOfContents:
    title: str = "Innehåll"
    max_level: int = 2


# --- Tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column. Numeric kinds format their values and are right-aligned.

    kind "number": plain numbers; "tkr": amounts in kronor shown in thousands;
    "percent": fractions (0.43) shown as "43 %". Already formatted strings are shown as
    they are, so "57 (43 %)" can stand in a number column.
    """

    title: str
    kind: ColumnKind = "text"
    decimals: int = 0
    align: Align | None = None
    width: float | None = None  # relative weight; default 3 for text, 1 for numbers

    @property
    def alignment(self) -> Align:
        if self.align is not None:
            return self.align
        return "left" if self.kind == "text" else "right"

    @property
    def weight(self) -> float:
        if self.width is not None:
            return self.width
        return 3.0 if self.kind == "text" else 1.0

    def format(self, value: CellValue) -> str:
        if isinstance(value, str):
            return value
        if value is None:
            return MISSING if self.kind != "text" else ""
        if self.kind == "tkr":
            return format_tkr(value, self.decimals)
        if self.kind == "percent":
            return format_percent(value, self.decimals)
        return format_number(value, self.decimals)


@dataclass(frozen=True)
class Cell:
    """A cell that needs more than a value: spanning columns, its own emphasis, or its own
    format (a "Soliditet" row of percentages in a column of tkr amounts)."""

    value: CellValue
    colspan: int = 1
    bold: bool = False
    align: Align | None = None
    kind: ColumnKind | None = None
    decimals: int | None = None

    def format(self, column: Column) -> str:
        if self.kind is None and self.decimals is None:
            return column.format(self.value)
        kind = self.kind or column.kind
        decimals = column.decimals if self.decimals is None else self.decimals
        return Column(column.title, kind=kind, decimals=decimals).format(self.value)


@dataclass
class Row:
    """A table row. A "subtotal" or "total" row is a sum; which rows it sums is `sum_of`
    (indices into the table's body rows followed by its total rows; `minus` among them are
    subtracted). Without `sum_of`, the first sum of a table without other sums adds up the
    body rows above it; NOT_A_SUM marks a bold row that is no sum ("Unika deltagare").
    The renderers show every sum's parts so that they add up to the sum as shown
    (core.tying)."""

    cells: list[CellValue | Cell]
    kind: RowKind = "body"
    sum_of: tuple[int, ...] | None = None
    minus: tuple[int, ...] = ()


NOT_A_SUM: tuple[int, ...] = ()


RowInput: TypeAlias = "Row | Sequence[CellValue | Cell]"


@dataclass
class RenderedCell:
    """What a renderer draws: text, span, alignment and emphasis already decided."""

    text: str
    colspan: int
    align: Align
    bold: bool
    is_header: bool = False


@dataclass
class Table:
    """A data table: caption, header, body rows, total rows and notes.

    The column titles form the last header row; `header_rows` adds grouping rows above
    (use `Cell(..., colspan=n)`). Rows of kind "section" are one label over the whole
    width (e.g. "Individinriktade insatser"); "subtotal" and "total" rows are bold.
    """

    columns: Sequence[Column]
    rows: Sequence[RowInput | Sequence[Any]]
    caption: str = ""
    header_rows: Sequence[Sequence[Any]] = field(default_factory=list)
    total_rows: Sequence[RowInput | Sequence[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str = ""  # e.g. "Belopp i tkr", shown above the table
    numbered: bool = True  # False: the caption is its own label ("Not 1. …"), no "Tabell n."

    def __post_init__(self) -> None:
        if not self.columns:
            raise ValueError(f"Tabellen {self.caption!r} saknar kolumner.")
        for number, row in enumerate(self.all_rows(), start=1):
            width = _row_width(row)
            if row.kind != "section" and width != len(self.columns):
                raise ValueError(
                    f"Tabellen {self.caption!r}, rad {number}: {width} celler men "
                    f"{len(self.columns)} kolumner."
                )

    def column_widths(self, total_cm: float) -> list[float]:
        """Each column's width in cm: the columns' weights share `total_cm`, but no column is
        narrower than its longest header word or, for numbers (which never wrap), its widest
        value. Narrow columns take their room from the others, in proportion to their weights.
        Without room for every minimum, the weights alone decide."""
        weights = [column.weight for column in self.columns]
        needs = self._minimum_widths()
        if sum(needs) > total_cm:
            return [total_cm * weight / sum(weights) for weight in weights]
        fixed: dict[int, float] = {}
        while True:
            free = [i for i in range(len(weights)) if i not in fixed]
            rest = total_cm - sum(fixed.values())
            share = sum(weights[i] for i in free)
            widths = {i: rest * weights[i] / share for i in free}
            short = [i for i in free if widths[i] < needs[i]]
            if not short:
                break
            fixed.update({i: needs[i] for i in short})
        return [fixed[i] if i in fixed else widths[i] for i in range(len(weights))]

    def _minimum_widths(self) -> list[float]:
        needs = [0.0] * len(self.columns)
        for row in self.rendered_header():
            for position, cell in _positioned(row):
                if cell.colspan == 1:
                    needs[position] = max(needs[position], _longest_word_cm(cell.text))
        for kind, row in self.rendered_body():
            if kind == "section":
                continue
            for position, cell in _positioned(row):
                if cell.colspan > 1:
                    continue
                if self.columns[position].kind == "text":
                    width = _longest_word_cm(cell.text)
                else:
                    width = text_width_cm(cell.text)
                needs[position] = max(needs[position], width)
        return [need + CELL_PADDING_CM for need in needs]

    def all_rows(self) -> list[Row]:
        body = [_as_row(row) for row in self.rows]
        totals = [_as_row(row, default_kind="total") for row in self.total_rows]
        return body + totals

    def rendered_header(self) -> list[list[RenderedCell]]:
        rows: list[list[RenderedCell]] = []
        for header in self.header_rows:
            rows.append(self._render_cells(list(header), bold=True, is_header=True))
        titles = [
            RenderedCell(column.title, 1, column.alignment, bold=True, is_header=True)
            for column in self.columns
        ]
        rows.append(titles)
        return rows

    def sum_structure(self) -> dict[int, list[tuple[int, int]]]:
        """Row index → [(part's row index, sign)] for every row that is a sum (see Row)."""
        rows = self.all_rows()
        structure: dict[int, list[tuple[int, int]]] = {}
        for index, row in enumerate(rows):
            if row.kind not in ("subtotal", "total"):
                continue
            if row.sum_of is not None:
                if row.sum_of:
                    structure[index] = [
                        (part, -1 if part in row.minus else 1) for part in row.sum_of
                    ]
                continue
            before = rows[:index]
            if any(r.kind in ("subtotal", "total") for r in before):
                continue  # undeclared: see undeclared_sums
            structure[index] = [(i, 1) for i, r in enumerate(before) if r.kind == "body"]
        return structure

    def undeclared_sums(self) -> list[int]:
        """Bold rows after another sum that say neither what they sum nor that they are no
        sum: the structure cannot be guessed, so a builder must declare it."""
        rows = self.all_rows()
        structure = self.sum_structure()
        return [
            index
            for index, row in enumerate(rows)
            if row.kind in ("subtotal", "total") and row.sum_of is None and index not in structure
        ]

    def _tied_values(self) -> dict[tuple[int, int], Decimal]:
        """(row, column) → the shown figure (in the column's unit) of every numeric cell that
        takes part in a sum, tied so that each shown sum is the sum of its shown parts."""
        structure = self.sum_structure()
        if not structure:
            return {}
        rows = self.all_rows()
        result: dict[tuple[int, int], Decimal] = {}
        for position, column in enumerate(self.columns):
            if column.kind not in ("tkr", "number"):
                continue
            scale = Decimal(1000) if column.kind == "tkr" else Decimal(1)
            exact: dict[str, Decimal | None] = {}
            for index, row in enumerate(rows):
                value = _numeric_cell(row, position, column)
                if value is not None:
                    exact[str(index)] = value / scale
            sums = {}
            for index, members in structure.items():
                names = [str(part) for part, _sign in members]
                if str(index) not in exact or any(name not in exact for name in names):
                    continue
                total = sum(
                    (sign * exact[str(part)] for part, sign in members),  # type: ignore[operator]
                    Decimal(0),
                )
                tolerance = Decimal("0.01").scaleb(-column.decimals)
                if abs(total - exact[str(index)]) > tolerance:  # type: ignore[operator]
                    continue  # not a sum of its parts: shown as it is (a test finds it)
                sums[str(index)] = [(str(part), sign) for part, sign in members]
            if not sums:
                continue
            tied = tie_tree(exact, sums, decimals=column.decimals)
            for name, value in tied.items():
                if value is not None:
                    result[(int(name), position)] = value * scale
        return result

    def sum_errors(self) -> list[str]:
        """Where a shown sum is not the sum of its shown parts, read from the text as it is
        printed (a part shown "–" counts as 0; a suppressed count skips the check), and
        sums whose parts are not declared. Empty for a table that ties."""
        errors = [
            f"{self.caption!r}, rad {index + 1}: summaraden anger inte vad den summerar"
            for index in self.undeclared_sums()
        ]
        body = self.rendered_body()
        texts = [[c.text for _p, c in _positioned(cells)] for _kind, cells in body]
        spans = [[p for p, _c in _positioned(cells)] for _kind, cells in body]

        def number(row: int, column: int) -> Decimal | str | None:
            if column not in spans[row]:
                return "?"
            return _shown_number(texts[row][spans[row].index(column)])

        for index, members in self.sum_structure().items():
            for position, column in enumerate(self.columns):
                if column.kind not in ("tkr", "number"):
                    continue
                total = number(index, position)
                parts = [(number(part, position), sign) for part, sign in members]
                if total is None or isinstance(total, str):
                    continue
                if any(isinstance(value, str) for value, _sign in parts):
                    continue
                if all(value is None for value, _sign in parts):
                    continue
                added = sum((sign * (value or 0) for value, sign in parts), Decimal(0))
                if added != total:
                    errors.append(
                        f"{self.caption!r}, rad {index + 1} ({texts[index][0].strip()}), "
                        f"kolumn {column.title!r}: visad summa {total}, delarna ger {added}"
                    )
        return errors

    def rendered_body(self) -> list[tuple[RowKind, list[RenderedCell]]]:
        result: list[tuple[RowKind, list[RenderedCell]]] = []
        tied = self._tied_values()
        for row_index, row in enumerate(self.all_rows()):
            if tied:
                row = _with_values(row, row_index, tied)
            if row.kind == "section":
                label = row.cells[0].value if isinstance(row.cells[0], Cell) else row.cells[0]
                text = "" if label is None else str(label)
                cell = RenderedCell(text, len(self.columns), "left", bold=True)
                result.append(("section", [cell]))
                continue
            bold = row.kind in ("subtotal", "total")
            result.append((row.kind, self._render_cells(row.cells, bold=bold)))
        return result

    def _render_cells(
        self, cells: Sequence[CellValue | Cell], *, bold: bool, is_header: bool = False
    ) -> list[RenderedCell]:
        rendered = []
        position = 0
        for item in cells:
            cell = item if isinstance(item, Cell) else Cell(item)
            column = self.columns[min(position, len(self.columns) - 1)]
            if is_header:
                text = "" if cell.value is None else str(cell.value)
                align: Align = cell.align or ("center" if cell.colspan > 1 else column.alignment)
            else:
                text = cell.format(column) if cell.colspan == 1 else str(cell.value or "")
                align = cell.align or column.alignment
            rendered.append(
                RenderedCell(text, cell.colspan, align, bold or cell.bold, is_header=is_header)
            )
            position += cell.colspan
        return rendered


# Column widths: table text is 9 pt Liberation Sans (Arial's metrics); widths are measured in
# its bold face, the wider one, so that a bold total fits too.
TABLE_FONT_PT = 9.0
CELL_PADDING_CM = 0.45  # the PDF's 2 mm either side, Word's 0.18 cm, and a little air
_BOLD_WIDTHS = {  # advance widths per 1000 em (Helvetica-Bold AFM, which Arial Bold matches)
    character: width
    for characters, width in (
        (" ',./Iijlí", 278),
        ("!():;-ft", 333),
        ("*r", 389),
        ("z", 500),
        ("0123456789#$aceksvxyåäéJ–", 556),
        ("+<=>−", 584),
        ("?bdghnopquöüFLTZ", 611),
        ("EPSVXYÉ", 667),
        ("ABCDHKNRUÅÄÜ&", 722),
        ("w", 778),
        ("GOQÖ", 778),
        ("M", 833),
        ("m%", 889),
        ("W", 944),
        ("—", 1000),
    )
    for character in characters
}
_DEFAULT_WIDTH = 611


def text_width_cm(text: str, size_pt: float = TABLE_FONT_PT) -> float:
    """The printed width of one line of table text (bold), in cm."""
    units = sum(_BOLD_WIDTHS.get(character, _DEFAULT_WIDTH) for character in text)
    return units / 1000 * size_pt * 2.54 / 72


def _longest_word_cm(text: str) -> float:
    """The widest part of `text` a line cannot break: words, split after a hyphen or at a
    soft hyphen (where a hyphen is printed)."""
    words = re.split(r"\s+", text.replace("\u00ad", "-\n").replace("-", "-\n"))
    return max((text_width_cm(word) for word in words if word), default=0.0)


def _positioned(cells: Sequence[RenderedCell]) -> list[tuple[int, RenderedCell]]:
    result = []
    position = 0
    for cell in cells:
        result.append((position, cell))
        position += cell.colspan
    return result


def _as_row(row: RowInput, default_kind: RowKind = "body") -> Row:
    if isinstance(row, Row):
        return row
    return Row(list(row), kind=default_kind)


def _shown_number(text: str) -> Decimal | str | None:
    """A printed number read back: "−3\u00a0412" → -3412, "57 (43 %)" → 57; "–" or "" →
    None; anything else (a suppressed count, a share) → the text itself."""
    cleaned = text.replace(NBSP, "").replace(" ", "").replace(MINUS, "-").strip()
    cleaned = re.sub(r"\(.*\)$", "", cleaned)
    if cleaned in ("", MISSING):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except ArithmeticError:
        return text


def _numeric_cell(row: Row, position: int, column: Column) -> Decimal | None:
    """The number in the row's cell at column `position` when the column formats it (not a
    string, a spanning cell or a cell of its own kind); None otherwise."""
    if row.kind == "section":
        return None
    at = 0
    for item in row.cells:
        span = item.colspan if isinstance(item, Cell) else 1
        if at == position:
            if isinstance(item, Cell):
                if (
                    span != 1
                    or item.kind not in (None, column.kind)
                    or item.decimals
                    not in (
                        None,
                        column.decimals,
                    )
                ):
                    return None
                item = item.value
            if isinstance(item, bool) or not isinstance(item, int | float | Decimal):
                return None
            return item if isinstance(item, Decimal) else Decimal(str(item))
        at += span
    return None


def _with_values(row: Row, row_index: int, tied: dict[tuple[int, int], Decimal]) -> Row:
    cells: list[CellValue | Cell] = []
    at = 0
    for item in row.cells:
        span = item.colspan if isinstance(item, Cell) else 1
        value = tied.get((row_index, at))
        if value is not None:
            item = dataclasses.replace(item, value=value) if isinstance(item, Cell) else value
        cells.append(item)
        at += span
    return dataclasses.replace(row, cells=cells)


def _row_width(row: Row) -> int:
    return sum(cell.colspan if isinstance(cell, Cell) else 1 for cell in row.cells)


# --- Figures -----------------------------------------------------------------------------


class ChartSource(Protocol):
    """What a Figure needs from a chart (core.charts.BarChart implements it)."""

    def to_png(self, width_cm: float, height_cm: float, dpi: int = 200) -> bytes: ...

    def describe(self) -> str: ...


@dataclass
class Figure:
    """A chart or image with a caption and a required text alternative.

    Give either `chart` (rendered at the figure's size by each renderer; its `describe()`
    is the default alt text) or ready `image_png` bytes with an explicit `alt_text`.
    """

    caption: str
    chart: ChartSource | None = None
    image_png: bytes | None = None
    alt_text: str = ""
    width_cm: float = 16.0
    height_cm: float = 7.5

    def __post_init__(self) -> None:
        if (self.chart is None) == (self.image_png is None):
            raise ValueError(f"Figuren {self.caption!r} ska ha antingen ett diagram eller en bild.")
        if not self.alt_text and self.chart is not None:
            self.alt_text = self.chart.describe()
        if not self.alt_text.strip():
            raise ValueError(f"Figuren {self.caption!r} saknar textalternativ (alt-text).")

    def png(self, dpi: int = 200) -> bytes:
        if self.image_png is not None:
            return self.image_png
        assert self.chart is not None
        return self.chart.to_png(self.width_cm, self.height_cm, dpi=dpi)


# --- Signatures --------------------------------------------------------------------------


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str = ""


@dataclass
class SignatureBlock:
    """Lines to sign for the board: "Ort och datum", then name and role under each line."""

    signatories: list[Signatory]
    place: str = ""
    date: datetime.date | None = None
    intro: str = ""  # e.g. "Vi intygar att årsredovisningen ger en rättvisande bild …"

    @property
    def place_and_date(self) -> str:
        date_text = format_date_long(self.date) if self.date else ""
        if self.place and date_text:
            return f"{self.place} den {date_text}"
        return self.place or date_text

    @property
    def date_line(self) -> tuple[str, bool]:
        """(text, blank): the line above the signatures, and whether a blank to write the
        date on follows it. "Norrby den 20 mars 2025" once adopted; before that "Norrby den"
        and a blank ("Ort och datum" and a blank without a place), so that the printed
        copy can be signed."""
        if self.date:
            return self.place_and_date, False
        return (f"{self.place} den" if self.place else "Ort och datum"), True


Block: TypeAlias = (
    "Heading | Paragraph | BulletList | Table | Figure | PageBreak | TableOfContents"
    " | SignatureBlock"
)


@dataclass
class Document:
    title: str
    organisation: str
    year: int | None = None
    subtitle: str = ""
    cover_note: str = ""  # at the foot of the cover: who the organisation is, org. number
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # author, subject, keywords…
    language: str = "sv-SE"
    number_captions: bool = True  # "Tabell 1. …", "Figur 1. …"

    @property
    def cover_title(self) -> str:
        return f"{self.title} {self.year}" if self.year else self.title

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def headings(self, max_level: int = 3) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= max_level]

    def captions(self) -> dict[int, str]:
        """Caption text per block index, numbered per kind when `number_captions` is on."""
        counters = {"Tabell": 0, "Figur": 0}
        result: dict[int, str] = {}
        for index, block in enumerate(self.blocks):
            if isinstance(block, Table):
                label = "Tabell"
                if not block.numbered:
                    if block.caption:
                        result[index] = block.caption
                    continue
            elif isinstance(block, Figure):
                label = "Figur"
            else:
                continue
            counters[label] += 1
            if not block.caption:
                continue
            if self.number_captions:
                result[index] = f"{label} {counters[label]}. {block.caption}"
            else:
                result[index] = block.caption
        return result


# --- Text hygiene ----------------------------------------------------------------------------

# Characters XML (DOCX) cannot hold; Word pastes \v for a manual line break.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text safe for DOCX and PDF: manual line breaks as "\n", other control chars dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _CONTROL_CHARACTERS.sub("", text)


def without_control_characters(value):
    """A copy of a document (or any block) with every string passed through clean_text."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [without_control_characters(item) for item in value]
    if isinstance(value, tuple):
        return tuple(without_control_characters(item) for item in value)
    if isinstance(value, dict):
        return {key: without_control_characters(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: without_control_characters(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.init
        }
        return dataclasses.replace(value, **changes)
    return value


# --- Simple formatting (from the web's textareas) ----------------------------------------

_BULLET = re.compile(r"^\s*[-•]\s+(.*)$")
_INLINE = re.compile(
    r"\*\*\*(?P<both>\S(?:.*?\S)?)\*\*\*"
    r"|\*\*(?P<bold>\S(?:.*?\S)?)\*\*"
    r"|(?<![*\w])\*(?P<italic>[^\s*](?:[^*]*?[^\s*])?)\*(?![*\w])"
)


def parse_inline(text: str, *, bold: bool = False, italic: bool = False) -> list[Run]:
    """**bold**, *italic* and ***both***; unmatched asterisks stay as they are."""
    runs: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()], bold, italic))
        if match.group("both") is not None:
            runs.append(Run(match.group("both"), True, True))
        elif match.group("bold") is not None:
            runs.extend(parse_inline(match.group("bold"), bold=True, italic=italic))
        else:
            runs.extend(parse_inline(match.group("italic"), bold=bold, italic=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:], bold, italic))
    return _merge_runs(runs)


def _merge_runs(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def parse_simple_formatting(text: str) -> list[Paragraph | BulletList]:
    """Blocks from textarea text: paragraphs split on blank lines, "- " lines are bullets.

    Single line breaks inside a paragraph are kept as line breaks (people type addresses,
    short lists and signatures that way).
    """
    lines = clean_text(text).split("\n")
    blocks: list[Paragraph | BulletList] = []
    paragraph_lines: list[str] = []
    bullets: list[str] = []

    def flush_paragraph() -> None:
        if paragraph_lines:
            blocks.append(Paragraph.from_text("\n".join(paragraph_lines)))
            paragraph_lines.clear()

    def flush_bullets() -> None:
        if bullets:
            blocks.append(BulletList.from_texts(bullets))
            bullets.clear()

    for raw_line in lines:
        line = raw_line.strip()
        bullet = _BULLET.match(raw_line)
        if not line:
            flush_paragraph()
            flush_bullets()
        elif bullet:
            flush_paragraph()
            bullets.append(bullet.group(1).strip())
        elif bullets and raw_line[:1].isspace():
            bullets[-1] += " " + line  # an indented line continues the bullet above
        else:
            flush_bullets()
            paragraph_lines.append(line)
    flush_paragraph()
    flush_bullets()
    return blocks
