"""The annual report of a förbund set up from files through the real services.

Participants are imported from a CSV file, the books of 2022 and 2023 from SIE 4 files, the
budget and contributions through the budget services. The generated DOCX and PDF must show
exactly the figures of the statistics service and the statements service.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from django_scopes import scope, scopes_disabled

from core.formatting import format_tkr
from economy.services import financial_statements
from participants.services.statistics import year_statistics
from reports.builders.economy import shown_statements
from reports.models import Goal
from reports.services.generation import annual_report_data, build, report_file
from reports.services.goals import Thresholds

from .report_tools import docx_text, needs_pdftotext, normalise, pdf_text, row_pattern

YEAR = 2023


@pytest.fixture
def sample(sample_forbund):
    return sample_forbund


@pytest.fixture
def forbund(sample):
    return sample.forbund


@pytest.fixture
def statistics(forbund):
    return year_statistics(forbund, YEAR)


@pytest.fixture
def statements(forbund):
    """The statements as the report shows them: whole tkr that tie (economy.services.tkr),
    in kronor."""
    return shown_statements(financial_statements(forbund, YEAR))


def tkr(value) -> str:
    return normalise(format_tkr(value))


@pytest.fixture
def pdf(forbund):
    return report_file(annual_report_data(forbund, YEAR), "pdf")


@pytest.fixture
def docx_file(forbund):
    return report_file(annual_report_data(forbund, YEAR), "docx")


def test_the_fixture_forbund_has_participations_and_two_years_of_books(sample, statistics):
    assert sample.participations > 400
    assert statistics["totalt"]["deltagare"]["totalt"] > 100
    assert set(statistics["insatser"]) == {"AP", "FT", "IPS"}


def test_the_report_follows_the_primers_order(forbund):
    doc = build(annual_report_data(forbund, YEAR))
    chapters = [heading.text for heading in doc.headings(1)]
    assert chapters == [
        "Ordförande har ordet",
        "Sammanfattning av verksamhetsåret 2023",
        "1 Förvaltningsberättelse",
        "2 Verksamhet och deltagare",
        "3 Ekonomiska resultat",
        "4 Noter",
        "5 Styrelsens underskrift",
        "6 Bilagor",
    ]
    sections = [heading.text for heading in doc.headings(2)]
    for expected in (
        "1.1 Organisation och uppdrag",
        "1.2 Översikt över verksamhetens utveckling",
        "1.3 Viktiga förhållanden för resultat och ekonomisk ställning",
        "1.4 Händelser av väsentlig betydelse",
        "1.5 Styrning och uppföljning av verksamheten",
        "1.6 God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning",
        "1.7 Väsentliga personalförhållanden",
        "1.8 Förväntad utveckling",
        "3.1 Resultaträkning",
        "3.2 Balansräkning",
        "3.3 Kassaflödesanalys",
        "3.4 Driftredovisning",
    ):
        assert expected in sections
    assert sections.index("3.1 Resultaträkning") < sections.index("3.4 Driftredovisning")


@needs_pdftotext
def test_pdf_shows_the_participant_figures_of_the_statistics_service(pdf, statistics, tmp_path):
    text = pdf_text(pdf, tmp_path)
    for section in statistics["insatser"].values():
        cell = section["deltagare"]
        assert row_pattern(section["namn"], cell["kvinna"], cell["man"]).search(text), section[
            "namn"
        ]
        ended = section["avslutade"]["totalt"]
        reasons = section["avslutsorsaker"]
        assert row_pattern(
            section["namn"], ended, reasons["arbete"]["totalt"], reasons["studier"]["totalt"]
        ).search(text)
    total = statistics["totalt"]
    assert row_pattern("Summa deltaganden", total["deltagare"]["kvinna"]).search(text)
    assert row_pattern("Unika deltagare", statistics["unika_deltagare"]["kvinna"]).search(text)
    started = total["paborjade"]["totalt"]
    assert row_pattern("Nya deltagare", started).search(text)


@needs_pdftotext
def test_pdf_shows_the_statements_of_the_economy_service(pdf, statements, tmp_path):
    text = pdf_text(pdf, tmp_path)
    result = statements["resultatrakning"]
    balance = statements["balansrakning"]
    flow = statements["kassaflodesanalys"]
    expected_rows = [
        ("Verksamhetens intäkter", result["verksamhetens_intakter"]),
        ("Verksamhetens kostnader", result["verksamhetens_kostnader"]),
        ("Årets resultat", result["arets_resultat"]),
        ("Summa tillgångar", balance["summa_tillgangar"]),
        ("Kassa och bank", balance["kassa_och_bank"]),
        ("Kortfristiga skulder", balance["kortfristiga_skulder"]),
        ("Likvida medel vid årets slut", flow["likvida_medel_vid_arets_slut"]),
        ("Årets kassaflöde", flow["arets_kassaflode"]),
    ]
    for label, figure in expected_rows:
        now, before = tkr(figure["ar"]), tkr(figure["foregaende_ar"])
        # label, maybe a note number, this year, last year
        pattern = re.compile(
            rf"{re.escape(label)}\s+(\d{{1,2}}\s+)?{re.escape(now)}\s+{re.escape(before)}"
        )
        assert pattern.search(text), f"{label}: {now} {before}"
    # Every account of the notes, with its amount this year.
    for entries in statements["noter"].values():
        for entry in entries:
            assert entry["konto"] in text


def test_docx_opens_and_holds_the_same_figures(docx_file, statistics, statements):
    document = docx.Document(io.BytesIO(docx_file))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2"} <= styles
    text = docx_text(docx_file)
    result = statements["resultatrakning"]["verksamhetens_intakter"]
    assert (
        f"Verksamhetens intäkter | 1 | {tkr(result['ar'])} | {tkr(result['foregaende_ar'])}" in text
    )
    people = statistics["unika_deltagare"]
    assert f"Unika deltagare | {people['kvinna']} | {people['man']}" in text
    assert len(document.inline_shapes) >= 5  # charts as pictures
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert all(descriptions), "every chart has a text alternative"


def test_goals_are_computed_from_the_statistics_and_graded(forbund, statistics):
    with scopes_disabled():
        insats = forbund.insatser.get(code="FT")
        Goal.objects.create(
            forbund=forbund,
            year=YEAR,
            insats=insats,
            title="Minst 80 deltagare",
            indicator="deltagare",
            direction="minst",
            target=80,
        )
        Goal.objects.create(
            forbund=forbund,
            year=YEAR,
            title="Hälften kvinnor",
            indicator="andel_kvinnor",
            direction="nara",
            target=50,
        )
    data = annual_report_data(forbund, YEAR)
    by_title = {goal["title"]: goal for goal in data["goals"]}
    participants = statistics["insatser"]["FT"]["deltagare"]["totalt"]
    assert by_title["Minst 80 deltagare"]["result"] == participants
    people = statistics["unika_deltagare"]
    share = round(100 * people["kvinna"] / people["totalt"], 1)
    assert by_title["Hälften kvinnor"]["result"] == pytest.approx(share)
    from reports.services.goals import grade

    expected = grade(80, participants, "minst", Thresholds())
    assert by_title["Minst 80 deltagare"]["grade"] == expected


def test_the_publication_version_hides_small_counts(forbund):
    exact = annual_report_data(forbund, YEAR, for_publication=False)
    published = annual_report_data(forbund, YEAR, for_publication=True)
    exact_cells = exact["statistics"][str(YEAR)]["totalt"]["avslutsorsaker"]
    shown_cells = published["statistics"][str(YEAR)]["totalt"]["avslutsorsaker"]
    small = [
        (reason, gender)
        for reason, cell in exact_cells.items()
        for gender, value in cell.items()
        if 1 <= value <= 4
    ]
    assert small, "the fixture has small cells to hide"
    for reason, gender in small:
        assert isinstance(shown_cells[reason][gender], str)
    build(published)  # the builder prints "<5" and leaves out shares and charts that need it


def test_a_year_without_books_or_participants_still_gives_a_report(forbund):
    data = annual_report_data(forbund, 2019)
    doc = build(data)
    assert data["statements"] is None
    assert "5 Styrelsens underskrift" in [heading.text for heading in doc.headings(1)]


def test_the_report_reads_only_its_own_forbund(forbund, world):
    with scope(forbund=world.a):
        pass
    data = annual_report_data(world.a, YEAR)
    assert data["statistics"][str(YEAR)]["insatser"] == {}
    assert data["statements"] is None


def test_the_docx_toc_pages_from_placeholders_equal_the_pdf_layout(forbund):
    from reports.documents.render_pdf import heading_pages, render_pdf_with_pages

    doc = build(annual_report_data(forbund, YEAR))
    _pdf, pages = render_pdf_with_pages(doc)
    assert heading_pages(doc) == pages
    assert pages[0] == 3  # cover, contents, then "Ordförande har ordet"
    assert pages == sorted(pages)
