import datetime
from decimal import Decimal

import pytest

from core.formatting import (
    MINUS,
    MISSING,
    NBSP,
    format_count_with_share,
    format_date,
    format_date_long,
    format_number,
    format_percent,
    format_tkr,
    kronor_to_tkr,
    round_half_away,
    round_shares_to_100,
)


def test_format_number_groups_thousands_with_no_break_space():
    assert format_number(12345678.9) == f"12{NBSP}345{NBSP}679"


def test_format_number_does_not_group_numbers_below_one_thousand():
    assert format_number(999) == "999"
    assert format_number(1000) == f"1{NBSP}000"


def test_format_number_uses_decimal_comma():
    assert format_number(0.57, decimals=2) == "0,57"
    assert format_number(1234.5, decimals=1) == f"1{NBSP}234,5"


def test_format_number_pads_decimals():
    assert format_number(2, decimals=2) == "2,00"


def test_format_number_uses_the_minus_sign():
    assert format_number(-2091) == f"{MINUS}2{NBSP}091"


def test_format_number_rounds_half_away_from_zero():
    assert format_number(2.5) == "3"
    assert format_number(-2.5) == f"{MINUS}3"
    assert format_number(0.5) == "1"
    assert format_number(1.4999) == "1"


def test_format_number_rounds_floats_by_their_written_value():
    # round(2.675, 2) == 2.67 with binary floats; the written value 2.675 must give 2,68.
    assert format_number(2.675, decimals=2) == "2,68"


def test_format_number_never_shows_a_negative_zero():
    assert format_number(-0.4) == "0"
    assert format_number(Decimal("-0.001"), decimals=2) == "0,00"


def test_format_number_accepts_decimal_and_int():
    assert format_number(Decimal("1814.5")) == f"1{NBSP}815"
    assert format_number(10**12) == f"1{NBSP}000{NBSP}000{NBSP}000{NBSP}000"


def test_format_number_shows_missing_value_as_dash():
    assert format_number(None) == MISSING == "\u2013"


def test_format_number_with_signed_marks_positive_values():
    assert format_number(1214, signed=True) == f"+1{NBSP}214"
    assert format_number(0, signed=True) == "0"
    assert format_number(-5, signed=True) == f"{MINUS}5"


def test_format_number_rejects_booleans_and_strings_in_swedish():
    with pytest.raises(TypeError, match="Ett tal förväntades"):
        format_number(True)
    with pytest.raises(TypeError, match="Ett tal förväntades"):
        format_number("12")  # type: ignore[arg-type]


def test_format_number_rejects_infinite_values():
    with pytest.raises(ValueError, match="ändligt"):
        format_number(float("inf"))


def test_round_half_away_rejects_negative_decimals():
    with pytest.raises(ValueError, match="negativt"):
        round_half_away(1, -1)


def test_format_tkr_converts_kronor_to_rounded_thousands():
    assert format_tkr(6_000_000) == f"6{NBSP}000"
    assert format_tkr(1_814_499) == f"1{NBSP}814"
    assert format_tkr(1_814_500) == f"1{NBSP}815"
    assert format_tkr(-2_091_500) == f"{MINUS}2{NBSP}092"
    assert format_tkr(499) == "0"
    assert format_tkr(-499) == "0"
    assert format_tkr(None) == MISSING


def test_kronor_to_tkr_keeps_decimal_precision():
    assert kronor_to_tkr(Decimal("1500.00")) == Decimal("2")
    assert kronor_to_tkr(Decimal("1449.99"), decimals=1) == Decimal("1.4")


def test_format_percent_multiplies_fraction_and_adds_spaced_percent_sign():
    assert format_percent(0.4312) == f"43{NBSP}%"
    assert format_percent(0.4312, decimals=1) == f"43,1{NBSP}%"
    assert format_percent(1) == f"100{NBSP}%"
    assert format_percent(0.005) == f"1{NBSP}%"
    assert format_percent(-0.125, decimals=1) == f"{MINUS}12,5{NBSP}%"
    assert format_percent(None) == MISSING


def test_format_count_with_share_matches_the_seed_tables():
    assert format_count_with_share(57, 43) == f"57 (43{NBSP}%)"
    assert format_count_with_share(None, None) == MISSING
    assert format_count_with_share(4, None) == "4"


def test_round_shares_to_100_sums_to_exactly_100():
    # Stockholms stad's annual report 2023, Tabell 3, FINSAM-team: 57, 12, 58, 7 of 134.
    shares = round_shares_to_100([57, 12, 58, 7])
    assert shares == [43, 9, 43, 5]
    assert sum(shares) == 100


def test_round_shares_to_100_gives_the_missing_point_to_the_largest_remainder():
    # 1/3 each: 33,33 -> two get 33, one gets 34: the tie goes to the first position.
    assert round_shares_to_100([1, 1, 1]) == [34, 33, 33]
    # 2/3 and 1/3: 66,67 and 33,33 -> 67 and 33.
    assert round_shares_to_100([2, 1]) == [67, 33]


def test_round_shares_to_100_breaks_remainder_ties_by_larger_count_first():
    # 1/8 = 12,5 and 3/8 = 37,5 tie on remainder 0,5; the larger count gets the point.
    assert round_shares_to_100([1, 3, 4]) == [12, 38, 50]


def test_round_shares_to_100_where_naive_rounding_overshoots():
    counts = [1, 1, 1, 1, 1, 1, 1]  # 14,29 each: naive rounding gives 98
    shares = round_shares_to_100(counts)
    assert sum(shares) == 100
    assert sorted(shares) == [14, 14, 14, 14, 14, 15, 15]


def test_round_shares_to_100_keeps_zero_counts_at_zero():
    assert round_shares_to_100([0, 5, 0]) == [0, 100, 0]


def test_round_shares_to_100_returns_zeros_when_there_is_nothing_to_share():
    assert round_shares_to_100([0, 0]) == [0, 0]
    assert round_shares_to_100([]) == []


def test_round_shares_to_100_accepts_decimal_amounts():
    shares = round_shares_to_100([Decimal("2073.4"), Decimal("601.2"), Decimal("4412.4")])
    assert shares == [29, 9, 62]


def test_round_shares_to_100_rejects_negative_counts_with_position():
    with pytest.raises(ValueError, match="position 2 har värdet -1"):
        round_shares_to_100([3, -1])


def test_dates_are_formatted_the_swedish_way():
    assert format_date(datetime.date(2023, 12, 31)) == "2023-12-31"
    assert format_date_long(datetime.date(2024, 3, 20)) == "20 mars 2024"
    assert format_date_long(None) == MISSING
