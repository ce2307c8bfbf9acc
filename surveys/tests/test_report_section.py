"""The annual report of a year with answers has the survey section (DOCX and PDF); the
period report lists the rounds in progress."""

from __future__ import annotations

from datetime import date

from reports.builders.surveys import survey_blocks
from reports.services.generation import (
    annual_report_data,
    build,
    period_report_data,
    render,
)
from reports.tests.report_tools import docx_text, needs_pdftotext, normalise, pdf_text
from surveys.services import import_survey_responses
from surveys.tests.test_seed_figures import response_file


def answered(world, tmp_path):
    text = response_file(tmp_path / "svar.csv").read_text().replace("2023-", "2024-")
    text = text.replace(";AP;", ";A1;").replace(";AT;", ";A2;").replace(";FT;", ";A2;")
    result = import_survey_responses(world.a, text.encode(), "svar.csv")
    assert result.ok, result.errors[:3]


def test_the_annual_report_has_the_survey_section(world, tmp_path):
    answered(world, tmp_path)
    data = annual_report_data(world.a, 2024, for_publication=False)
    [section] = data["surveys"]
    assert section["svar"]["totalt"] == 75
    assert section["insatsnamn"] == {"A1": "FINSAM-team", "A2": "Aktivitetsplatsen"}
    doc = build(data)
    text = docx_text(render(doc, "docx"))
    assert "Enkäter" in text
    assert "Deltagarenkät vid avslut (NNS-DA)" in text
    assert "Under 2024 besvarade 75 personer enkäten (51 kvinnor, 15 män, 9 ej angivet)." in text
    assert "FINSAM-team (46), Aktivitetsplatsen (29)" in text
    assert "varierar mellan 44 procent (fråga B2) och 89 procent (fråga B3)" in text
    figures = [b for b in doc.blocks if type(b).__name__ == "Figure" and "NNS-DA" in b.caption]
    assert [f.caption for f in figures] == [
        "Svar från 75 personer på NNS-DA 2024, del 1",
        "Svar från 75 personer på NNS-DA 2024, del 2",
    ]
    # Steps in scale order, shares on the bars: the chart's alt text states them.
    assert "Alltid: Har du fått stöd på ett sätt som är till stor nytta för dig? 47" in (
        normalise(figures[0].alt_text)
    )


@needs_pdftotext
def test_the_survey_section_is_in_the_pdf(world, tmp_path):
    answered(world, tmp_path)
    pdf = render(build(annual_report_data(world.a, 2024, for_publication=True)), "pdf")
    text = pdf_text(pdf, tmp_path)
    assert "Deltagarenkät vid avslut (NNS-DA)" in text
    assert "procent (fråga B2) och 89 procent (fråga B3)" in " ".join(text.split())


def test_no_section_in_a_year_without_answers(world):
    data = annual_report_data(world.a, 2023, for_publication=False)
    assert data["surveys"] == []
    assert survey_blocks([], 2023, build(data)) == []


def test_the_period_report_lists_rounds_in_progress(world):
    data = period_report_data(world.a, 2024, "t2", for_publication=False)
    [round] = data["survey_rounds"]
    assert round["namn"] == "Avslutsenkät 2024" and round["insatser"] == ["FINSAM-team"]
    text = docx_text(render(build(data), "docx"))
    assert "Pågående enkäter" in text and "Avslutsenkät 2024" in text
    assert date(2024, 1, 1).isoformat() in text
