from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")
    navigation = [(_("Rapporter"), "reports:index", "reports.view")]

    def start_panel(self, request):
        """The latest annual report's state on the förbund's start page."""
        from organisations.roles import has_capability

        membership = getattr(request, "membership", None)
        if membership is None or not has_capability(membership.role, "reports.view"):
            return None
        from .services.overview import annual_status

        return {"template": "reports/_start_panel.html", **annual_status(request.forbund)}
