"""Low-level Word XML (OOXML) for the DOCX renderer: what python-docx has no API for.

Field codes (TOC, PAGE, NUMPAGES, PAGEREF), borders, shading, cell margins, table
captions and header rows, languages, and styles, with the schema's child order kept
(Word rejects files whose properties are out of order).
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from core.document import Run

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans

# Child order of the OOXML schema: Word rejects files whose properties are out of order.
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TC_PR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip
_TBL_PR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
    "w:tblDescription",
)  # fmt: skip
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip


def set_child(parent, child, order: tuple[str, ...]):
    """Replace `parent`'s child of the same tag, keeping the schema's order."""
    tag = child.tag
    for existing in parent.findall(tag):
        parent.remove(existing)
    prefixed = next(name for name in order if qn(name) == tag)
    parent.insert_element_before(child, *order[order.index(prefixed) + 1 :])
    return child


def xml_element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def add_runs(paragraph: DocxParagraph, runs: list[Run]) -> None:
    for run in runs:
        for number, line in enumerate(run.text.split("\n")):
            if number:
                paragraph.add_run().add_break()
            if line:
                word_run = paragraph.add_run(line)
                word_run.bold = run.bold or None
                word_run.italic = run.italic or None


def style_font(
    style,
    *,
    size: float,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
) -> None:
    """Set the font explicitly, replacing the template's theme fonts and theme colours."""
    rpr = style.element.get_or_add_rPr()
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    set_child(rpr, fonts, _RPR_ORDER)
    for element in rpr.findall(qn("w:color")):
        rpr.remove(element)
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color


def get_or_add_style(word, name: str, *, base: str):
    styles = word.styles
    if name in [style.name for style in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def set_language(word, language: str) -> None:
    """sv-SE for spelling, hyphenation and screen readers; Swedish decimal comma."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = xml_element("w:lang", val=language, eastAsia=language, bidi="ar-SA")
    set_child(rpr, lang, _RPR_ORDER)
    settings = word.settings.element
    for tag, attributes in (
        ("w:themeFontLang", {"val": language}),
        ("w:decimalSymbol", {"val": ","}),
        ("w:listSeparator", {"val": ";"}),
    ):
        element = settings.find(qn(tag))
        if element is not None:
            element.attrib.clear()
            for name, value in attributes.items():
                element.set(qn(f"w:{name}"), value)


def request_field_update(word) -> None:
    """Ask Word to refresh fields (the TOC's page numbers) when the file is opened."""
    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.insert_element_before(
            xml_element("w:updateFields", val="true"),
            "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
            "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
            "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
            "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
            "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
            "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
            "w:listSeparator",
        )  # fmt: skip


def run_element(text: str = "", *, child=None):
    run = OxmlElement("w:r")
    if child is not None:
        run.append(child)
    elif text == "\t":
        run.append(OxmlElement("w:tab"))
    else:
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = text
        run.append(element)
    return run


def field_char(kind: str):
    return run_element(child=xml_element("w:fldChar", fldCharType=kind))


def instruction_run(text: str):
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return run_element(child=element)


def append_field(parent, instruction: str, cached: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end) in `parent`."""
    parent.append(field_char("begin"))
    parent.append(instruction_run(f" {instruction.strip()} "))
    parent.append(field_char("separate"))
    if cached:
        parent.append(run_element(cached))
    parent.append(field_char("end"))


def paragraph_border(ppr, side: str, size: int, color: str, *, space: int = 1) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = set_child(ppr, OxmlElement("w:pBdr"), _PPR_ORDER)
    border = xml_element(f"w:{side}", val="single", sz=str(size), space=str(space), color=color)
    borders.append(border)  # only one side is ever set, so order inside pBdr holds


def paragraph_mark_size(paragraph: DocxParagraph, points: float) -> None:
    """Shrink an empty paragraph (spacers, signature lines) through its paragraph mark."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = set_child(ppr, OxmlElement("w:rPr"), _PPR_ORDER)
    set_child(rpr, xml_element("w:sz", val=str(int(points * 2))), _RPR_ORDER)


def table_properties(word_table: DocxTable, caption: str) -> None:
    tbl_pr = word_table._tbl.tblPr
    set_child(tbl_pr, xml_element("w:tblW", w="5000", type="pct"), _TBL_PR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", 45), ("left", 100), ("bottom", 45), ("right", 100)):
        margins.append(xml_element(f"w:{side}", w=str(value), type="dxa"))
    set_child(tbl_pr, margins, _TBL_PR_ORDER)
    look = xml_element(
        "w:tblLook", val="0020", firstRow="1", lastRow="0", firstColumn="0",
        lastColumn="0", noHBand="1", noVBand="1",
    )  # fmt: skip
    set_child(tbl_pr, look, _TBL_PR_ORDER)
    if caption:  # Word's table alt text ("Alternativ text" > Rubrik)
        set_child(tbl_pr, xml_element("w:tblCaption", val=caption[:255]), _TBL_PR_ORDER)


def set_grid(word_table: DocxTable, widths: list[int]) -> None:
    grid = word_table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width / 635)))  # EMU -> twentieths of a point
    for column, width in zip(word_table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = width


def row_properties(row, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # trPr children are a free choice: any order
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def shade(cell, fill: str) -> None:
    shading = xml_element("w:shd", val="clear", color="auto", fill=fill)
    set_child(cell._tc.get_or_add_tcPr(), shading, _TC_PR_ORDER)


def cell_borders(cell, *, top=None, bottom=None) -> None:
    borders = OxmlElement("w:tcBorders")
    for side, spec in (("top", top), ("left", None), ("bottom", bottom), ("right", None)):
        if spec is None:
            borders.append(xml_element(f"w:{side}", val="nil"))
        else:
            size, color = spec
            borders.append(
                xml_element(f"w:{side}", val="single", sz=str(size), space="0", color=color)
            )
    set_child(cell._tc.get_or_add_tcPr(), borders, _TC_PR_ORDER)


def vertical_align(cell, value: str) -> None:
    set_child(cell._tc.get_or_add_tcPr(), xml_element("w:vAlign", val=value), _TC_PR_ORDER)


def cell_margins(cell, *, left: int = 0, right: int = 0) -> None:
    margins = OxmlElement("w:tcMar")
    for side, value in (("left", left), ("right", right)):
        margins.append(xml_element(f"w:{side}", w=str(int(value / 635)), type="dxa"))
    set_child(cell._tc.get_or_add_tcPr(), margins, _TC_PR_ORDER)
