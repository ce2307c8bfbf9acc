from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Förbund och användare")
    # Navigation entries: (label, url name, capability); shown to those who have it.
    navigation = [
        (_("Medlemmar"), "organisations:members", "members.view"),
        (_("Personer och roller"), "organisations:people", "people.view"),
    ]

    def data_categories(self):
        """The personal data this app holds (core.processing, the register of processing)."""
        from .data_categories import CATEGORIES

        return CATEGORIES
