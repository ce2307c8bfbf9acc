"""Retention (gallring) of participant data per förbund (docs/gallring.md).

A förbund's rule (RetentionRule, default DEFAULT_RETENTION_YEARS) says how many years after the
last participation ended a participant's data are removed. A participant with an ongoing
participation is never removed; a participant without any participation is removed the same
number of years after it was registered. Insatser, structural counts, budgets, books, survey
answers and reports are not participant data and stay.

    apply_retention(forbund, date(2031, 1, 1), dry_run=True)   # what would go (codes, counts)
    apply_retention(forbund, user=user, via="webb")              # as of today; a RetentionRun
    run_retention_for_all()                                      # the scheduled job, every förbund

Removal is erasure's (erasure.remove_participants): the affected years' statistics and survey
results are frozen first, all or nothing per förbund.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django_scopes import scope

from core import audit
from core.versioning import lock_forbund
from organisations.models import Forbund
from participants.models import Participant, RetentionRule, RetentionRun
from participants.removal_models import DEFAULT_RETENTION_YEARS
from participants.services.erasure import remove_participants, remove_pending_uploads

SCHEDULED = "schema"
COMMAND = "kommandorad"
WEB = "webb"


@dataclass
class RetentionOutcome:
    as_of: date
    years: int
    codes: list[str]  # the participants due (shown only on the terminal, in a dry run)
    run: RetentionRun | None = None  # None in a dry run
    by_kind: dict[str, int] = field(default_factory=dict)


def retention_years(forbund) -> int:
    with scope(forbund=forbund):
        rule = RetentionRule.objects.filter(forbund=forbund).first()
    return rule.years if rule is not None else DEFAULT_RETENTION_YEARS


@transaction.atomic
def set_retention_years(forbund, years: int, user) -> RetentionRule:
    with scope(forbund=forbund):
        rule = RetentionRule.objects.filter(forbund=forbund).first()
        before = audit.snapshot(rule) if rule is not None else None
        rule = rule or RetentionRule(forbund=forbund)
        rule.years = years
        rule.full_clean()
        rule.save()
    changes = audit.diff(before, rule)
    if changes:
        audit.log(user, "retention.rule_saved", rule, changes=changes)
    return rule


def cutoff(as_of: date, years: int) -> date:
    """`years` years before `as_of` (29 February → 28 February)."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28)


def due(forbund, as_of: date, years: int | None = None) -> list[tuple[int, str]]:
    """(id, code) of the participants whose data have passed their retention time on `as_of`:
    no ongoing participation, and the last one ended on or before the cutoff (without any
    participation: registered on or before it)."""
    years = retention_years(forbund) if years is None else years
    limit = cutoff(as_of, years)
    with scope(forbund=forbund):
        rows = (
            Participant.objects.filter(forbund=forbund)
            .annotate(
                n=Count("participations"),
                ongoing=Count("participations", filter=Q(participations__end_date__isnull=True)),
                last_end=Max("participations__end_date"),
            )
            .filter(ongoing=0)
            .filter(Q(n__gt=0, last_end__lte=limit) | Q(n=0, created_at__date__lte=limit))
            .order_by("code")
            .values_list("pk", "code")
        )
        return list(rows)


def apply_retention(
    forbund,
    as_of: date | None = None,
    *,
    user=None,
    via: str = COMMAND,
    dry_run: bool = False,
) -> RetentionOutcome:
    """Remove (or, in a dry run, list) the participants due on `as_of` (default today)."""
    as_of = as_of or timezone.localdate()
    if dry_run:
        years = retention_years(forbund)
        return RetentionOutcome(as_of, years, [code for _pk, code in due(forbund, as_of, years)])
    with transaction.atomic():
        lock_forbund(forbund)
        years = retention_years(forbund)
        rows = due(forbund, as_of, years)
        removed = remove_participants(forbund, [pk for pk, _code in rows], cause="gallring")
        actor = user if user is not None and getattr(user, "is_authenticated", False) else None
        run = RetentionRun.objects.create(
            forbund=forbund,
            as_of=as_of,
            years=years,
            actor=actor,
            via=via,
            participants=removed.participants,
            participations=removed.participations,
            activities=removed.activities,
            removed=removed.by_kind,
            frozen_years=removed.frozen_years,
        )
        audit.log(
            actor,
            "retention.applied",
            run,
            changes={
                "per": as_of.isoformat(),
                "regel_år": years,
                "via": via,
                "borttaget": removed.by_kind,
                "frysta_år": removed.frozen_years,
            },
        )
        codes = [code for _pk, code in rows]
        if codes:
            transaction.on_commit(lambda: remove_pending_uploads(codes))
    return RetentionOutcome(as_of, years, [code for _pk, code in rows], run, removed.by_kind)


def last_runs(forbund, count: int = 10) -> list[RetentionRun]:
    with scope(forbund=forbund):
        return list(RetentionRun.objects.filter(forbund=forbund).select_related("actor")[:count])


def run_retention_for_all(as_of: date | None = None) -> list[RetentionRun]:
    """Apply every förbund's rule as of `as_of` (default today): the scheduled job's entry point.

    Each förbund in its own transaction; a förbund that fails does not stop the others, and
    the first error is raised after all have been tried (so the job is marked as failed)."""
    as_of = as_of or timezone.localdate()
    forbund_list = list(Forbund.objects.order_by("slug"))
    runs: list[RetentionRun] = []
    failure: Exception | None = None
    for forbund in forbund_list:
        try:
            outcome = apply_retention(forbund, as_of, via=SCHEDULED)
        except Exception as error:  # re-raised below, after the others
            failure = failure or error
            continue
        assert outcome.run is not None
        runs.append(outcome.run)
    if failure is not None:
        raise failure
    return runs
