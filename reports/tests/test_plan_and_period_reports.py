"""The business plan and the period report, built from the same services as the annual report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from budget.services import three_year_plan
from core.formatting import format_tkr
from economy.services import operating_statement
from participants.models import Participation
from participants.services.statistics import year_statistics
from reports.builders.period import period_operating_table
from reports.models import Goal
from reports.services.generation import build, business_plan_data, period_report_data, report_file
from reports.services.period_statistics import statistics_to_date

from .report_tools import docx_text, needs_pdftotext, normalise, pdf_text

YEAR = 2023


@pytest.fixture
def forbund(sample_forbund):
    return sample_forbund.forbund


def tkr(value) -> str:
    return normalise(format_tkr(value))


def test_the_business_plan_has_the_three_year_budget_of_the_budget_app(forbund):
    with scopes_disabled():
        Goal.objects.create(
            forbund=forbund,
            year=YEAR,
            insats=forbund.insatser.get(code="AP"),
            title="Minst 45 nya deltagare",
            indicator="paborjade",
            target=45,
        )
    data = business_plan_data(forbund, YEAR)
    with scope(forbund=forbund):
        plan = three_year_plan(forbund, YEAR)
    text = docx_text(report_file(data, "docx"))
    assert f"Summa kostnader | {tkr(plan.total_costs[0])}" in text
    assert f"Summa intäkter | {tkr(plan.total_income[0])}" in text
    assert "Minst 45 nya deltagare" in text
    doc = build(data)
    assert [heading.text for heading in doc.headings(1)] == [
        "1 Uppdrag, mål och organisation",
        "2 Verksamhet och insatser",
        "3 Budget",
        "Bilaga. Insatser, kostnader och mål",
    ]
    sections = [heading.text for heading in doc.headings(2) if heading.level == 2]
    assert sections[:3] == [
        "1.1 Inledning",
        "1.2 Förbundets uppdrag",
        "1.3 Förbundsövergripande mål",
    ]
    assert "Aktivitetsplatsen" in sections  # each insats a section of its own


@needs_pdftotext
def test_the_period_report_shows_outcome_to_date_from_the_economy_service(forbund, tmp_path):
    data = period_report_data(forbund, YEAR, "t2")
    assert data["until"] == "2023-08-31"
    statement = operating_statement(forbund, YEAR, until=date(2023, 8, 31))
    result = statement.row("resultat")
    text = pdf_text(report_file(data, "pdf"), tmp_path)
    assert "Tertialrapport 2" in text
    assert "Perioden 1 januari – 31 augusti 2023" in text
    budget_to_date = result.budget.net * 8 / 12
    # The outcome to date holds the member contributions accrued (8/12 of the year's), not
    # as booked (reports.services.accrual).
    contributions = statement.row("medlemsbidrag")
    accrued = contributions.budget.income * 8 / 12 - contributions.outcome.income
    # Budget helår, prognos helår (the budget while no line has a forecast), budget to date.
    assert normalise(
        f"Resultat {tkr(result.budget.net)} {tkr(result.budget.net)} {tkr(budget_to_date)} "
        f"{tkr(result.net + accrued)}"
    ) in " ".join(text.split())


def test_participants_to_the_end_of_the_year_agree_with_the_year_statistics(forbund):
    with scope(forbund=forbund):
        to_date = statistics_to_date(forbund, YEAR, date(YEAR, 12, 31), for_publication=False)
    year = year_statistics(forbund, YEAR)
    for part in ("deltagare", "paborjade", "avslutade"):
        assert to_date["totalt"][part] == year["totalt"][part]
    for code, section in year["insatser"].items():
        assert to_date["insatser"][code]["deltagare"] == section["deltagare"]


def test_participants_to_date_leave_out_what_happens_after_the_period(forbund):
    with scope(forbund=forbund):
        april = statistics_to_date(forbund, YEAR, date(YEAR, 4, 30), for_publication=False)
        august = statistics_to_date(forbund, YEAR, date(YEAR, 8, 31), for_publication=False)
    assert april["totalt"]["paborjade"]["totalt"] < august["totalt"]["paborjade"]["totalt"]
    assert april["totalt"]["avslutade"]["totalt"] <= august["totalt"]["avslutade"]["totalt"]


def test_a_published_period_report_hides_small_counts(forbund):
    with scope(forbund=forbund):
        shown = statistics_to_date(forbund, YEAR, date(YEAR, 4, 30), for_publication=True)
        exact = statistics_to_date(forbund, YEAR, date(YEAR, 4, 30), for_publication=False)
    for code, section in exact["insatser"].items():
        for gender, value in section["arbete_studier"].items():
            if 1 <= value <= 4:
                assert isinstance(shown["insatser"][code]["arbete_studier"][gender], str)


def test_period_goals_show_results_so_far(forbund):
    with scopes_disabled():
        Goal.objects.create(
            forbund=forbund,
            year=YEAR,
            title="Minst 150 deltagare",
            indicator="deltagare",
            target=Decimal(150),
        )
    data = period_report_data(forbund, YEAR, "t1")
    (goal,) = data["goals"]
    assert goal["result"] == data["participants"]["unika_deltagare"]["totalt"]


def test_a_forbund_goal_so_far_counts_people_as_the_annual_report_does(forbund):
    """A person in two insatser is one participant of the förbund, in the period report too."""
    with scopes_disabled():
        Goal.objects.create(
            forbund=forbund,
            year=YEAR,
            title="Minst 150 deltagare",
            indicator="deltagare",
            target=Decimal(150),
        )
    with scopes_disabled():
        first = Participation.objects.filter(
            forbund=forbund, insats__code="FT", start_date__year=YEAR, start_date__month=2
        ).first()
        Participation.objects.create(
            forbund=forbund,
            participant=first.participant,
            insats=forbund.insatser.get(code="AP"),
            start_date=date(YEAR, 3, 1),
            gender=first.gender,
            birth_year=first.birth_year,
        )
    data = period_report_data(forbund, YEAR, "t2")
    with scope(forbund=forbund):
        people = statistics_to_date(forbund, YEAR, date(YEAR, 8, 31), for_publication=False)
    (goal,) = data["goals"]
    participations = people["totalt"]["deltagare"]["totalt"]
    assert people["unika_deltagare"]["totalt"] < participations  # someone is in two insatser
    assert goal["result"] == people["unika_deltagare"]["totalt"]


def test_a_contribution_booked_for_the_whole_year_is_explained_as_timing_not_surplus():
    def line(key: str, label: str, income: int, costs: int, budget: int) -> dict:
        return {
            "nyckel": key,
            "rubrik": label,
            "niva": 0,
            "omrade": False,
            "summa": False,
            "intakter": income,
            "kostnader": costs,
            "netto": income - costs,
            "budget_netto": budget,
            "budget_kostnader": max(0, -budget),
            "foregaende_ar_netto": None,
        }

    operating = {
        "rader": [
            line("medlemsbidrag", "Medlemsbidrag", 7_000_000, 0, 7_000_000),
            line("ovriga_intakter", "Övriga intäkter", 75_000, 0, 150_000),
            line("administration", "Administration", 0, 1_133_000, -2_122_000),
        ]
    }
    table = period_operating_table(operating, 8, date(YEAR, 8, 31))
    explained = [note for note in table.notes if "redan bokfört" in note]
    assert explained == [
        "Medlemsbidrag: hela årets budgeterade belopp (7\u00a0000 tkr) är redan bokfört. "
        "Avvikelsen mot en jämn fördelning (2\u00a0333 tkr) beror på när beloppet bokförs och "
        "är inget överskott; resultatets avvikelse innehåller samma belopp."
    ]


@pytest.mark.django_db
def test_the_plan_shows_the_use_of_equity_as_financing_of_a_negative_result(demo_forbund):
    from core.document import Table as DocumentTable
    from reports.services.generation import build, business_plan_data

    doc = build(business_plan_data(demo_forbund, 2026))
    (table,) = [
        b
        for b in doc.blocks
        if isinstance(b, DocumentTable) and b.caption.startswith("Intäkter och kostnader 2026")
    ]
    shown = {cells[0].text: [c.text for c in cells[1:]] for _k, cells in table.rendered_body()}
    assert "Ianspråktaget eget kapital" not in shown  # no income
    assert shown["Resultat"][0] == "\u2212754"
    assert shown["Finansieras med ianspråktaget eget kapital"][0] == "754"
    assert shown["Resultat efter ianspråktaget eget kapital"][0] == "0"
    assert table.sum_errors() == []


@pytest.mark.django_db
def test_the_tertial_report_accrues_the_contributions_booked_for_the_whole_year(demo_forbund):
    from core.document import Table as DocumentTable
    from reports.services.generation import build, period_report_data
    from reports.services.generation import sources as report_sources

    data = period_report_data(demo_forbund, 2025, "t2")
    accrual = data["operating"]["periodisering"]
    assert accrual["manader"] == 8
    assert accrual["periodens_del"] == pytest.approx(accrual["arsbelopp"] * 8 / 12, abs=0.01)
    booked = report_sources.operating(demo_forbund, 2025, until=date(2025, 8, 31))
    booked_result = booked["rader"][-1]["netto"]
    accrued_result = data["operating"]["rader"][-1]["netto"]
    assert booked_result - accrued_result == pytest.approx(
        accrual["bokfort"] - accrual["periodens_del"], abs=0.01
    )
    assert booked_result - accrued_result > 2_000_000  # the issue's ~2 333 tkr
    doc = build(data)
    (table,) = [
        b for b in doc.blocks if isinstance(b, DocumentTable) and b.caption.startswith("Budget och")
    ]
    assert any(note.startswith("Medlemsbidragen är periodiserade") for note in table.notes)
    assert table.sum_errors() == []
