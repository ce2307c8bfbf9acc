"""Budget to and from Excel: the export's first sheet is exactly what the import reads.

Import (all or nothing): the first sheet (or a CSV file) with the columns
    Område | Benämning | Insats | Medlem | Belopp (kr)
replaces the original lines of the year's budget. It is refused when the budget already has an
ändringsbeslut (the original is kept). Errors name row, column, value and reason in Swedish.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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
    Sheet,
    ValueProblem,
    cell_text,
    fold,
    parse_code,
    parse_int,
    parse_text,
)
from core.tabular.exporters import Exporter, register
from organisations.models import Forbund, Member
from participants.models import Insats

from ..choices import BudgetCategory
from ..models import Budget, BudgetLine
from .budgets import snapshot_of

COLUMN_CATEGORY = "Område"
COLUMN_NAME = "Benämning"
COLUMN_INSATS = "Insats"
COLUMN_MEMBER = "Medlem"
COLUMN_AMOUNT = "Belopp (kr)"
HEADERS = [COLUMN_CATEGORY, COLUMN_NAME, COLUMN_INSATS, COLUMN_MEMBER, COLUMN_AMOUNT]

# Words offices write for the areas, beside the labels (added when the columns are built).
CATEGORY_ALIASES = {
    "Administrativa kostnader": BudgetCategory.ADMINISTRATION,
    "Struktur": BudgetCategory.STRUCTURAL,
    "Strukturinriktade": BudgetCategory.STRUCTURAL,
    "Strukturinriktad insats": BudgetCategory.STRUCTURAL,
    "Individ": BudgetCategory.INDIVIDUAL,
    "Individinriktade": BudgetCategory.INDIVIDUAL,
    "Individinriktad insats": BudgetCategory.INDIVIDUAL,
    "Medlemsavgift": BudgetCategory.MEMBER_CONTRIBUTION,
    "Medlemsintäkter": BudgetCategory.MEMBER_CONTRIBUTION,
    "ESF": BudgetCategory.ESF,
    "Eget kapital": BudgetCategory.EQUITY,
    "Övrigt": BudgetCategory.OTHER_INCOME,
}


def revised_message(year: int) -> str:
    return _(
        "Budgeten för %(year)s har ändringsbeslut och den ursprungliga budgeten "
        "kan inte ersättas. Gör ett ändringsbeslut i stället."
    ) % {"year": year}


class BudgetImportError(ImportRefused):
    """The file was refused; nothing was saved."""


@dataclass
class BudgetImportResult(ImportResult):
    budget: Budget | None = None
    lines: int = 0
    total_costs: int = 0
    total_income: int = 0


def category_aliases() -> dict[str, str]:
    labels = {str(label): value for value, label in BudgetCategory.choices}
    return {**labels, **CATEGORY_ALIASES}


def _columns(insatser: dict[str, Insats], members: dict[str, Member]) -> list[Column]:
    def parse_insats(value: Any) -> Insats | None:
        code = fold(cell_text(value))
        if not code:
            return None
        if code not in insatser:
            raise ValueProblem(_("Förbundet har ingen insats med den koden."))
        return insatser[code]

    def parse_member(value: Any) -> Member | None:
        name = fold(cell_text(value))
        if not name:
            return None
        if name not in members:
            raise ValueProblem(_("Förbundet har ingen medlem med det namnet."))
        return members[name]

    return [
        Column(
            COLUMN_CATEGORY,
            required=True,
            parse=parse_code(BudgetCategory.choices, category_aliases()),
            aliases=("Kategori", "Budgetområde"),
        ),
        Column(COLUMN_NAME, parse=parse_text(200), aliases=("Rad", "Kostnadspost", "Namn")),
        Column(COLUMN_INSATS, parse=parse_insats, aliases=("Insatskod",)),
        Column(COLUMN_MEMBER, parse=parse_member),
        Column(
            COLUMN_AMOUNT,
            required=True,
            parse=parse_int(minimum=0, maximum=10**15),
            aliases=("Belopp",),
        ),
    ]


class BudgetImport(ImportFlow[BudgetImportResult]):
    """Replaces the original lines of `year`'s budget with the file's (creating the budget)."""

    result_class = BudgetImportResult
    empty_file_reason = gettext_lazy("Filen har inga budgetrader.")

    def __init__(self, forbund: Forbund, year: int, user, *, progress=None):
        super().__init__(progress)
        self.forbund, self.year, self.user = forbund, year, user
        self.seen: dict[tuple[str, str], int] = {}
        self.position = 0

    def columns(self) -> list[Column]:
        insatser = {fold(i.code): i for i in Insats.objects.filter(forbund=self.forbund)}
        members = {fold(m.name): m for m in Member.objects.filter(forbund=self.forbund)}
        return _columns(insatser, members)

    def check_row(self, row: Row, values: dict[str, Any], errors: list[CellError]):
        if errors and errors[-1].row == row.number:
            return None
        insats, member = values[COLUMN_INSATS], values[COLUMN_MEMBER]
        name = values[COLUMN_NAME] or (insats.name if insats else member.name if member else "")
        if not name:
            errors.append(
                CellError(
                    row.number,
                    COLUMN_NAME,
                    "",
                    _(
                        "Benämning saknas (den kan bara utelämnas när raden har "
                        "insats eller medlem)."
                    ),
                )
            )
            return None
        key = (values[COLUMN_CATEGORY], fold(name))
        if key in self.seen:
            errors.append(
                CellError(
                    row.number,
                    COLUMN_NAME,
                    name,
                    _("Samma benämning finns redan under området på rad %(row)s.")
                    % {"row": self.seen[key]},
                )
            )
            return None
        self.seen[key] = row.number
        self.position += 10
        return BudgetLine(
            forbund=self.forbund,
            category=values[COLUMN_CATEGORY],
            name=name,
            insats=insats,
            member=member,
            original_amount=values[COLUMN_AMOUNT],
            position=self.position,
        )

    def plan(self, items: list[BudgetLine], result: BudgetImportResult) -> list[BudgetLine]:
        budget = Budget.objects.filter(forbund=self.forbund, year=self.year).first()
        if budget is not None and budget.revisions.exists():
            result.errors.append(CellError(None, "", "", revised_message(self.year)))
        result.budget = budget
        return items

    def write(self, lines: list[BudgetLine], result: BudgetImportResult) -> None:
        budget, year, user = result.budget, self.year, self.user
        if budget is None:
            budget = Budget.objects.create(forbund=self.forbund, year=year)
            audit.log(user, "budget.created", budget, changes={"år": year})
        replaced = BudgetLine.objects.filter(budget=budget).count()
        BudgetLine.objects.filter(budget=budget).delete()
        for line in lines:
            line.budget = budget
        BudgetLine.objects.bulk_create(lines)
        snapshot = snapshot_of(budget)
        audit.log(
            user,
            "budget.imported",
            budget,
            changes={"rader": len(lines), "ersatta rader": replaced, "fil": result.file},
        )
        result.budget = budget
        result.lines = result.created = len(lines)
        result.total_costs = snapshot.total_costs()
        result.total_income = snapshot.total_income()


def import_budget(forbund: Forbund, year: int, file, filename: str, user) -> BudgetImportResult:
    """Replace the original lines of `year`'s budget with the file's. Raises BudgetImportError
    with every problem (nothing saved)."""
    result = BudgetImport(forbund, year, user).run(file, filename)
    result.raise_errors(BudgetImportError)
    return result


@register
class BudgetExporter(Exporter):
    """The budget: sheet 1 'Budget' (original, the import format), sheet 2 the amounts after
    every revision, sheet 3 the revisions themselves. Kronor shown with thousands spaces."""

    name = "budget"
    title = gettext_lazy("Budget")
    formats = ("xlsx",)

    def __init__(self, budget: Budget):
        self.budget = budget

    def sheets(self) -> Iterator[Sheet]:
        budget = self.budget
        original = snapshot_of(budget, include_revisions=False)
        current = snapshot_of(budget)
        members: dict[int | None, str] = {
            m.pk: m.name for m in Member.objects.filter(forbund=budget.forbund)
        }
        kronor: dict[str, Any] = {"widths": (28, 40), "integer_format": "#,##0"}
        yield Sheet(
            "Budget",
            HEADERS,
            [
                (
                    line.category_label,
                    line.name,
                    line.insats_code,
                    members.get(line.member_id, ""),
                    line.original,
                )
                for line in original.lines
            ],
            **kronor,
        )
        yield Sheet(
            "Efter ändringsbeslut",
            [*HEADERS[:4], "Ursprunglig (kr)", "Förändring (kr)", "Budget (kr)"],
            [
                (
                    line.category_label,
                    line.name,
                    line.insats_code,
                    members.get(line.member_id, ""),
                    line.original,
                    line.change,
                    line.amount,
                )
                for line in current.lines
            ],
            **kronor,
        )
        yield Sheet(
            "Ändringsbeslut",
            ["Beslutsdatum", "Beslut", "Motivering", "Område", "Benämning", "Nytt belopp (kr)"],
            [
                (
                    revision.decided_on,
                    revision.reference,
                    revision.note,
                    str(BudgetCategory(change.line.category).label),
                    change.line.name,
                    change.amount,
                )
                for revision in budget.revisions.prefetch_related("changes__line")
                for change in revision.changes.all()
            ],
            **kronor,
        )


def export_budget_xlsx(budget: Budget) -> bytes:
    return BudgetExporter(budget).render("xlsx")
