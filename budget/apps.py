import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Medlemsbidrag och budget")
    navigation = [
        (_("Medlemsbidrag"), "budget:contributions_current", "economy.view"),
        (_("Budget"), "budget:budgets", "economy.view"),
        (_("Idealfördelning"), "budget:ideal_current", "economy.view"),
    ]

    def start_panel(self, request):
        """This year's budget and decided contributions, for those who see the economy."""
        from organisations.roles import has_capability

        from .services import budget_for_year, contributions_for_year

        if not has_capability(request.membership.role, "economy.view"):
            return None
        year = datetime.date.today().year
        return {
            "template": "budget/_start_panel.html",
            "year": year,
            "snapshot": budget_for_year(request.forbund, year),
            "decided": contributions_for_year(request.forbund, year).total_decided,
        }
