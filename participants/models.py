from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .choices import InterventionKind


class Insats(models.Model):
    """An intervention the förbund finances (insats)."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="insatser"
    )
    code = models.CharField(_("kod"), max_length=32)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=InterventionKind.choices)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("insatsansvariga"),
    )

    objects = ScopedManager(forbund="forbund")

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "code"],
                name="insats_code_unique_in_forbund",
                violation_error_message=_("Förbundet har redan en insats med den koden."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="insats_end_not_before_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
