from django.db import models
from django.utils.translation import gettext_lazy as _


class InterventionKind(models.TextChoices):
    INDIVIDUAL = "individinriktad", _("Individinriktad")
    STRUCTURAL = "strukturinriktad", _("Strukturinriktad")
