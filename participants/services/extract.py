"""The register extract (registerutdrag, GDPR art. 15): everything held about one participant
code, with Swedish labels, as one JSON-able document (docs/personuppgifter.md).

`participant_extract(forbund, code)` returns the document; the command `participant_extract`,
the kansli's page and its JSON and PDF downloads all show exactly this. When nothing is held
(an unknown or erased code) the document says so: {"deltagare": null, "meddelande": "…"}.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope

from core.models import AuditEvent
from organisations.models import Forbund
from participants.models import (
    Activity,
    Consent,
    Participant,
    ParticipantAccess,
    Participation,
)
from participants.rules import DATA_FIELDS

EXTRACT_KIND = "registerutdrag"

# What the events of the audit log are called in an extract.
EVENT_LABELS = {
    "participant.created": gettext_lazy("Deltagaren registrerades"),
    "participation.created": gettext_lazy("Deltagandet registrerades"),
    "participation.updated": gettext_lazy("Deltagandet ändrades"),
    "participation.ended": gettext_lazy("Avslut registrerades"),
    "participation.imported": gettext_lazy("Deltagandet lästes in från deltagarfil"),
    "activity.created": gettext_lazy("Aktivitet lades till"),
    "activity.updated": gettext_lazy("Aktivitet ändrades"),
    "activity.deleted": gettext_lazy("Aktivitet togs bort"),
    "consent.given": gettext_lazy("Samtycke registrerades"),
    "consent.withdrawn": gettext_lazy("Samtycke återkallades"),
    "export.downloaded": gettext_lazy("Uppgifterna lämnades ut (nedladdning)"),
    "export.written": gettext_lazy("Uppgifterna lämnades ut (kommandorad)"),
}

# Every field of a participation (the file's and the form's, participants/rules.py), and when
# the row was made and last changed.
PARTICIPATION_FIELDS = ("start_date", *DATA_FIELDS, "created_at", "updated_at")
ACTIVITY_FIELDS = ("kind", "method", "label", "start_date", "end_date", "created_at")
CONSENT_FIELDS = ("scope", "given_on", "method", "withdrawn_on", "created_at")


def _value(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if getattr(field, "choices", None):
        return getattr(obj, f"get_{name}_display")() if value not in (None, "") else None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return None if value == "" else value


def _labelled(obj: models.Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {_label(obj, name): _value(obj, name) for name in names}


def _label(obj: models.Model, name: str) -> str:
    return str(getattr(obj._meta.get_field(name), "verbose_name", name))


def forbund_facts(forbund: Forbund) -> dict[str, str]:
    """Who holds the data and whom to ask: heads every extract and the register of processing."""
    return {
        "namn": forbund.name,
        "organisationsnummer": forbund.org_number,
        "kontakt för personuppgiftsfrågor": forbund.privacy_contact,
        "dataskyddsombud": forbund.dpo_name,
        "dataskyddsombudets kontaktuppgifter": forbund.dpo_contact,
    }


def nothing_held_message(forbund: Forbund, code: str) -> str:
    return _(
        "Inga uppgifter finns om deltagar-id %(code)s hos %(forbund)s. Antingen har koden aldrig "
        "registrerats, eller så har uppgifterna raderats eller gallrats."
    ) % {"code": code, "forbund": forbund.name}


def find_participant(forbund: Forbund, code: str) -> Participant | None:
    with scope(forbund=forbund):
        return Participant.objects.filter(code=code.strip()).first()


def participant_extract(forbund: Forbund, code: str) -> dict[str, Any]:
    """Everything held about the participant code in the förbund (see the module docstring)."""
    with scope(forbund=forbund):
        participant = Participant.objects.filter(code=code.strip()).first()
        head = {
            "förbund": forbund_facts(forbund),
            "utdraget gäller": code.strip(),
            "utdraget skapat": timezone.localtime().isoformat(timespec="seconds"),
        }
        if participant is None:
            return {
                **head,
                "deltagare": None,
                "meddelande": nothing_held_message(forbund, code.strip()),
            }
        return {**head, **_held(participant)}


def _held(participant: Participant) -> dict[str, Any]:
    participations = list(
        Participation.objects.filter(participant=participant)
        .select_related("insats")
        .order_by("start_date", "insats__code", "pk")
    )
    activities = list(
        Activity.objects.filter(participation__in=participations).order_by("start_date", "pk")
    )
    by_participation: dict[int, list[Activity]] = {}
    for activity in activities:
        by_participation.setdefault(activity.participation_id, []).append(activity)
    consents = list(Consent.objects.filter(participant=participant).order_by("given_on", "pk"))
    rows = []
    follow_ups = []
    for participation in participations:
        row = {
            "deltagande": participation.pk,
            "insats": f"{participation.insats.code} {participation.insats.name}",
            **_labelled(participation, PARTICIPATION_FIELDS),
            "aktiviteter": [
                _labelled(activity, ACTIVITY_FIELDS)
                for activity in by_participation.get(participation.pk, [])
            ],
        }
        rows.append(row)
        if participation.follow_up_12m:
            follow_ups.append(
                {
                    "deltagande": participation.pk,
                    "insats": row["insats"],
                    "slutdatum": _value(participation, "end_date"),
                    str(Participation._meta.get_field("follow_up_12m").verbose_name): _value(
                        participation, "follow_up_12m"
                    ),
                }
            )
    return {
        "deltagare": {
            "deltagar-id": participant.code,
            "registrerad": _value(participant, "created_at"),
        },
        "deltaganden": rows,
        "uppföljningar": follow_ups,
        "samtycken": [_labelled(consent, CONSENT_FIELDS) for consent in consents],
        "händelser": _events(participant, participations, activities, consents),
        "läsningar": _reads(participant),
    }


def _events(participant, participations, activities, consents) -> list[dict[str, Any]]:
    """The audit log's events about the person: who did what, when (which fields, no values)."""
    participation_ids = [p.pk for p in participations]
    label = {
        model._meta.label_lower: model for model in (Participant, Participation, Activity, Consent)
    }
    query = (
        Q(object_type=Participant._meta.label_lower, object_id=str(participant.pk))
        | Q(
            object_type=Participation._meta.label_lower,
            object_id__in=[str(pk) for pk in participation_ids],
        )
        | Q(
            object_type=Activity._meta.label_lower,
            object_id__in=[str(a.pk) for a in activities],
        )
        | Q(object_type=Consent._meta.label_lower, object_id__in=[str(c.pk) for c in consents])
        | Q(changes__deltagare=participant.pk)
    )
    if participation_ids:
        query |= Q(changes__deltagande__in=participation_ids)
    events = AuditEvent.objects.filter(query).select_related("actor").order_by("at", "id")
    result = []
    for event in events:
        model = label.get(event.object_type)
        names = {}
        if model is not None:
            names = {f.attname: str(f.verbose_name) for f in model._meta.concrete_fields}
        hidden = {"deltagande", "deltagare", "forbund_id", "participant_id", "insats_id"}
        result.append(
            {
                "tidpunkt": timezone.localtime(event.at).isoformat(timespec="seconds"),
                "händelse": str(EVENT_LABELS.get(event.action, event.action)),
                "gäller": event.object_repr or _("Deltagarens uppgifter"),
                "utförd av": _actor(event),
                "ändrade uppgifter": [
                    names.get(name, name) for name in event.changes if name not in hidden
                ]
                if model is not None
                else [],
            }
        )
    return result


def _actor(event: AuditEvent) -> str:
    if event.actor is not None:
        return str(event.actor)
    account = event.changes.get("konto") if isinstance(event.changes, dict) else None
    if account:
        return _("kommandorad (konto %(account)s)") % {"account": account}
    return _("systemet")


def _reads(participant: Participant) -> list[dict[str, Any]]:
    """Who opened a page about this one person (lists are logged without names)."""
    rows = ParticipantAccess.objects.filter(participant=participant).select_related("user")
    return [
        {
            "tidpunkt": timezone.localtime(row.at).isoformat(timespec="seconds"),
            "vad": row.what,
            "typ": row.get_kind_display(),
            "läst av": str(row.user) if row.user else _("okänd (kontot borttaget)"),
        }
        for row in rows.order_by("at", "pk")
    ]


def participation_count(extract: dict[str, Any]) -> int:
    return len(extract.get("deltaganden") or [])
