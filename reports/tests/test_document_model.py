import datetime

import pytest

from core.document import (
    CELL_PADDING_CM,
    BulletList,
    Cell,
    Column,
    Document,
    Figure,
    Heading,
    Paragraph,
    Row,
    Run,
    SignatureBlock,
    Table,
    parse_inline,
    parse_simple_formatting,
    text_width_cm,
    without_control_characters,
)
from core.formatting import MINUS, NBSP

# --- Simple formatting ----------------------------------------------------------------------


def test_parse_inline_reads_bold_and_italic():
    assert parse_inline("en **viktig** och *lugn* text") == [
        Run("en "),
        Run("viktig", bold=True),
        Run(" och "),
        Run("lugn", italic=True),
        Run(" text"),
    ]


def test_parse_inline_reads_italic_inside_bold_and_triple_asterisks():
    assert parse_inline("**fet *kursiv* fet**") == [
        Run("fet ", bold=True),
        Run("kursiv", bold=True, italic=True),
        Run(" fet", bold=True),
    ]
    assert parse_inline("***båda***") == [Run("båda", bold=True, italic=True)]


def test_parse_inline_leaves_unmatched_and_spaced_asterisks_alone():
    assert parse_inline("5 * 3 = 15") == [Run("5 * 3 = 15")]
    assert parse_inline("**inte stängd") == [Run("**inte stängd")]
    assert parse_inline("fotnot*") == [Run("fotnot*")]


def test_parse_inline_does_not_treat_asterisks_inside_words_as_italic():
    assert parse_inline("a*b*c") == [Run("a*b*c")]


def test_parse_simple_formatting_splits_paragraphs_on_blank_lines():
    blocks = parse_simple_formatting("Första stycket.\n\n\nAndra stycket.")
    assert [block.plain_text for block in blocks] == ["Första stycket.", "Andra stycket."]


def test_parse_simple_formatting_keeps_single_line_breaks_inside_a_paragraph():
    (paragraph,) = parse_simple_formatting("Torbjörn Einarsson\r\nOrdförande\r\n")
    assert isinstance(paragraph, Paragraph)
    assert paragraph.plain_text == "Torbjörn Einarsson\nOrdförande"


def test_parse_simple_formatting_reads_bullet_lists_with_formatting():
    blocks = parse_simple_formatting(
        "Styrelsen beslutade att:\n- se över **alla** kostnader,\n• äska mer,\n  fortsatt\n\nSlut."
    )
    assert [type(block) for block in blocks] == [Paragraph, BulletList, Paragraph]
    bullets = blocks[1]
    assert [item.plain_text for item in bullets.items] == [
        "se över alla kostnader,",
        "äska mer, fortsatt",
    ]
    assert bullets.items[0].runs[1] == Run("alla", bold=True)


def test_parse_simple_formatting_of_empty_text_gives_no_blocks():
    assert parse_simple_formatting("  \n\n ") == []


def test_a_hyphen_inside_a_line_is_not_a_bullet():
    (paragraph,) = parse_simple_formatting("Resultat 2023 - en översikt")
    assert isinstance(paragraph, Paragraph)


# --- Tables -------------------------------------------------------------------------------


def amounts_table(**kwargs) -> Table:
    return Table(
        columns=[Column("Post"), Column("2023", kind="tkr"), Column("Andel", kind="percent")],
        rows=[["Medlemsavgifter", 6_000_000, 0.674], ["ESF", 2_900_400, None]],
        **kwargs,
    )


def test_table_formats_values_by_column_kind_and_right_aligns_numbers():
    kind, cells = amounts_table().rendered_body()[0]
    assert kind == "body"
    assert [cell.text for cell in cells] == ["Medlemsavgifter", f"6{NBSP}000", f"67{NBSP}%"]
    assert [cell.align for cell in cells] == ["left", "right", "right"]


