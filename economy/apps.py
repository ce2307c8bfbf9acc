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

    def start_panel(self, request):
        """The latest year's result and the checks it does not meet, for economy readers."""
        from organisations.roles import has_capability

        if not has_capability(request.membership.role, "economy.view"):
            return None
        from .services.start_panel import start_panel_context

        return start_panel_context(request)
