"""Sums of every column (issue 11): the contributions' "Kvar att betala" has its total."""

from __future__ import annotations

from budget.services.contributions import ContributionRow, ContributionYear


def test_the_unpaid_column_has_a_total_that_is_the_sum_of_its_rows():
    rows = [
        ContributionRow(member=None, requested=None, decided=1_000_000, paid=250_000),  # type: ignore[arg-type]
        ContributionRow(member=None, requested=None, decided=500_000, paid=None),  # type: ignore[arg-type]
        ContributionRow(member=None, requested=100, decided=None, paid=None),  # type: ignore[arg-type]
    ]
    year = ContributionYear(year=2026, rows=rows)
    assert year.total_unpaid == 750_000 + 500_000
    assert ContributionYear(year=2026, rows=rows[2:]).total_unpaid is None
