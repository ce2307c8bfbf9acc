"""The demo förbund gets five years of books through the SIE import, and every economy page
has something to show."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_scopes import scope

from economy.choices import CheckStatus
from economy.models import FinancialYear
from economy.services import (
    consistency_warnings,
    five_year_overview,
    operating_statement,
    run_checks,
    statements_for,
)
from samples.demo import economy as economy_demo


@pytest.fixture
def demo(demo_forbund):
    """The demo förbund as load_demo builds it."""
    return demo_forbund


def test_demo_books_cover_five_years_that_agree_with_themselves(demo):
    with scope(forbund=demo):
        years = sorted(FinancialYear.objects.values_list("end__year", flat=True))
    assert years == list(economy_demo.YEARS) and len(years) == 5
    for year in years:
        current, previous = statements_for(demo, year)
        assert consistency_warnings(current) == [], year
        assert current.cash_flow is not None
        assert current.cash_flow.total == (
            current.cash_flow.liquid_funds_closing - current.cash_flow.liquid_funds_opening
        )
        assert (previous is None) == (year == years[0])


def test_demo_driftredovisning_has_every_insats_budget_and_the_previous_year(demo):
    statement = operating_statement(demo, 2024)
    keys = {row.key for row in statement.rows}
    assert {"insats:FT", "insats:AP", "insats:IPS", "insats:KOMP"} <= keys
    assert "omrade:strukturinriktad:FORUM" in keys
    assert statement.has_budget and statement.previous_year == 2023
    assert statement.row("insats:FT").budget_net is not None
    assert statement.row("ej_fordelat").outcome.costs < Decimal(10_000)


def test_demo_checks_and_overview_show(demo):
    statuses = {check.key: check.status for check in run_checks(demo, 2025)}
    assert statuses["administrationsandel"] == CheckStatus.MET  # a third of the budget
    assert statuses["eget_kapital"] == CheckStatus.NOT_MET  # high equity, as Roslagen 2023
    rows = five_year_overview(demo, 2025)
    assert all(row["kalla"] == "bokforing" for row in rows)
    assert all(row["arsarbetare"]["totalt"] for row in rows)