def test_table_shows_missing_numbers_as_dash_and_keeps_ready_strings():
    table = Table(
        columns=[Column("Insats"), Column("Arbete", kind="number")],
        rows=[["A", None], ["B", "57 (43 %)"]],
    )
    texts = [[cell.text for cell in cells] for _, cells in table.rendered_body()]
    assert texts == [["A", "–"], ["B", "57 (43 %)"]]


def test_table_total_rows_are_bold_and_come_last():
    table = amounts_table(total_rows=[["Summa", 8_900_400, 1]])
    kind, cells = table.rendered_body()[-1]
    assert kind == "total"
    assert all(cell.bold for cell in cells)
    assert cells[1].text == f"8{NBSP}900"


def test_table_section_rows_span_the_whole_width():
    table = Table(
        columns=[Column("Post"), Column("Utfall", kind="tkr"), Column("Budget", kind="tkr")],
        rows=[Row(["Individinriktade insatser"], "section"), ["Teamet", -1_183_000, 0]],
    )
    (section_kind, section), (_, body) = table.rendered_body()
    assert section_kind == "section"
    assert section[0].colspan == 3
    assert body[1].text == f"{MINUS}1{NBSP}183"


def test_table_header_rows_can_group_columns():
    table = Table(
        columns=[Column("Insats"), Column("Kvinnor", kind="number"), Column("Män", kind="number")],
        header_rows=[["", Cell("Antal deltagare", colspan=2)]],
        rows=[["FINSAM-team", 81, 49]],
    )
    grouping, titles = table.rendered_header()
    assert [(cell.text, cell.colspan, cell.align) for cell in grouping] == [
        ("", 1, "left"),
        ("Antal deltagare", 2, "center"),
    ]
    assert [cell.text for cell in titles] == ["Insats", "Kvinnor", "Män"]
    assert all(cell.is_header and cell.bold for cell in titles)


def test_a_cell_can_override_its_columns_format():
    table = Table(
        columns=[Column(""), Column("2023", kind="tkr")],
        rows=[["Soliditet", Cell(0.453, kind="percent", decimals=1)]],
    )
    assert table.rendered_body()[0][1][1].text == f"45,3{NBSP}%"


def test_table_rejects_rows_of_the_wrong_width_naming_row_and_counts():
    with pytest.raises(ValueError, match=r"Tabellen 'Deltagare', rad 2: 2 celler men 3 kolumner"):
        Table(
            caption="Deltagare",
            columns=[Column("Insats"), Column("Kvinnor"), Column("Män")],
            rows=[["A", 1, 2], ["B", 1]],
        )


def test_table_without_columns_is_rejected():
    with pytest.raises(ValueError, match="saknar kolumner"):
        Table(columns=[], rows=[])


# --- Figures, headings, signatures, document --------------------------------------------------


def test_figure_requires_a_text_alternative():
    with pytest.raises(ValueError, match="saknar textalternativ"):
        Figure(caption="Organisationsskiss", image_png=b"\x89PNG", alt_text=" ")


def test_figure_needs_exactly_one_source():
    with pytest.raises(ValueError, match="antingen ett diagram eller en bild"):
        Figure(caption="Tom", alt_text="Inget")


def test_heading_levels_are_limited_to_three():
    with pytest.raises(ValueError, match="Rubriknivå måste vara 1, 2 eller 3, fick 4"):
        Heading(4, "För djup")


def test_signature_block_writes_place_and_date_in_swedish():
    block = SignatureBlock(signatories=[], place="Åkersberga", date=datetime.date(2024, 3, 20))
    assert block.place_and_date == "Åkersberga den 20 mars 2024"
    assert SignatureBlock(signatories=[], place="Täby").place_and_date == "Täby"
    assert SignatureBlock(signatories=[]).place_and_date == ""


