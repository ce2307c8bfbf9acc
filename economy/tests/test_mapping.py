"""The Kommun-Bas default mapping exactly as the spec's table, and the förbund's overrides."""

from __future__ import annotations

import pytest

from economy.choices import NO_LINE, StatementLine
from economy.services.configuration import account_in_ranges
from economy.services.mapping import AccountMapping, default_line

L = StatementLine


@pytest.mark.parametrize(
    ("account", "line"),
    [
        ("1000", L.INTANGIBLE_ASSETS),
        ("1099", L.INTANGIBLE_ASSETS),
        ("1100", L.TANGIBLE_ASSETS),
        ("1299", L.TANGIBLE_ASSETS),
        ("1300", L.FINANCIAL_ASSETS),
        ("1400", L.INVENTORIES),
        ("1500", L.RECEIVABLES),
        ("1799", L.RECEIVABLES),
        ("1800", L.SHORT_TERM_INVESTMENTS),
        ("1930", L.CASH),
        ("2010", L.EQUITY),
        ("2100", L.PROVISIONS),
        ("2299", L.PROVISIONS),
        ("2300", L.LONG_TERM_LIABILITIES),
        ("2400", L.SHORT_TERM_LIABILITIES),
        ("2999", L.SHORT_TERM_LIABILITIES),
        ("3000", L.OPERATING_INCOME),
        ("3999", L.OPERATING_INCOME),
        ("4000", L.OPERATING_COSTS),
        ("7799", L.OPERATING_COSTS),
        ("7800", L.DEPRECIATION),
        ("7899", L.DEPRECIATION),
        ("7900", L.OPERATING_COSTS),
        ("7999", L.OPERATING_COSTS),
        ("8400", L.FINANCIAL_INCOME),
        ("8500", L.FINANCIAL_COSTS),
        ("8700", L.EXTRAORDINARY),
        ("35101", L.OPERATING_INCOME),  # a municipal system's five-digit account
    ],
)
def test_default_line_follows_the_spec_table(account, line):
    assert default_line(account) == line


@pytest.mark.parametrize("account", ["8000", "8399", "8600", "8999", "999", "ABCD", ""])
def test_accounts_outside_every_range_have_no_default_line(account):
    assert default_line(account) is None


def test_an_override_wins_and_no_line_leaves_the_account_out():
    mapping = AccountMapping({"8410": L.OPERATING_INCOME, "3590": NO_LINE})
    assert mapping.line_for("8410") == L.OPERATING_INCOME
    assert mapping.line_for("3590") is None
    assert mapping.line_for("3510") == L.OPERATING_INCOME
    assert mapping.is_overridden("3590") and not mapping.is_overridden("3510")


@pytest.mark.parametrize(
    ("account", "ranges", "inside"),
    [
        ("3510", "3510-3539", True),
        ("3539", "3510-3539", True),
        ("3540", "3510-3539", False),
        ("3590", "3510-3539, 3590", True),
        ("35311", "3530-3539", True),
        ("3510", "", False),
    ],
)
def test_account_ranges_of_the_settings(account, ranges, inside):
    assert account_in_ranges(account, ranges) is inside
