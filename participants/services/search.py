"""The participants app's part of the header search (organisations/services/search.py):
insatser by code or name, and participations by participant code, only those the user may
see (participants/services/access.py). One query per section."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from organisations.roles import has_capability
from organisations.services.search import LIMIT, Result, Section
from participants.models import Insats
from participants.services.access import visible_participations


def search(request, query: str) -> list[Section]:
    membership = request.membership
    slug = membership.forbund.slug
    sections = []
    if has_capability(membership.role, "participants.view"):
        participations = list(
            visible_participations(request)
            .filter(participant__code__icontains=query)
            .select_related("participant", "insats")
            .order_by("participant__code", "-start_date", "pk")[: LIMIT + 1]
        )
        section = Section(_("Deltagare"))
        for participation in participations[:LIMIT]:
            period = f"{participation.start_date:%Y-%m-%d}–" + (
                f"{participation.end_date:%Y-%m-%d}" if participation.end_date else _("pågår")
            )
            section.results.append(
                Result(
                    participation.participant.code,
                    reverse(
                        "participants:participation",
                        kwargs={"forbund": slug, "participation": participation.pk},
                    ),
                    f"{participation.insats.name} · {period}",
                )
            )
        section.more = len(participations) > LIMIT
        section.more_url = (
            reverse("participants:participations", kwargs={"forbund": slug})
            + "?"
            + urlencode({"q": query})
        )
        sections.append(section)
    if has_capability(membership.role, "interventions.view"):
        insatser = list(
            Insats.objects.filter(Q(code__icontains=query) | Q(name__icontains=query)).order_by(
                "name", "code"
            )[: LIMIT + 1]
        )
        section = Section(_("Insatser"))
        for insats in insatser[:LIMIT]:
            section.results.append(
                Result(
                    insats.name,
                    reverse("participants:insats", kwargs={"forbund": slug, "insats": insats.code}),
                    insats.code,
                )
            )
        section.more = len(insatser) > LIMIT
        section.more_url = reverse("participants:insatser", kwargs={"forbund": slug})
        sections.append(section)
    return sections
