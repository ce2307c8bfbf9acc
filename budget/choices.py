from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetCategory(models.TextChoices):
    """Where a budget line belongs: one of the three cost areas, or a kind of income.

    The three cost areas are those of published driftredovisningar and the national register;
    "kartläggning/analys" lines go under the structural area with their own name.
    """

    ADMINISTRATION = "administration", _("Administration")
    STRUCTURAL = "strukturinriktad", _("Strukturinriktade insatser")
    INDIVIDUAL = "individinriktad", _("Individinriktade insatser")
    MEMBER_CONTRIBUTION = "medlemsbidrag", _("Medlemsbidrag")
    ESF = "esf", _("ESF-medel")
    EQUITY = "eget_kapital", _("Ianspråktaget eget kapital")
    OTHER_INCOME = "ovrig_intakt", _("Övriga intäkter")


# In the order published annual reports' tables show them.
COST_AREAS: tuple[str, ...] = (
    BudgetCategory.ADMINISTRATION,
    BudgetCategory.STRUCTURAL,
    BudgetCategory.INDIVIDUAL,
)
INCOME_CATEGORIES: tuple[str, ...] = (
    BudgetCategory.MEMBER_CONTRIBUTION,
    BudgetCategory.ESF,
    BudgetCategory.EQUITY,
    BudgetCategory.OTHER_INCOME,
)


def is_cost(category: str) -> bool:
    return category in COST_AREAS


class ContributionField(models.TextChoices):
    """Which of a member's amounts the calculator fills in."""

    REQUESTED = "requested", _("Äskning")
    DECIDED = "decided", _("Tilldelning")


class MidYearRule(models.TextChoices):
    """How a member that joins (or leaves) during the year takes part in the contributions:
    the förbund's decision, per year (MidYearMembership)."""

    FIXED_TOTAL = (
        "fast_total",
        _(
            "Fast total fördelad efter vikt: den som är medlem en del av året väger med sin andel "
            "av året, och de andra betalar mer"
        ),
    )
    PRO_RATA = (
        "andel_av_aret",
        _(
            "Andel av året: var och en betalar sitt helårsbelopp gånger sin andel av året, och "
            "totalen blir lägre"
        ),
    )
