"""Least data by default (docs/personuppgifter.md): the förbund's privacy settings, which
optional fields it collects, a check of free-text fields for health details, and the log of
who read participant rows.

    settings = privacy_settings(forbund)            # unsaved defaults when never set
    collected_fields(forbund)                       # the optional fields still collected
    log_access(request, AccessKind.LIST, "Deltaganden", rows=12)
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from organisations.models import Forbund
from participants.models import (
    OPTIONAL_FIELDS,
    AccessKind,
    Participant,
    ParticipantAccess,
    Participation,
    PrivacySettings,
)

__all__ = [
    "OPTIONAL_FIELDS",
    "collected_fields",
    "health_words_in",
    "log_access",
    "off_fields",
    "privacy_settings",
    "record_access",
    "save_privacy_settings",
]


def privacy_settings(forbund: Forbund) -> PrivacySettings:
    """The förbund's settings, or (unsaved) the defaults: no consent asked, all collected."""
    found = PrivacySettings.objects.filter(forbund=forbund).first()
    return found or PrivacySettings(forbund=forbund, consent_scopes=[], off_fields=[])


def requires_consent(forbund: Forbund, scope: str) -> bool:
    return privacy_settings(forbund).requires_consent(scope)


def off_fields(forbund: Forbund) -> list[str]:
    settings = privacy_settings(forbund)
    return [name for name in OPTIONAL_FIELDS if not settings.collects(name)]


def collected_fields(forbund: Forbund) -> list[str]:
    off = set(off_fields(forbund))  # one query
    return [name for name in OPTIONAL_FIELDS if name not in off]


def field_label(name: str) -> str:
    return str(getattr(Participation._meta.get_field(name), "verbose_name", name))


@transaction.atomic
def save_privacy_settings(
    forbund: Forbund, user, *, consent_scopes: list[str], off: list[str], contacts: dict
) -> PrivacySettings:
    """Save the settings and the förbund's privacy contacts; audited (values are not personal)."""
    settings = privacy_settings(forbund)
    before = audit.snapshot(settings) if settings.pk else None
    settings.consent_scopes = sorted(consent_scopes)
    settings.off_fields = [name for name in OPTIONAL_FIELDS if name in off]
    settings.save()
    changes = audit.diff(before, settings)
    forbund_before = audit.snapshot(forbund)
    for name, value in contacts.items():
        setattr(forbund, name, value)
    forbund.full_clean()
    forbund.save(update_fields=list(contacts))
    changes.update(audit.diff(forbund_before, forbund))
    changes.pop("updated_at", None)
    if changes:
        audit.log(user, "privacy_settings.updated", settings, forbund=forbund, changes=changes)
    return settings


# Words that name a diagnosis, a treatment or a health condition: a free-text field is for
# what was done (a course, a workplace), never for why. Lower case, matched as word starts.
HEALTH_WORDS = (
    "diagnos",
    "adhd",
    "add",
    "autism",
    "asperger",
    "depression",
    "deprimerad",
    "ångest",
    "bipolär",
    "schizofren",
    "psykos",
    "psykisk ohälsa",
    "utmattningssyndrom",
    "utbrändhet",
    "missbruk",
    "beroende",
    "alkohol",
    "narkotika",
    "medicin",
    "läkemedel",
    "sjukskriv",
    "cancer",
    "diabetes",
    "epilepsi",
    "ptsd",
    "suicid",
    "självmord",
)
_HEALTH = re.compile(r"\b(" + "|".join(re.escape(word) for word in HEALTH_WORDS) + r")", re.I)


def health_words_in(text: str) -> list[str]:
    """The health words found in a free text (empty when none), in the order found."""
    found: list[str] = []
    for match in _HEALTH.finditer(text or ""):
        word = match.group(1).lower()
        if word not in found:
            found.append(word)
    return found


def health_warning(text: str) -> str | None:
    words = health_words_in(text)
    if not words:
        return None
    return _(
        "Texten verkar innehålla hälsouppgifter (%(words)s). Skriv inte diagnoser, "
        "behandlingar eller hälsotillstånd i fritext: beskriv vad som görs, till exempel "
        "kursens namn eller arbetsträningsplatsen."
    ) % {"words": ", ".join(words)}


def log_access(
    request,
    kind: str,
    what: str,
    *,
    rows: int | None = None,
    participant: Participant | None = None,
) -> ParticipantAccess:
    """Record that the request's user read participant rows (a list, a page, an export)."""
    user = request.user if request.user.is_authenticated else None
    return record_access(request.forbund, user, kind, what, rows=rows, participant=participant)


def record_access(
    forbund: Forbund,
    user,
    kind: str,
    what: str,
    *,
    rows: int | None = None,
    participant: Participant | None = None,
) -> ParticipantAccess:
    """The same for a caller without a web request (the API: the token's user)."""
    return ParticipantAccess.objects.create(
        forbund=forbund, user=user, kind=kind, what=what[:200], rows=rows, participant=participant
    )


ACCESS_KINDS = AccessKind
