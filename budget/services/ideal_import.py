"""Importing the ideal allocation's inputs: one row per municipality and year.

Columns: Kommun | År | Befolkning 16–64 | Försörjningsmått | Förbund
The year must already have an AllocationRound (its national parameters). The file replaces the
inputs of every year it contains, all or nothing. "Förbund" is matched to the installation's
förbund by name or short name (case-insensitive); other names are kept as text (neighbouring
förbund that are not on this installation). An empty Förbund means the municipality is not in
any förbund.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.tabular import (
    CellError,
    Column,
    TabularError,
    ValueProblem,
    check_headers,
    fold,
    parse_decimal,
    parse_int,
    parse_row,
    parse_text,
    read_table,
)
from core.years import parse_year
from organisations.models import Forbund

from ..models import AllocationRound, MunicipalityAllocationInput

COLUMN_MUNICIPALITY = "Kommun"
COLUMN_YEAR = "År"
COLUMN_POPULATION = "Befolkning 16–64"
COLUMN_FM = "Försörjningsmått"
COLUMN_FORBUND = "Förbund"
HEADERS = [COLUMN_MUNICIPALITY, COLUMN_YEAR, COLUMN_POPULATION, COLUMN_FM, COLUMN_FORBUND]


class IdealImportError(Exception):
    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


@dataclass
class IdealImportResult:
    rows_by_year: dict[int, int]
    matched_forbund: list[str]
    warnings: list[CellError] = field(default_factory=list)


def _not_negative_decimal(value) -> Decimal | None:
    number = parse_decimal(value)
    if number is not None and number < 0:
        raise ValueProblem(_("Försörjningsmåttet kan inte vara negativt."))
    return number


COLUMNS = [
    Column(COLUMN_MUNICIPALITY, required=True, parse=parse_text(100)),
    Column(COLUMN_YEAR, required=True, parse=parse_year, aliases=("Ar",)),
    Column(
        COLUMN_POPULATION,
        required=True,
        parse=parse_int(minimum=0),
        aliases=("Befolkning 16-64", "Befolkning", "Invånare 16–64", "Invånare 16-64"),
    ),
    Column(
        COLUMN_FM, required=True, parse=_not_negative_decimal, aliases=("Försörjningsmått (HE)",)
    ),
    Column(COLUMN_FORBUND, parse=parse_text(200), aliases=("Samordningsförbund",)),
]


@transaction.atomic
def import_allocation_inputs(file, filename: str, user) -> IdealImportResult:
    """Replace the inputs of each year in the file. Raises IdealImportError (nothing saved)."""
    try:
        table = read_table(file, filename)
    except TabularError as error:
        raise IdealImportError(error.errors) from None
    header = check_headers(table, COLUMNS)
    if header.errors:
        raise IdealImportError(header.errors)
    rounds = {r.year: r for r in AllocationRound.objects.all()}
    forbund_by_key: dict[str, Forbund] = {}
    for forbund in Forbund.objects.all():
        forbund_by_key[fold(forbund.name)] = forbund
        forbund_by_key[fold(forbund.slug)] = forbund
    errors: list[CellError] = []
    by_year: dict[int, list[MunicipalityAllocationInput]] = defaultdict(list)
    seen: dict[tuple[int, str], int] = {}
    for row in table.rows:
        before = len(errors)
        values = parse_row(row, COLUMNS, header.sources, errors)
        if len(errors) > before:
            continue
        year = values[COLUMN_YEAR]
        if year not in rounds:
            errors.append(
                CellError(
                    row.number,
                    COLUMN_YEAR,
                    str(year),
                    _("Det finns ingen idealfördelning för året: lägg först upp årets anslag."),
                )
            )
            continue
        municipality = values[COLUMN_MUNICIPALITY]
        key = (year, fold(municipality))
        if key in seen:
            errors.append(
                CellError(
                    row.number,
                    COLUMN_MUNICIPALITY,
                    municipality,
                    _("Kommunen finns redan för samma år på rad %(row)s.") % {"row": seen[key]},
                )
            )
            continue
        seen[key] = row.number
        name = values[COLUMN_FORBUND] or ""
        by_year[year].append(
            MunicipalityAllocationInput(
                round=rounds[year],
                municipality=municipality,
                population_16_64=values[COLUMN_POPULATION],
                forsorjningsmatt=values[COLUMN_FM],
                forbund_name=name,
                forbund=forbund_by_key.get(fold(name)) if name else None,
            )
        )
    if not by_year and not errors:
        errors.append(CellError(None, "", "", _("Filen har inga rader.")))
    if errors:
        raise IdealImportError(errors)
    matched: set[str] = set()
    for year, inputs in by_year.items():
        MunicipalityAllocationInput.objects.filter(round=rounds[year]).delete()
        MunicipalityAllocationInput.objects.bulk_create(inputs)
        matched.update(row.forbund.name for row in inputs if row.forbund is not None)
        audit.log(
            user,
            "allocation_inputs.imported",
            rounds[year],
            changes={"år": year, "kommuner": len(inputs), "fil": filename[:100]},
        )
    return IdealImportResult(
        rows_by_year={year: len(rows) for year, rows in sorted(by_year.items())},
        matched_forbund=sorted(matched),
        warnings=header.warnings,
    )
