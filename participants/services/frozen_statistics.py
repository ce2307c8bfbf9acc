"""Frozen statistics: a year's figures stored before participants are removed (docs/gallring.md).

The one place that decides "frozen or live": `stored(forbund, year, part)` returns the stored
figures of a frozen year, or None, and every statistics service asks it first
(participants.services.statistics: year, period and follow-up statistics, the years list;
participants.services.national_export: persons per insats; surveys.services.results through its
own frozen counts, stored by the freezer it registers here).

    years = affected_years(participants, today)
    freeze_years(forbund, years, cause="radering")   # before anything is deleted

Which years: every year a participation of the removed people touched (start year to end
year; an ongoing one to this year), and the year after each end (its twelve-month follow-up).
Only completed years are frozen: the current year is still being counted, and a removed person
is simply no longer in it. A year frozen earlier is kept as it is.
"""

from __future__ import annotations

import json
from calendar import monthrange
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django_scopes import scope

from participants.models import FrozenStatistics, Participation

# The parts of a frozen year (keys of FrozenStatistics.documents).
YEAR = "ar"  # statistics.year_statistics: the document of docs/format/statistik.md
FOLLOW_UP = "uppfoljning"  # statistics.follow_up_statistics
PERSONS = "personer_per_insats"  # national_export.persons_per_insats (insats id as text)
PERIODS = "perioder"  # statistics.period_statistics, 1 January to each month's end ("1"–"12")
PARTS = (YEAR, FOLLOW_UP, PERSONS, PERIODS)

# Other apps' freezers (surveys registers one in its AppConfig.ready): called with the förbund
# and the years just frozen, inside the removal's transaction.
Freezer = Callable[[Any, list[int]], None]
_FREEZERS: list[Freezer] = []


def register_freezer(freezer: Freezer) -> None:
    if freezer not in _FREEZERS:
        _FREEZERS.append(freezer)


# A förbund object remembers its frozen years (one query per object, so a page or report that
# asks for many years pays once); freeze_years forgets it on the object it was given. Objects
# live for one request or command.
_MEMO = "_samordna_frozen_years"


def frozen_years(forbund) -> list[int]:
    """The förbund's frozen years, newest first."""
    years = getattr(forbund, _MEMO, None)
    if years is None:
        with scope(forbund=forbund):
            years = list(
                FrozenStatistics.objects.filter(forbund=forbund)
                .order_by("-year")
                .values_list("year", flat=True)
            )
        setattr(forbund, _MEMO, years)
    return list(years)


def forget_frozen_years(forbund) -> None:
    forbund.__dict__.pop(_MEMO, None)


def stored(forbund, year: int, part: str) -> Any | None:
    """The stored figures of `part` for a frozen year, or None when the year is live."""
    if year not in frozen_years(forbund):
        return None
    with scope(forbund=forbund):
        documents = (
            FrozenStatistics.objects.filter(forbund=forbund, year=year)
            .values_list("documents", flat=True)
            .first()
        )
    if documents is None:
        return None
    return json.loads(documents).get(part)


def affected_years(participations: Iterable[Participation], today: date) -> list[int]:
    """The completed years (before today's) whose figures the participations count in."""
    years: set[int] = set()
    for row in participations:
        last = row.end_date.year if row.end_date is not None else today.year
        years.update(range(row.start_date.year, last + 1))
        if row.end_date is not None:
            years.add(row.end_date.year + 1)  # the year its twelve-month follow-up is reported
    return sorted(y for y in years if y < today.year)


def live_documents(forbund, year: int) -> dict[str, Any]:
    """Every part of a year's figures, computed from the rows now."""
    from participants.services.national_export import persons_per_insats
    from participants.services.statistics import (
        follow_up_statistics,
        period_statistics,
        year_statistics,
    )

    return {
        YEAR: year_statistics(forbund, year, live=True),
        FOLLOW_UP: follow_up_statistics(forbund, year, live=True),
        PERSONS: {
            str(pk): cell for pk, cell in persons_per_insats(forbund, year, live=True).items()
        },
        PERIODS: {
            str(month): period_statistics(
                forbund, date(year, 1, 1), date(year, month, monthrange(year, month)[1]), live=True
            )
            for month in range(1, 13)
        },
    }


def freeze_years(forbund, years: Iterable[int], *, cause: str) -> list[int]:
    """Store the figures of each year not frozen yet; returns the years frozen now. Call inside
    the removal's transaction, before anything is deleted."""
    with scope(forbund=forbund):
        already = set(
            FrozenStatistics.objects.filter(forbund=forbund).values_list("year", flat=True)
        )
    new = sorted(set(years) - already)
    forget_frozen_years(forbund)
    FrozenStatistics.objects.bulk_create(
        FrozenStatistics(
            forbund=forbund,
            year=year,
            documents=json.dumps(live_documents(forbund, year), ensure_ascii=False),
            cause=cause,
        )
        for year in new
    )
    forget_frozen_years(forbund)
    if new:
        for freezer in _FREEZERS:
            freezer(forbund, new)
    return new
