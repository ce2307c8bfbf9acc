"""Erasure of a participant on request (docs/gallring.md), and the removal that erasure and
retention (retention.py) share.

    erase_participant(forbund, "A-0042", "Begäran enligt art. 17, dnr 2026/12", user)

All or nothing in one transaction: the years the person's participations counted in are
frozen first (frozen_statistics), then the participant goes with everything linked to it
(participations, activities, and whatever other apps tie to a participant with CASCADE, such
as consents), and one audit event records the reason, the counts and a one-way reference,
never the code. After the commit, participant files waiting for a confirmed upload that
contain the code are deleted.

The audit log itself needs no scrubbing: its diffs never hold a participant's values (the
models' audit_personal_fields are masked), only references such as "Deltagande #42", which
point at nothing once the rows are gone. Adopted reports are frozen documents without codes
and are kept.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from core import audit
from core.versioning import lock_forbund
from participants.models import Activity, Participant, Participation
from participants.services.frozen_statistics import affected_years, freeze_years

ERASED = "participant.erased"
CHUNK = 500  # ids per IN (…): within every database's limit on parameters
REFERENCE_CHARS = 16


class NothingHeld(LookupError):
    """The förbund holds no participant with that code."""


@dataclass
class Removed:
    """What a removal took away: counts per kind of row, and the years frozen first."""

    participants: int = 0
    participations: int = 0
    activities: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    frozen_years: list[int] = field(default_factory=list)


def reference(forbund, code: str) -> str:
    """A one-way reference to a participant code: the same code gives the same reference, but
    the code cannot be found from it (an HMAC with the installation's secret key)."""
    message = f"{forbund.pk}:{code}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return digest[:REFERENCE_CHARS]


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def remove_participants(
    forbund, participant_ids: Sequence[int], *, cause: str, today: date | None = None
) -> Removed:
    """Freeze the affected years, then delete the participants and everything linked to them.
    Call inside transaction.atomic after lock_forbund(forbund)."""
    today = today or timezone.localdate()
    ids = sorted(set(participant_ids))
    removed = Removed()
    if not ids:
        return removed
    kinds: Counter[str] = Counter()
    with scope(forbund=forbund):
        spans = [
            row
            for chunk in _chunks(ids)
            for row in Participation.objects.filter(forbund=forbund, participant_id__in=chunk).only(
                "start_date", "end_date"
            )
        ]
        removed.frozen_years = freeze_years(forbund, affected_years(spans, today), cause=cause)
        for chunk in _chunks(ids):
            # Activities, then participations (a participant PROTECTs its participations),
            # then the participants with whatever other apps CASCADE from them.
            for queryset in (
                Activity.objects.filter(forbund=forbund, participation__participant_id__in=chunk),
                Participation.objects.filter(forbund=forbund, participant_id__in=chunk),
                Participant.objects.filter(forbund=forbund, pk__in=chunk),
            ):
                _total, per_model = queryset.delete()
                kinds.update(per_model)
    removed.by_kind = {label: n for label, n in sorted(kinds.items()) if n}
    removed.participants = kinds[Participant._meta.label]
    removed.participations = kinds[Participation._meta.label]
    removed.activities = kinds[Activity._meta.label]
    return removed


def erase_participant(forbund, code: str, reason: str, user=None, *, via: str = "webb") -> Removed:
    """Erase one participant (all or nothing). NothingHeld when the code is not held;
    ValueError without a reason."""
    code, reason = code.strip(), reason.strip()
    if not reason:
        raise ValueError("Ange skälet till raderingen.")
    with transaction.atomic():
        lock_forbund(forbund)
        with scope(forbund=forbund):
            participant = Participant.objects.filter(forbund=forbund, code=code).first()
        if participant is None:
            raise NothingHeld(code)
        removed = remove_participants(forbund, [participant.pk], cause="radering")
        changes = {
            "skäl": reason,
            "referens": reference(forbund, code),
            "borttaget": removed.by_kind,
            "frysta_år": removed.frozen_years,
            "via": via,
        }
        audit.log(user, ERASED, forbund=forbund, changes=changes)
        transaction.on_commit(lambda: remove_pending_uploads([code]))
    return removed


# --- Files -------------------------------------------------------------------------------------


def pending_upload_dir() -> Path:
    """Where participant files wait between the check and the confirmed import
    (participants.views.files.upload_dir)."""
    return Path(settings.VAR_DIR) / "uploads"


def _needles(code: str) -> list[bytes]:
    texts = {code, html.escape(code, quote=True)}  # as in an XLSX's XML
    needles = set()
    for text in texts:
        for encoding in ("utf-8", "cp1252", "utf-16-le"):
            try:
                needles.add(text.encode(encoding))
            except UnicodeEncodeError:
                continue
    return sorted(needles)


def _contains(path: Path, needles: list[bytes]) -> bool:
    data = path.read_bytes()
    if any(needle in data for needle in needles):
        return True
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    content = archive.read(member)
                    if any(needle in content for needle in needles):
                        return True
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            return True  # cannot be read: cannot be shown not to hold the code
    return False


def remove_pending_uploads(codes: Iterable[str]) -> int:
    """Delete the waiting participant files that contain any of the codes; returns how many.
    The person who uploaded such a file uploads it again (without the erased person)."""
    folder = pending_upload_dir()
    if not folder.exists():
        return 0
    needles = sorted({needle for code in codes for needle in _needles(code)})
    deleted = 0
    for path in folder.glob("deltagare-*"):
        try:
            if _contains(path, needles):
                path.unlink(missing_ok=True)
                deleted += 1
        except FileNotFoundError:
            continue
    return deleted
