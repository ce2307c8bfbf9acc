"""Förbund, members and people: the operations the web and the commands share."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope

from core import audit
from organisations.models import Forbund, Member, Membership


class ServiceError(Exception):
    """An operation refused with a Swedish message for the user."""


@transaction.atomic
def create_forbund(slug: str, name: str, *, org_number: str = "", seat: str = "", actor=None):
    if Forbund.objects.filter(slug=slug).exists():
        raise ServiceError(
            _("Det finns redan ett förbund med kortnamnet %(slug)s.") % {"slug": slug}
        )
    forbund = Forbund(slug=slug, name=name, org_number=org_number, seat=seat)
    try:
        forbund.full_clean()
    except Exception as error:  # ValidationError: turn its messages into one Swedish line
        messages = getattr(error, "message_dict", {"": [str(error)]})
        text = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in messages.items())
        raise ServiceError(text) from None
    forbund.save()
    with scope(forbund=forbund):
        audit.log(
            actor, "forbund.created", forbund, forbund=forbund, changes=audit.diff({}, forbund)
        )
    return forbund


def save_member(member: Member, actor, *, before: dict | None) -> Member:
    created = member.pk is None
    member.save()
    changes = audit.diff(before, member)
    if created or changes:  # an edit that changes nothing is not logged
        audit.log(actor, "member.created" if created else "member.updated", member, changes=changes)
    return member


def change_role(
    membership: Membership, actor, role: str, *, before: dict | None = None
) -> Membership:
    """`before`: the stored row (versioning.claim), when a form has already set the new role."""
    old = before["role"] if before else membership.role
    if old == role:
        return membership
    membership.role = role
    membership.save(update_fields=["role"])
    audit.log(
        actor, "membership.updated", membership, changes={"roll": {"från": old, "till": role}}
    )
    return membership


def remove_person(membership: Membership, actor) -> None:
    audit.log(actor, "membership.deleted", membership, changes={"roll": membership.role})
    membership.delete()
