"""One year range for the whole system (core.years)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, get_resolver, reverse

from core.tabular import ValueProblem
from core.years import (
    FIRST_YEAR,
    YEAR_VALIDATORS,
    YearConverter,
    is_valid_year,
    last_year,
    parse_year,
)


def test_the_range_runs_from_finsam_to_two_years_ahead():
    assert FIRST_YEAR == 2004
    assert is_valid_year(FIRST_YEAR) and is_valid_year(last_year())
    assert not is_valid_year(FIRST_YEAR - 1) and not is_valid_year(last_year() + 1)


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, 2200])
def test_field_validators_refuse_a_year_outside_the_range(year):
    with pytest.raises(ValidationError):
        for validator in YEAR_VALIDATORS:
            validator(year)


def test_file_columns_refuse_a_year_outside_the_range_and_accept_empty():
    assert parse_year("2023") == 2023
    assert parse_year("") is None
    with pytest.raises(ValueProblem, match="mellan 2004 och"):
        parse_year("2003")


def test_converter_refuses_an_out_of_range_year():
    converter = YearConverter()
    assert converter.to_python("2023") == 2023
    with pytest.raises(ValueError):
        converter.to_python("2003")


def test_every_url_with_a_year_uses_the_year_converter():
    def patterns(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if hasattr(entry, "url_patterns"):
                yield from patterns(entry, route)
            else:
                yield route

    routes = [r for r in patterns(get_resolver()) if "year>" in r]
    assert routes, "no year routes found"
    assert all("<year:year>" in r for r in routes), [r for r in routes if "<int:year>" in r]


def test_an_address_cannot_be_built_for_an_absurd_year():
    with pytest.raises(NoReverseMatch):
        reverse("economy:statements", kwargs={"forbund": "alfa", "year": 20230})
