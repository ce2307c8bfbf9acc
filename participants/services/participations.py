"""Operations on insatser, participations and activities: one place for each rule.

Views and commands call these; each change of personal data is written to the audit log.
The file imports and the export live in their own modules and are re-exported here.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear

from core import audit
from core.versioning import lock_forbund
from organisations.models import Forbund
from participants.choices import ActivityKind
from participants.models import (
    Activity,
    Insats,
    Participant,
    Participation,
    StructuralParticipantCount,
)
from participants.services.intervention_import import InterventionImportResult, import_interventions
from participants.services.participant_export import export_participants, write_participants
from participants.services.participant_import import ImportResult, import_participants

__all__ = [
    "ImportResult",
    "InterventionImportResult",
    "activities_started",
    "delete_activity",
    "end_participation",
    "export_participants",
    "import_interventions",
    "import_participants",
    "register_participation",
    "save_activity",
    "save_insats",
    "update_participation",
    "write_participants",
]


def _m2m_ids(insats: Insats) -> dict[str, list[int]]:
    return {
        "responsible": sorted(insats.responsible.values_list("pk", flat=True)),
        "executing_members": sorted(insats.executing_members.values_list("pk", flat=True)),
    }


@transaction.atomic
def save_insats(form, user, before: dict | None) -> Insats:
    """Save an InsatsForm (fields and assignments) and log what changed."""
    is_new = form.instance.pk is None
    m2m_before = None if is_new else _m2m_ids(form.instance)
    insats = form.save()
    changes = audit.diff(before, insats)
    m2m_after = _m2m_ids(insats)
    for name, ids in m2m_after.items():
        if m2m_before is None or m2m_before[name] != ids:
            changes[name] = {"från": m2m_before[name] if m2m_before else None, "till": ids}
    if is_new or changes:
        audit.log(user, "insats.created" if is_new else "insats.updated", insats, changes=changes)
    return insats


@transaction.atomic
def save_structural_count(insats: Insats, form, user) -> StructuralParticipantCount:
    """Save a StructuralCountForm: the year's counts of a strukturinriktad insats, replacing
    the year's earlier counts; logged like every change."""
    data = form.cleaned_data
    # One such save at a time for the förbund: two saves of a new year do not both insert
    # it, and the log's old values are the ones stored.
    lock_forbund(insats.forbund)
    existing = StructuralParticipantCount.objects.filter(insats=insats, year=data["year"]).first()
    row = existing or StructuralParticipantCount(
        forbund=insats.forbund, insats=insats, year=data["year"]
    )
    before = audit.snapshot(existing) if existing else None
    row.women, row.men, row.not_stated = data["women"], data["men"], data["not_stated"]
    row.full_clean()
    row.save()
    changes = audit.diff(before, row)
    if existing is None or changes:
        action = "structural_count.created" if existing is None else "structural_count.updated"
        audit.log(user, action, row, changes=changes)
    return row


@transaction.atomic
def register_participation(
    forbund: Forbund, user, participant_code: str, participation: Participation
) -> Participation:
    """Create a participation (and its participant, the first time the code is used)."""
    participant, created = Participant.objects.get_or_create(
        forbund=forbund, code=participant_code.strip()
    )
    if created:
        audit.log(user, "participant.created", participant)
    participation.forbund = forbund
    participation.participant = participant
    participation.full_clean()
    participation.save()
    audit.log(user, "participation.created", participation, changes=audit.diff(None, participation))
    return participation


@transaction.atomic
def update_participation(
    participation: Participation,
    user,
    before: dict | None,
    action: str = "participation.updated",
) -> Participation:
    changes = audit.diff(before, participation)
    if changes:
        participation.full_clean()
        participation.save()
        audit.log(user, action, participation, changes=changes)
    return participation


def end_participation(
    participation: Participation,
    user,
    end_date: date,
    end_reason: str = "",
    follow_up_12m: str | None = None,
    before: dict | None = None,
) -> Participation:
    """Record the end of a participation, with its reason (empty = ej registrerad).

    `before` is the snapshot from before a form touched the object, when one did."""
    before = before if before is not None else audit.snapshot(participation)
    participation.end_date = end_date
    participation.end_reason = end_reason
    if follow_up_12m is not None:
        participation.follow_up_12m = follow_up_12m
    return update_participation(participation, user, before, "participation.ended")


@transaction.atomic
def save_activity(activity: Activity, user, before: dict | None) -> Activity:
    is_new = activity.pk is None
    activity.forbund = activity.participation.forbund
    activity.full_clean()
    activity.save()
    changes = audit.diff(before, activity)
    if is_new or changes:
        action = "activity.created" if is_new else "activity.updated"
        # "deltagande" lets the participation's history find its activities' events.
        changes["deltagande"] = activity.participation_id
        audit.log(user, action, activity, changes=changes)
    return activity


@transaction.atomic
def delete_activity(activity: Activity, user) -> None:
    audit.log(user, "activity.deleted", activity, changes={"deltagande": activity.participation_id})
    activity.delete()


def activities_started(insats: Insats, years: list[int]) -> list[dict]:
    """Per activity kind: how many participations started one in each year (Roslagen 2023: "19
    started the course, 25 had arbetsträning"). Kinds with no activity in the years are left
    out. One query."""
    counts = (
        Activity.objects.filter(participation__insats=insats, start_date__year__in=years)
        .annotate(year=ExtractYear("start_date"))
        .values("kind", "year")
        .annotate(n=Count("participation", distinct=True))
    )
    by_kind: dict[str, dict[int, int]] = {}
    for row in counts:
        by_kind.setdefault(row["kind"], {})[row["year"]] = row["n"]
    return [
        {"kind": label, "counts": [by_kind[kind].get(year, 0) for year in years]}
        for kind, label in ActivityKind.choices
        if kind in by_kind
    ]
