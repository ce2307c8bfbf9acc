from django.conf import settings
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit_chain
from .managers import ForbundScopedManager


class AuditEventManager(ForbundScopedManager["AuditEvent"]):
    """bulk_create chains the events too (core.audit_chain), like save()."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db):
            audit_chain.seal(objs, self.db)
            return super().bulk_create(objs, *args, **kwargs)


class AuditEvent(models.Model):
    """One entry of the append-only audit log.

    Rows are never updated or deleted: the model refuses it, and database triggers (see the
    migration) refuse it too. Personal values are never stored here, only which fields changed.
    Each row is chained to the one before it by SHA-256 (core.audit_chain; `verify_audit`):
    write events only through this model's save() or its manager's bulk_create (both chain).
    A data migration's historical model does neither; it must call core.audit_chain.seal on
    its events before inserting them, or verify_audit will report them.
    """

    # Set when the event is chained (inside the append lock), so it follows the chain's order.
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now, editable=False, db_index=True)
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
    prev_hash = models.CharField(_("föregående hash"), max_length=64, blank=True, editable=False)
    row_hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

    objects = AuditEventManager()

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
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            audit_chain.seal([self], using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("The audit log is append-only.")
