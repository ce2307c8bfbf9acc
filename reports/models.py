"""What the reports app stores: the prose people write, goals, and adopted versions.

Everything else in a report (every table, figure and chart) is computed from the other apps'
data when the report is generated. An adopted (signed) version stores the data it was built
from and the files it produced, so later corrections of data do not change it.

- `Report`: one document a förbund writes per year (annual report, business plan) or per
  year and period (period report), with its options (for publication, place of signing).
- `ReportText`: the text of one narrative section of a report (simple formatting).
- `Goal`: a goal for a year, for the förbund or one insats: indicator, direction, target.
- `GoalGrading`: the förbund's thresholds for the three-step måluppfyllelse.
- `AdoptedVersion`: a version adopted by the board: the data snapshot, the files and hashes.
- `Trustee`: the register of förtroendevalda: the board (ledamöter and ersättare per member,
  ordförande and vice) and the auditors with their sakkunnigt biträde, with mandate periods.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from core.versioning import Versioned
from core.years import YEAR_VALIDATORS

from .choices import (
    DEFAULT_GOOD_WITHIN,
    DEFAULT_PARTLY_WITHIN,
    AuditDocumentKind,
    Direction,
    Indicator,
    Period,
    ReportKind,
    TrusteeRole,
)


class Report(Versioned):
    """One report of a förbund: the annual report or business plan of a year, or a period
    report (year and period). Holds the options; the texts hang under it."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(_("slag"), max_length=20, choices=ReportKind.choices)
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    period = models.CharField(_("period"), max_length=4, choices=Period.choices, blank=True)
    for_publication = models.BooleanField(
        _("för publicering"),
        default=False,
        help_text=_(
            "Små antal (1–4) i deltagartabellerna visas som <5 och summor som skulle avslöja "
            "dem döljs. Välj detta för den version som lämnar förbundet."
        ),
    )
    signing_place = models.CharField(
        _("ort för underskrift"), max_length=100, blank=True, help_text=_("Till exempel Täby.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-year", "kind", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "kind", "year", "period"],
                name="report_once_per_kind_year_period",
                violation_error_message=_("Förbundet har redan den rapporten för året."),
            ),
            # Only period reports have a period.
            models.CheckConstraint(
                condition=Q(kind=ReportKind.PERIOD, period__gt="")
                | (~Q(kind=ReportKind.PERIOD) & Q(period="")),
                name="report_period_only_for_period_reports",
                violation_error_message=_("Bara periodrapporter har en period."),
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.get_kind_display()} {self.year}"
        return f"{label} {self.get_period_display()}" if self.period else label


