from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")
    navigation = [(_("Rapporter"), "reports:index", "reports.view")]

    def start_overview(self, request):
        """The start page's "Att göra" and "Läget i år" (reports.services.worklist): this
        layer may read participants, economy, budget and surveys alike."""
        from django.utils import timezone

        from organisations.roles import has_capability
        from participants.services.statistics import year_statistics

        from .services.worklist import operating_to_date, worklist, year_at_a_glance

        membership = getattr(request, "membership", None)
        if membership is None:
            return None
        today = timezone.localdate()
        statement = statistics = None
        if has_capability(membership.role, "economy.view"):
            # This year's books; until they are imported, last year's (being closed).
            statement = operating_to_date(request.forbund, today)
        if has_capability(membership.role, "statistics.view"):
            statistics = year_statistics(request.forbund, today.year)
        return {
            "template": "reports/_start_overview.html",
            "work": worklist(membership, today, statement=statement, statistics=statistics),
            "glance": year_at_a_glance(
                membership, today, statement=statement, statistics=statistics
            ),
        }

    def insats_panel(self, request, insats):
        """The insats page's budget against outcome so far and the year's goals (for economy
        and report readers), from reports.services.worklist."""
        from django.utils import timezone

        from .services.worklist import insats_overview

        membership = getattr(request, "membership", None)
        if membership is None:
            return None
        overview = insats_overview(membership, insats, timezone.localdate())
        if overview is None:
            return None
        return {"template": "reports/_insats_panel.html", **overview}

    def start_panel(self, request):
        """The latest annual report's state on the förbund's start page."""
        from organisations.roles import has_capability

        membership = getattr(request, "membership", None)
        if membership is None or not has_capability(membership.role, "reports.view"):
            return None
        from .services.overview import annual_status

        return {"template": "reports/_start_panel.html", **annual_status(request.forbund)}
