"""Every table with a sum, in every report the demo and sample förbund can make: the shown
sum is the sum of the shown parts (read back from the printed text), and every bold sum row
says what it sums (core.document.Row.sum_of)."""

from __future__ import annotations

import pytest

from core.document import Document, Table
from reports.choices import Period
from reports.services.generation import (
    annual_report_data,
    build,
    business_plan_data,
    period_report_data,
)


def tables(doc: Document) -> list[Table]:
    return [block for block in doc.blocks if isinstance(block, Table)]


def documents(forbund, years) -> list[tuple[str, Document]]:
    result = []
    for year in years:
        for publication in (False, True):
            data = annual_report_data(forbund, year, for_publication=publication)
            result.append((f"årsredovisning {year}", build(data)))
        result.append((f"verksamhetsplan {year + 1}", build(business_plan_data(forbund, year + 1))))
        for period in Period:
            data = period_report_data(forbund, year, period.value)
            result.append((f"periodrapport {year} {period.value}", build(data)))
    return result


def sum_errors(forbund, years) -> list[str]:
    errors = []
    checked = 0
    for name, doc in documents(forbund, years):
        for table in tables(doc):
            checked += bool(table.sum_structure())
            errors += [f"{name}: {error}" for error in table.sum_errors()]
    assert checked > 20  # the walk reached the tables with sums
    return errors


@pytest.mark.django_db
def test_every_sum_in_the_demo_reports_is_the_sum_of_its_shown_parts(demo_forbund):
    assert sum_errors(demo_forbund, range(2021, 2026)) == []


@pytest.mark.django_db
def test_every_sum_in_the_sample_reports_is_the_sum_of_its_shown_parts(sample_forbund):
    assert sum_errors(sample_forbund.forbund, sample_forbund.years) == []
