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


# --- Issue 15: grades from exact values, rounding only for display ---------------------------


def _goal(indicator, target, direction):
    from reports.models import Goal

    return Goal(title="Mål", indicator=indicator, target=Decimal(target), direction=direction)


def _cell(women, total):
    return {"kvinna": women, "man": total - women, "ej_angivet": 0, "totalt": total}


def _statistics(women, total):
    section = {"deltagare": _cell(women, total)}
    return {"insatser": {}, "totalt": section, "unika_deltagare": _cell(women, total)}


@pytest.mark.parametrize(
    ("women", "total", "shown", "expected"),
    [
        (28, 59, Decimal("47.5"), Grade.PARTLY),  # 47.457… %: 5.08 % short of 50
        (19, 40, Decimal("47.5"), Grade.GOOD),  # exactly 47.5 %: exactly 5 % short
        (40, 100, Decimal("40.0"), Grade.PARTLY),  # exactly 20 % short
        (79, 200, Decimal("39.5"), Grade.NOT_MET),  # 39.5 %: 21 % short
    ],
)
def test_a_share_goal_is_graded_on_the_exact_share_and_shown_rounded(women, total, shown, expected):
    from reports.choices import Indicator
    from reports.services.goals import goal_results

    goal = _goal(Indicator.SHARE_WOMEN, 50, Direction.AT_LEAST)
    (result,) = goal_results([goal], _statistics(women, total), {}, DEFAULT)
    assert result.grade == expected
    assert result.result == shown  # display: one decimal


@pytest.mark.parametrize(
    ("costs", "expected"),
    [
        ("1050000", Grade.GOOD),  # 105.00 %: exactly 5 % over "högst 100"
        ("1050400", Grade.PARTLY),  # 105.04 % (shown 105,0)
        ("1050500", Grade.PARTLY),  # 105.05 % (half-even would show 105,0 too)
        ("1049999", Grade.GOOD),
        ("1200000", Grade.PARTLY),  # exactly 20 % over
        ("1200001", Grade.NOT_MET),
    ],
)
def test_budget_use_is_graded_on_the_exact_share_of_budget(costs, expected):
    from reports.choices import Indicator
    from reports.services.goals import goal_results
    from reports.services.sources import budget_use

    statement = {
        "har_budget": True,
        "rader": [{"nyckel": "resultat", "kostnader": costs, "budget_kostnader": "1000000"}],
    }
    use = budget_use(statement)
    goal = _goal(Indicator.BUDGET_KEPT, 100, Direction.AT_MOST)
    (result,) = goal_results([goal], None, use, DEFAULT)
    assert result.grade == expected
    assert result.result == (Decimal(costs) / 10_000).quantize(Decimal("0.1"), "ROUND_HALF_UP")


@pytest.mark.parametrize(
    ("count", "expected"),
    [(95, Grade.GOOD), (94, Grade.PARTLY), (80, Grade.PARTLY), (79, Grade.NOT_MET)],
)
def test_a_count_goal_is_graded_at_its_exact_thresholds(count, expected):
    assert grade(100, count, Direction.AT_LEAST, DEFAULT) == expected
    # "högst 100": 105 is exactly 5 % over, 106 more.
    assert grade(100, 200 - count, Direction.AT_MOST, DEFAULT) == expected


def test_share_percent_is_exact_and_display_rounds_half_up():
    from fractions import Fraction

    from reports.services.goals import display_percent, share_percent

    assert share_percent(28, 59) == Fraction(2800, 59)
    assert share_percent(1, 0) is None
    assert display_percent(Fraction(2101, 20)) == Decimal("105.1")  # 105.05 → 105.1
    assert display_percent(share_percent(28, 59)) == Decimal("47.5")
