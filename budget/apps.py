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
        snapshot = budget_for_year(request.forbund, year)
        return {
            "template": "budget/_start_panel.html",
            "year": year,
            "snapshot": snapshot,
            "decided": contributions_for_year(request.forbund, year).total_decided,
            # The result before equity, as the plan and the driftredovisning show it; the
            # equity taken in use is its financing, not income (issue 9, item 9).
            "result": snapshot.result(include_equity=False) if snapshot else None,
            "equity": (
                snapshot.total_income() - snapshot.total_income(include_equity=False)
                if snapshot
                else 0
            ),
        }
