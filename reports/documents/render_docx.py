"""Render a Document to DOCX with python-docx.

What Word (and LibreOffice) get: real "Heading 1–3" styles (navigation pane, TOC), a TOC
field that Word refreshes on open (`w:updateFields`) and that already holds the headings
(LibreOffice shows the cached entries as they are), "Sida X av Y" from PAGE/NUMPAGES
fields in the footer, tables with repeated header rows, right-aligned numbers and bold
total rows, charts as inline pictures with alt text (`docPr/@descr`), A4 with the same
margins as the PDF, a cover page without footer, and Swedish (sv-SE) as the language.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator, Sequence

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from core.document import (
    BulletList,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    RenderedCell,
    SignatureBlock,
    Table,
    TableOfContents,
    without_control_characters,
)
from reports.documents.docx_ooxml import (
    add_runs,
    append_field,
    cell_borders,
    cell_margins,
    field_char,
    get_or_add_style,
    instruction_run,
    paragraph_border,
    paragraph_mark_size,
    request_field_update,
    row_properties,
    run_element,
    set_grid,
    set_language,
    shade,
    style_font,
    table_properties,
    vertical_align,
    xml_element,
)

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x40, 0x40, 0x40)
HEADER_FILL = "E8EEF4"
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Cm(2.2), Cm(2.4), Cm(2.4), Cm(2.2)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

_ALIGNMENT = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_PARAGRAPH_STYLES = {"body": "Normal", "lead": "Ingress", "small": "Liten text", "quote": "Quote"}


KEEP_TOGETHER_ROWS = 15  # tables this short move to the next page whole instead of splitting


def render_docx(doc: Document, *, heading_pages: Sequence[int] | None = None) -> bytes:
    """The document as DOCX bytes.

    `heading_pages` (from `render_pdf.heading_pages(doc)`) fills the TOC's cached page
    numbers so that LibreOffice, which shows cached results, has them; Word recomputes.
    """
    builder = _DocxBuilder(without_control_characters(doc), heading_pages)
    builder.build()
    buffer = io.BytesIO()
    builder.word.save(buffer)
    return buffer.getvalue()


class _DocxBuilder:
    def __init__(self, doc: Document, heading_pages: Sequence[int] | None) -> None:
        self.doc = doc
        headings = [block for block in doc.blocks if isinstance(block, Heading)]
        if heading_pages is not None and len(heading_pages) != len(headings):
            raise ValueError(
                f"Sidnummer för innehållsförteckningen: {len(heading_pages)} sidnummer men "
                f"{len(headings)} rubriker."
            )
        self.heading_pages = {
            id(heading): str(page)
            for heading, page in zip(headings, heading_pages or [], strict=False)
        }
        self.word = docx.Document()
        self.captions = doc.captions()
        self.bookmarks = {
            id(block): f"_Toc{number:08d}"
            for number, block in enumerate(
                (b for b in doc.blocks if isinstance(b, Heading)), start=1
            )
        }
        self._next_bookmark_id = 100
        self._break_pending = False
        self._style_ids: dict[str, str | None] = {}

    def build(self) -> None:
        self._setup_page()
        self._setup_styles()
        self._setup_properties()
        self._cover()
        for index, block in enumerate(self.doc.blocks):
            self._block(index, block)

    # --- Page, styles, properties --------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.word.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.footer_distance = Cm(1.2)
        section.different_first_page_header_footer = True  # the cover has no footer

        footer = section.footer.paragraphs[0]
        footer.style = self.word.styles["Footer"]
        footer.paragraph_format.tab_stops.clear_all()
        footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        footer.add_run(f"{self.doc.organisation} · {self.doc.cover_title}\tSida ")
        append_field(footer._p, "PAGE", "1")
        footer.add_run(" av ")
        append_field(footer._p, "NUMPAGES", "1")

    def _setup_styles(self) -> None:
        styles = self.word.styles
        set_language(self.word, self.doc.language)
        request_field_update(self.word)

        normal = styles["Normal"]
        style_font(normal, size=10.5, color=TEXT)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.2
        normal.paragraph_format.widow_control = True

        heading_sizes = {1: (18, 0, 10), 2: (13.5, 16, 5), 3: (11, 12, 3)}
        for level, (size, before, after) in heading_sizes.items():
            style = styles[f"Heading {level}"]
            style_font(style, size=size, bold=True, color=ACCENT if level < 3 else TEXT)
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(before), Pt(after)
            fmt.keep_with_next = True
            fmt.line_spacing = 1.0
            if level == 1:
                fmt.page_break_before = True
                paragraph_border(style.element.get_or_add_pPr(), "bottom", 6, "1F4E79", space=4)

        toc_heading = styles["TOC Heading"]
        style_font(toc_heading, size=18, bold=True, color=ACCENT)
        toc_heading.paragraph_format.page_break_before = False
        toc_heading.paragraph_format.space_after = Pt(14)
        paragraph_border(toc_heading.element.get_or_add_pPr(), "bottom", 6, "1F4E79", space=4)

        for level in (1, 2, 3):
            style = get_or_add_style(self.word, f"toc {level}", base="Normal")
            style_font(style, size=10.5 if level < 3 else 9.5, bold=level == 1)
            fmt = style.paragraph_format
            fmt.left_indent = Cm(0.6 * (level - 1))
            fmt.space_before = Pt(8 if level == 1 else 0)
            fmt.space_after = Pt(2)
            fmt.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

        caption = styles["Caption"]
        style_font(caption, size=9.5, bold=True, color=TEXT)
        caption.paragraph_format.space_before = Pt(8)
        caption.paragraph_format.space_after = Pt(4)
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

        table_text = get_or_add_style(self.word, "Tabelltext", base="Normal")
        style_font(table_text, size=9)
        table_text.paragraph_format.space_after = Pt(0)
        table_text.paragraph_format.line_spacing = 1.1

        table_note = get_or_add_style(self.word, "Tabellnot", base="Normal")
        style_font(table_note, size=8, color=MUTED)
        table_note.paragraph_format.space_before = Pt(3)
        table_note.paragraph_format.space_after = Pt(0)

        lead = get_or_add_style(self.word, "Ingress", base="Normal")
        style_font(lead, size=11.5, color=RGBColor(0x26, 0x26, 0x26))
        small = get_or_add_style(self.word, "Liten text", base="Normal")
        style_font(small, size=9)
        quote = styles["Quote"]
        style_font(quote, size=10.5, italic=True, color=TEXT)
        quote.paragraph_format.left_indent = Cm(1.2)

        bullet = styles["List Bullet"]
        bullet.paragraph_format.space_after = Pt(3)

        footer = styles["Footer"]
        style_font(footer, size=8, color=RGBColor(0x5A, 0x5A, 0x5A))
        footer.paragraph_format.tab_stops.clear_all()  # the template's centre/right tabs

        cover_styles = {
            "Omslag förbund": (13, True, ACCENT),
            "Omslag titel": (32, True, TEXT),
            "Omslag år": (32, False, ACCENT),
            "Omslag underrubrik": (12, False, MUTED),
            "Omslag not": (9, False, MUTED),
        }
        for name, (size, bold, color) in cover_styles.items():
            style = get_or_add_style(self.word, name, base="Normal")
            style_font(style, size=size, bold=bold, color=color)
            style.paragraph_format.line_spacing = 1.05

    def _setup_properties(self) -> None:
        props = self.word.core_properties
        metadata = self.doc.metadata
        props.title = self.doc.cover_title
        props.author = metadata.get("author", self.doc.organisation)
        props.subject = metadata.get("subject", "")
        props.keywords = metadata.get("keywords", "")
        props.language = self.doc.language
        props.last_modified_by = self.doc.organisation
        props.revision = 1
        props.comments = ""
        now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
        props.created = props.modified = now  # the template's own dates are from 2013

    # --- Blocks --------------------------------------------------------------------------

    def _cover(self) -> None:
        doc = self.doc
        organisation = self._paragraph(doc.organisation, style="Omslag förbund")
        organisation.paragraph_format.space_before = Cm(5.5)
        organisation.paragraph_format.space_after = Cm(1.2)
        paragraph_border(organisation._p.get_or_add_pPr(), "bottom", 6, "1F4E79", space=8)
        title = self._paragraph(doc.title, style="Omslag titel")
        title.paragraph_format.space_after = Pt(2)
        if doc.year:
            self._paragraph(str(doc.year), style="Omslag år")
        if doc.subtitle:
            subtitle = self._paragraph(doc.subtitle, style="Omslag underrubrik")
            subtitle.paragraph_format.space_before = Cm(1.0)
        if doc.cover_note:
            # Word has no "foot of the page" for body text: a fixed space puts the note
            # near the bottom of the cover, as in the PDF.
            note = self._paragraph(doc.cover_note, style="Omslag not")
            note.paragraph_format.space_before = Cm(9.5 if not doc.subtitle else 8.0)
            paragraph_border(note._p.get_or_add_pPr(), "top", 6, "1F4E79", space=6)
        self._page_break()

    def _block(self, index: int, block: object) -> None:
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            paragraph = self._paragraph(style=_PARAGRAPH_STYLES[block.style])
            add_runs(paragraph, block.runs)
        elif isinstance(block, BulletList):
            for item in block.items:
                paragraph = self._paragraph(style="List Bullet")
                add_runs(paragraph, item.runs)
            if block.items:  # the list's items sit close; the text after it does not
                paragraph.paragraph_format.space_after = Pt(8)
        elif isinstance(block, Table):
            self._table(block, self.captions.get(index, ""))
        elif isinstance(block, Figure):
            self._figure(block, self.captions.get(index, ""))
        elif isinstance(block, PageBreak):
            self._page_break()
        elif isinstance(block, TableOfContents):
            self._table_of_contents(block)
        elif isinstance(block, SignatureBlock):
            self._signatures(block)
        else:
            raise TypeError(f"Okänd blocktyp i dokumentet: {type(block).__name__}.")

    def _page_break(self) -> None:
        """Start the next paragraph on a new page (pageBreakBefore, not a break character:
        a break character followed by a Heading 1, which breaks by itself, gives Word an
        empty page)."""
        self._break_pending = True

    def _style_id(self, name: str) -> str | None:
        """The style's id, looked up once per name (None for the default paragraph style).

        python-docx searches every style on each `paragraph.style = …`, by name and for the
        default style, which dominated the time of a long report; setting the id is direct.
        """
        if name not in self._style_ids:
            style = self.word.styles[name]
            default = self.word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            self._style_ids[name] = None if style == default else style.style_id
        return self._style_ids[name]

    def _set_style(self, paragraph: DocxParagraph, name: str) -> DocxParagraph:
        paragraph._p.get_or_add_pPr().style = self._style_id(name)
        return paragraph

    def _paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        paragraph = self.word.add_paragraph(text)
        if style:
            self._set_style(paragraph, style)
        if self._break_pending:
            paragraph.paragraph_format.page_break_before = True
            self._break_pending = False
        return paragraph

    def _flush_page_break(self) -> None:
        """Before a block that does not start with a paragraph (a table without caption)."""
        if self._break_pending:
            self._break_pending = False
            self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _heading(self, heading: Heading) -> None:
        paragraph = self._paragraph(style=f"Heading {heading.level}")
        start = self._bookmark_start(self.bookmarks[id(heading)])
        paragraph._p.append(start)
        paragraph.add_run(heading.text)
        paragraph._p.append(xml_element("w:bookmarkEnd", id=start.get(qn("w:id"))))

    def _bookmark_start(self, name: str):
        self._next_bookmark_id += 1
        return xml_element("w:bookmarkStart", id=str(self._next_bookmark_id), name=name)

    def _table_of_contents(self, toc: TableOfContents) -> None:
        """A TOC field whose cached result already lists the headings.

        Word rebuilds it on open (updateFields). LibreOffice keeps cached results as they
        are, so the entries are there; their page numbers are PAGEREF fields whose cached
        value is `heading_pages` when given (blank otherwise until the index is updated).
        """
        self._paragraph(toc.title, style="TOC Heading")
        headings = self.doc.headings(toc.max_level)
        instruction = f' TOC \\o "1-{toc.max_level}" \\h \\z \\u '
        if not headings:
            append_field(self._paragraph(style="toc 1")._p, instruction, "")
            self._page_break()
            return
        for position, heading in enumerate(headings):
            paragraph = self._paragraph(style=f"toc {heading.level}")
            if position == 0:
                paragraph._p.append(field_char("begin"))
                paragraph._p.append(instruction_run(instruction))
                paragraph._p.append(field_char("separate"))
            bookmark = self.bookmarks[id(heading)]
            link = xml_element("w:hyperlink", anchor=bookmark, history="1")
            paragraph._p.append(link)
            link.append(run_element(heading.text))
            link.append(run_element("\t"))
            page = self.heading_pages.get(id(heading), "")
            append_field(link, f"PAGEREF {bookmark} \\h", page)
            if position == len(headings) - 1:
                paragraph._p.append(field_char("end"))
        self._page_break()

    def _table(self, table: Table, caption: str) -> None:
        if caption or table.unit:
            paragraph = self._paragraph(style="Caption")
            paragraph.add_run(caption)
            if table.unit:
                unit = paragraph.add_run(f"\t{table.unit}")
                unit.bold = False
                unit.font.size = Pt(8.5)
                unit.font.color.rgb = MUTED

        self._flush_page_break()
        header = table.rendered_header()
        body = table.rendered_body()
        columns = len(table.columns)
        word_table = self.word.add_table(rows=len(header) + len(body), cols=columns)
        word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
        word_table.autofit = False
        table_properties(word_table, caption)
        widths = [int(Cm(width)) for width in table.column_widths(Emu(TEXT_WIDTH).cm)]
        set_grid(word_table, widths)
        # The cells by grid position, taken once: python-docx's table.cell() and row.cells
        # walk the whole table on every call, which is quadratic in the table's size.
        rows = list(word_table.rows)
        grid = [[_Cell(tc, word_table) for tc in row._tr.tc_lst] for row in rows]

        for row_index, cells in enumerate(header):
            row_properties(rows[row_index], header=True)
            for span in self._fill_row(grid[row_index], cells, widths):
                span.paragraphs[0].paragraph_format.keep_with_next = True
                shade(span, HEADER_FILL)
                cell_borders(
                    span,
                    top=(10, "1F4E79") if row_index == 0 else None,
                    bottom=(6, "1F4E79") if row_index == len(header) - 1 else (4, "A6B8CC"),
                )
                vertical_align(span, "bottom")

        last = len(body) - 1
        keep_together = len(body) <= KEEP_TOGETHER_ROWS
        for offset, (kind, cells) in enumerate(body):
            row_index = len(header) + offset
            row_properties(rows[row_index], header=False)
            for span in self._fill_row(grid[row_index], cells, widths):
                # Word's way to keep a table on one page, and its last row with its notes
                if (keep_together and offset < last) or (offset == last and table.notes):
                    span.paragraphs[0].paragraph_format.keep_with_next = True
                bottom = (10, "1F4E79") if offset == last else (4, "D0D7DE")
                top = (6, "1A1A1A") if kind == "total" else None
                cell_borders(span, top=top, bottom=bottom)
                if kind == "section":
                    for run in span.paragraphs[0].runs:
                        run.italic = True
                        run.font.color.rgb = ACCENT
                    span.paragraphs[0].paragraph_format.space_before = Pt(3)

        for position, note in enumerate(table.notes, start=1):
            paragraph = self._paragraph(note, style="Tabellnot")
            paragraph.paragraph_format.keep_with_next = position < len(table.notes)
        spacer = self._paragraph()
        spacer.paragraph_format.space_after = Pt(4)
        paragraph_mark_size(spacer, 4)

    def _fill_row(
        self, row_cells: list[_Cell], cells: list[RenderedCell], widths: list[int]
    ) -> Iterator[_Cell]:
        """Fill one row left to right (merging spans as it goes: the cells right of a merge
        are still the row's own until they are reached)."""
        column = 0
        for cell in cells:
            target = row_cells[column]
            if cell.colspan > 1:
                target = target.merge(row_cells[column + cell.colspan - 1])
            target.width = Emu(sum(widths[column : column + cell.colspan]))
            paragraph = target.paragraphs[0]
            self._set_style(paragraph, "Tabelltext")
            paragraph.alignment = _ALIGNMENT[cell.align]
            if cell.text:
                run = paragraph.add_run(cell.text)
                run.bold = cell.bold or None
            yield target
            column += cell.colspan

    def _figure(self, figure: Figure, caption: str) -> None:
        if caption:
            self._paragraph(caption, style="Caption")
        paragraph = self._paragraph()
        paragraph.paragraph_format.keep_together = True
        width = min(Cm(figure.width_cm), TEXT_WIDTH)
        shape = paragraph.add_run().add_picture(io.BytesIO(figure.png(dpi=200)), width=width)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", figure.alt_text)
        doc_pr.set("title", figure.caption or figure.alt_text[:60])

    def _signatures(self, block: SignatureBlock) -> None:
        if block.intro:
            self._paragraph(block.intro)
        text, blank = block.date_line
        place = self._paragraph(text)
        place.paragraph_format.space_before = Pt(8)
        place.paragraph_format.keep_with_next = True
        if blank:  # an underlined tab: a line to write the date on
            place.paragraph_format.tab_stops.add_tab_stop(Cm(9.0))
            place.add_run(" ")
            place.add_run("\t").font.underline = True
        self._flush_page_break()
        columns = 2
        rows = (len(block.signatories) + columns - 1) // columns
        word_table = self.word.add_table(rows=rows, cols=columns)
        word_table.autofit = False
        gap = Cm(1.6)
        width = int((TEXT_WIDTH - gap) / columns)
        set_grid(word_table, [width + gap // 2] * columns)
        for position, signatory in enumerate(block.signatories):
            row = word_table.rows[position // columns]
            row_properties(row, header=False)
            cell = row.cells[position % columns]
            cell.width = width + gap // 2
            if position % columns == 0:
                cell_margins(cell, right=int(gap / 2))
            else:
                cell_margins(cell, left=int(gap / 2))
            line = cell.paragraphs[0]
            line.paragraph_format.space_before = Pt(40)
            line.paragraph_format.space_after = Pt(2)
            line.paragraph_format.keep_with_next = True
            paragraph_border(line._p.get_or_add_pPr(), "bottom", 6, "1A1A1A", space=1)
            paragraph_mark_size(line, 2)
            name = cell.add_paragraph()
            name.paragraph_format.space_after = Pt(0)
            name.paragraph_format.keep_with_next = True
            name.add_run(signatory.name).bold = True
            if signatory.role:
                role = self._set_style(cell.add_paragraph(), "Liten text")
                role.add_run(signatory.role).font.color.rgb = MUTED
