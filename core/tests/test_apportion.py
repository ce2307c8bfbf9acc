"""core.apportion: the one largest-remainder method, keeping totals."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.apportion import apportion, round_half_up, round_keeping_total, split_by_weights
from core.formatting import round_shares_to_100


def test_three_equal_parts_of_1_000_001():
    assert split_by_weights(1_000_001, [1, 1, 1]) == [333_334, 333_334, 333_333]
    assert round_keeping_total([Fraction(1_000_001, 3)] * 3) == [333_334, 333_334, 333_333]


def test_ties_go_to_the_larger_part_then_the_earlier_position():
    assert apportion(2, [Fraction(1, 2), Fraction(3, 2)]) == [0, 2]
    assert apportion(1, [Fraction(1, 2), Fraction(1, 2)]) == [1, 0]


def test_round_half_up_and_impossible_totals():
    assert round_half_up(Fraction(5, 2)) == 3 and round_half_up(Decimal("2.49")) == 2
    with pytest.raises(ValueError, match="summan"):
        apportion(5, [1, 1])
    with pytest.raises(ValueError, match="negativa"):
        apportion(0, [-1, 1])


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=12))
def test_percent_shares_and_splits_always_keep_their_totals(counts):
    shares = round_shares_to_100(counts)
    assert sum(shares) == (100 if sum(counts) else 0)
    if sum(counts):
        assert sum(split_by_weights(1_000_001, counts)) == 1_000_001
        exact = [Fraction(c, 7) for c in counts]
        rounded = round_keeping_total(exact)
        assert sum(rounded) == round_half_up(sum(exact))
        assert all(abs(r - e) < 1 for r, e in zip(rounded, exact, strict=True))
