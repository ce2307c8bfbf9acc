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
    ]

    def start_panel(self, request):
        """Ongoing participations for those who may see them (kansli, insatsansvarig)."""
        from organisations.roles import has_capability

        from .services.access import visible_participations

        membership = getattr(request, "membership", None)
        if membership is None or not has_capability(membership.role, "participants.view"):
            return None
        ongoing = visible_participations(request).filter(end_date__isnull=True).count()
        return {"template": "participants/_start_panel.html", "ongoing": ongoing}