class ReportText(Versioned):
    """The text of one narrative section (reports/services/sections.py names the keys)."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="texts")
    key = models.CharField(_("avsnitt"), max_length=40)
    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("rapporttext")
        verbose_name_plural = _("rapporttexter")
        ordering = ["report", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key"],
                name="report_text_once_per_section",
                violation_error_message=_("Avsnittet har redan en text."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.key}"


class Goal(Versioned):
    """A goal for a year: for the förbund as a whole (no insats) or for one insats.

    The result is computed from the data for every indicator but MANUAL, where it is
    entered. Grading: reports.services.goals.grade().
    """

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="goals"
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    insats = models.ForeignKey(
        "participants.Insats",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("insats"),
        help_text=_("Lämna tomt för ett mål för hela förbundet."),
    )
    title = models.CharField(
        _("mål"),
        max_length=300,
        help_text=_(
            "Som i verksamhetsplanen, till exempel ”Minst 160 deltagare, varav hälften kvinnor”."
        ),
    )
    indicator = models.CharField(_("indikator"), max_length=32, choices=Indicator.choices)
    direction = models.CharField(
        _("riktning"), max_length=8, choices=Direction.choices, default=Direction.AT_LEAST
    )
    target = models.DecimalField(
        _("målvärde"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Antal, eller procent för andelar (50 = 50 %)."),
    )
    manual_result = models.DecimalField(
        _("resultat (eget mått)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Bara för egna mått; övriga räknas fram ur data."),
    )
    unit = models.CharField(
        _("enhet (eget mått)"),
        max_length=40,
        blank=True,
        help_text=_("Till exempel ”forum” eller ”%”."),
    )
    comment = models.TextField(_("kommentar till resultatet"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["year", "insats__code", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gte=0),
                name="goal_target_not_negative",
                violation_error_message=_("Målvärdet kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GoalGrading(Versioned):
    """The förbund's thresholds for måluppfyllelse (services.goals.grade documents the rule).

    God: the result is at most `good_within_percent` % from the target (on the wrong side);
    Delvis uppfyllt: at most `partly_within_percent` %; otherwise Ej uppfyllt.
    """

    forbund = models.OneToOneField(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="goal_grading"
    )
    good_within_percent = models.DecimalField(
        _("”God” inom (procent av målvärdet)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_GOOD_WITHIN,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    partly_within_percent = models.DecimalField(
        _("”Delvis uppfyllt” inom (procent av målvärdet)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_PARTLY_WITHIN,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("gränser för måluppfyllelse")
        verbose_name_plural = _("gränser för måluppfyllelse")
        constraints = [
            models.CheckConstraint(
                condition=Q(partly_within_percent__gte=models.F("good_within_percent")),
                name="goal_grading_partly_not_below_good",
                violation_error_message=_(
                    "Gränsen för ”Delvis uppfyllt” kan inte vara snävare än gränsen för ”God”."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"God inom {self.good_within_percent} %, delvis inom {self.partly_within_percent} %"


class AdoptedVersion(models.Model):
    """A version of a report adopted by the board (fastställd), frozen.

    `data` is the complete data snapshot the document was built from (JSON); `docx` and `pdf`
    are the files as produced at adoption, with their SHA-256 so anyone can check a copy.
    A new version (after a correction) gets the next number; older versions stay.
    """

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    adopted_on = models.DateField(_("fastställd den"))
    decision_reference = models.CharField(
        _("beslut"), max_length=200, help_text=_("Till exempel ”Styrelsen 2024-03-20 § 5”.")
    )
    place = models.CharField(_("ort"), max_length=100, blank=True)
    signatories = models.JSONField(_("undertecknare"), default=list)
    note = models.TextField(_("anledning till ny version"), blank=True)
    for_publication = models.BooleanField(_("för publicering"), default=False)
    acknowledged_contradictions = models.JSONField(
        _("godtagna avvikelser mellan text och siffror"),
        default=list,
        blank=True,
        help_text=_(
            "Påståenden i texten som siffrorna motsäger och som styrelsen behöll, med skälet: "
            "[{key, claim, section, quote, figures, reason}]."
        ),
    )
    data = models.JSONField(_("underlag"))
    docx = models.BinaryField(_("DOCX"))
    pdf = models.BinaryField(_("PDF"))
    docx_sha256 = models.CharField(_("DOCX SHA-256"), max_length=64)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("fastställd version")
        verbose_name_plural = _("fastställda versioner")
        ordering = ["report", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version"],
                name="adopted_version_unique_number",
                violation_error_message=_("Rapporten har redan en version med det numret."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} version {self.version}"


class Trustee(models.Model):
    """A förtroendevald with one role for one mandate period: a board member (ordförande, vice
    ordförande, ledamot, ersättare) appointed by a member organisation, or an auditor
    (förtroendevald revisor) or the auditors' sakkunnigt biträde. The annual report's
    organisation section and signature page come from this register, with names and
    organisations exactly as entered."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="trustees"
    )
    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("uppdrag"), max_length=24, choices=TrusteeRole.choices)
    member = models.ForeignKey(
        "organisations.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utsedd av medlem"),
        help_text=_("Den medlem som utsett personen. Tomt för till exempel sakkunnigt biträde."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Visas i stället för medlemmen, till exempel revisionsbyrån för biträdet."),
    )
    start = models.DateField(_("mandat från"))
    end = models.DateField(_("mandat till"), null=True, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("förtroendevald")
        verbose_name_plural = _("förtroendevalda")
        ordering = ["start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="trustee_mandate_ends_after_start",
                violation_error_message=_("Mandatet kan inte sluta innan det börjar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.get_role_display()}"

    @property
    def organisation_name(self) -> str:
        if self.organisation:
            return self.organisation
        return self.member.name if self.member is not None else ""


class AuditSample(models.Model):
    """A sample of vouchers the auditors drew for a year: the seed is kept, so the same
    sample can be shown again (economy.services.audit_sample)."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    seed = models.BigIntegerField(_("slumpfrö"))
    size = models.PositiveIntegerField(_("antal verifikationer"), default=25)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("stickprov")
        verbose_name_plural = _("stickprov")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Stickprov {self.year} (frö {self.seed})"


class AuditDocument(models.Model):
    """The revisionsberättelse or granskningsrapport the auditors filed for an annual report."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="audit_documents")
    kind = models.CharField(_("handling"), max_length=24, choices=AuditDocumentKind.choices)
    file_name = models.CharField(_("fil"), max_length=255)
    content = models.BinaryField(_("innehåll"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    dated = models.DateField(_("daterad"))
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("revisionshandling")
        verbose_name_plural = _("revisionshandlingar")
        ordering = ["report", "kind", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.report}"


class Discharge(models.Model):
    """A member's decision on ansvarsfrihet for the board, for the year of an annual report."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="discharges")
    member = models.ForeignKey(
        "organisations.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("medlem")
    )
    decided_on = models.DateField(_("beslutsdatum"))
    granted = models.BooleanField(_("ansvarsfrihet beviljad"), default=True)
    reference = models.CharField(
        _("beslut"), max_length=200, blank=True, help_text=_("Till exempel ”KF 2025-04-22 § 48”.")
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("beslut om ansvarsfrihet")
        verbose_name_plural = _("beslut om ansvarsfrihet")
        ordering = ["report", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "member"],
                name="discharge_once_per_member",
                violation_error_message=_("Medlemmen har redan ett beslut för året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.report}"


class AuditChecklist(models.Model):
    """The auditors' checklist for a year, with the points of a granskningsrapport
    (reports.services.audit_checklist.POINTS): per point a status and the auditor's note."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    items = models.JSONField(_("punkter"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("granskningslista")
        verbose_name_plural = _("granskningslistor")
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "year"],
                name="audit_checklist_once_per_year",
                violation_error_message=_("Året har redan en granskningslista."),
            )
        ]

    def __str__(self) -> str:
        return f"Granskningslista {self.year}"


class PeriodForecast(Versioned):
    """The ekonom's full-year forecast (prognos helår) of one line of the driftredovisning in a
    period report: net in kronor (income − costs). A line without a forecast is forecast at
    its budget (reports.services.forecast)."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="forecasts")
    line = models.CharField(_("rad"), max_length=200)
    label = models.CharField(_("rubrik"), max_length=300, blank=True)
    amount = models.DecimalField(_("prognos helår netto"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("prognos helår")
        verbose_name_plural = _("prognoser helår")
        ordering = ["report", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "line"],
                name="period_forecast_once_per_line",
                violation_error_message=_("Raden har redan en prognos."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.label or self.line}"


class ReportImage(models.Model):
    """An image in a report (an organisation chart, a photo), placed after the text of one
    section, with its caption and mandatory text alternative. The content is the image as
    re-encoded at upload (core.uploads.clean_image: PNG or JPEG, no metadata)."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="images")
    section = models.CharField(_("avsnitt"), max_length=40)
    caption = models.CharField(_("bildtext"), max_length=300)
    alt_text = models.CharField(
        _("textalternativ"),
        max_length=1000,
        help_text=_(
            "Vad bilden visar, för den som inte ser den (skärmläsare). Till exempel "
            "”Organisationsschema: styrelsen överst, under den kansliet och beredningsgruppen”."
        ),
    )
    content = models.BinaryField(_("bild"))
    content_type = models.CharField(_("typ"), max_length=20)
    width = models.PositiveIntegerField(_("bredd (bildpunkter)"))
    height = models.PositiveIntegerField(_("höjd (bildpunkter)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("bild i rapport")
        verbose_name_plural = _("bilder i rapporter")
        ordering = ["report", "section", "position", "id"]

    def __str__(self) -> str:
        return self.caption
