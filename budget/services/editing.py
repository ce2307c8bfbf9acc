"""Changing budgets: create a year, edit lines before the first revision, decide revisions.

The original budget is kept: once a budget has an ändringsbeslut, its lines' original amounts
can no longer be edited; changes go through a new revision instead.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import audit
from organisations.models import Forbund, Member
from participants.models import Insats

from ..models import Budget, BudgetLine, BudgetRevision, BudgetRevisionChange


class BudgetError(Exception):
    """A change the rules do not allow; the message is Swedish and shown to the user."""


@transaction.atomic
def create_budget(
    forbund: Forbund,
    year: int,
    user,
    *,
    adopted_on: datetime.date | None = None,
    note: str = "",
    copy_from: Budget | None = None,
) -> Budget:
    """A new budget for `year`, optionally with the lines (latest amounts) of another year."""
    if Budget.objects.filter(forbund=forbund, year=year).exists():
        raise BudgetError(_("Det finns redan en budget för %(year)s.") % {"year": year})
    budget = Budget(forbund=forbund, year=year, adopted_on=adopted_on, note=note)
    budget.full_clean()
    budget.save()
    audit.log(user, "budget.created", budget, changes=audit.diff(None, budget))
    if copy_from is not None:
        from .budgets import snapshot_of

        for line in snapshot_of(copy_from).lines:
            BudgetLine.objects.create(
                forbund=forbund,
                budget=budget,
                category=line.category,
                name=line.name,
                insats_id=line.insats_id,
                member_id=line.member_id,
                original_amount=line.amount,
                position=line.position,
            )
        audit.log(user, "budget.lines_copied", budget, changes={"från år": copy_from.year})
    return budget


@transaction.atomic
def update_budget(budget: Budget, user, *, before: dict | None) -> Budget:
    budget.full_clean()
    budget.save()
    changes = audit.diff(before, budget)
    if changes:
        audit.log(user, "budget.updated", budget, changes=changes)
    return budget


def ensure_editable(budget: Budget) -> None:
    if budget.revisions.exists():
        raise BudgetError(
            _(
                "Budgeten har ändringsbeslut: den ursprungliga budgeten ändras inte. "
                "Gör ett nytt ändringsbeslut i stället."
            )
        )


def next_position(budget: Budget) -> int:
    highest = BudgetLine.objects.filter(budget=budget).aggregate(Max("position"))["position__max"]
    return (highest or 0) + 10


@transaction.atomic
def save_line(line: BudgetLine, user, *, before: dict | None = None) -> BudgetLine:
    """Create or edit a line of a budget that has no revision yet."""
    ensure_editable(line.budget)
    _check_line_links(line)
    if not line.name and line.insats is not None:
        line.name = line.insats.name
    if not line.name and line.member is not None:
        line.name = line.member.name
    if line.pk is None and not line.position:
        line.position = next_position(line.budget)
    line.forbund = line.budget.forbund
    line.full_clean()
    line.save()
    changes = audit.diff(before, line)
    if before is None or changes:  # an edit that changes nothing is not logged
        action = "budget_line.updated" if before is not None else "budget_line.created"
        audit.log(user, action, line, changes=changes)
    return line


@transaction.atomic
def delete_line(line: BudgetLine, user) -> None:
    ensure_editable(line.budget)
    audit.log(user, "budget_line.deleted", line, changes={"belopp": line.original_amount})
    line.delete()


def _check_line_links(line: BudgetLine) -> None:
    if line.insats is not None and line.insats.forbund_id != line.budget.forbund_id:
        raise BudgetError(_("Insatsen hör inte till förbundet."))
    if line.member is not None and line.member.forbund_id != line.budget.forbund_id:
        raise BudgetError(_("Medlemmen hör inte till förbundet."))


@dataclass(frozen=True)
class NewLine:
    """A line a revision adds (its original amount is 0; the revision sets its amount)."""

    category: str
    name: str
    amount: int
    insats: Insats | None = None
    member: Member | None = None


@transaction.atomic
def create_revision(
    budget: Budget,
    user,
    *,
    decided_on: datetime.date,
    note: str,
    reference: str = "",
    changes: dict[BudgetLine, int] | None = None,
    new_lines: list[NewLine] | None = None,
) -> BudgetRevision:
    """Record an ändringsbeslut: new amounts for some lines and possibly new lines.

    Lines whose new amount equals their current amount are not recorded as changed.
    """
    from .budgets import snapshot_of

    changes = dict(changes or {})
    current = {line.line_id: line.amount for line in snapshot_of(budget, decided_on).lines}
    changes = {line: amount for line, amount in changes.items() if current[line.pk] != amount}
    if not changes and not new_lines:
        raise BudgetError(_("Ändringsbeslutet ändrar ingenting: ange minst ett nytt belopp."))
    if budget.revisions.filter(decided_on__gt=decided_on).exists():
        raise BudgetError(
            _("Det finns ett senare ändringsbeslut. Ett nytt beslut kan inte dateras före det.")
        )
    revision = BudgetRevision(
        forbund=budget.forbund,
        budget=budget,
        decided_on=decided_on,
        note=note,
        reference=reference,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    revision.full_clean()
    revision.save()
    for new in new_lines or []:
        line = BudgetLine(
            forbund=budget.forbund,
            budget=budget,
            category=new.category,
            name=new.name or (new.insats.name if new.insats else ""),
            insats=new.insats,
            member=new.member,
            original_amount=0,
            position=next_position(budget),
        )
        _check_line_links(line)
        line.full_clean()
        line.save()
        changes[line] = new.amount
    logged = {}
    for line, amount in changes.items():
        change = BudgetRevisionChange(
            forbund=budget.forbund, revision=revision, line=line, amount=amount
        )
        change.full_clean()
        change.save()
        logged[line.name] = {"från": current.get(line.pk, 0), "till": amount}
    audit.log(user, "budget_revision.created", revision, changes=logged)
    return revision