def test_document_numbers_table_and_figure_captions_separately():
    doc = Document(title="Årsredovisning", organisation="Samordningsförbundet Test", year=2023)
    doc.add(
        Heading(1, "Ekonomi"),
        amounts_table(caption="Intäkter"),
        Figure(caption="Organisation", image_png=b"png", alt_text="Skiss"),
        amounts_table(caption="Kostnader"),
        amounts_table(),  # no caption: counted, nothing shown
        amounts_table(caption="Noter"),
    )
    assert list(doc.captions().values()) == [
        "Tabell 1. Intäkter",
        "Figur 1. Organisation",
        "Tabell 2. Kostnader",
        "Tabell 4. Noter",
    ]
    assert doc.cover_title == "Årsredovisning 2023"
    assert [heading.text for heading in doc.headings()] == ["Ekonomi"]


def test_control_characters_from_pasted_text_are_removed_and_vertical_tab_breaks_the_line():
    doc = Document(title="Rapport\x01", organisation="Förbund")
    doc.add(Heading(1, "Rubrik\x0c"), Paragraph([Run("rad ett\x0brad två\x00")]))
    clean = without_control_characters(doc)
    assert clean.title == "Rapport"
    assert clean.blocks[0].text == "Rubrik"
    assert clean.blocks[1].plain_text == "rad ett\nrad två"
    assert doc.title == "Rapport\x01"  # the original is left as it was


def test_an_unsigned_signature_block_leaves_a_blank_for_the_date():
    assert SignatureBlock(signatories=[], place="Norrby").date_line == ("Norrby den", True)
    assert SignatureBlock(signatories=[]).date_line == ("Ort och datum", True)
    signed = SignatureBlock(signatories=[], place="Norrby", date=datetime.date(2026, 3, 18))
    assert signed.date_line == ("Norrby den 18 mars 2026", False)


def test_a_column_is_never_narrower_than_its_header_word_or_its_numbers():
    """Word and LibreOffice broke "Kostnade|r" and "Sjukdo|m" in narrow number columns."""
    columns = [Column("", width=3.0)] + [
        Column(title, kind="tkr") for title in ("Intäkter", "Kostnader", "Netto", "Sjukdom")
    ]
    table = Table(columns=columns, rows=[["Administration", 1, 2, -1_808_000, 1_000_000_000]])
    widths = table.column_widths(10.5)
    assert sum(widths) == pytest.approx(10.5)
    assert widths[2] >= text_width_cm("Kostnader") + CELL_PADDING_CM
    assert widths[4] >= text_width_cm("Sjukdom") + CELL_PADDING_CM
    assert widths[3] >= text_width_cm("\u22121\u00a0808") + CELL_PADDING_CM
    assert widths[0] < 10.5 * 3.0 / 7.0  # the text column gave the room


def test_column_widths_follow_the_weights_when_every_column_has_room():
    table = Table(columns=[Column("Mål", width=3.0), Column("Värde", kind="number")], rows=[])
    assert table.column_widths(16.0) == pytest.approx([12.0, 4.0])


# --- Sums that tie as shown -----------------------------------------------------------------


def test_a_tkr_table_shows_parts_that_add_up_to_the_shown_sum():
    table = Table(
        columns=[Column(""), Column("2024", kind="tkr")],
        rows=[["A", 1400], ["B", 1450], ["C", 400]],
        total_rows=[["Summa", 3250]],
    )
    shown = [cells[1].text for _kind, cells in table.rendered_body()]
    assert shown == ["1", "2", "0", "3"]
    assert table.sum_errors() == []


def test_a_sum_row_after_another_sum_must_say_what_it_sums():
    rows = [Row(["A", 1]), Row(["Summa", 1], "subtotal"), Row(["B", 2]), Row(["Allt", 3], "total")]
    table = Table(columns=[Column(""), Column("n", kind="number")], rows=rows)
    assert table.sum_errors() == ["'', rad 4: summaraden anger inte vad den summerar"]
    rows[3].sum_of = (1, 2)
    assert table.sum_errors() == []
    rows[3].cells[1] = 4
    assert table.sum_errors() == ["'', rad 4 (Allt), kolumn 'n': visad summa 4, delarna ger 3"]
