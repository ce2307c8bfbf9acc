"""Consent where a förbund asks for it (docs/personuppgifter.md).

A förbund chooses in its privacy settings which scopes require consent (ConsentScope: the
12-month follow-up, linking survey answers to a participant). Consent is recorded per
participant with the day, the scope and how it was given; withdrawing it sets the withdrawal
day and, in the same transaction, removes what depended on it:

- uppfoljning_12m: the 12-month follow-up answer of every participation of the person;
- koppla_enkatsvar: survey answers are stored without any link to a participant
  (surveys/models.py), so there is no link to remove; the consent is still recorded so that a
  förbund that links answers outside Samordna can show it.

Registering a follow-up is refused (Swedish error) when the scope requires consent and the
participant has none in force.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from organisations.models import Forbund
from participants.models import Consent, ConsentScope, Participant, Participation
from participants.services.least_data import requires_consent

__all__ = [
    "active_consent",
    "follow_up_refusal",
    "give_consent",
    "requires_consent",
    "withdraw_consent",
]


def active_consent(participant: Participant, scope: str) -> Consent | None:
    return Consent.objects.filter(
        participant=participant, scope=scope, withdrawn_on__isnull=True
    ).first()


def consented_participant_ids(forbund: Forbund, scope: str) -> set[int]:
    return set(
        Consent.objects.filter(forbund=forbund, scope=scope, withdrawn_on__isnull=True).values_list(
            "participant_id", flat=True
        )
    )


def follow_up_refusal_message() -> str:
    return _(
        "Förbundet kräver samtycke för uppföljningen 12 månader efter avslut, och deltagaren "
        "har inget gällande samtycke. Registrera samtycket på deltagarens sida först, eller "
        "lämna uppföljningen tom."
    )


def follow_up_refusal(
    forbund: Forbund, participant: Participant | None, follow_up: str
) -> str | None:
    """Why a 12-month follow-up may not be recorded for the participant, or None. A
    participant not yet registered (None) has no consent."""
    if not follow_up or not requires_consent(forbund, ConsentScope.FOLLOW_UP_12M):
        return None
    if participant is not None and active_consent(participant, ConsentScope.FOLLOW_UP_12M):
        return None
    return follow_up_refusal_message()


@transaction.atomic
def give_consent(
    participant: Participant, user, *, scope: str, given_on: date, method: str
) -> Consent:
    if active_consent(participant, scope) is not None:
        raise ValidationError(_("Deltagaren har redan ett gällande samtycke för det."))
    consent = Consent(
        forbund=participant.forbund,
        participant=participant,
        scope=scope,
        given_on=given_on,
        method=method,
    )
    consent.full_clean()
    consent.save()
    changes = audit.diff(None, consent)
    changes["deltagare"] = participant.pk
    audit.log(user, "consent.given", consent, changes=changes)
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, user, *, withdrawn_on: date) -> int:
    """Withdraw the consent and remove what depended on it, all or nothing; returns how many
    stored values were removed."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Samtycket är redan återkallat."))
    if withdrawn_on < consent.given_on:
        raise ValidationError(_("Återkallelsen kan inte ligga före samtycket."))
    consent.withdrawn_on = withdrawn_on
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on"])
    removed = 0
    if consent.scope == ConsentScope.FOLLOW_UP_12M:
        removed = _remove_follow_ups(consent.participant, user)
    audit.log(
        user,
        "consent.withdrawn",
        consent,
        changes={
            "withdrawn_on": audit.MASK,
            "deltagare": consent.participant_id,
            "borttaget": removed,
        },
    )
    return removed


def _remove_follow_ups(participant: Participant, user) -> int:
    rows = list(
        Participation.objects.select_for_update()
        .filter(participant=participant)
        .exclude(follow_up_12m="")
    )
    for participation in rows:
        before = audit.snapshot(participation)
        participation.follow_up_12m = ""
        participation.save(update_fields=["follow_up_12m", "updated_at"])
        changes = audit.diff(before, participation)
        changes["källa"] = _("samtycket återkallades")
        audit.log(user, "participation.updated", participation, changes=changes)
    return len(rows)


ALL_SCOPES = ConsentScope
