from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Insatskatalog")
    navigation = [(_("Katalog"), "catalogue:manage", "catalogue.manage")]

    def start_panel(self, request):
        """The catalogue's reminder for the kansli: published entries not reviewed for a year."""
        from organisations.roles import has_capability

        from .services import due_for_review

        membership = getattr(request, "membership", None)
        if membership is None or not has_capability(membership.role, "catalogue.manage"):
            return None
        due = due_for_review().count()
        if not due:
            return None
        return {"template": "catalogue/_start_panel.html", "due": due}
