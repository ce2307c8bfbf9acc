"""Goals: the one grading rule, and results computed from the data.

The grading rule (måluppfyllelse, three steps as Botkyrka Huddinge Salem 2022):

    deviation = how far the result is from the target on the wrong side, in percent of the
                target:
                  "minst" (at least):  (target − result) / target, 0 when result ≥ target
                  "högst" (at most):   (result − target) / target, 0 when result ≤ target
                  "nära"  (close to):  |result − target| / target
    God              when deviation ≤ good_within   (default 5 %: Botkyrka 2022's "God")
    Delvis uppfyllt  when deviation ≤ partly_within (default 20 %)
    Ej uppfyllt      otherwise.

Both limits are inclusive and set per förbund (GoalGrading). Percent goals (share of women,
share ending in work or studies) are graded the same way, relative to the target: with the
defaults a goal of 50 % women is "God" from 47,5 % to 52,5 % ("nära").

Every comparison uses the exact result: a share is the fraction part / whole, budget use the
fraction outcome / budget (Fraction, never a rounded decimal). Rounding (one decimal, half
away from zero) is for display only: 28 of 59 women is 47,457… %, 5,08 % short of "minst
50 %" and Delvis, although it is shown as 47,5 %; costs at 105,04 % of budget against
"högst 100" are Delvis although shown as 105,0 %. A target of 0 is met
exactly only by a result on the right side of 0 (deviation 0), else Ej uppfyllt.

Why "Delvis" at 20 %: Botkyrka 2022 calls 12 % administration against a goal of at most 10 %
"nära måluppfyllelse" (20 % above the target) and 348 participants against a goal of 550
(37 % short) "Ej uppfyllt"; 20 % keeps the first "Delvis" and the second "Ej".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from participants.choices import WORK_OR_STUDIES
from reports.choices import (
    DEFAULT_GOOD_WITHIN,
    DEFAULT_PARTLY_WITHIN,
    PERCENT_INDICATORS,
    Direction,
    Grade,
    Indicator,
)
from reports.services.snapshot import jsonable


@dataclass(frozen=True)
class Thresholds:
    good_within: Decimal = DEFAULT_GOOD_WITHIN  # percent of the target
    partly_within: Decimal = DEFAULT_PARTLY_WITHIN

    def __post_init__(self) -> None:
        if not (0 <= self.good_within <= self.partly_within):
            raise ValueError(
                f"Gränserna för måluppfyllelse måste uppfylla 0 ≤ God ({self.good_within}) "
                f"≤ Delvis ({self.partly_within})."
            )


def deviation_percent(
    target: Decimal | int, result: Fraction | Decimal | int, direction: str
) -> Fraction | None:
    """How far `result` is from `target` on the wrong side, in percent of the target.

    None means "infinitely far": a target of 0 missed on the wrong side.
    """
    target_f = Fraction(str(target))
    result_f = result if isinstance(result, Fraction) else Fraction(str(result))
    if direction == Direction.AT_LEAST:
        shortfall = max(Fraction(0), target_f - result_f)
    elif direction == Direction.AT_MOST:
        shortfall = max(Fraction(0), result_f - target_f)
    elif direction == Direction.CLOSE_TO:
        shortfall = abs(result_f - target_f)
    else:
        raise ValueError(f"Okänd riktning för mål: {direction!r}.")
    if shortfall == 0:
        return Fraction(0)
    if target_f == 0:
        return None
    return shortfall * 100 / abs(target_f)


def grade(
    target: Decimal | int,
    result: Fraction | Decimal | int | None,
    direction: str,
    thresholds: Thresholds,
) -> Grade | None:
    """The måluppfyllelse of one result (None when there is no result to grade)."""
    if result is None:
        return None
    deviation = deviation_percent(target, result, direction)
    if deviation is None:
        return Grade.NOT_MET
    if deviation <= Fraction(str(thresholds.good_within)):
        return Grade.GOOD
    if deviation <= Fraction(str(thresholds.partly_within)):
        return Grade.PARTLY
    return Grade.NOT_MET


def thresholds_for(forbund) -> Thresholds:
    from reports.models import GoalGrading

    settings = GoalGrading.objects.filter(forbund=forbund).first()
    if settings is None:
        return Thresholds()
    return Thresholds(settings.good_within_percent, settings.partly_within_percent)


# --- Results from the data -------------------------------------------------------------------


def share_percent(part: int | Decimal, whole: int | Decimal) -> Fraction | None:
    """part / whole in percent, exactly (a Fraction); None when whole is 0.

    Grade on this value; show it with `display_percent`."""
    if not whole:
        return None
    return Fraction(str(part)) * 100 / Fraction(str(whole))


def display_percent(value: Fraction | Decimal | int | None) -> Decimal | None:
    """A result as shown: one decimal, half away from zero (47,457… → 47.5)."""
    if value is None:
        return None
    exact = Fraction(str(value)) if not isinstance(value, Fraction) else value
    decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    return decimal.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def participant_result(
    indicator: str, section: Mapping[str, Any] | None, unique: Mapping | None = None
):
    """A participant indicator's result from one section of the statistics document.

    `section` is an insats (or the document's "totalt"); for the förbund-level PARTICIPANTS
    `unique` (the document's unika_deltagare) counts people rather than participations.
    Returns (result, basis) where basis says what it was computed on, or (None, "") when the
    section is missing or a share has nothing to be computed on.
    """
    if section is None:
        return None, ""
    if indicator == Indicator.PARTICIPANTS:
        cell = unique if unique is not None else section["deltagare"]
        return Decimal(cell["totalt"]), ""
    if indicator == Indicator.STARTED:
        return Decimal(section["paborjade"]["totalt"]), ""
    if indicator == Indicator.SHARE_WOMEN:
        cell = unique if unique is not None else section["deltagare"]
        share = share_percent(cell["kvinna"], cell["totalt"])
        return share, f"{cell['kvinna']} av {cell['totalt']}" if share is not None else ""
    if indicator == Indicator.SHARE_WORK_OR_STUDIES:
        reasons = section["avslutsorsaker"]
        work_or_studies = sum(reasons[key]["totalt"] for key in WORK_OR_STUDIES.members)
        # Ended with a registered reason (Stockholms stad 2023 leaves the others out of the shares).
        registered = section["avslutade"]["totalt"] - reasons["ej_registrerad"]["totalt"]
        share = share_percent(work_or_studies, registered)
        return share, f"{work_or_studies} av {registered}" if share is not None else ""
    raise ValueError(f"{indicator!r} är ingen deltagarindikator.")


@dataclass
class GoalResult:
    """A goal with its result and grade, as the reports and pages show it."""

    id: int | None
    title: str
    insats_code: str
    insats_name: str
    indicator: str
    indicator_label: str
    direction: str
    target: Decimal
    result: Decimal | None
    basis: str
    unit: str
    grade: str | None
    grade_label: str
    comment: str

    @property
    def is_percent(self) -> bool:
        return self.indicator in PERCENT_INDICATORS or self.unit.strip() == "%"

    def as_data(self) -> dict[str, Any]:
        """JSON-ready (see snapshot.jsonable)."""
        return jsonable(
            {
                "title": self.title,
                "insats_code": self.insats_code,
                "insats_name": self.insats_name,
                "indicator": self.indicator,
                "indicator_label": self.indicator_label,
                "direction": self.direction,
                "target": self.target,
                "result": self.result,
                "basis": self.basis,
                "unit": self.unit,
                "percent": self.is_percent,
                "grade": self.grade,
                "grade_label": self.grade_label,
                "comment": self.comment,
            }
        )


def goal_results(
    goals: Iterable,
    statistics: Mapping[str, Any] | None,
    budget_use: Mapping[str | None, Fraction | Decimal | None],
    thresholds: Thresholds,
) -> list[GoalResult]:
    """Results and grades for `goals` (Goal objects with insats loaded).

    `statistics` is the year's exact statistics document (year_statistics); `budget_use` maps an
    insats code (None: the förbund) to outcome in percent of budget (exact: a Fraction).
    Grades come from the exact results; `result` holds the value as shown (display_percent
    for a share or budget use).
    """
    results = []
    for goal in goals:
        code = goal.insats.code if goal.insats_id else None
        basis = ""
        if goal.indicator == Indicator.MANUAL:
            result = goal.manual_result
        elif goal.indicator == Indicator.BUDGET_KEPT:
            result = budget_use.get(code)
        elif statistics is None:
            result = None
        elif code is None:  # the förbund: people (unika deltagare) rather than participations
            result, basis = participant_result(
                goal.indicator, statistics["totalt"], statistics["unika_deltagare"]
            )
        elif code in statistics["insatser"]:
            result, basis = participant_result(goal.indicator, statistics["insatser"][code])
        elif goal.indicator in (Indicator.PARTICIPANTS, Indicator.STARTED):
            result = Decimal(0)  # no participation in the year: none took part
        else:
            result = None  # a share of nobody
        graded = grade(goal.target, result, goal.direction, thresholds)
        if isinstance(result, Fraction):
            result = display_percent(result)
        results.append(
            GoalResult(
                id=goal.pk,
                title=goal.title,
                insats_code=code or "",
                insats_name=goal.insats.name if goal.insats_id else "",
                indicator=goal.indicator,
                indicator_label=str(Indicator(goal.indicator).label),
                direction=goal.direction,
                target=goal.target,
                result=result,
                basis=basis,
                unit=goal.unit,
                grade=graded.value if graded else None,
                grade_label=str(graded.label) if graded else "Underlag saknas",
                comment=goal.comment,
            )
        )
    return results
