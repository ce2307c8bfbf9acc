from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from core.versioning import Versioned
from core.years import EARLIEST_BIRTH_YEAR, YEAR_VALIDATORS

from .choices import (
    ActivityKind,
    Education,
    EndReason,
    FollowUp12,
    Gender,
    InterventionKind,
    Method,
    Referrer,
)
from .validators import validate_insats_code, validate_not_personnummer

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def _share_is_percent(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 100})


class Insats(Versioned):
    """An intervention the förbund finances (insats)."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="insatser"
    )
    code = models.CharField(_("kod"), max_length=32, validators=[validate_insats_code])
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
    executing_members = models.ManyToManyField(
        "organisations.Member",
        blank=True,
        related_name="executed_insatser",
        verbose_name=_("utförande medlemmar"),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    target_group = models.TextField(_("målgrupp"), blank=True)
    # What Uppföljning Finsam calls the insats's "inriktning" (docs/format/uppfoljning-finsam.md).
    orientation = models.CharField(
        _("inriktning"),
        max_length=200,
        blank=True,
        help_text=_(
            "Insatsens inriktning som den registreras i Uppföljning Finsam, till exempel "
            "arbetslivsinriktad rehabilitering eller kompetensutveckling för medlemmarnas personal."
        ),
    )
    # Free text: insatser combine and name methods in their own way (see Method for the common).
    methods = models.TextField(
        _("metoder"),
        blank=True,
        help_text=_("Till exempel Supported Employment, IPS, MI, arbetsträning, lots."),
    )
    esf_financed = models.BooleanField(_("ESF-finansierad"), default=False)
    expected_participants = models.PositiveIntegerField(
        _("förväntat antal deltagare"), null=True, blank=True
    )
    expected_share_women = models.DecimalField(
        _("förväntad andel kvinnor (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    expected_share_work_or_studies = models.DecimalField(
        _("förväntad andel som avslutas till arbete eller studier (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    # Shown in the public catalogue (a later issue) when true.
    public = models.BooleanField(_("visas i den publika katalogen"), default=False)

    objects = ForbundScopedManager()

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
            models.CheckConstraint(
                condition=_share_is_percent("expected_share_women"),
                name="insats_share_women_is_percent",
                violation_error_message=_("Andelen kvinnor ska vara mellan 0 och 100 procent."),
            ),
            models.CheckConstraint(
                condition=_share_is_percent("expected_share_work_or_studies"),
                name="insats_share_work_studies_is_percent",
                violation_error_message=_(
                    "Andelen som avslutas till arbete eller studier ska vara mellan 0 och 100 "
                    "procent."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_individual(self) -> bool:
        return self.kind == InterventionKind.INDIVIDUAL


class StructuralParticipantCount(models.Model):
    """The participants of a strukturinriktad insats in a year, entered as aggregates.

    A structural insats (a forum, a training for the members' staff) has no participant
    rows; Uppföljning Finsam still asks how many took part. Counted by juridiskt kön where
    known; the rest under ej_angivet. Not personal data (no person can be told apart).
    """

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="structural_counts"
    )
    insats = models.ForeignKey(
        Insats,
        on_delete=models.CASCADE,
        related_name="structural_counts",
        verbose_name=_("insats"),
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    women = models.PositiveIntegerField(_("kvinnor"), default=0)
    men = models.PositiveIntegerField(_("män"), default=0)
    not_stated = models.PositiveIntegerField(
        _("ej angivet kön"),
        default=0,
        help_text=_("Deltagare vars kön inte är känt (till exempel vid ett öppet forum)."),
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("antal deltagare i strukturinriktad insats")
        verbose_name_plural = _("antal deltagare i strukturinriktade insatser")
        ordering = ["insats", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "year"],
                name="structural_count_once_per_year",
                violation_error_message=_("Insatsen har redan ett antal deltagare för året."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insats_id} {self.year}: {self.total}"

    @property
    def total(self) -> int:
        return self.women + self.men + self.not_stated

    def clean(self) -> None:
        super().clean()
        if self.insats_id is not None and self.insats.kind != InterventionKind.STRUCTURAL:
            raise ValidationError(
                _(
                    "Antal deltagare anges bara för strukturinriktade insatser; "
                    "en individinriktad insats räknar sina deltaganden."
                )
            )


class Participant(models.Model):
    """A person, known only by the förbund's own pseudonymous code (deltagar_id)."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="participants"
    )
    code = models.CharField(_("deltagar-id"), max_length=64, validators=[validate_not_personnummer])
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "code"],
                name="participant_code_unique_in_forbund",
                violation_error_message=_("Förbundet har redan en deltagare med det id:t."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def audit_repr(self) -> str:
        return f"Deltagare #{self.pk}"


class Participation(Versioned):
    """One person in one insats from a start date (deltagande), as in docs/format/deltagarfil.md."""

    # No single-column indexes on the foreign keys: the composite indexes and the unique
    # constraint below start with them and serve the same lookups; fewer indexes make large
    # imports faster.
    forbund = models.ForeignKey(
        "organisations.Forbund",
        on_delete=models.CASCADE,
        related_name="participations",
        db_index=False,
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("deltagare"),
        db_index=False,
    )
    insats = models.ForeignKey(
        Insats,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("insats"),
        db_index=False,
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    end_reason = models.CharField(
        _("avslutsorsak"), max_length=32, choices=EndReason.choices, blank=True
    )
    gender = models.CharField(
        _("kön"), max_length=16, choices=Gender.choices, default=Gender.EJ_ANGIVET
    )
    birth_year = models.PositiveSmallIntegerField(
        _("födelseår"), null=True, blank=True, validators=[MinValueValidator(EARLIEST_BIRTH_YEAR)]
    )
    education = models.CharField(
        _("utbildning"), max_length=16, choices=Education.choices, blank=True
    )
    referrer = models.CharField(
        _("inremitterande part"), max_length=32, choices=Referrer.choices, blank=True
    )
    municipality = models.CharField(_("kommun"), max_length=100, blank=True)
    follow_up_12m = models.CharField(
        _("egen försörjning 12 månader efter avslut"),
        max_length=8,
        choices=FollowUp12.choices,
        blank=True,
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ForbundScopedManager()

    # Everything about the person is personal (GDPR art. 9): the audit log records only that a
    # field changed, never its value.
    audit_personal_fields = (
        "start_date",
        "end_date",
        "end_reason",
        "gender",
        "birth_year",
        "education",
        "referrer",
        "municipality",
        "follow_up_12m",
    )

    class Meta:
        verbose_name = _("deltagande")
        verbose_name_plural = _("deltaganden")
        ordering = ["-start_date", "id"]
        constraints = [
            # The identity of a row in the participant file (import is idempotent on it).
            models.UniqueConstraint(
                fields=["participant", "insats", "start_date"],
                name="participation_unique_person_insats_start",
                violation_error_message=_(
                    "Deltagaren har redan ett deltagande i insatsen med samma startdatum."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="participation_end_not_before_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
            # An end reason describes an end: without an end date there is none.
            models.CheckConstraint(
                condition=Q(end_reason="") | Q(end_date__isnull=False),
                name="participation_end_reason_needs_end_date",
                violation_error_message=_("Avslutsorsak kan bara anges tillsammans med slutdatum."),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="participation_birth_year_from_1900",
                violation_error_message=_("Födelseåret kan inte vara före 1900."),
            ),
        ]
        # For the statistics: started/ended/active in a period, per förbund and per insats.
        indexes = [
            models.Index(fields=["forbund", "start_date"], name="participation_forbund_start"),
            models.Index(fields=["forbund", "end_date"], name="participation_forbund_end"),
            models.Index(fields=["insats", "start_date"], name="participation_insats_start"),
        ]

    def __str__(self) -> str:
        return self.audit_repr()

    def audit_repr(self) -> str:
        return f"Deltagande #{self.pk} i insats #{self.insats_id}"

    @property
    def is_ongoing(self) -> bool:
        return self.end_date is None


class Activity(Versioned):
    """Something a participant does within a participation: a course, arbetsträning, lots…"""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="activities"
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("deltagande"),
    )
    kind = models.CharField(_("typ av aktivitet"), max_length=32, choices=ActivityKind.choices)
    method = models.CharField(_("metod"), max_length=32, choices=Method.choices, blank=True)
    label = models.CharField(
        _("benämning"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel kursens namn eller arbetsträningsplatsen."),
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    objects = ForbundScopedManager()

    # The kind and method too: "arbetsträning", "lots" say something about the person.
    audit_personal_fields = ("kind", "method", "start_date", "end_date", "label")

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="activity_end_not_before_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
        ]
        indexes = [
            models.Index(fields=["forbund", "kind", "start_date"], name="activity_forbund_kind"),
        ]

    def __str__(self) -> str:
        return self.audit_repr()

    def audit_repr(self) -> str:
        return f"Aktivitet #{self.pk} ({self.get_kind_display()})"


# --- Personal data: consent, least data, access log (docs/personuppgifter.md) ----------------


class ConsentScope(models.TextChoices):
    """What a participant can consent to, where the förbund asks for consent."""

    FOLLOW_UP_12M = "uppfoljning_12m", _("Uppföljning 12 månader efter avslut")
    SURVEY_LINK = "koppla_enkatsvar", _("Koppling av enkätsvar till deltagaren")


class ConsentMethod(models.TextChoices):
    WRITTEN = "skriftligt", _("Skriftligt")
    ORAL = "muntligt", _("Muntligt (antecknat av personalen)")
    DIGITAL = "digitalt", _("Digitalt")


# Participation fields a förbund may choose not to collect: background variables that neither
# the participant file's required columns nor Uppföljning Finsam need. Switching off födelseår
# or utbildning makes the age and education statistics "uppgift saknas".
OPTIONAL_FIELDS: tuple[str, ...] = ("birth_year", "education", "referrer", "municipality")


class PrivacySettings(models.Model):
    """The förbund's choices about personal data: which consents it asks for, which optional
    background variables it does not collect. No row = nothing asked, everything collected."""

    forbund = models.OneToOneField(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="privacy_settings"
    )
    consent_scopes = models.JSONField(
        _("samtycke krävs för"), default=list, blank=True, help_text=_("Koder ur ConsentScope.")
    )
    off_fields = models.JSONField(
        _("uppgifter som inte samlas in"),
        default=list,
        blank=True,
        help_text=_("Fält ur OPTIONAL_FIELDS."),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("personuppgiftsinställningar")
        verbose_name_plural = _("personuppgiftsinställningar")

    def __str__(self) -> str:
        return f"Personuppgiftsinställningar {self.forbund_id}"

    def requires_consent(self, scope: str) -> bool:
        return scope in (self.consent_scopes or [])

    def collects(self, field: str) -> bool:
        return field not in (self.off_fields or [])


class Consent(models.Model):
    """A participant's consent to one scope: when and how given, when withdrawn."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="consents"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="consents", verbose_name=_("deltagare")
    )
    scope = models.CharField(_("omfattning"), max_length=32, choices=ConsentScope.choices)
    given_on = models.DateField(_("lämnat"))
    method = models.CharField(_("hur det lämnades"), max_length=16, choices=ConsentMethod.choices)
    withdrawn_on = models.DateField(_("återkallat"), null=True, blank=True)
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    objects = ForbundScopedManager()

    audit_personal_fields = ("given_on", "withdrawn_on", "method")

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        ordering = ["participant", "scope", "-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "scope"],
                condition=Q(withdrawn_on__isnull=True),
                name="consent_one_active_per_scope",
                violation_error_message=_("Deltagaren har redan ett gällande samtycke för det."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_not_before_given",
                violation_error_message=_("Återkallelsen kan inte ligga före samtycket."),
            ),
        ]

    def __str__(self) -> str:
        return self.audit_repr()

    def audit_repr(self) -> str:
        return f"Samtycke #{self.pk} ({self.scope}) för deltagare #{self.participant_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class AccessKind(models.TextChoices):
    LIST = "lista", _("Lista")
    PAGE = "sida", _("Sida")
    EXPORT = "export", _("Export")
    EXTRACT = "registerutdrag", _("Registerutdrag")
    API = "api", _("API")


class ParticipantAccess(models.Model):
    """Who read participant rows, when: one row per list, page, export or extract shown.

    A light log beside the audit chain (reads are many; the chain is for changes and exports).
    Holds no participant codes: `what` names the page, `participant` links a single person's
    page (set to null when the person is erased).
    """

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="participant_accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    kind = models.CharField(_("typ"), max_length=16, choices=AccessKind.choices)
    what = models.CharField(_("vad"), max_length=200)
    rows = models.PositiveIntegerField(_("rader"), null=True, blank=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deltagare"),
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("läsning av deltagaruppgifter")
        verbose_name_plural = _("läsningar av deltagaruppgifter")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["forbund", "-at"], name="participant_access_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.what}"


# Erasure and retention (docs/gallring.md); in their own module to keep this one readable.
from .removal_models import FrozenStatistics, RetentionRule, RetentionRun  # noqa: E402, F401
