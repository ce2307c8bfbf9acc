"""What erasure and retention keep (docs/gallring.md): frozen statistics, the förbund's retention
rule and the record of each retention run. Imported by participants.models.

None of these hold personal data: frozen statistics are counts per insats and kön, a retention
run is counts per kind of row.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from core.years import YEAR_VALIDATORS

DEFAULT_RETENTION_YEARS = 5
MIN_RETENTION_YEARS = 1
MAX_RETENTION_YEARS = 30


class FrozenStatistics(models.Model):
    """A year's participant statistics stored as aggregates before participants were removed.

    `documents` holds every figure that the system shows for the year, in the shapes of the
    services that computed them (participants.services.frozen_statistics.PARTS). Once stored,
    the year's statistics are read from here, never recomputed (an already frozen year is
    kept as it is when a later removal touches it)."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="frozen_statistics"
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    # JSON as text, not jsonb: PostgreSQL's jsonb would reorder the keys, and the order of the
    # insatser and kön columns is what pages, reports and participant_stats print.
    documents = models.TextField(_("statistik (JSON)"))
    frozen_at = models.DateTimeField(_("fryst"), auto_now_add=True)
    # "radering" or "gallring": what removal caused the freezing.
    cause = models.CharField(_("orsak"), max_length=20)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("fryst årsstatistik")
        verbose_name_plural = _("fryst årsstatistik")
        ordering = ["forbund", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "year"], name="frozen_statistics_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forbund_id} {self.year}"


class RetentionRule(models.Model):
    """How long a förbund keeps participant data: `years` after the last participation ended.

    Without a row the default (DEFAULT_RETENTION_YEARS) applies. Insatser, budgets and the
    books are not participant data and are never removed by retention."""

    forbund = models.OneToOneField(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="retention_rule"
    )
    years = models.PositiveSmallIntegerField(
        _("år efter sista avslut"),
        default=DEFAULT_RETENTION_YEARS,
        validators=[
            MinValueValidator(MIN_RETENTION_YEARS),
            MaxValueValidator(MAX_RETENTION_YEARS),
        ],
        help_text=_(
            "Deltagarens uppgifter tas bort när så många år har gått sedan deltagarens sista "
            "deltagande avslutades. En deltagare med ett pågående deltagande tas aldrig bort."
        ),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("gallringsregel")
        verbose_name_plural = _("gallringsregler")

    def __str__(self) -> str:
        return f"{self.forbund_id}: {self.years}"


class RetentionRun(models.Model):
    """One application of the retention rule (not a dry run): when, as of which day, by whom
    (or the scheduled job) and how many rows of each kind were removed. Counts only."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="retention_runs"
    )
    ran_at = models.DateTimeField(_("körd"), auto_now_add=True)
    as_of = models.DateField(_("per"))
    years = models.PositiveSmallIntegerField(_("regel (år)"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("körd av"),
    )
    # "schema" (the scheduled job), "kommandorad" or "webb".
    via = models.CharField(_("via"), max_length=20)
    participants = models.PositiveIntegerField(_("deltagare"), default=0)
    participations = models.PositiveIntegerField(_("deltaganden"), default=0)
    activities = models.PositiveIntegerField(_("aktiviteter"), default=0)
    # Every kind of row removed (model label → count), including rows of other apps removed
    # with the participants, and the years whose statistics were frozen first.
    removed = models.JSONField(_("borttaget"), default=dict)
    frozen_years = models.JSONField(_("frysta år"), default=list)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("gallring")
        verbose_name_plural = _("gallringar")
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self.forbund_id} {self.as_of}: {self.participants}"
