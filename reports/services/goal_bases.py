"""The two bases of a share of the ended (issue 9, item 10).

"Minst 25 % av de avslutade går till arbete eller studier" is computed on the endings with a
registered reason (reports.services.goals.participant_result; Stockholms stad 2023 leaves
the others out). Where endings without a reason exist, the reader must also see the share of
all endings: 34 of 111 with a reason is 30,7 %, of all 148 it is 23,0 %. This module adds
that second basis to a goal's data for the report; the grading stays on the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from participants.choices import WORK_OR_STUDIES
from reports.choices import Indicator
from reports.services.goals import display_percent, share_percent


def all_endings_basis(
    goal: Mapping[str, Any], statistics: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    """{"without_reason", "ended", "part", "share"} when the goal is a share of the ended and
    some endings have no registered reason; None otherwise."""
    if statistics is None or goal["indicator"] != Indicator.SHARE_WORK_OR_STUDIES:
        return None
    code = goal["insats_code"]
    section = statistics["totalt"] if not code else statistics["insatser"].get(code)
    if section is None:
        return None
    reasons = section["avslutsorsaker"]
    without = reasons["ej_registrerad"]["totalt"]
    ended = section["avslutade"]["totalt"]
    if not without or not ended:
        return None
    part = sum(reasons[key]["totalt"] for key in WORK_OR_STUDIES.members)
    share: Decimal | None = display_percent(share_percent(part, ended))
    return {"without_reason": without, "ended": ended, "part": part, "share": share}


def with_all_endings(
    goals: list[dict[str, Any]], statistics: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    return [{**goal, "all_endings": all_endings_basis(goal, statistics)} for goal in goals]
