"""Survey results that survive the removal of participants (docs/gallring.md).

When a year's participant statistics are frozen (participants.services.frozen_statistics),
the counts behind every instrument version's results for that year are stored too
(FrozenSurveyCounts), and survey_results reads them from then on: the same figures with every
filter and in publication mode, whatever happens to the answers afterwards.
"""

from __future__ import annotations

from django.db.models import Count
from django_scopes import scope

from ..models import Answer, FrozenSurveyCounts, Instrument, Response


def freeze_survey_years(forbund, years: list[int]) -> None:
    """Store the counts of each instrument version with answers in each year, unless stored."""
    with scope(forbund=forbund):
        for year in years:
            done = set(
                FrozenSurveyCounts.objects.filter(forbund=forbund, year=year).values_list(
                    "instrument_id", flat=True
                )
            )
            answered = (
                Response.objects.filter(forbund=forbund, year=year)
                .values_list("instrument_id", flat=True)
                .distinct()
                .order_by()
            )
            for instrument_id in sorted(set(answered) - done):
                responses = [
                    [row["insats_id"], row["gender"], row["n"]]
                    for row in Response.objects.filter(instrument_id=instrument_id, year=year)
                    .values("insats_id", "gender")
                    .annotate(n=Count("id"))
                    .order_by("insats_id", "gender")
                ]
                answers = [
                    [row["question_id"], row["step"], row["insats_id"], row["gender"], row["n"]]
                    for row in Answer.objects.filter(
                        instrument_id=instrument_id, year=year, step__isnull=False
                    )
                    .values("question_id", "step", "insats_id", "gender")
                    .annotate(n=Count("id"))
                    .order_by("question_id", "step", "insats_id", "gender")
                ]
                FrozenSurveyCounts.objects.create(
                    forbund=forbund,
                    instrument_id=instrument_id,
                    year=year,
                    responses=responses,
                    answers=answers,
                )


def frozen_counts(instrument: Instrument, year: int) -> FrozenSurveyCounts | None:
    with scope(forbund=instrument.forbund_id):
        return FrozenSurveyCounts.objects.filter(instrument=instrument, year=year).first()
