"""Render a realistic annual report to DOCX and PDF and read the results back.

The sample uses figures from annual reports (Roslagen 2023, Stockholm stad 2023). PDF text is
read with pdftotext (poppler-utils); the DOCX-to-PDF check uses LibreOffice when present.
"""

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from core.charts import BarChart, Series, chart_figure
from core.document import (
    Cell,
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Signatory,
    SignatureBlock,
    Table,
    TableOfContents,
    parse_simple_formatting,
)
from core.formatting import NBSP, round_shares_to_100
from reports.documents.render_docx import render_docx
from reports.documents.render_pdf import heading_pages, render_html, render_pdf

CHAIR_TEXT = (  # as typed in a textarea: one line per paragraph, "- " for bullets
    "Samordningsförbundet Roslagen har under flera år arbetat med **45 %** av sin "
    "tilldelning enligt statens idealfördelningsmodell (13 mkr), som baseras på population "
    "och socioekonomisk struktur i förbundets medlemskommuner.\r\n\r\n"
    "Styrelsen beslutade tidigt under året att:\r\n"
    "- se över alla kostnader,\r\n"
    "- äska en *högre tilldelning* från medlemmarna,\r\n"
    "- fortsätta med individinsatser genom ESF-projektet Lumena.\r\n\r\n"
    "Jag vill från hela styrelsen rikta ett stort tack till alla våra engagerade anställda "
    "på förbundskansliet och i våra projekt."
)

END_REASONS = ["Arbete, studier, arbetssökande", "Fortsatt rehabilitering", "Sjukdom", "Annat"]
ENDED_PER_INSATS = {
    "FINSAM-team": [57, 12, 58, 7],
    "Aktivitetsplatsen": [16, 96, 98, 4],
    "IPS i psykosvården": [14, 6, 19, 4],
    "IPS beroendeproblematik": [2, 5, 0, 4],
}


def five_year_table() -> Table:
    years = [2023, 2022, 2021, 2020, 2019]
    kronor = [
        ("Medlemsintäkter", [6_000_000] * 5),
        ("Externa intäkter, ESF", [2_739_000, 2_160_000, 3_160_000, 3_560_000, 2_670_000]),
        ("Verksamhetens kostnader", [-7_086_000, -10_310_000, -10_300_000, -8_990_000, -6_380_000]),
    ]
    rows = [[label, *values] for label, values in kronor]
    solidity = [Cell(share, kind="percent") for share in (0.453, 0.225, 0.61, 0.72, 0.68)]
    totals = [
        Row(["Årets resultat", 1_814_000, -2_091_000, -1_140_000, 570_000, 2_290_000], "total"),
        Row(["Eget kapital vid årets slut", 2_110_000, 296_000, 2_390_000, 3_540_000, 2_974_000]),
        Row(["Soliditet", *solidity]),
    ]
    columns = [Column("", width=3.2)] + [Column(str(year), kind="tkr") for year in years]
    return Table(
        columns=columns,
        rows=rows,
        total_rows=totals,
        caption="Intäkter, kostnader och resultat över tid",
        unit="Belopp i tkr",
        notes=["Soliditet = eget kapital i procent av balansomslutningen."],
    )


def started_participants_table() -> Table:
    started = [
        ("FINSAM-team", 81, 49),
        ("Aktivitetsplatsen", 59, 24),
        ("IPS beroendeproblematik", 11, 50),
        ("IPS i psykosvården", 13, 23),
        ("Novum", 13, 9),
        ("Hälsofrämjande insatser för nyanlända", 165, 56),
    ]
    rows = [[name, women + men, women, men] for name, women, men in started]
    women_total = sum(women for _, women, _ in started)
    men_total = sum(men for _, _, men in started)
    return Table(
        columns=[
            Column("Insats", width=3.5),
            Column("Totalt", kind="number"),
            Column("Kvinnor", kind="number"),
            Column("Män", kind="number"),
        ],
        header_rows=[["", Cell("Antal deltagare", colspan=3)]],
        rows=rows,
        total_rows=[["Totalt", women_total + men_total, women_total, men_total]],
        caption="Antal deltagare som började i respektive insats, uppdelat på kön",
    )


