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
        install_form_text_check()
        # Writes to the database make kept figures out of date (core/figure_cache.py).
        from . import figure_cache

        figure_cache.install_on_open_connections()
        # Every app's kinds of background job (their jobs.py), in the web and the worker.
        from . import jobs

        jobs.autodiscover()


def install_form_text_check() -> None:
    """Every text field of every web form (ours, the admin's, the accounts') refuses control
    characters: the rule of core.tabular.text, added once to Django's CharField."""
    from django import forms

    from .tabular.text import validate_form_text

    if validate_form_text not in forms.CharField.default_validators:
        forms.CharField.default_validators = [
            *forms.CharField.default_validators,
            validate_form_text,
        ]
