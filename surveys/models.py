"""Survey instruments as data, rounds that collect answers, and the answers themselves.

An instrument (enkät) is a versioned list of questions; each scale question has a scale of
2-10 named steps, some marked positive. The built-in scales and the national instrument
NNS-DA (surveys/builtin.py) are created per förbund when first needed, like any own
instrument. An instrument with answers is frozen: changing it means a new version
(services/instruments.py), and results are always for one version.

Answers are anonymous: a response keeps the insats, the day (never a finer time), kön as the
respondent chose to give it, and no link to a participant, user or IP address.
"""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from participants.choices import Gender

from .choices import QuestionKind, RespondentGroup, ResponseSource

MIN_STEPS, MAX_STEPS = 2, 10


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Scale(models.Model):
    """An answer scale: steps lowest first; `positive` holds the 1-based positive steps."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="survey_scales"
    )
    code = models.CharField(_("kod"), max_length=32)
    steps = models.JSONField(_("steg"), help_text=_("Stegen i ordning, lägst först."))
    positive = models.JSONField(_("positiva steg"), help_text=_("Stegens nummer (från 1)."))
    builtin = models.BooleanField(_("inbyggd"), default=False)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("svarsskala")
        verbose_name_plural = _("svarsskalor")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "code"], name="survey_scale_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        steps = self.steps if isinstance(self.steps, list) else []
        if not MIN_STEPS <= len(steps) <= MAX_STEPS:
            raise ValidationError(
                _("En skala har %(min)s–%(max)s steg.") % {"min": MIN_STEPS, "max": MAX_STEPS}
            )
        if not all(isinstance(p, int) and 1 <= p <= len(steps) for p in self.positive or []):
            raise ValidationError(_("De positiva stegen ska vara stegnummer på skalan."))


class Instrument(models.Model):
    """One version of an enkät. (forbund, code, version) is unique."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="survey_instruments"
    )
    code = models.CharField(_("kod"), max_length=32)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("namn"), max_length=200)
    group = models.CharField(_("svarsgrupp"), max_length=32, choices=RespondentGroup.choices)
    builtin = models.BooleanField(_("inbyggd"), default=False)
    # {språkkod: {"namn": text, "fragor": {frågekod: text}, "steg": {skalkod: [steg, …]}}};
    # the form offers each language (surveys/languages.py); answers count together.
    translations = models.JSONField(_("översättningar"), default=dict, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "code", "version"], name="survey_instrument_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} (version {self.version})"

    @property
    def frozen(self) -> bool:
        """An instrument with answers cannot change (a new version is made instead)."""
        return self.responses.exists()


class Question(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("ordning"))
    code = models.CharField(_("kod"), max_length=32)
    text = models.TextField(_("fråga"))
    kind = models.CharField(
        _("typ"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    scale = models.ForeignKey(
        Scale, on_delete=models.PROTECT, null=True, blank=True, related_name="questions"
    )

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="survey_question_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind=QuestionKind.TEXT, scale__isnull=True)
                | Q(kind=QuestionKind.SCALE, scale__isnull=False),
                name="survey_question_scale_iff_scale_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class Round(models.Model):
    """A survey round (enkätomgång): an instrument asked in some insatser during a period."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="survey_rounds"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds")
    insatser = models.ManyToManyField(
        "participants.Insats", related_name="survey_rounds", verbose_name=_("insatser")
    )
    name = models.CharField(_("namn"), max_length=200)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"))
    is_open = models.BooleanField(_("öppen för svar"), default=True)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    uses_codes = models.BooleanField(
        _("engångskoder"),
        default=False,
        help_text=_("Varje svarande får en kod som bara kan användas en gång."),
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("enkätomgång")
        verbose_name_plural = _("enkätomgångar")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="survey_round_end_not_before_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def accepts_answers(self, today) -> bool:
        return self.is_open and self.start_date <= today <= self.end_date


class OneTimeCode(models.Model):
    """A code handed to one respondent; used once. Not linked to the answer it allowed."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("kod"), max_length=16)
    used = models.BooleanField(_("använd"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="survey_code_unique_in_round"),
        ]

    def __str__(self) -> str:
        return self.code


class Response(models.Model):
    """One respondent's answers. Anonymous: the day, the insats and kön (optional) only."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="survey_responses"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="responses")
    insats = models.ForeignKey(
        "participants.Insats", on_delete=models.PROTECT, related_name="survey_responses"
    )
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="responses"
    )
    # The answer's own id from a file (svar_id); empty for answers given on the web.
    external_id = models.CharField(_("svar-id"), max_length=64, blank=True)
    date = models.DateField(_("datum"))
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    gender = models.CharField(
        _("kön"), max_length=12, choices=Gender.choices, default=Gender.EJ_ANGIVET
    )
    source = models.CharField(_("källa"), max_length=10, choices=ResponseSource.choices)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")
        indexes = [models.Index(fields=["instrument", "year"], name="survey_response_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "external_id"],
                condition=~Q(external_id=""),
                name="survey_response_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.external_id or self.pk} ({self.date})"


class Answer(models.Model):
    """The answer to one question: a step (1 = lowest) or a free text, never both.

    `instrument`, `year`, `insats` and `gender` repeat the response's so that results for
    100 000 responses are one grouped scan of this table (docs/benchmarks.md)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    insats = models.ForeignKey("participants.Insats", on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=12, choices=Gender.choices)
    step = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_STEPS)]
    )
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["instrument", "year", "question", "step"], name="survey_answer_results"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.step if self.step is not None else self.text}"


# Results kept when participants are removed (docs/gallring.md).
from .frozen_models import FrozenSurveyCounts  # noqa: E402, F401
