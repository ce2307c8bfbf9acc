from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Enkäter")
    # (label, url name, capability); an entry whose URL does not exist yet is skipped.
    navigation = [
        (_("Enkäter"), "surveys:index", "surveys.results"),
    ]

    def ready(self):
        # Survey results are stored with a year's participant statistics (docs/gallring.md).
        from participants.services.frozen_statistics import register_freezer

        from .services.frozen import freeze_survey_years

        register_freezer(freeze_survey_years)

    def start_panel(self, request):
        """Reminder on the start page: rounds open now in the insatser the user runs
        (kansli: all), with their answers so far."""
        from django.db.models import Count
        from django.utils import timezone

        from organisations.roles import has_capability

        from .services.access import visible_rounds

        membership = getattr(request, "membership", None)
        if membership is None or not has_capability(membership.role, "surveys.rounds"):
            return None
        today = timezone.localdate()
        rounds = list(
            visible_rounds(membership)
            .filter(is_open=True, start_date__lte=today, end_date__gte=today)
            .annotate(answers=Count("responses", distinct=True))
        )
        if not rounds:
            return None
        return {"template": "surveys/_start_panel.html", "rounds": rounds}

    def data_categories(self):
        """The personal data this app holds (core.processing, the register of processing)."""
        from .data_categories import CATEGORIES

        return CATEGORIES
