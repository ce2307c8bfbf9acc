"""Budget to and from Excel: the export's first sheet is exactly what the import reads.

Import (all or nothing): the first sheet (or a CSV file) with the columns
    Område | Benämning | Insats | Medlem | Belopp (kr)
replaces the original lines of the year's budget. It is refused when the budget already has an
ändringsbeslut (the original is kept). Errors name row, column, value and reason in Swedish.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.tabular import (
    CellError,
    Column,
    TabularError,
    ValueProblem,
    cell_text,
    check_headers,
    fold,
    parse_code,
    parse_int,
    parse_row,
    parse_text,
    read_table,
)
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


class BudgetImportError(Exception):
    """The file was refused; nothing was saved."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


@dataclass
class BudgetImportResult:
    budget: Budget
    lines: int
    total_costs: int
    total_income: int
    warnings: list[CellError] = field(default_factory=list)


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
        Column(COLUMN_AMOUNT, required=True, parse=parse_int(minimum=0), aliases=("Belopp",)),
    ]


def read_budget_file(forbund: Forbund, file, filename: str) -> tuple[list[BudgetLine], list]:
    """Parse a budget file into unsaved lines. Raises BudgetImportError with every problem."""
    try:
        table = read_table(file, filename)
    except TabularError as error:
        raise BudgetImportError(error.errors) from None
    insatser = {fold(i.code): i for i in Insats.objects.filter(forbund=forbund)}
    members = {fold(m.name): m for m in Member.objects.filter(forbund=forbund)}
    columns = _columns(insatser, members)
    header = check_headers(table, columns)
    if header.errors:
        raise BudgetImportError(header.errors)
    errors: list[CellError] = []
    lines: list[BudgetLine] = []
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        before = len(errors)
        values = parse_row(row, columns, header.sources, errors)
        if len(errors) > before:
            continue
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
            continue
        key = (values[COLUMN_CATEGORY], fold(name))
        if key in seen:
            errors.append(
                CellError(
                    row.number,
                    COLUMN_NAME,
                    name,
                    _("Samma benämning finns redan under området på rad %(row)s.")
                    % {"row": seen[key]},
                )
            )
            continue
        seen[key] = row.number
        lines.append(
            BudgetLine(
                forbund=forbund,
                category=values[COLUMN_CATEGORY],
                name=name,
                insats=insats,
                member=member,
                original_amount=values[COLUMN_AMOUNT],
                position=10 * (len(lines) + 1),
            )
        )
    if not lines and not errors:
        errors.append(CellError(None, "", "", _("Filen har inga budgetrader.")))
    if errors:
        raise BudgetImportError(errors)
    return lines, header.warnings


@transaction.atomic
def import_budget(forbund: Forbund, year: int, file, filename: str, user) -> BudgetImportResult:
    """Replace the original lines of `year`'s budget with the file's (creating the budget)."""
    lines, warnings = read_budget_file(forbund, file, filename)
    budget = Budget.objects.filter(forbund=forbund, year=year).first()
    if budget is not None and budget.revisions.exists():
        raise BudgetImportError(
            [
                CellError(
                    None,
                    "",
                    "",
                    _(
                        "Budgeten för %(year)s har ändringsbeslut och den ursprungliga budgeten "
                        "kan inte ersättas. Gör ett ändringsbeslut i stället."
                    )
                    % {"year": year},
                )
            ]
        )
    if budget is None:
        budget = Budget.objects.create(forbund=forbund, year=year)
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
        changes={"rader": len(lines), "ersatta rader": replaced, "fil": filename[:100]},
    )
    return BudgetImportResult(
        budget=budget,
        lines=len(lines),
        total_costs=snapshot.total_costs(),
        total_income=snapshot.total_income(),
        warnings=warnings,
    )


def export_budget_xlsx(budget: Budget) -> bytes:
    """The budget as XLSX: sheet 1 'Budget' (original, the import format), sheet 2 with the
    amounts after every revision, sheet 3 the revisions themselves."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    original = snapshot_of(budget, include_revisions=False)
    current = snapshot_of(budget)
    members: dict[int | None, str] = {
        m.pk: m.name for m in Member.objects.filter(forbund=budget.forbund)
    }
    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Budget"
    sheet.append(HEADERS)
    for line in original.lines:
        sheet.append(
            [
                line.category_label,
                line.name,
                line.insats_code,
                members.get(line.member_id, ""),
                line.original,
            ]
        )
    revised = workbook.create_sheet("Efter ändringsbeslut")
    revised.append([*HEADERS[:4], "Ursprunglig (kr)", "Förändring (kr)", "Budget (kr)"])
    for line in current.lines:
        revised.append(
            [
                line.category_label,
                line.name,
                line.insats_code,
                members.get(line.member_id, ""),
                line.original,
                line.change,
                line.amount,
            ]
        )
    decisions = workbook.create_sheet("Ändringsbeslut")
    decisions.append(
        ["Beslutsdatum", "Beslut", "Motivering", "Område", "Benämning", "Nytt belopp (kr)"]
    )
    for revision in budget.revisions.prefetch_related("changes__line"):
        for change in revision.changes.all():
            decisions.append(
                [
                    revision.decided_on,
                    revision.reference,
                    revision.note,
                    str(BudgetCategory(change.line.category).label),
                    change.line.name,
                    change.amount,
                ]
            )
    for ws in (sheet, revised, decisions):
        for cell in ws[1]:
            cell.font = bold
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, int):
                    cell.number_format = "#,##0"
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 40
    for row in decisions.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
