from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Kärna")
    navigation = [(_("Händelselogg"), "core:audit_log", "audit.view")]

    def ready(self):
        # Registered here, once, before any urls.py is imported.
        from django.urls import register_converter

        from .years import YearConverter

        register_converter(YearConverter, "year")
