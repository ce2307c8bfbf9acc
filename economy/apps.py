from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "economy"
    verbose_name = _("Ekonomi")
    navigation = [
        (_("Ekonomi"), "economy:home", "economy.view"),
    ]

    def navigation_year(self, forbund) -> int | None:
        """The year the menu's year-bound economy pages open: the latest year with books."""
        from django_scopes import scopes_disabled

        from .models import FinancialYear

        with scopes_disabled():
            end = (
                FinancialYear.objects.filter(forbund=forbund)
                .order_by("-end")
                .values_list("end", flat=True)
                .first()
            )
        return end.year if end else None

    def budget_panel(self, request, year: int):
        """The budget page's outcome so far against the budget per insats and area, with
        each row's status (economy.services.budget_status); None without books for the year."""
        from django.utils import timezone

        from .services import NoBooksError, operating_statement
        from .services.budget_status import books_through, row_status, statement_share

        try:
            statement = operating_statement(request.forbund, year)
        except NoBooksError:
            return None
        if not statement.has_budget:
            return None
        share = statement_share(request.forbund, statement, timezone.localdate())
        return {
            "template": "economy/_budget_panel.html",
            "year": year,
            "through": books_through(request.forbund, year),
            "rows": [
                (row, row_status(row, share))
                for row in statement.rows
                if row.budget_net is not None and (row.budget_net < 0 or row.is_total)
            ],
        }

    def start_panel(self, request):
        """The latest year's result and the checks it does not meet, for economy readers."""
        from organisations.roles import has_capability

        if not has_capability(request.membership.role, "economy.view"):
            return None
        from .services.start_panel import start_panel_context

        return start_panel_context(request)
