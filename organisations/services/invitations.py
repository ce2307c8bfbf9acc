"""Invitations: how a person gets a role in a förbund.

The kansli (or the `invite_user` command) gives an e-mail address and a role; the person gets a
single-use link that expires. Opening it they create their account (choosing username and
password, and setting up two-factor if the role requires it) or log in to the account they
already have. Nobody else ever sees or sets their password, and inviting never reveals whether
the address or a username already exists anywhere.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from core import audit
from organisations.choices import Role
from organisations.models import Forbund, Invitation, Membership, User

from .people import ServiceError


class InvitationInvalid(ServiceError):
    """The link is unknown, used, revoked or expired: one answer for all of them."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Länken gäller inte. Den kan ha använts redan, ha gått ut eller ha återkallats. "
                "Be förbundets kansli om en ny inbjudan."
            )
        )


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def invitation_link(raw: str, base_url: str | None = None) -> str:
    base = (base_url or settings.SAMORDNA_BASE_URL).rstrip("/")
    return base + reverse("invitation", kwargs={"token": raw})


def invite(
    forbund: Forbund,
    actor,
    *,
    email: str,
    role: str,
    base_url: str | None = None,
    username: str = "",
    full_name: str = "",
) -> tuple[Invitation, str]:
    """Creates an invitation and e-mails its link. Returns the invitation and the link.

    An earlier pending invitation of the same address to the same förbund is revoked, so only
    the newest link works. The e-mail goes out inside the transaction: if sending fails,
    nothing is saved. Without an e-mail address (create_user without --epost) nothing is sent:
    the caller hands the link over. With `username` (create_user) the account the link
    creates gets that username; the person still chooses the password.
    """
    email = email.strip()
    username = username.strip()
    if role not in Role.values:
        raise ServiceError(_("Okänd roll: %(role)s.") % {"role": role})
    if username and User.objects.filter(username__iexact=username).exists():
        raise ServiceError(_("Användarnamnet ”%(username)s” är upptaget.") % {"username": username})
    now = timezone.now()
    raw = secrets.token_urlsafe(32)
    with transaction.atomic(), scope(forbund=forbund):
        same = Q(email__iexact=email) if email else Q(pk__in=[])
        if username:
            same |= Q(username__iexact=username)
        for earlier in Invitation.objects.filter(
            same, used_at=None, revoked_at=None
        ).select_for_update():
            earlier.revoked_at = now
            earlier.save(update_fields=["revoked_at"])
            audit.log(actor, "invitation.revoked", earlier)
        invitation = Invitation.objects.create(
            forbund=forbund,
            email=email,
            role=role,
            username=username,
            full_name=full_name.strip()[:300],
            token_hash=token_hash(raw),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            expires_at=now + timedelta(hours=settings.SAMORDNA_INVITATION_HOURS),
        )
        audit.log(actor, "invitation.created", invitation, changes={"roll": role})
        link = invitation_link(raw, base_url)
        if email:
            _send(invitation, link, actor)
    return invitation, link


def _send(invitation: Invitation, link: str, actor) -> None:
    context = {
        "forbund": invitation.forbund,
        "role": invitation.get_role_display(),
        "link": link,
        "expires_at": timezone.localtime(invitation.expires_at),
        "inviter": actor if getattr(actor, "is_authenticated", False) else None,
        "two_factor": invitation.role in settings.SAMORDNA_2FA_ROLES,
    }
    subject = render_to_string("organisations/email/invitation_subject.txt", context)
    body = render_to_string("organisations/email/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


def pending(raw: str) -> Invitation:
    """The pending invitation of a link, or InvitationInvalid."""
    if not raw or len(raw) > 200 or "\x00" in raw:
        raise InvitationInvalid
    with scopes_disabled():
        invitation = (
            Invitation.objects.select_related("forbund").filter(token_hash=token_hash(raw)).first()
        )
    if invitation is None or not invitation.is_pending(timezone.now()):
        raise InvitationInvalid
    return invitation


def _lock_pending(raw: str) -> Invitation:
    # Inside a transaction: the row lock makes the link single-use under concurrent accepts.
    invitation = pending(raw)
    with scopes_disabled():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_pending(timezone.now()):
        raise InvitationInvalid
    locked.forbund = invitation.forbund
    return locked


def _use(invitation: Invitation, user: User) -> Membership:
    with scope(forbund=invitation.forbund):
        invitation.used_at = timezone.now()
        invitation.used_by = user
        invitation.save(update_fields=["used_at", "used_by"])
        membership = Membership.objects.filter(user=user).first()
        if membership is not None:
            audit.log(user, "invitation.used", invitation, changes={"roll": "oförändrad"})
            return membership
        membership = Membership.objects.create(
            forbund=invitation.forbund, user=user, role=invitation.role
        )
        audit.log(user, "invitation.used", invitation)
        audit.log(user, "membership.created", membership, changes={"roll": invitation.role})
        return membership


def accept_new_account(
    raw: str, *, username: str, password: str, first_name: str = "", last_name: str = ""
) -> tuple[User, Membership]:
    """Creates the invited person's account (password already validated) and their role."""
    try:
        with transaction.atomic():
            invitation = _lock_pending(raw)
            user = User.objects.create_user(
                username=invitation.username or username,
                password=password,
                email=invitation.email,
                first_name=first_name,
                last_name=last_name,
            )
            with scope(forbund=invitation.forbund):
                audit.log(user, "user.created", user, forbund=invitation.forbund)
            return user, _use(invitation, user)
    except IntegrityError:
        # Someone took the username between the form check and now.
        raise ServiceError(_("Användarnamnet är upptaget. Välj ett annat.")) from None


def accept_existing_account(raw: str, user: User) -> Membership:
    """Gives the logged-in person the invited role (a person who already has a role in the
    förbund keeps it; the link is used up either way)."""
    with transaction.atomic():
        return _use(_lock_pending(raw), user)


def revoke(invitation: Invitation, actor) -> None:
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.log(actor, "invitation.revoked", invitation)
