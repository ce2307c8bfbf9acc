"""The catalogue's rules in one place: what the public sees, search and filters, the editorial
flow (draft → published, review reminders) and visit counting. Pages, the API and the demo
call these."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from core import audit

from .models import REVIEW_AFTER, CatalogueEntry, CatalogueVisit, Status

# The only fields that ever leave the förbund (pages, JSON): published catalogue fields.
PUBLIC_FIELDS = (
    "slug",
    "kind",
    "name",
    "organiser",
    "target_group",
    "target_description",
    "age_min",
    "age_max",
    "municipalities",
    "offers",
    "access",
    "contact",
    "languages",
    "starts_on",
    "ends_on",
    "reviewed_on",
)


@dataclass
class Filters:
    q: str = ""
    kommun: str = ""
    malgrupp: str = ""
    arrangor: str = ""  # a member's name, or the förbund's
    typ: str = ""

    @classmethod
    def from_params(cls, params) -> Filters:
        return cls(**{name: search_text(params.get(name, "")) for name in cls.__dataclass_fields__})


def search_text(value: str, limit: int = 100) -> str:
    """A search value from a URL: control characters (NUL included, which PostgreSQL refuses)
    become spaces; trimmed and cut to `limit` characters."""
    cleaned = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in str(value))
    return cleaned.strip()[:limit]


def public_entries(forbund_slug: str | None = None, filters: Filters | None = None) -> QuerySet:
    """Published entries (of all förbund, or of one), filtered; only public fields loaded."""
    with scopes_disabled():
        rows = (
            CatalogueEntry.objects.published()
            .select_related("forbund", "organiser")
            .only(*PUBLIC_FIELDS, "forbund__slug", "forbund__name", "organiser__name")
        )
    if forbund_slug is not None:
        rows = rows.filter(forbund__slug=forbund_slug)
    filters = filters or Filters()
    if filters.q:
        rows = rows.search(filters.q)
    if filters.kommun:
        rows = rows.filter(municipalities__icontains=filters.kommun)
    if filters.malgrupp:
        rows = rows.filter(target_group=filters.malgrupp)
    if filters.typ:
        rows = rows.filter(kind=filters.typ)
    if filters.arrangor:
        rows = rows.filter(organiser__name=filters.arrangor) | rows.filter(
            organiser__isnull=True, forbund__name=filters.arrangor
        )
    return rows.order_by("name", "pk")


def public_entry(forbund_slug: str, slug: str) -> CatalogueEntry | None:
    return public_entries(forbund_slug).filter(slug=slug).first()


def record_visit(entry: CatalogueEntry) -> None:
    """+1 for the entry this month. Nothing about the visitor is read or stored."""
    month = timezone.localdate().replace(day=1)
    updated = CatalogueVisit.objects.filter(entry=entry, month=month).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                CatalogueVisit.objects.create(entry=entry, month=month, count=1)
        except IntegrityError:  # a parallel first visit created the row
            CatalogueVisit.objects.filter(entry=entry, month=month).update(count=F("count") + 1)


def save_entry(entry: CatalogueEntry, user, before: dict | None) -> CatalogueEntry:
    entry.full_clean()
    entry.save()
    action = "catalogue.created" if before is None else "catalogue.updated"
    audit.log(user, action, entry, changes=audit.diff(before, entry))
    return entry


def publish(entry: CatalogueEntry, user) -> None:
    entry.status = Status.PUBLISHED
    entry.published_at = timezone.now()
    entry.reviewed_on = timezone.localdate()
    entry.save(update_fields=["status", "published_at", "reviewed_on", "updated_at"])
    audit.log(user, "catalogue.published", entry)


def unpublish(entry: CatalogueEntry, user) -> None:
    entry.status = Status.DRAFT
    entry.save(update_fields=["status", "updated_at"])
    audit.log(user, "catalogue.unpublished", entry)


def mark_reviewed(entry: CatalogueEntry, user) -> None:
    entry.reviewed_on = timezone.localdate()
    entry.save(update_fields=["reviewed_on", "updated_at"])
    audit.log(user, "catalogue.reviewed", entry)


def due_for_review() -> QuerySet:
    """The förbund's published entries not reviewed for 12 months (the reminder)."""
    return CatalogueEntry.objects.published().filter(
        reviewed_on__lte=timezone.localdate() - REVIEW_AFTER
    )
