"""The demo: two annual reports with texts and goals, 2024 adopted, a plan and a tertial."""

import pytest
from django_scopes import scope

from core.document import Table
from reports.choices import ReportKind
from reports.models import AdoptedVersion, Goal, ReportText
from reports.services.generation import annual_report_data, build, business_plan_data
from reports.services.snapshot import sha256


@pytest.mark.slow
def test_the_demo_forbund_has_reports_that_look_real(demo_forbund):
    forbund = demo_forbund
    with scope(forbund=forbund):
        adopted = AdoptedVersion.objects.get(report__kind=ReportKind.ANNUAL, report__year=2024)
        assert sha256(bytes(adopted.pdf)) == adopted.pdf_sha256
        assert adopted.data["statements"] is not None
        assert {2024, 2025, 2026} <= set(Goal.objects.values_list("year", flat=True))
        written = ReportText.objects.filter(report__year=2025, report__kind=ReportKind.ANNUAL)
        assert written.count() >= 10

    data = annual_report_data(forbund, 2025)
    assert data["statistics"]["2025"]["insatser"], "participants to show"
    assert data["statements"] is not None and data["operating"] is not None
    grades = {goal["grade"] for goal in data["goals"]}
    assert {"god", "delvis", "ej"} <= grades, "the demo shows all three grades"
    assert len(build(data).blocks) > 100
    plan = business_plan_data(forbund, 2026)
    assert any(plan["plan"]["present"])
    assert_demo_texts_agree_with_the_figures(forbund, data, plan)


def assert_demo_texts_agree_with_the_figures(forbund, data, plan) -> None:
    """The demo's prose must not contradict its tables (a board member reads both)."""
    rows = {row["nyckel"]: row for row in data["operating"]["rader"]}
    deviations = {key: rows[key]["avvikelse"] for key in rows if not rows[key]["summa"]}
    # "Kostnaderna blev lägre än budgeterat, främst för … kansliets och styrelsens kostnader"
    assert "kansliets och styrelsens kostnader" in data["texts"]["ekonomiska_resultat"]
    assert rows["resultat"]["avvikelse"] > 0
    assert max(deviations, key=lambda key: deviations[key]) == "administration"
    # 2025 was fully staffed, in the summary and in the important circumstances alike
    assert "full bemanning" in data["texts"]["sammanfattning"]
    assert "vakanser under våren" not in data["texts"]["viktiga_forhallanden"]
    # The plan names the years in which its budget takes equity
    years = [
        year
        for position, year in enumerate(plan["plan"]["years"])
        for section in plan["plan"]["income"]
        for row in section["rows"]
        if "eget kapital" in row["name"].lower() and row["amounts"][position]
    ]
    assert f"{years[0]}–{years[-1]}" in plan["texts"]["ekonomi"]


@pytest.mark.slow
def test_the_insats_appendix_names_what_the_driftredovisning_has_beyond_it(demo_forbund):
    """The appendix's budget sum covers the insatser only; the note names the rest, so the
    two tables can be reconciled."""
    doc = build(annual_report_data(demo_forbund, 2025))
    (overview,) = [
        b for b in doc.blocks if isinstance(b, Table) and b.caption == "Förbundets insatser 2025"
    ]
    assert any(
        "gemensamma forum" in note and "insatskatalog" in note and "driftredovisningen" in note
        for note in overview.notes
    )


def test_the_demo_2025_report_has_an_organisation_chart_and_a_text_per_insats(demo_forbund):
    """What a förbund writes beside the figures (issue 9, item 11): the demo shows it."""
    from participants.models import Insats
    from reports.models import Report, ReportImage

    with scope(forbund=demo_forbund):
        report = Report.objects.get(kind=ReportKind.ANNUAL, year=2025)
        [image] = ReportImage.objects.filter(report=report)
        codes = set(Insats.objects.values_list("code", flat=True))
        texts = set(
            ReportText.objects.filter(report=report, key__startswith="insats:").values_list(
                "key", flat=True
            )
        )
        data = annual_report_data(demo_forbund, 2025)
    assert image.section == "organisation" and image.alt_text.startswith("Organisationsschema")
    assert texts and {key.removeprefix("insats:") for key in texts} <= codes
    assert any(entry.get("alt_text") == image.alt_text for entry in data["images"])
