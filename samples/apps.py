from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamplesConfig(AppConfig):
    """Demo förbund, sample förbund and test support: kept out of the production apps.

    An installed app only so that `manage.py load_demo` is found; it has no models.
    """

    name = "samples"
    verbose_name = _("Demo- och testdata")
