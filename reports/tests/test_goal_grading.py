"""The one grading rule for måluppfyllelse, at its boundaries (reports.services.goals.grade)."""

from decimal import Decimal

import pytest

from reports.choices import Direction, Grade
from reports.services.goals import Thresholds, deviation_percent, grade

DEFAULT = Thresholds()  # God within 5 %, Delvis within 20 %


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (Decimal("100"), Grade.GOOD),  # on target
        (Decimal("130"), Grade.GOOD),  # better than the target is always God
        (Decimal("95"), Grade.GOOD),  # exactly 5 % short: still God (inclusive)
        (Decimal("94.99"), Grade.PARTLY),  # just over 5 % short
        (Decimal("80"), Grade.PARTLY),  # exactly 20 % short: still Delvis
        (Decimal("79.99"), Grade.NOT_MET),  # just over 20 % short
        (Decimal("0"), Grade.NOT_MET),
    ],
)
def test_an_at_least_goal_is_graded_by_how_far_the_result_falls_short(result, expected):
    assert grade(Decimal(100), result, Direction.AT_LEAST, DEFAULT) == expected


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (Decimal("9"), Grade.GOOD),  # under the ceiling
        (Decimal("10.5"), Grade.GOOD),  # 5 % over
        (Decimal("10.51"), Grade.PARTLY),
        (Decimal("12"), Grade.PARTLY),  # Botkyrka 2022: 12 % administration against ≤ 10 %
        (Decimal("12.01"), Grade.NOT_MET),
    ],
)
def test_an_at_most_goal_is_graded_by_how_far_the_result_exceeds_it(result, expected):
    assert grade(Decimal(10), result, Direction.AT_MOST, DEFAULT) == expected


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (Decimal("52.5"), Grade.GOOD),
        (Decimal("47.5"), Grade.GOOD),
        (Decimal("52.6"), Grade.PARTLY),
        (Decimal("40"), Grade.PARTLY),
        (Decimal("62"), Grade.NOT_MET),  # Stockholms stad 2023: 62 % women against 50 %
    ],
)
def test_a_close_to_goal_counts_deviation_on_both_sides(result, expected):
    assert grade(Decimal(50), result, Direction.CLOSE_TO, DEFAULT) == expected


def test_the_seed_002_examples_get_the_seeds_grades():
    # "Minst 550 personer" → 348: Ej uppfyllt; "35 % arbetar/studerar" → 45 %: God;
    # "80 % upplever bättre samverkan" → 79 %: God.
    assert grade(550, 348, Direction.AT_LEAST, DEFAULT) == Grade.NOT_MET
    assert grade(35, 45, Direction.AT_LEAST, DEFAULT) == Grade.GOOD
    assert grade(80, 79, Direction.AT_LEAST, DEFAULT) == Grade.GOOD


def test_the_forbund_thresholds_move_the_boundaries():
    strict = Thresholds(good_within=Decimal(0), partly_within=Decimal(10))
    assert grade(100, 100, Direction.AT_LEAST, strict) == Grade.GOOD
    assert grade(100, Decimal("99.9"), Direction.AT_LEAST, strict) == Grade.PARTLY
    assert grade(100, 90, Direction.AT_LEAST, strict) == Grade.PARTLY
    assert grade(100, Decimal("89.9"), Direction.AT_LEAST, strict) == Grade.NOT_MET


def test_a_target_of_zero_is_met_only_on_the_right_side():
    assert grade(0, 0, Direction.AT_MOST, DEFAULT) == Grade.GOOD
    assert grade(0, 3, Direction.AT_LEAST, DEFAULT) == Grade.GOOD
    assert grade(0, 1, Direction.AT_MOST, DEFAULT) == Grade.NOT_MET
    assert deviation_percent(0, 1, Direction.AT_MOST) is None


def test_no_result_gives_no_grade():
    assert grade(100, None, Direction.AT_LEAST, DEFAULT) is None


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError, match="Delvis"):
        Thresholds(good_within=Decimal(20), partly_within=Decimal(5))


def test_deviation_is_exact_not_floating_point():
    # 1/3 short of 3: 33,33… %; floats would make 95 of 100 slightly off the boundary too.
    assert deviation_percent(3, 2, Direction.AT_LEAST) * 3 == 100
    assert deviation_percent(Decimal("100"), Decimal("95"), Direction.AT_LEAST) == 5
