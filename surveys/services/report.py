"""What the reports show of the surveys (the data; reports/builders/surveys.py lays it out).

The annual report gets the results of every instrument answered that year, in publication
mode when the report is marked for publication; the period report lists the rounds in
progress. Free text never reaches a report (survey_results leaves it out).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count
from django_scopes import scope

from organisations.models import Forbund

from ..models import Response, Round
from .results import survey_results


def annual_sections(forbund: Forbund, year: int, for_publication: bool) -> list[dict[str, Any]]:
    """One entry per instrument (code) with answers in the year: survey_results plus the
    insatser's names."""
    with scope(forbund=forbund):
        codes = sorted(
            set(Response.objects.filter(year=year).values_list("instrument__code", flat=True))
        )
        names = dict(Response.objects.filter(year=year).values_list("insats__code", "insats__name"))
    sections = []
    for code in codes:
        result = survey_results(forbund, year, code, publication=for_publication)
        result["insatsnamn"] = {key: names.get(key, key) for key in result["per_insats"]}
        sections.append(result)
    return sections


def rounds_in_progress(forbund: Forbund, until: date) -> list[dict[str, Any]]:
    """Open rounds that had started by `until`, with their answers so far."""
    with scope(forbund=forbund):
        rounds = (
            Round.objects.filter(is_open=True, start_date__lte=until, end_date__gte=until)
            .select_related("instrument")
            .prefetch_related("insatser")
            .annotate(answers=Count("responses"))
            .order_by("start_date", "name")
        )
        return [
            {
                "namn": r.name,
                "enkat": r.instrument.code,
                "enkatnamn": r.instrument.name,
                "insatser": [i.name for i in r.insatser.order_by("code")],
                "start": r.start_date,
                "slut": r.end_date,
                "svar": r.answers,
            }
            for r in rounds
        ]
