from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Deltagaruppföljning")
    # (label, url name, capability); an entry whose URL does not exist yet is skipped.
    navigation = [
        (_("Insatser"), "participants:insatser", "interventions.view"),
        (_("Deltaganden"), "participants:participations", "participants.view"),
        # The statistics pages (participants.urls.statistics_urlpatterns, namespace "statistics").
        (_("Deltagarstatistik"), "statistics:index", "statistics.own"),
        (_("Personuppgifter"), "participants:privacy", "privacy.manage"),
        (_("Behandlingsregister"), "participants:processing_register", "privacy.register"),
    ]

    def search(self, request, query: str):
        """The header search's participant codes and insatser (participants/services/search.py)."""
        from .services.search import search

        return search(request, query)

    def start_panel(self, request):
        """Ongoing participations for those who may see them (kansli, insatsansvarig)."""
        from organisations.roles import has_capability

        from .services.access import visible_participations

        membership = getattr(request, "membership", None)
        if membership is None or not has_capability(membership.role, "participants.view"):
            return None
        ongoing = visible_participations(request).filter(end_date__isnull=True).count()
        return {"template": "participants/_start_panel.html", "ongoing": ongoing}

    def data_categories(self):
        """The personal data this app holds (core.processing, the register of processing)."""
        from .data_categories import CATEGORIES

        return CATEGORIES
