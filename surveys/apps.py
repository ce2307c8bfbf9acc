from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Enkäter")
    # (label, url name, capability); an entry whose URL does not exist yet is skipped.
    navigation = [
        (_("Enkäter"), "surveys:index", "surveys.results"),
    ]
