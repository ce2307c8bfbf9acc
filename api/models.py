"""API tokens: named, expiring, read or read-write, revocable; stored only as a hash."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from organisations.models import Forbund, User


class ApiToken(models.Model):
    """A bearer token of one user in one förbund (docs/format/api.md).

    The token itself is shown once; only its SHA-256 is kept (the token is 256 random bits, so
    a fast hash is enough: there is nothing to guess). `prefix` (the first characters) lets the
    user recognise a token in the list without revealing it.
    """

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="api_tokens")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(_("början"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    can_write = models.BooleanField(_("får skriva"), default=False)
    expires_on = models.DateField(_("gäller till och med"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_on >= timezone.localdate()