def ended_participants_table() -> Table:
    rows = []
    totals = [0] * len(END_REASONS)
    for insats, counts in ENDED_PER_INSATS.items():
        shares = round_shares_to_100(counts)
        cells = [f"{count} ({share}{NBSP}%)" for count, share in zip(counts, shares, strict=True)]
        rows.append([insats, sum(counts), *cells])
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    return Table(
        columns=[Column("Insats", width=2.3), Column("Totalt", kind="number", width=0.8)]
        + [Column(reason, kind="number", width=1.5) for reason in END_REASONS],
        rows=rows,
        total_rows=[["Totalt", sum(totals), *totals]],
        caption="Antal och andel avslutade deltagare per insats och avslutsorsak",
        notes=["Deltagarna i Hälsofrämjande insatser för nyanlända ingår inte."],
    )


def operating_statement_table() -> Table:
    return Table(
        columns=[
            Column("", width=2.6),
            Column("Utfall", kind="tkr"),
            Column("Budget", kind="tkr"),
            Column("Avvikelse", kind="tkr"),
            Column("Utfall 2022", kind="tkr"),
        ],
        header_rows=[["", Cell("Jan–dec 2023", colspan=3), ""]],
        rows=[
            Row(["Administration"], "section"),
            ["Styrelse och revision", 350_000, 230_000, -120_000, 261_000],
            ["Kanslipersonal", 1_599_000, 1_700_000, 101_000, 1_413_000],
            Row(["Summa administration", 2_073_000, 2_050_000, -23_000, 2_050_000], "subtotal"),
            Row(["Individinriktade insatser"], "section"),
            ["Myndighetsgemensamt samverkansteam", 1_183_000, 1_830_000, 647_000, 117_000],
            ["ESF-projekt Lumena", 2_764_000, 3_100_000, 336_000, 3_070_000],
            Row(["Summa individinsatser", 4_412_000, 5_350_000, 938_000, 7_173_000], "subtotal"),
        ],
        total_rows=[["Verksamhetens kostnader", 7_086_000, 8_300_000, 1_214_000, 10_307_000]],
        caption="Driftredovisning",
        unit="Belopp i tkr",
    )


def sample_annual_report() -> Document:
    staff = BarChart(
        title="Personalresurser i verksamheten",
        categories=["2019", "2020", "2021", "2022", "2023"],
        series=[
            Series("Kansliet", [2.0, 1.5, 1.5, 2.0, 1.8]),
            Series("Strukturinsatser", [0.5, 0.8, 1.2, 1.1, 0.8]),
            Series("Individinsatser", [7.0, 10, 9.0, 7.2, 8.7]),
        ],
        layout="stacked",
        unit="årsarbetare",
        decimals=1,
    )
    end_reasons = BarChart(
        title="Andel avslutade deltagare per avslutsorsak och insats",
        categories=list(ENDED_PER_INSATS),
        series=[
            Series(reason, [counts[i] for counts in ENDED_PER_INSATS.values()])
            for i, reason in enumerate(END_REASONS)
        ],
        layout="percent",
        horizontal=True,
        category_title="Insats",
    )
    education = BarChart(
        title="Deltagarnas utbildningsnivå",
        categories=["Grundskola", "Gymnasium", "Eftergymnasial"],
        series=[Series("Kvinnor", [46, 58, 73]), Series("Män", [62, 60, 29])],
        unit="antal deltagare",
    )
    doc = Document(
        title="Årsredovisning",
        year=2023,
        organisation="Samordningsförbundet Roslagen",
        subtitle="Fastställd av styrelsen den 20 mars 2024",
        metadata={"subject": "Årsredovisning 2023", "keywords": "FINSAM, årsredovisning"},
    )
    doc.add(
        TableOfContents(),
        Heading(1, "Ordförande har ordet"),
        *parse_simple_formatting(CHAIR_TEXT),
        Paragraph.from_text("Torbjörn Einarsson\nOrdförande", style="small"),
        Heading(1, "Förvaltningsberättelse"),
        Paragraph.from_text(
            "Årsredovisningen innehåller en översiktlig redogörelse av resultat och "
            "verksamhetsutveckling samt en redovisning av det ekonomiska utfallet.",
            style="lead",
        ),
        Heading(2, "Översikt över verksamhetens utveckling"),
        Paragraph.from_text(
            "Förbundets intäkter har förutom medlemsavgifter bestått av externa intäkter "
            "från Europeiska socialfonden (ESF)."
        ),
        five_year_table(),
        chart_figure(staff, "Personalresurser i verksamheten, årsarbetare", height_cm=7),
        Heading(2, "Deltagare i individinriktade insatser"),
        Heading(3, "Deltagare som började en insats"),
        started_participants_table(),
        chart_figure(education, "Deltagarnas utbildningsnivå när de började en insats"),
        Heading(3, "Deltagare som avslutade en insats"),
        ended_participants_table(),
        chart_figure(end_reasons, "Andel deltagare per avslutsorsak och insats"),
        Heading(1, "Ekonomiska resultat"),
        Heading(2, "Driftredovisning"),
        operating_statement_table(),
        Heading(1, "Styrelsens underskrift"),
        SignatureBlock(
            intro=(
                "Vi intygar att denna årsredovisning för 2023 ger en rättvisande bild av "
                "verksamhetens resultat samt förbundets ekonomiska ställning."
            ),
            place="Åkersberga",
            date=datetime.date(2024, 3, 20),
            signatories=[
                Signatory("Torbjörn Einarsson", "Ordförande, Region Stockholm"),
                Signatory("Anna Lindqvist", "Vice ordförande, Täby kommun"),
                Signatory("Maria Berg", "Försäkringskassan"),
                Signatory("Johan Ek", "Arbetsförmedlingen"),
                Signatory("Sara Holm", "Österåkers kommun"),
                Signatory("Per Nilsson", "Norrtälje kommun"),
            ],
        ),
    )
    return doc


