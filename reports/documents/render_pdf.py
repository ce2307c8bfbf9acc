"""Render a Document to PDF through HTML + CSS with WeasyPrint.

The HTML is built here with escaped strings (no template engine, so no Django settings
are needed); the print stylesheet is `templates/reports/pdf/document.css`.

What the PDF gets: A4 pages, a cover without page number, a table of contents whose page
numbers come from CSS `target-counter`, "Sida X av Y" in the footer, headings as PDF
bookmarks, table header rows repeated on every page, `lang="sv"`, image alt text, and
PDF/UA-1 tagging (WeasyPrint's `pdf_variant="pdf/ua-1"`, which turns on `pdf_tags`;
WeasyPrint calls its PDF/UA support experimental, so conformance is not guaranteed).
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from core.document import (
    BulletList,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    RenderedCell,
    Run,
    SignatureBlock,
    Table,
    TableOfContents,
    without_control_characters,
)

STYLESHEET = Path(__file__).parents[1] / "templates" / "reports" / "pdf" / "document.css"
_HEADING_ANCHOR = "rubrik-"
DEFAULT_PDF_VARIANT = "pdf/ua-1"


KEEP_TOGETHER_ROWS = 15  # tables this short move to the next page whole instead of splitting
TEXT_WIDTH_CM = 21.0 - 2.4 - 2.2  # A4 less the stylesheet's left and right page margins


def render_pdf(doc: Document, *, pdf_variant: str | None = DEFAULT_PDF_VARIANT) -> bytes:
    """The document as PDF bytes. `pdf_variant=None` gives an untagged plain PDF."""
    return render_pdf_with_pages(doc, pdf_variant=pdf_variant)[0]


def render_pdf_with_pages(
    doc: Document, *, pdf_variant: str | None = DEFAULT_PDF_VARIANT
) -> tuple[bytes, list[int]]:
    """The PDF and, from the same layout, the page of each heading (see heading_pages):
    a caller that makes both files lays the document out once."""
    options: dict[str, object] = {"pdf_tags": True}
    if pdf_variant:
        options["pdf_variant"] = pdf_variant
    document = _html(doc).render(**options)
    result = document.write_pdf(**options)
    assert result is not None
    return result, _pages_of_headings(doc, document)


def heading_pages(doc: Document) -> list[int]:
    """The page each heading lands on in the PDF layout, in document order.

    `render_docx(doc, heading_pages=...)` uses these as the TOC's cached page numbers,
    which LibreOffice shows as they are (Word recomputes them on open). The layout uses
    placeholders of the same size for the figures, so no chart is drawn for it.
    """
    return _pages_of_headings(doc, _html(doc, placeholders=True).render())


def _pages_of_headings(doc: Document, document) -> list[int]:
    headings = [block for block in doc.blocks if isinstance(block, Heading)]
    pages = [0] * len(headings)
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            if anchor.startswith(_HEADING_ANCHOR):
                pages[int(anchor.removeprefix(_HEADING_ANCHOR)) - 1] = number
    return pages


def _html(doc: Document, *, placeholders: bool = False):
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    html = render_html(doc, placeholders=placeholders)
    return HTML(string=html, base_url=str(STYLESHEET.parent))


def render_html(doc: Document, *, placeholders: bool = False) -> str:
    """The print HTML for WeasyPrint (also handy to inspect in a browser).

    `placeholders` puts empty boxes of each figure's printed size where the images go: the
    layout (and so every page number) is the same, without drawing a chart.
    """
    return _HtmlBuilder(without_control_characters(doc), placeholders).build()


class _HtmlBuilder:
    def __init__(self, doc: Document, placeholders: bool = False) -> None:
        self.doc = doc
        self.placeholders = placeholders
        self.captions = doc.captions()
        self.heading_ids = {
            id(block): f"{_HEADING_ANCHOR}{number}"
            for number, block in enumerate(
                (b for b in doc.blocks if isinstance(b, Heading)), start=1
            )
        }

    def build(self) -> str:
        doc = self.doc
        language = doc.language.split("-")[0]
        body = [self._cover()]
        for index, block in enumerate(doc.blocks):
            body.append(self._block(index, block))
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(doc.cover_title)}</title>\n"
            f"{self._meta_tags()}"
            f"<style>\n{STYLESHEET.read_text(encoding='utf-8')}\n{self._page_css()}</style>\n"
            "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
        )

    def _meta_tags(self) -> str:
        metadata = {"author": self.doc.organisation, **self.doc.metadata}
        names = {"subject": "description", "created": "dcterms.created"}
        tags = []
        for key, value in metadata.items():
            name = names.get(key, key)
            tags.append(f'<meta name="{escape(name)}" content="{escape(value)}">\n')
        return "".join(tags)

    def _page_css(self) -> str:
        footer = f"{self.doc.organisation} · {self.doc.cover_title}"
        css = f"@page {{ @bottom-left {{ content: {_css_string(footer)}; }} }}\n"
        if self.placeholders:
            # A page number of the same width: target-counter makes WeasyPrint lay the
            # document out again once the targets are known, which the TOC pages need not.
            css += '.toc a::after { content: leader(dotted) " " "00"; }\n'
        return css

    def _cover(self) -> str:
        doc = self.doc
        parts = [
            '<section class="cover">',
            f'<p class="cover-organisation">{escape(doc.organisation)}</p>',
            f'<p class="cover-title">{escape(doc.title)}</p>',
        ]
        if doc.year:
            parts.append(f'<p class="cover-year">{doc.year}</p>')
        if doc.subtitle:
            parts.append(f'<p class="cover-subtitle">{escape(doc.subtitle)}</p>')
        if doc.cover_note:
            note = escape(doc.cover_note).replace("\n", "<br>")
            parts.append(f'<p class="cover-note">{note}</p>')
        parts.append("</section>")
        return "\n".join(parts)

    def _block(self, index: int, block: object) -> str:
        if isinstance(block, Heading):
            return self._heading(block)
        if isinstance(block, Paragraph):
            return _paragraph(block)
        if isinstance(block, BulletList):
            items = "".join(f"<li>{_runs(item.runs)}</li>" for item in block.items)
            return f"<ul>{items}</ul>"
        if isinstance(block, Table):
            return self._table(block, self.captions.get(index, ""))
        if isinstance(block, Figure):
            return _figure(block, self.captions.get(index, ""), placeholder=self.placeholders)
        if isinstance(block, PageBreak):
            return '<div class="page-break"></div>'
        if isinstance(block, TableOfContents):
            return self._table_of_contents(block)
        if isinstance(block, SignatureBlock):
            return _signatures(block)
        raise TypeError(f"Okänd blocktyp i dokumentet: {type(block).__name__}.")

    def _heading(self, heading: Heading) -> str:
        tag = f"h{heading.level}"
        anchor = self.heading_ids[id(heading)]
        return f'<{tag} id="{anchor}">{escape(heading.text)}</{tag}>'

    def _table_of_contents(self, toc: TableOfContents) -> str:
        entries = []
        for heading in self.doc.headings(toc.max_level):
            anchor = self.heading_ids[id(heading)]
            entries.append(
                f'<li class="toc-level-{heading.level}">'
                f'<a href="#{anchor}">{escape(heading.text)}</a></li>'
            )
        return (
            f'<nav class="toc"><h1 class="toc-title">{escape(toc.title)}</h1>'
            f"<ol>{''.join(entries)}</ol></nav>"
        )

    def _table(self, table: Table, caption: str) -> str:
        cols = "".join(
            f'<col style="width: {100 * width / TEXT_WIDTH_CM:.2f}%">'
            for width in table.column_widths(TEXT_WIDTH_CM)
        )
        head = "".join(
            "<tr>" + "".join(_cell(cell, "th", scope="col") for cell in row) + "</tr>"
            for row in table.rendered_header()
        )
        body = []
        first_is_label = table.columns[0].kind == "text"
        for kind, cells in table.rendered_body():
            html_cells = []
            for position, cell in enumerate(cells):
                if position == 0 and (first_is_label or kind == "section"):
                    html_cells.append(_cell(cell, "th", scope="row"))
                else:
                    html_cells.append(_cell(cell, "td"))
            body.append(f'<tr class="row-{kind}">{"".join(html_cells)}</tr>')
        keep = " keep-together" if len(body) <= KEEP_TOGETHER_ROWS else ""
        parts = [f'<div class="table-block{keep}">']
        if table.unit:
            parts.append(f'<p class="table-unit">{escape(table.unit)}</p>')
        parts.append("<table>")
        if caption:
            parts.append(f"<caption>{escape(caption)}</caption>")
        parts.append(f"<colgroup>{cols}</colgroup><thead>{head}</thead>")
        parts.append(f"<tbody>{''.join(body)}</tbody></table>")
        parts.extend(f'<p class="table-note">{escape(note)}</p>' for note in table.notes)
        parts.append("</div>")
        return "".join(parts)


def _cell(cell: RenderedCell, tag: str, *, scope: str | None = None) -> str:
    classes = [f"align-{cell.align}"]
    if cell.bold:
        classes.append("bold")
    attributes = f' class="{" ".join(classes)}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
        if tag == "th" and scope == "col":
            scope = "colgroup"
    if scope:
        attributes += f' scope="{scope}"'
    return f"<{tag}{attributes}>{escape(cell.text)}</{tag}>"


def _runs(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br>")
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    return "".join(parts)


def _paragraph(paragraph: Paragraph) -> str:
    return f'<p class="{paragraph.style}">{_runs(paragraph.runs)}</p>'


def _figure(figure: Figure, caption: str, *, placeholder: bool = False) -> str:
    caption_html = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    if placeholder:
        # The image's printed size: its width, at most the text width, at its aspect ratio.
        width = min(figure.width_cm, TEXT_WIDTH_CM)
        height = figure.height_cm * width / figure.width_cm
        return (
            f'<figure class="chart">{caption_html}'
            f'<div style="width: {width:.2f}cm; height: {height:.2f}cm"></div></figure>'
        )
    content = figure.png(dpi=200)
    mime = "image/jpeg" if content.startswith(b"\xff\xd8") else "image/png"
    data = base64.b64encode(content).decode("ascii")
    return (
        f'<figure class="chart">{caption_html}'
        f'<img src="data:{mime};base64,{data}" alt="{escape(figure.alt_text)}" '
        f'style="width: {figure.width_cm:.2f}cm">'
        "</figure>"
    )


def _signatures(block: SignatureBlock) -> str:
    parts = ['<section class="signatures">']
    if block.intro:
        parts.append(f'<p class="signature-intro">{escape(block.intro)}</p>')
    text, blank = block.date_line
    fill_in = ' <span class="fill-in"></span>' if blank else ""
    parts.append(f'<p class="signature-place">{escape(text)}{fill_in}</p>')
    parts.append('<div class="signature-grid">')
    for signatory in block.signatories:
        role = f'<p class="signature-role">{escape(signatory.role)}</p>' if signatory.role else ""
        parts.append(
            '<div class="signature">'
            '<div class="signature-line"></div>'
            f'<p class="signature-name">{escape(signatory.name)}</p>{role}</div>'
        )
    parts.append("</div></section>")
    return "".join(parts)


def _css_string(text: str) -> str:
    """A CSS string literal (quotes, backslashes and line breaks escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'
