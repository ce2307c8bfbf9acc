import uuid

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


class Job(models.Model):
    """A piece of long work run by the task queue (core/jobs.py): who started it, for which
    förbund, how far it has come and, when done, the file it made (kept in the default
    storage under MEDIA_ROOT, not in a process's memory). Old jobs and their files are removed
    by the daily cleanup (core.jobs.cleanup)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("köad")
        RUNNING = "running", _("pågår")
        DONE = "done", _("klar")
        FAILED = "failed", _("misslyckad")

    # A random id: a job's address says nothing about other jobs (access is checked anyway).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="jobs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    kind = models.CharField(_("slag"), max_length=60)
    title = models.CharField(_("rubrik"), max_length=200)
    # The capability (organisations/roles.py) a user needs to see the job and its file.
    capability = models.CharField(_("behörighet"), max_length=60)
    # Only the person who started it sees the job (an import's outcome is theirs).
    owner_only = models.BooleanField(_("bara för den som startade"), default=False)
    params = models.JSONField(_("parametrar"), default=dict, blank=True)
    state = models.CharField(_("läge"), max_length=10, choices=State, default=State.QUEUED)
    steps_done = models.PositiveIntegerField(_("steg klara"), default=0)
    steps_total = models.PositiveIntegerField(_("steg totalt"), default=0)
    message = models.CharField(_("meddelande"), max_length=300, blank=True)
    error = models.TextField(_("fel"), blank=True)
    file = models.FileField(_("fil"), upload_to="jobb/%Y/%m/", blank=True, max_length=200)
    file_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    content_type = models.CharField(_("filtyp"), max_length=100, blank=True)
    # Where to go when it is done, for a job that leaves no file (an import: its list).
    result_url = models.CharField(_("resultatadress"), max_length=300, blank=True)
    result_label = models.CharField(_("resultatlänk"), max_length=200, blank=True)
    # What the export audit records when the file is downloaded (core.audit.describe_export).
    export = models.JSONField(_("exportuppgifter"), default=dict, blank=True)
    created = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    started = models.DateTimeField(_("startad"), null=True, blank=True)
    finished = models.DateTimeField(_("klar"), null=True, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("bakgrundsjobb")
        verbose_name_plural = _("bakgrundsjobb")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.steps_total:
            return 0
        return min(99, round(100 * self.steps_done / self.steps_total))