def normalise(text: str) -> str:
    """pdftotext and Word keep no-break spaces; compare with ordinary spaces."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


def run_tool(name: str, *args: str, timeout: int = 60) -> str:
    """Run an installed command-line tool and return its standard output."""
    executable = shutil.which(name)
    assert executable is not None, f"{name} saknas"
    result = subprocess.run(  # noqa: S603  (a fixed tool; arguments are our own temp paths)
        [executable, *args], check=True, capture_output=True, text=True, timeout=timeout
    )
    return result.stdout


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return normalise(run_tool("pdftotext", "-layout", str(path), "-"))


def toc_entries(page_text: str) -> dict[str, int]:
    """{heading: page} from a TOC page as pdftotext -layout prints it ("Title ..... 4")."""
    pattern = r"^\s*(\S.*?)\s?[ .]{3,}\s*(\d+)\s*$"
    return {title: int(page) for title, page in re.findall(pattern, page_text, re.MULTILINE)}


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) är inte installerat"
)


# --- DOCX ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return render_docx(sample_annual_report())


@pytest.fixture(scope="module")
def word(docx_bytes):
    return docx.Document(io.BytesIO(docx_bytes))


def test_docx_headings_use_word_heading_styles(word):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Head")]
    assert ("Heading 1", "Förvaltningsberättelse") in headings
    assert ("Heading 2", "Översikt över verksamhetens utveckling") in headings
    assert ("Heading 3", "Deltagare som avslutade en insats") in headings


def test_docx_has_a_toc_field_prefilled_with_the_headings(word):
    instructions = [el.text for el in word.element.body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC ") for text in instructions)
    toc_entries = [p.text for p in word.paragraphs if p.style.name.startswith("toc")]
    assert "Förvaltningsberättelse\t" in toc_entries
    assert word.settings.element.find(qn("w:updateFields")) is not None


def test_docx_footer_numbers_pages_with_page_and_numpages_fields(word):
    footer = word.sections[0].footer
    instructions = [el.text.strip() for el in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text.startswith("Samordningsförbundet Roslagen")
    assert word.sections[0].different_first_page_header_footer


def test_docx_is_a4_and_swedish(word):
    section = word.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    lang = word.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"
    assert word.core_properties.language == "sv-SE"
    assert word.core_properties.title == "Årsredovisning 2023"


def test_docx_five_year_table_shows_tkr_with_swedish_formatting(word):
    table = word.tables[0]
    years = [cell.text for cell in table.rows[0].cells]
    assert years == ["", "2023", "2022", "2021", "2020", "2019"]
    result_row = next(row for row in table.rows if row.cells[0].text == "Årets resultat")
    assert [normalise(cell.text) for cell in result_row.cells[1:3]] == ["1 814", "−2 091"]
    assert all(run.bold for run in result_row.cells[1].paragraphs[0].runs)
    assert result_row.cells[1].paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT


def test_docx_table_header_rows_repeat_on_each_page(word):
    participants = word.tables[1]
    first, second = participants.rows[0], participants.rows[1]
    assert first._tr.trPr.find(qn("w:tblHeader")) is not None
    assert second._tr.trPr.find(qn("w:tblHeader")) is not None
    assert participants.rows[2]._tr.trPr.find(qn("w:tblHeader")) is None
    assert first.cells[1].text == "Antal deltagare"  # spans Totalt, Kvinnor, Män
    assert first.cells[1]._tc is first.cells[3]._tc


def test_docx_participant_totals_are_correct_and_bold(word):
    participants = word.tables[1]
    total = participants.rows[-1]
    assert [cell.text for cell in total.cells] == ["Totalt", "553", "342", "211"]
    assert all(run.bold for run in total.cells[1].paragraphs[0].runs)


def test_docx_figures_are_inline_pictures_with_alt_text_stating_the_numbers(word):
    descriptions = [el.get("descr") for el in word.element.body.iter(qn("wp:docPr"))]
    assert len(descriptions) == 3
    assert any("Kvinnor: Grundskola 46" in text for text in descriptions)
    assert any("FINSAM-team: Arbete, studier, arbetssökande 43" in text for text in descriptions)


def test_docx_signature_block_lists_names_roles_and_place(word):
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Åkersberga den 20 mars 2024" in text
    signatures = word.tables[-1]
    names = [cell.paragraphs[1].text for row in signatures.rows for cell in row.cells]
    assert "Torbjörn Einarsson" in names
    assert "Per Nilsson" in names


def test_docx_bullet_list_from_simple_formatting(word):
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets[1] == "äska en högre tilldelning från medlemmarna,"


@pytest.mark.slow
@needs_pdftotext
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) saknas")
def test_docx_converts_to_pdf_with_libreoffice_with_numbers_and_toc(tmp_path):
    doc = sample_annual_report()
    source = tmp_path / "arsredovisning.docx"
    source.write_bytes(render_docx(doc, heading_pages=heading_pages(doc)))
    profile = tmp_path / "lo-profile"  # own profile: parallel runs must not share one
    run_tool(
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
        timeout=180,
    )
    pages = pdf_text((tmp_path / "arsredovisning.pdf").read_bytes(), tmp_path).split("\f")
    text = "\f".join(pages)
    assert "−2 091" in text
    assert re.search(r"Totalt\s+553\s+342\s+211", text)
    assert re.search(r"Sida 2 av \d+", text)
    # The TOC's cached page numbers (from the PDF layout) match where LibreOffice puts
    # the headings, so the converted PDF has a correct table of contents.
    toc = toc_entries(pages[1])
    assert toc["Ekonomiska resultat"] > toc["Förvaltningsberättelse"] >= 3
    for title, page in toc.items():
        assert title in pages[page - 1], f"{title} står inte på sidan {page}"


# --- PDF (WeasyPrint) ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render_pdf(sample_annual_report())


@needs_pdftotext
def test_pdf_contains_the_numbers_of_the_tables(pdf_bytes, tmp_path):
    text = pdf_text(pdf_bytes, tmp_path)
    assert re.search(r"Årets resultat\s+1 814\s+−2 091\s+−1 140\s+570\s+2 290", text)
    assert re.search(r"Totalt\s+553\s+342\s+211", text)
    assert re.search(r"FINSAM-team\s+134\s+57 \(43 %\)\s+12 \(9 %\)", text)


@needs_pdftotext
def test_pdf_table_of_contents_lists_headings_with_page_numbers(pdf_bytes, tmp_path):
    text = pdf_text(pdf_bytes, tmp_path)
    pages = text.split("\f")
    assert "Innehåll" in pages[1]
    toc = toc_entries(pages[1])
    assert len(toc) == 7  # levels 1 and 2 of the sample's nine headings
    assert toc["Ekonomiska resultat"] > toc["Förvaltningsberättelse"] >= 3
    for title, page in toc.items():
        assert title in pages[page - 1], f"{title} står inte på sidan {page}"


@needs_pdftotext
def test_pdf_pages_are_numbered_in_the_footer_except_the_cover(pdf_bytes, tmp_path):
    pages = pdf_text(pdf_bytes, tmp_path).split("\f")
    count = len([page for page in pages if page.strip()])
    assert "Sida" not in pages[0]
    assert f"Sida 2 av {count}" in pages[1]
    assert f"Sida {count} av {count}" in pages[count - 1]


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo saknas")
def test_pdf_is_tagged_with_title_and_language(pdf_bytes, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf_bytes)
    info = run_tool("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)
    assert re.search(r"^Title:\s+Årsredovisning 2023", info, re.MULTILINE)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.MULTILINE)


@pytest.mark.skipif(shutil.which("pdftohtml") is None, reason="pdftohtml saknas")
def test_pdf_headings_become_bookmarks(pdf_bytes, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf_bytes)
    xml = run_tool("pdftohtml", "-xml", "-stdout", "-i", "-q", str(path))
    outline = xml[xml.index("<outline") :]
    assert "Förvaltningsberättelse" in outline
    assert "Deltagare som avslutade en insats" in outline
    assert "Innehåll" not in outline


def test_pdf_html_is_swedish_and_images_have_alt_text():
    html = render_html(sample_annual_report())
    assert '<html lang="sv">' in html
    alts = re.findall(r'<img [^>]*alt="([^"]+)"', html)
    assert len(alts) == 3
    assert any("Summa: 2019 9,5" in alt for alt in alts)
    assert "<thead>" in html
    assert 'scope="colgroup"' in html


def test_text_pasted_from_word_with_control_characters_renders_in_both_formats(tmp_path):
    doc = Document(title="Delårsrapport", organisation="Samordningsförbundet Test")
    doc.add(
        Heading(1, "Sammanfattning\x0c"),
        *parse_simple_formatting("Första raden\x0bandra raden\x01 och **fet** text."),
    )
    word = docx.Document(io.BytesIO(render_docx(doc)))
    body = [p.text for p in word.paragraphs if p.style.name == "Normal" and p.text]
    assert body == ["Första raden\nandra raden och fet text."]
    assert render_pdf(doc).startswith(b"%PDF-")


@needs_pdftotext
def test_pdf_repeats_the_table_header_on_every_page_of_a_long_table(tmp_path):
    doc = Document(title="Deltagarlista", organisation="Samordningsförbundet Test")
    doc.add(
        Table(
            columns=[Column("Insatskod"), Column("Startade", kind="number")],
            rows=[[f"INS-{number:03d}", number * 7] for number in range(1, 121)],
            total_rows=[["Totalt", sum(number * 7 for number in range(1, 121))]],
            caption="Startade per insats",
        )
    )
    pages = [page for page in pdf_text(render_pdf(doc), tmp_path).split("\f") if page.strip()]
    assert len(pages) >= 4  # the cover and at least three pages of table
    for page in pages[1:]:
        assert re.search(r"Insatskod\s+Startade", page)
    assert "Tabell 1. Startade per insats" in pages[1]
    assert "Tabell 1" not in pages[2]  # the caption is not repeated, the header is
    assert re.search(r"Totalt\s+50 820", pages[-1])


def test_a_draft_signature_page_has_a_line_for_the_date_in_both_formats():
    doc = Document(title="Årsredovisning", year=2025, organisation="Samordningsförbundet Demo")
    doc.add(
        Heading(1, "Styrelsens underskrift"),
        SignatureBlock(place="Norrby", signatories=[Signatory("Stina Styrelsedotter")]),
    )
    word = docx.Document(io.BytesIO(render_docx(doc, heading_pages=[2])))
    (line,) = [p for p in word.paragraphs if p.text.startswith("Norrby den")]
    assert any(run.text == "\t" and run.font.underline for run in line.runs)
    assert '<p class="signature-place">Norrby den <span class="fill-in"></span></p>' in (
        render_html(doc)
    )


def test_docx_keeps_a_tables_last_row_with_its_notes():
    doc = Document(title="Årsredovisning", year=2025, organisation="Samordningsförbundet Demo")
    rows = [[f"Rad {n}", n] for n in range(1, 30)]  # long: not kept together as a whole
    doc.add(
        Heading(1, "Tabell"),
        Table(
            columns=[Column("", width=3), Column("Antal", kind="number")],
            rows=rows,
            notes=["Första noten.", "Andra noten."],
        ),
    )
    word = docx.Document(io.BytesIO(render_docx(doc, heading_pages=[2])))
    last_row = word.tables[-1].rows[-1]
    assert all(cell.paragraphs[0].paragraph_format.keep_with_next for cell in last_row.cells)
    notes = [p for p in word.paragraphs if p.text.endswith("noten.")]
    assert [bool(p.paragraph_format.keep_with_next) for p in notes] == [True, False]
