"""Code lists of the reports app."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    ANNUAL = "arsredovisning", _("Årsredovisning")
    PLAN = "verksamhetsplan", _("Verksamhetsplan")
    PERIOD = "periodrapport", _("Periodrapport")


class Period(models.TextChoices):
    """The periods of a period report; each runs from 1 January to its last month."""

    T1 = "t1", _("Tertial 1 (januari–april)")
    H1 = "h1", _("Halvår (januari–juni)")
    T2 = "t2", _("Tertial 2 (januari–augusti)")


PERIOD_LAST_MONTH = {Period.T1: 4, Period.H1: 6, Period.T2: 8}
PERIOD_TITLES = {
    Period.T1: "Tertialrapport 1",
    Period.H1: "Halvårsrapport",
    Period.T2: "Tertialrapport 2",
}


class Indicator(models.TextChoices):
    """What a goal measures. All but MANUAL are computed from the data."""

    PARTICIPANTS = "deltagare", _("Antal deltagare")
    STARTED = "paborjade", _("Antal nya deltagare (påbörjade)")
    SHARE_WOMEN = "andel_kvinnor", _("Andel kvinnor bland deltagarna (%)")
    SHARE_WORK_OR_STUDIES = (
        "andel_arbete_studier",
        _("Andel avslutade till arbete eller studier (%)"),
    )
    BUDGET_KEPT = "budget_hallen", _("Utfall i procent av budget (%)")
    MANUAL = "manuell", _("Eget mått (resultatet anges för hand)")


PERCENT_INDICATORS = frozenset(
    {Indicator.SHARE_WOMEN, Indicator.SHARE_WORK_OR_STUDIES, Indicator.BUDGET_KEPT}
)


class Direction(models.TextChoices):
    """Which side of the target is good."""

    AT_LEAST = "minst", _("Minst målvärdet")
    AT_MOST = "hogst", _("Högst målvärdet")
    CLOSE_TO = "nara", _("Så nära målvärdet som möjligt")


class Grade(models.TextChoices):
    """Måluppfyllelse on the three-step scale of annual reports."""

    GOOD = "god", _("God")
    PARTLY = "delvis", _("Delvis uppfyllt")
    NOT_MET = "ej", _("Ej uppfyllt")


# Default grading limits, percent of the target (a förbund may set its own, GoalGrading):
# God within 5 %, Delvis within 20 %. Why these: reports/goals.py.
DEFAULT_GOOD_WITHIN = Decimal(5)
DEFAULT_PARTLY_WITHIN = Decimal(20)


class TrusteeRole(models.TextChoices):
    """A förtroendevald's role: on the board (ordförande, vice, ledamot, ersättare), or as an
    auditor (förtroendevald revisor) or the auditors' sakkunnigt biträde."""

    CHAIR = "ordforande", _("Ordförande")
    VICE_CHAIR = "vice_ordforande", _("Vice ordförande")
    MEMBER = "ledamot", _("Ledamot")
    DEPUTY = "ersattare", _("Ersättare")
    AUDITOR = "revisor", _("Revisor")
    AUDIT_EXPERT = "sakkunnigt_bitrade", _("Sakkunnigt biträde")


BOARD_ROLES = (TrusteeRole.CHAIR, TrusteeRole.VICE_CHAIR, TrusteeRole.MEMBER, TrusteeRole.DEPUTY)
SIGNING_ROLES = (TrusteeRole.CHAIR, TrusteeRole.VICE_CHAIR, TrusteeRole.MEMBER)
AUDIT_ROLES = (TrusteeRole.AUDITOR, TrusteeRole.AUDIT_EXPERT)


class AuditDocumentKind(models.TextChoices):
    AUDIT_REPORT = "revisionsberattelse", _("Revisionsberättelse")
    REVIEW_REPORT = "granskningsrapport", _("Granskningsrapport")
