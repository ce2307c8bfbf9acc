"""The full-year forecast (prognos helår) of a period report (issue 9, item 9).

The ekonom forecasts each line of the driftredovisning (net: income − costs, kronor) for the
whole year. A line without a forecast is forecast at its budget, so an untouched report shows
the budget as the forecast. An area's forecast is the sum of its lines' and the forecast
result the sum of every line's: the shown sums tie as in every other table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from core import audit
from reports.builders.economy import UNALLOCATED_AREA, operating_groups
from reports.models import PeriodForecast, Report

ZERO = Decimal(0)


@dataclass(frozen=True)
class ForecastLine:
    """A line the ekonom forecasts: its key, its label, the area it belongs to (or "")."""

    key: str
    label: str
    area: str
    budget: Decimal
    outcome: Decimal


def _decimal(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(str(value))


def forecast_lines(operating: Mapping[str, Any] | None) -> list[ForecastLine]:
    """The lines of the period's driftredovisning that get a forecast (not the areas or the
    result, which are sums), in the table's order."""
    if operating is None:
        return []
    lines = []
    for row, children in operating_groups(operating):
        if row["summa"]:
            continue
        if row["omrade"]:
            area = "" if row["nyckel"] == UNALLOCATED_AREA else row["rubrik"]
            for child in children:
                lines.append(_line(child, area))
            continue
        lines.append(_line(row, ""))
    return lines


def _line(row: Mapping[str, Any], area: str) -> ForecastLine:
    return ForecastLine(
        key=row["nyckel"],
        label=row["rubrik"],
        area=area,
        budget=_decimal(row["budget_netto"]),
        outcome=_decimal(row["netto"]),
    )


def stored_forecasts(report: Report | None) -> dict[str, Decimal]:
    if report is None or report.pk is None:
        return {}
    return dict(PeriodForecast.objects.filter(report=report).values_list("line", "amount"))


def forecast_document(
    operating: Mapping[str, Any] | None, stored: Mapping[str, Decimal]
) -> dict[str, Any] | None:
    """The forecast per row key of the driftredovisning (lines, areas and "resultat"), the
    lines the ekonom entered (`angivna`) and the budget's result, for the report's data."""
    if operating is None:
        return None
    amounts: dict[str, Decimal] = {}
    entered = []
    result = ZERO
    for row, children in operating_groups(operating):
        if row["summa"]:
            continue
        members = children if row["omrade"] else [row]
        total = ZERO
        for member in members:
            key = member["nyckel"]
            if key in stored:
                entered.append(key)
                value = stored[key]
            else:
                value = _decimal(member["budget_netto"])
            amounts[key] = value
            total += value
        if row["omrade"]:
            amounts[row["nyckel"]] = total
        result += total
    amounts["resultat"] = result
    budget_result = next(
        (_decimal(r["budget_netto"]) for r in operating["rader"] if r["summa"]), None
    )
    return {
        "rader": {key: float(value) for key, value in amounts.items()},
        "angivna": entered,
        "resultat": float(result),
        "budget_resultat": None if budget_result is None else float(budget_result),
    }


@transaction.atomic
def save_forecasts(
    report: Report, values: Mapping[str, Decimal], lines: list[ForecastLine], user
) -> int:
    """Store the forecast of each line whose value differs from what it was (the stored
    forecast, or the budget when none was stored); returns how many changed. Logged as one
    event with each line's old and new amount (report.forecast_saved)."""
    by_key = {line.key: line for line in lines}
    unknown = set(values) - set(by_key)
    if unknown:
        raise ValueError(f"Okända rader i prognosen: {', '.join(sorted(unknown))}.")
    stored = {f.line: f for f in PeriodForecast.objects.filter(report=report)}
    changes: dict[str, list[str]] = {}
    for key, value in values.items():
        line = by_key[key]
        existing = stored.get(key)
        before = existing.amount if existing is not None else line.budget
        if value == before:
            continue
        if existing is None:
            PeriodForecast.objects.create(
                forbund=report.forbund,
                report=report,
                line=key,
                label=line.label,
                amount=value,
                updated_by=user,
            )
        else:
            existing.amount = value
            existing.label = line.label
            existing.updated_by = user
            existing.save(update_fields=["amount", "label", "updated_by", "updated_at"])
        changes[line.label] = [f"{before:.2f}", f"{value:.2f}"]
    if changes:
        audit.log(user, "report.forecast_saved", report, changes=changes)
    return len(changes)
