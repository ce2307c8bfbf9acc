from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    REGION = "region", _("Region")
    KOMMUN = "kommun", _("Kommun")


class Role(models.TextChoices):
    KANSLI = "kansli", _("Förbundschef/kansli")
    EKONOM = "ekonom", _("Ekonom")
    INSATSANSVARIG = "insatsansvarig", _("Insatsansvarig")
    STYRELSE = "styrelse", _("Styrelse")
    REVISOR = "revisor", _("Revisor")
