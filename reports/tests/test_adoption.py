"""Adopting (signing) an annual report freezes it: later corrections of the data change
today's report, not the adopted version; a new version can be made and the difference shown."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from django_scopes import scope, scopes_disabled

from economy.services import import_sie
from participants.services.participant_import import import_participants
from reports.models import AdoptedVersion
from reports.services import ReportError, SignatoryInput, adopt_annual_report
from reports.services.diff import differences
from reports.services.generation import annual_report_data, build, render
from reports.services.snapshot import sha256
from samples.sample_data import participant_csv, sie_books

from .report_tools import needs_pdftotext, pdf_text

YEAR = 2023
BOARD = [SignatoryInput("Anna Andersson", "Ordförande"), SignatoryInput("Bo Berg", "Ledamot")]


@pytest.fixture
def sample(sample_forbund):
    return sample_forbund


def adopt(forbund, **extra):
    values = {
        "adopted_on": date(2024, 3, 20),
        "decision_reference": "Styrelsen 2024-03-20 § 5",
        "signatories": BOARD,
        "place": "Norrby",
    }
    values.update(extra)
    with scope(forbund=forbund):
        return adopt_annual_report(forbund, YEAR, None, **values)


def correct_the_data(sample) -> None:
    """A late invoice of 85 000 kr in the 2023 books and one more participant."""
    spec = sample.book_specs[YEAR]
    corrected, _closing = sie_books(
        dataclasses.replace(spec, admin_costs=spec.admin_costs + 85_000)
    )
    import_sie(sample.forbund, corrected, file_name="bokforing-2023-rattad.se")
    row = {
        "deltagar_id": "SENT-REGISTRERAD",
        "insats": "FT",
        "kon": "kvinna",
        "fodelsear": "1990",
        "startdatum": "2023-11-02",
    }
    result = import_participants(sample.forbund, io.BytesIO(participant_csv([row])), "rattelse.csv")
    assert not result.errors


def test_adoption_stores_the_snapshot_the_files_and_their_hashes(sample):
    version = adopt(sample.forbund)
    assert version.version == 1
    assert version.data["adoption"]["decision_reference"] == "Styrelsen 2024-03-20 § 5"
    assert bytes(version.pdf).startswith(b"%PDF")
    assert bytes(version.docx).startswith(b"PK")
    assert sha256(bytes(version.pdf)) == version.pdf_sha256
    assert sha256(bytes(version.docx)) == version.docx_sha256


@needs_pdftotext
def test_the_signed_report_stays_the_same_after_the_data_changes(sample, tmp_path):
    version = adopt(sample.forbund)
    signed_text = pdf_text(bytes(version.pdf), tmp_path, "signed.pdf")
    assert "Anna Andersson" in signed_text
    assert "Fastställd av styrelsen den 20 mars 2024" in signed_text

    correct_the_data(sample)

    with scopes_disabled():
        stored = AdoptedVersion.objects.get(pk=version.pk)
    assert sha256(bytes(stored.pdf)) == version.pdf_sha256
    assert stored.data == version.data
    # Built again from its snapshot, the adopted report reads exactly as when it was signed.
    rebuilt = render(build(stored.data), "pdf")
    assert pdf_text(rebuilt, tmp_path, "rebuilt.pdf") == signed_text
    # Today's report has the corrected figures.
    today = annual_report_data(sample.forbund, YEAR)
    before = version.data["statements"]["resultatrakning"]["verksamhetens_kostnader"]["ar"]
    after = today["statements"]["resultatrakning"]["verksamhetens_kostnader"]["ar"]
    assert after == before - 85_000
    today_text = pdf_text(render(build(today), "pdf"), tmp_path, "today.pdf")
    assert today_text != signed_text


def test_the_difference_to_todays_data_is_shown_figure_by_figure(sample):
    version = adopt(sample.forbund)
    correct_the_data(sample)
    rows = differences(version.data, annual_report_data(sample.forbund, YEAR))
    labels = {(row.section, row.label): (row.before, row.after) for row in rows}
    assert ("Resultaträkning", "Verksamhetens kostnader 2023") in labels
    before, after = labels[("Resultaträkning", "Verksamhetens kostnader 2023")]
    assert before != after
    assert any(section == "Deltagare 2023" for section, _label in labels)
    # Nothing unrelated: the 2022 column of the statements did not change.
    assert ("Resultaträkning", "Verksamhetens kostnader 2022") not in labels


def test_no_difference_when_nothing_changed(sample):
    version = adopt(sample.forbund)
    assert differences(version.data, annual_report_data(sample.forbund, YEAR)) == []


def test_a_new_version_needs_a_reason_and_keeps_the_old_one(sample):
    first = adopt(sample.forbund)
    correct_the_data(sample)
    with pytest.raises(ReportError, match="varför"):
        adopt(sample.forbund, adopted_on=date(2024, 5, 2))
    second = adopt(
        sample.forbund,
        adopted_on=date(2024, 5, 2),
        decision_reference="Styrelsen 2024-05-02 § 3",
        note="Rättelse: en faktura från december hade inte bokförts.",
    )
    assert second.version == 2
    with scopes_disabled():
        assert AdoptedVersion.objects.get(pk=first.pk).pdf_sha256 == first.pdf_sha256
    changed = {row.label for row in differences(first.data, second.data)}
    assert "Verksamhetens kostnader 2023" in changed


def test_adoption_needs_signatories_and_a_decision(sample):
    with pytest.raises(ReportError, match="undertecknare"):
        adopt(sample.forbund, signatories=[])
    with pytest.raises(ReportError, match="beslutet"):
        adopt(sample.forbund, decision_reference=" ")
