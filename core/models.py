from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .managers import ForbundScopedManager


class AuditEvent(models.Model):
    """One entry of the append-only audit log.

    Rows are never updated or deleted: the model refuses it, and database triggers (see the
    migration) refuse it too. Personal values are never stored here, only which fields changed.
    """

    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    # PROTECT: users and förbund with a history are deactivated, not deleted.
    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.PROTECT, null=True, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    action = models.CharField(_("händelse"), max_length=100)
    object_type = models.CharField(_("objekttyp"), max_length=100, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("objekt"), max_length=200, blank=True)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("händelselogg")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["forbund", "-at"], name="audit_forbund_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("The audit log is append-only.")
