"""Code lists of the economy app. The statement-line codes are the JSON keys of
`docs/format/sie-och-bokslut.md`; change them only together with that document."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatementLine(models.TextChoices):
    """A line of the resultaträkning or balansräkning that accounts are mapped to."""

    OPERATING_INCOME = "verksamhetens_intakter", _("Verksamhetens intäkter")
    OPERATING_COSTS = "verksamhetens_kostnader", _("Verksamhetens kostnader")
    DEPRECIATION = "avskrivningar", _("Avskrivningar")
    FINANCIAL_INCOME = "finansiella_intakter", _("Finansiella intäkter")
    FINANCIAL_COSTS = "finansiella_kostnader", _("Finansiella kostnader")
    EXTRAORDINARY = "extraordinara_poster", _("Extraordinära poster")
    INTANGIBLE_ASSETS = (
        "immateriella_anlaggningstillgangar",
        _("Immateriella anläggningstillgångar"),
    )
    TANGIBLE_ASSETS = "materiella_anlaggningstillgangar", _("Materiella anläggningstillgångar")
    FINANCIAL_ASSETS = "finansiella_anlaggningstillgangar", _("Finansiella anläggningstillgångar")
    INVENTORIES = "forrad", _("Förråd")
    RECEIVABLES = "fordringar", _("Fordringar")
    SHORT_TERM_INVESTMENTS = "kortfristiga_placeringar", _("Kortfristiga placeringar")
    CASH = "kassa_och_bank", _("Kassa och bank")
    EQUITY = "eget_kapital", _("Eget kapital")
    PROVISIONS = "avsattningar", _("Avsättningar")
    LONG_TERM_LIABILITIES = "langfristiga_skulder", _("Långfristiga skulder")
    SHORT_TERM_LIABILITIES = "kortfristiga_skulder", _("Kortfristiga skulder")


RESULT_LINES: tuple[str, ...] = (
    StatementLine.OPERATING_INCOME,
    StatementLine.OPERATING_COSTS,
    StatementLine.DEPRECIATION,
    StatementLine.FINANCIAL_INCOME,
    StatementLine.FINANCIAL_COSTS,
    StatementLine.EXTRAORDINARY,
)
ASSET_LINES: tuple[str, ...] = (
    StatementLine.INTANGIBLE_ASSETS,
    StatementLine.TANGIBLE_ASSETS,
    StatementLine.FINANCIAL_ASSETS,
    StatementLine.INVENTORIES,
    StatementLine.RECEIVABLES,
    StatementLine.SHORT_TERM_INVESTMENTS,
    StatementLine.CASH,
)
EQUITY_AND_LIABILITY_LINES: tuple[str, ...] = (
    StatementLine.EQUITY,
    StatementLine.PROVISIONS,
    StatementLine.LONG_TERM_LIABILITIES,
    StatementLine.SHORT_TERM_LIABILITIES,
)
BALANCE_LINES: tuple[str, ...] = ASSET_LINES + EQUITY_AND_LIABILITY_LINES


# An override maps one account to a statement line, or to no line at all.
NO_LINE = "ingen_rad"
OVERRIDE_CHOICES = [
    *StatementLine.choices,
    (NO_LINE, _("Ingen rad (kontot räknas inte in)")),
]


class BalanceKind(models.TextChoices):
    """The kinds of account balance a SIE file carries."""

    OPENING = "IB", _("Ingående balans")
    CLOSING = "UB", _("Utgående balans")
    RESULT = "RES", _("Årets resultat (resultatkonto)")


class CheckBasis(models.TextChoices):
    """What a share rule is measured on: the year's outcome or its budget."""

    OUTCOME = "utfall", _("Utfall (bokförda kostnader)")
    BUDGET = "budget", _("Budget (efter ändringsbeslut)")


class CheckStatus(models.TextChoices):
    MET = "uppfyllt", _("Uppfyllt")
    NOT_MET = "ej_uppfyllt", _("Ej uppfyllt")
    NO_DATA = "underlag_saknas", _("Underlag saknas")


class BalanceAdjustmentKind(models.TextChoices):
    """A row of the balanskravsutredning that the ekonom enters (docs/format/
    sie-och-bokslut.md, "balanskravsutredning"; the values are its JSON keys). Amounts carry
    their sign: realisationsvinster and a reservation to the reserve are deducted (negative)."""

    REALISATION_GAINS = "realisationsvinster", _("Samtliga realisationsvinster")
    REALISATION_EXCEPTIONS = (
        "realisationsforluster_enligt_undantag",
        _("Vissa realisationsvinster och -förluster enligt undantagsmöjlighet"),
    )
    UNREALISED_SECURITIES = (
        "orealiserade_vinster_forluster_vardepapper",
        _("Orealiserade vinster och förluster i värdepapper"),
    )
    UNREALISED_REVERSAL = (
        "aterforing_orealiserade",
        _("Återföring av orealiserade vinster och förluster i värdepapper"),
    )
    RESERVE_ALLOCATION = (
        "reservering_till_resultatutjamningsreserv",
        _("Medel till resultatutjämningsreserv"),
    )
    RESERVE_USE = (
        "anvandning_av_resultatutjamningsreserv",
        _("Medel från resultatutjämningsreserv"),
    )
