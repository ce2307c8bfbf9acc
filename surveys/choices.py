from django.db import models
from django.utils.translation import gettext_lazy as _


class RespondentGroup(models.TextChoices):
    """Who answers an instrument (docs/format/enkat.md)."""

    DELTAGARE_AVSLUT = "deltagare_avslut", _("Deltagare vid avslut")
    DELTAGARE_PAGAENDE = "deltagare_pagaende", _("Deltagare under pågående insats")
    INSATSPERSONAL = "insatspersonal", _("Insatspersonal")
    STYRELSE = "styrelse", _("Styrelse")
    CHEFER = "chefer", _("Chefer")
    REMITTENTER = "remittenter", _("Remittenter")
    BEREDNINGSGRUPP = "beredningsgrupp", _("Beredningsgrupp")


class QuestionKind(models.TextChoices):
    SCALE = "skala", _("Skalfråga")
    TEXT = "fritext", _("Fritext")


class ResponseSource(models.TextChoices):
    WEB = "webb", _("Webbformulär")
    IMPORT = "import", _("Inläst fil")
