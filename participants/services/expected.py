"""An insats's expected results ("Förväntade resultat") against the year's actual figures.

    rows = expected_results(insats, section, share)

`section` is the insats's section of the year's statistics document (year_statistics; None
when it had no participation in the year), `share` the part of the year gone (1 for a year
that is over). Figures as the statistics and the goals count them:
- participants: participations active in the year (as "deltagare" in the statistics);
- share women: women among those participations;
- share to work or studies: ended to arbete or studier among the year's endings with a
  registered reason (as the goals' "andel avslutade till arbete eller studier").

Status (core.status), with the goals' default limits: the participant count against the
expected number pro rata; a share against its expected share once at least MIN_BASE
participations count (fewer say nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from core.formatting import format_number, round_half_away
from core.status import BAD, OK, WARN, Status
from participants.choices import NOT_REGISTERED, WORK_OR_STUDIES
from participants.models import Insats

MIN_BASE = 5
GOOD_WITHIN = Fraction(5, 100)  # within 5 % of the target: on target
PARTLY_WITHIN = Fraction(20, 100)  # within 20 %: at risk


@dataclass
class ExpectedRow:
    label: str
    expected: str  # as shown
    actual: str  # as shown
    basis: str  # what the actual figure is computed on
    status: Status | None


def share_of_year_gone(today: date) -> Fraction:
    """The part of today's year that is gone, today included."""
    first = date(today.year, 1, 1)
    return Fraction((today - first).days + 1, (date(today.year + 1, 1, 1) - first).days)


def target_status(actual: Fraction, target: Fraction, *, at_least: bool = True) -> Status:
    """How an actual figure stands against a target: at least the target (`at_least`), or
    close to an expected mix such as the share of women, where a deviation either way is worth
    a look but is not a failure (a warning, never "danger")."""
    if target == 0:
        return Status(OK, _("Når målet"))
    shortfall = (target - actual) / target if at_least else abs(target - actual) / target
    if shortfall <= GOOD_WITHIN:
        return Status(OK, _("Når målet"))
    if shortfall <= PARTLY_WITHIN:
        return Status(WARN, _("Nära målet"))
    if not at_least:
        return Status(WARN, _("Över förväntat") if actual > target else _("Under förväntat"))
    return Status(BAD, _("Under målet"))


def _percent(value: Fraction | Decimal) -> str:
    """A percentage as shown: one decimal (half away from zero), none when it is whole."""
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else value
    )
    decimals = 0 if round_half_away(exact, 1) == round_half_away(exact, 0) else 1
    return f"{format_number(exact, decimals)}\u00a0%"


def expected_results(
    insats: Insats, section: dict[str, Any] | None, share: Fraction
) -> list[ExpectedRow]:
    rows: list[ExpectedRow] = []
    active = section["deltagare"]["totalt"] if section else 0
    women = section["deltagare"]["kvinna"] if section else 0
    if insats.expected_participants is not None:
        expected = insats.expected_participants
        rows.append(
            ExpectedRow(
                _("Antal deltagare"),
                format_number(expected),
                format_number(active),
                _("deltaganden under året")
                if share >= 1
                else _("hittills i år; jämförs med %(n)s för samma del av året")
                % {"n": round(expected * share)},
                target_status(Fraction(active), Fraction(expected) * share),
            )
        )
    if insats.expected_share_women is not None:
        target = Fraction(str(insats.expected_share_women))
        actual = Fraction(women * 100, active) if active else None
        rows.append(
            ExpectedRow(
                _("Andel kvinnor"),
                _percent(insats.expected_share_women),
                _percent(actual) if actual is not None else "–",
                _("%(part)s av %(whole)s") % {"part": women, "whole": active},
                target_status(actual, target, at_least=False)
                if actual is not None and active >= MIN_BASE
                else None,
            )
        )
    if insats.expected_share_work_or_studies is not None:
        target = Fraction(str(insats.expected_share_work_or_studies))
        reasons = section["avslutsorsaker"] if section else {}
        work = sum(reasons[key]["totalt"] for key in WORK_OR_STUDIES.members) if section else 0
        registered = (
            section["avslutade"]["totalt"] - reasons[NOT_REGISTERED]["totalt"] if section else 0
        )
        actual = Fraction(work * 100, registered) if registered else None
        rows.append(
            ExpectedRow(
                _("Andel som avslutas till arbete eller studier"),
                _percent(insats.expected_share_work_or_studies),
                _percent(actual) if actual is not None else "–",
                _("%(part)s av %(whole)s avslutade med registrerad orsak")
                % {"part": work, "whole": registered},
                target_status(actual, target)
                if actual is not None and registered >= MIN_BASE
                else None,
            )
        )
    return rows
