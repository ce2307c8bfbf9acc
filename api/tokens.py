"""Creating, checking and revoking API tokens: the one place for the token rules.

A token is `sam_` followed by 43 URL-safe characters (32 random bytes). It is shown once; the
database keeps its SHA-256. Every use is written to the audit log (when, which token, which
method and path; never a request body).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from core import audit
from organisations.models import Forbund, Membership, User
from organisations.services import ServiceError

from .models import ApiToken

PREFIX = "sam_"
DEFAULT_DAYS = 365
MAX_DAYS = 3 * 365


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(
    forbund: Forbund,
    user: User,
    *,
    name: str = "",
    can_write: bool = False,
    days: int = DEFAULT_DAYS,
    actor=None,
) -> tuple[ApiToken, str]:
    """A new token for a member of the förbund; returns the token row and the raw token."""
    if not 1 <= days <= MAX_DAYS:
        raise ServiceError(
            _("En API-nyckel gäller i 1–%(max)s dagar, inte %(days)s.")
            % {"max": MAX_DAYS, "days": days}
        )
    name = name.strip() or _("API-nyckel")
    if len(name) > 100:
        raise ServiceError(_("Namnet får vara högst 100 tecken."))
    with scope(forbund=forbund):
        if not Membership.objects.filter(user=user, user__is_active=True).exists():
            raise ServiceError(
                _("%(user)s är inte med i %(forbund)s.")
                % {"user": user.username, "forbund": forbund}
            )
        raw = PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            forbund=forbund,
            user=user,
            name=name,
            prefix=raw[: len(PREFIX) + 4],
            token_hash=token_hash(raw),
            can_write=can_write,
            expires_on=timezone.localdate() + timedelta(days=days),
        )
        audit.log(
            actor or user,
            "api_token.created",
            token,
            changes={"namn": name, "skriv": can_write, "gäller_till": str(token.expires_on)},
        )
    return token, raw


def revoke_token(token: ApiToken, actor) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.log(actor, "api_token.revoked", token)


def find_active_token(raw: str) -> ApiToken | None:
    """The active token with this value, or None (unknown, expired or revoked)."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    with scopes_disabled():
        token = (
            ApiToken.objects.select_related("user", "forbund")
            .filter(token_hash=token_hash(raw))
            .first()
        )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    return token


def record_use(token: ApiToken, method: str, path: str, status: int) -> None:
    """Every use of a token: the audit log gets when, which token, which endpoint."""
    now = timezone.now()
    with scopes_disabled():
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    audit.log(
        token.user,
        "api_token.used",
        token,
        forbund=token.forbund,
        changes={"metod": method, "sökväg": path[:300], "status": status},
    )
