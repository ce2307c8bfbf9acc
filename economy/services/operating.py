"""Driftredovisning: budget against outcome per area and per insats, with the deviation.

    statement = operating_statement(forbund, 2023)              # NoBooksError without books
    statement = operating_statement(forbund, 2023, until=date(2023, 8, 31))   # a period

Each row has income and costs as positive amounts, net = income − costs (negative: a net
cost, as 000's "Nettokostnad −7 086"), the budget likewise, and deviation = net − budget net
(positive: better than budget). Rows, in order: member contributions, other income,
administration, structural insatser (an area row, then one row per insats), individual
insatser (likewise), not allocated (with unknown objects), and the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django_scopes import scope

from budget.choices import BudgetCategory
from core import figure_cache
from participants.choices import InterventionKind
from participants.models import Insats

from ..models import LedgerObject
from .budget_source import BudgetBuckets, area_rest_key, budget_buckets, name_key
from .configuration import settings_for
from .ledger_figures import financial_year_for, previous_financial_year
from .mapping import mapping_for
from .outcome import (
    ADMINISTRATION,
    CONTRIBUTIONS,
    OTHER_INCOME,
    UNALLOCATED,
    Amount,
    Outcome,
    area_object_key,
    booked_outcome,
)
from .statements import NoBooksError

STRUCTURAL = str(BudgetCategory.STRUCTURAL)
INDIVIDUAL = str(BudgetCategory.INDIVIDUAL)
RESULT = "resultat"


@dataclass
class OperatingRow:
    key: str
    label: str
    level: int  # 0: a line or an area, 1: an insats or object within an area
    outcome: Amount
    budget: Amount | None
    previous: Amount | None
    is_area: bool = False
    is_total: bool = False

    @property
    def net(self) -> Decimal:
        return self.outcome.net

    @property
    def budget_net(self) -> Decimal | None:
        return self.budget.net if self.budget is not None else None

    @property
    def deviation(self) -> Decimal | None:
        return self.net - self.budget.net if self.budget is not None else None

    @property
    def previous_net(self) -> Decimal | None:
        return self.previous.net if self.previous is not None else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "nyckel": self.key,
            "rubrik": self.label,
            "niva": self.level,
            "omrade": self.is_area,
            "summa": self.is_total,
            "intakter": self.outcome.income,
            "kostnader": self.outcome.costs,
            "netto": self.net,
            "budget_intakter": self.budget.income if self.budget else None,
            "budget_kostnader": self.budget.costs if self.budget else None,
            "budget_netto": self.budget_net,
            "avvikelse": self.deviation,
            "foregaende_ar_netto": self.previous_net,
        }


@dataclass
class OperatingStatement:
    year: int
    until: date | None
    rows: list[OperatingRow] = field(default_factory=list)
    has_budget: bool = False
    budget_revisions_counted: int = 0
    previous_year: int | None = None
    from_transactions: bool = True

    def row(self, key: str) -> OperatingRow:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def area_costs(self, area: str) -> Decimal:
        return self.row(area).outcome.costs

    def area_budget_costs(self, area: str) -> Decimal | None:
        budget = self.row(area).budget
        return budget.costs if budget is not None else None

    @property
    def total_costs(self) -> Decimal:
        return self.row(RESULT).outcome.costs

    @property
    def total_budget_costs(self) -> Decimal | None:
        budget = self.row(RESULT).budget
        return budget.costs if budget is not None else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ar": self.year,
            "till_och_med": self.until.isoformat() if self.until else None,
            "foregaende_ar": self.previous_year,
            "har_budget": self.has_budget,
            "antal_andringsbeslut": self.budget_revisions_counted,
            "fran_verifikationer": self.from_transactions,
            "rader": [row.as_dict() for row in self.rows],
        }


def _sum(amounts: list[Amount | None]) -> Amount | None:
    present = [a for a in amounts if a is not None]
    if not present:
        return None
    return Amount(
        sum((a.income for a in present), Decimal(0)), sum((a.costs for a in present), Decimal(0))
    )


class _Builder:
    def __init__(self, outcome: Outcome, budget: BudgetBuckets | None, previous: Outcome | None):
        self.outcome = outcome
        self.budget = budget
        self.previous = previous
        self.rows: list[OperatingRow] = []

    def _budget(self, key: str) -> Amount | None:
        if self.budget is None:
            return None
        return self.budget.get(key) or Amount()

    def _previous(self, key: str) -> Amount | None:
        return self.previous.get(key) if self.previous is not None else None

    def line(self, key: str, label: str, level: int = 0) -> OperatingRow:
        row = OperatingRow(
            key, label, level, self.outcome.get(key), self._budget(key), self._previous(key)
        )
        self.rows.append(row)
        return row

    def area(self, key: str, label: str, children: list[tuple[str, str]]) -> None:
        head = OperatingRow(key, label, 0, Amount(), None, None, is_area=True)
        self.rows.append(head)
        detail = [self.line(child_key, child_label, 1) for child_key, child_label in children]
        head.outcome = _sum([row.outcome for row in detail]) or Amount()
        head.budget = _sum([row.budget for row in detail]) if self.budget is not None else None
        if self.previous is not None:
            head.previous = _sum([row.previous for row in detail]) or Amount()


def _insats_rows(insatser: list[Insats], kind: str, keys: set[str]) -> list[tuple[str, str]]:
    return [
        (f"insats:{insats.code}", f"{insats.name} ({insats.code})")
        for insats in insatser
        if insats.kind == kind and f"insats:{insats.code}" in keys
    ]


def _area_objects(financial_year, settings) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """The year's objects of an area (settings.area_codes): (area, name key) → bucket, for
    matching budget lines by name, and bucket → the object's name, for the rows."""
    area_codes = settings.area_codes()
    by_name: dict[tuple[str, str], str] = {}
    labels: dict[str, str] = {}
    if not area_codes:
        return by_name, labels
    objects = LedgerObject.objects.filter(
        financial_year=financial_year, dimension=settings.object_dimension
    ).values_list("code", "name")
    for code, name in objects:
        area = area_codes.get(code.strip().upper())
        if area is None:
            continue
        key = area_object_key(area, code)
        by_name[(area, name_key(name or code))] = key
        labels[key] = name or code
    return by_name, labels


