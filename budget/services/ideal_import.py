"""Importing the ideal allocation's inputs: one row per municipality and year.

Columns: Kommun | År | Befolkning 16–64 | Försörjningsmått | Förbund | Andel (%)
The year must already have an AllocationRound (its national parameters). The file replaces the
inputs of every year it contains, all or nothing. A municipality split between several förbund
has one row per förbund, each with the municipality's whole population and försörjningsmått
and the förbund's share of it in "Andel (%)" (empty: 100); its shares add up to at most 100
and its rows agree on population and försörjningsmått. "Förbund" is matched to the installation's
förbund by name or short name (case-insensitive); other names are kept as text (neighbouring
förbund that are not on this installation). An empty Förbund means the municipality is not in
any förbund.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.tabular import (
    CellError,
    Column,
    ImportFlow,
    ImportRefused,
    ImportResult,
    Row,
    ValueProblem,
    fold,
    parse_decimal,
    parse_int,
    parse_text,
)
from core.years import parse_year
from organisations.models import Forbund

from ..models import AllocationRound, MunicipalityAllocationInput

COLUMN_MUNICIPALITY = "Kommun"
COLUMN_YEAR = "År"
COLUMN_POPULATION = "Befolkning 16–64"
COLUMN_FM = "Försörjningsmått"
COLUMN_FORBUND = "Förbund"
COLUMN_SHARE = "Andel (%)"
HEADERS = [
    COLUMN_MUNICIPALITY,
    COLUMN_YEAR,
    COLUMN_POPULATION,
    COLUMN_FM,
    COLUMN_FORBUND,
    COLUMN_SHARE,
]


class IdealImportError(ImportRefused):
    pass


@dataclass
class IdealImportResult(ImportResult):
    rows_by_year: dict[int, int] = field(default_factory=dict)
    matched_forbund: list[str] = field(default_factory=list)


def _not_negative_decimal(value) -> Decimal | None:
    number = parse_decimal(value)
    if number is not None and number < 0:
        raise ValueProblem(_("Försörjningsmåttet kan inte vara negativt."))
    return number


def _share_percent(value) -> Decimal | None:
    number = parse_decimal(value)
    if number is not None and not (0 < number <= 100):
        raise ValueProblem(_("Andelen ska vara större än 0 och högst 100 procent."))
    if number is not None and number != number.quantize(Decimal("0.0001")):
        raise ValueProblem(_("Andelen kan ha högst fyra decimaler."))
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
    Column(COLUMN_SHARE, parse=_share_percent, aliases=("Andel", "Andel av kommunen (%)")),
]


def import_allocation_inputs(file, filename: str, user) -> IdealImportResult:
    """Replace the inputs of each year in the file. Raises IdealImportError (nothing saved)."""
    result = AllocationInputImport(user).run(file, filename)
    result.raise_errors(IdealImportError)
    return result


class AllocationInputImport(ImportFlow[IdealImportResult]):
    result_class = IdealImportResult
    empty_file_reason = gettext_lazy("Filen har inga rader.")

    def __init__(self, user) -> None:
        super().__init__()
        self.user = user
        self.seen: dict[tuple[int, str, str], int] = {}
        # Per municipality and year: (first row, population, försörjningsmått, shares so far).
        self.municipalities: dict[tuple[int, str], tuple[int, int, Decimal, Decimal]] = {}

    def columns(self):
        return COLUMNS

    def prepare(self, result: IdealImportResult) -> None:
        self.rounds = {r.year: r for r in AllocationRound.objects.all()}
        self.forbund_by_key: dict[str, Forbund] = {}
        for forbund in Forbund.objects.all():
            self.forbund_by_key[fold(forbund.name)] = forbund
            self.forbund_by_key[fold(forbund.slug)] = forbund

    def check_row(self, row: Row, values: dict, errors: list[CellError]):
        if errors and errors[-1].row == row.number:
            return None
        year = values[COLUMN_YEAR]
        if year not in self.rounds:
            errors.append(
                CellError(
                    row.number,
                    COLUMN_YEAR,
                    str(year),
                    _("Det finns ingen idealfördelning för året: lägg först upp årets anslag."),
                )
            )
            return None
        municipality = values[COLUMN_MUNICIPALITY]
        name = values[COLUMN_FORBUND] or ""
        key = (year, fold(municipality), fold(name))
        if key in self.seen:
            errors.append(
                CellError(
                    row.number,
                    COLUMN_MUNICIPALITY,
                    municipality,
                    _("Kommunen finns redan för samma år och förbund på rad %(row)s.")
                    % {"row": self.seen[key]},
                )
            )
            return None
        self.seen[key] = row.number
        share = values[COLUMN_SHARE] if values[COLUMN_SHARE] is not None else Decimal(100)
        population, fm = values[COLUMN_POPULATION], values[COLUMN_FM]
        first = self.municipalities.get((year, fold(municipality)))
        if first is not None:
            first_row, first_population, first_fm, shares = first
            if (population, fm) != (first_population, first_fm):
                errors.append(
                    CellError(
                        row.number,
                        COLUMN_POPULATION,
                        str(population),
                        _(
                            "En kommun som delas mellan förbund har samma befolkning och "
                            "försörjningsmått på alla sina rader (se rad %(row)s)."
                        )
                        % {"row": first_row},
                    )
                )
                return None
            if shares + share > 100:
                errors.append(
                    CellError(
                        row.number,
                        COLUMN_SHARE,
                        str(share),
                        _(
                            "Kommunens andelar blir tillsammans %(total)s procent; de får vara "
                            "högst 100."
                        )
                        % {"total": format(shares + share, "f").replace(".", ",")},
                    )
                )
                return None
            self.municipalities[(year, fold(municipality))] = (
                first_row,
                population,
                fm,
                shares + share,
            )
        else:
            self.municipalities[(year, fold(municipality))] = (row.number, population, fm, share)
        return MunicipalityAllocationInput(
            round=self.rounds[year],
            municipality=municipality,
            population_16_64=values[COLUMN_POPULATION],
            forsorjningsmatt=values[COLUMN_FM],
            forbund_name=name,
            forbund=self.forbund_by_key.get(fold(name)) if name else None,
            share_percent=share,
        )

    def plan(self, items: list[MunicipalityAllocationInput], result: IdealImportResult):
        by_year: dict[int, list[MunicipalityAllocationInput]] = defaultdict(list)
        for item in items:
            by_year[item.round.year].append(item)
        return by_year

    def write(self, by_year, result: IdealImportResult) -> None:
        matched: set[str] = set()
        for year, inputs in by_year.items():
            MunicipalityAllocationInput.objects.filter(round=self.rounds[year]).delete()
            MunicipalityAllocationInput.objects.bulk_create(inputs)
            matched.update(row.forbund.name for row in inputs if row.forbund is not None)
            audit.log(
                self.user,
                "allocation_inputs.imported",
                self.rounds[year],
                changes={"år": year, "kommuner": len(inputs), "fil": result.file},
            )
        result.rows_by_year = {year: len(rows) for year, rows in sorted(by_year.items())}
        result.matched_forbund = sorted(matched)
        result.created = sum(result.rows_by_year.values())
