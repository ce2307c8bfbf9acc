"""Survey results stored as aggregates before participants are removed (docs/gallring.md).
Imported by surveys.models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager


class FrozenSurveyCounts(models.Model):
    """The counts behind an instrument version's results for a year, stored when the year's
    participant statistics were frozen. survey_results reads these instead of the answers for
    that instrument and year, with every filter (insats, kön) and publication mode.

    `responses`: [[insats_id, kön, n], …]; `answers`: [[question_id, step, insats_id, kön, n],
    …] (scale answers only; free text is never part of the results)."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="frozen_survey_counts"
    )
    instrument = models.ForeignKey(
        "surveys.Instrument", on_delete=models.CASCADE, related_name="frozen_counts"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    responses = models.JSONField(_("svar per insats och kön"), default=list)
    answers = models.JSONField(_("svar per fråga, steg, insats och kön"), default=list)
    frozen_at = models.DateTimeField(_("fryst"), auto_now_add=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("frysta enkätresultat")
        verbose_name_plural = _("frysta enkätresultat")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "year"], name="frozen_survey_counts_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.year}"