@figure_cache.kept(errors=(NoBooksError,))
def operating_statement(forbund, year: int, until: date | None = None) -> OperatingStatement:
    """The driftredovisning of `year` (up to `until` for a period report)."""
    with scope(forbund=forbund):
        financial_year = financial_year_for(forbund, year)
        if financial_year is None:
            raise NoBooksError(forbund, year)
        settings = settings_for(forbund)
        mapping = mapping_for(forbund)
        insatser = list(Insats.objects.filter(forbund=forbund).order_by("code"))
        codes = {insats.code.upper(): insats.code for insats in insatser}
        outcome = booked_outcome(financial_year, settings, mapping, codes, until)
        area_objects, area_labels = _area_objects(financial_year, settings)
        earlier = previous_financial_year(financial_year)
        previous = None
        if earlier is not None:
            earlier_until = until.replace(year=until.year - 1) if until else None
            previous = booked_outcome(earlier, settings, mapping, codes, earlier_until)
        budget = budget_buckets(forbund, year, as_of=until, area_objects=area_objects)

    # Every row that has an outcome this year, a budget, or an outcome last year: a row only
    # last year booked (an object that ended) must be there, or the previous year's column
    # does not add up to its result.
    keys = (
        set(outcome.buckets)
        | (set(budget.buckets) if budget else set())
        | (set(previous.buckets) if previous is not None else set())
    )
    builder = _Builder(outcome, budget, previous)
    builder.line(CONTRIBUTIONS, _("Medlemsbidrag"))
    builder.line(OTHER_INCOME, _("Övriga intäkter utan insats"))
    builder.line(ADMINISTRATION, _("Administration (kansli, styrelse, revision)"))
    for kind, area_label in (
        (InterventionKind.STRUCTURAL, _("Strukturinriktade insatser")),
        (InterventionKind.INDIVIDUAL, _("Individinriktade insatser")),
    ):
        children = _insats_rows(insatser, kind, keys)
        prefix = area_rest_key(kind) + ":"
        labels = {**(previous.labels if previous is not None else {}), **area_labels}
        labels.update(outcome.labels)
        children += [
            (key, labels.get(key) or key.removeprefix(prefix))
            for key in sorted(k for k in keys if k.startswith(prefix))
        ]
        if area_rest_key(kind) in keys:
            children.append((area_rest_key(kind), _("Övrigt inom området (utan insats)")))
        builder.area(str(kind), str(area_label), children)
    unknown = sorted(key for key in keys if key.startswith("objekt:"))
    unknown_labels = {**(previous.labels if previous is not None else {}), **outcome.labels}
    builder.area(
        UNALLOCATED + "_omrade",
        _("Ej fördelat"),
        [(UNALLOCATED, _("Bokfört utan objekt"))]
        + [
            (
                key,
                _("Objekt %(code)s %(name)s (ingen insats med koden)")
                % {"code": key[7:], "name": unknown_labels.get(key, "")},
            )
            for key in unknown
        ],
    )
    total = OperatingRow(
        RESULT,
        _("Resultat"),
        0,
        outcome.total,
        budget.total if budget is not None else None,
        previous.total if previous is not None else None,
        is_total=True,
    )
    builder.rows.append(total)
    return OperatingStatement(
        year=year,
        until=until,
        rows=builder.rows,
        has_budget=budget is not None,
        budget_revisions_counted=budget.revisions_counted if budget else 0,
        previous_year=earlier.year if earlier is not None else None,
        from_transactions=outcome.from_transactions,
    )
