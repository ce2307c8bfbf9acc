"""The generated DOCX opens in LibreOffice and converts to PDF with the same figures."""

from __future__ import annotations

import re

import pytest

from core.formatting import format_tkr
from economy.services import financial_statements
from participants.services.statistics import year_statistics
from reports.builders.economy import shown_statements
from reports.services.generation import annual_report_data, report_file

from .report_tools import (
    docx_to_pdf,
    needs_pdftotext,
    needs_soffice,
    normalise,
    pdf_text,
    row_pattern,
    toc_entries,
)

YEAR = 2023


@pytest.mark.slow
@needs_pdftotext
@needs_soffice
def test_docx_converts_in_libreoffice_with_the_services_figures_and_a_toc(sample_forbund, tmp_path):
    forbund = sample_forbund.forbund
    content = report_file(annual_report_data(forbund, YEAR), "docx")
    pages = pdf_text(docx_to_pdf(content, tmp_path), tmp_path).split("\f")
    text = "\f".join(pages)

    statistics = year_statistics(forbund, YEAR)
    for section in statistics["insatser"].values():
        cell = section["deltagare"]
        assert row_pattern(section["namn"], cell["kvinna"], cell["man"]).search(text)
    statements = shown_statements(financial_statements(forbund, YEAR))  # tkr as shown
    for part, key in (
        ("resultatrakning", "verksamhetens_intakter"),
        ("resultatrakning", "verksamhetens_kostnader"),
        ("resultatrakning", "arets_resultat"),
        ("balansrakning", "summa_tillgangar"),
        ("balansrakning", "eget_kapital"),
        ("kassaflodesanalys", "likvida_medel_vid_arets_slut"),
    ):
        figure = statements[part][key]
        assert normalise(format_tkr(figure["ar"])) in text, (part, key)
        assert normalise(format_tkr(figure["foregaende_ar"])) in text, (part, key)
    assert re.search(r"Sida 3 av \d+", text)

    # The TOC's cached page numbers point at the pages where LibreOffice puts the headings.
    toc = toc_entries(pages[1])
    assert toc["3 Ekonomiska resultat"] > toc["1 Förvaltningsberättelse"] >= 3
    for title, page in toc.items():
        if re.match(r"^\d \S", title):  # chapters start a page, so they cannot drift
            assert title in pages[page - 1], f"{title} står inte på sidan {page}"
