"""Who may see and change which participant rows: the one place for object-level access.

The role table (organisations/roles.py) decides who may see participant rows at all
(kansli and insatsansvarig). Here: kansli sees every insats of the förbund; an insatsansvarig
only the insatser where they are among `Insats.responsible`. Everything else is a 404, so no
one learns that a row they may not see exists. Views, the upload and the export use these.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from organisations.choices import Role
from organisations.roles import has_capability
from participants.models import Activity, Insats, Participation


def sees_all_insatser(membership) -> bool:
    return membership is not None and membership.role == Role.KANSLI


def participant_insatser(membership) -> QuerySet[Insats]:
    """The insatser whose participant rows the member may see and change."""
    if sees_all_insatser(membership):
        return Insats.objects.all()
    if membership is not None and membership.role == Role.INSATSANSVARIG:
        return Insats.objects.filter(responsible=membership.user_id)
    return Insats.objects.none()


def participant_insats_ids(membership) -> set[int] | None:
    """Ids of those insatser, or None for all of the förbund (cheaper for the kansli)."""
    if sees_all_insatser(membership):
        return None
    return set(participant_insatser(membership).values_list("pk", flat=True))


def statistics_insats_ids(membership) -> set[int] | None:
    """The insatser whose aggregated statistics the member may see: None for the whole förbund
    (statistics.view: kansli, styrelse, ekonom, revisor), else the insatser whose participant
    rows they see (an insatsansvarig's own); nobody else sees any."""
    if membership is not None and has_capability(membership.role, "statistics.view"):
        return None
    if membership is not None and has_capability(membership.role, "statistics.own"):
        return set(participant_insatser(membership).values_list("pk", flat=True))
    return set()


def get_insats(code: str) -> Insats:
    """Any insats of the förbund by code (insatser as such are visible to every member)."""
    try:
        return Insats.objects.get(code=code)
    except Insats.DoesNotExist:
        raise Http404 from None


def get_participant_insats(request, code: str) -> Insats:
    """An insats whose participant rows the user may see, or 404."""
    try:
        return participant_insatser(request.membership).get(code=code)
    except Insats.DoesNotExist:
        raise Http404 from None


def can_see_participants_of(membership, insats: Insats) -> bool:
    if sees_all_insatser(membership):
        return True
    return participant_insatser(membership).filter(pk=insats.pk).exists()


def visible_participations(request) -> QuerySet[Participation]:
    if sees_all_insatser(request.membership):
        return Participation.objects.all()
    return Participation.objects.filter(insats__in=participant_insatser(request.membership))


def get_participation_for_user(request, pk: int) -> Participation:
    """A participation in one of the user's insatser, or 404."""
    try:
        return visible_participations(request).select_related("participant", "insats").get(pk=pk)
    except Participation.DoesNotExist:
        raise Http404 from None


def get_activity_for_user(request, participation: Participation, pk: int) -> Activity:
    try:
        return participation.activities.get(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None
