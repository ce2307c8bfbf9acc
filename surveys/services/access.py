"""Who sees which survey results and rounds (the role table is organisations/roles.py).

- kansli: every insats, exact counts, free text;
- insatsansvarig: rounds and results of the insatser they are responsible for;
- styrelse, revisor: published results only (publication mode: small counts hidden).
"""

from __future__ import annotations

from django.db.models import QuerySet

from organisations.choices import Role
from participants.models import Insats

from ..models import Round


def insats_ids(membership) -> set[int] | None:
    """Insatser whose results and rounds the member may see; None = all of the förbund."""
    if membership.role == Role.INSATSANSVARIG:
        return set(
            Insats.objects.filter(responsible=membership.user_id).values_list("pk", flat=True)
        )
    return None


def publication_only(membership) -> bool:
    return membership.role in (Role.STYRELSE, Role.REVISOR)


def visible_rounds(membership) -> QuerySet[Round]:
    rounds = Round.objects.select_related("instrument").prefetch_related("insatser")
    ids = insats_ids(membership)
    if ids is not None:
        rounds = rounds.filter(insatser__in=ids).distinct()
    return rounds


def round_insatser(membership) -> QuerySet[Insats]:
    """The insatser the member may start a round for."""
    ids = insats_ids(membership)
    return Insats.objects.all() if ids is None else Insats.objects.filter(pk__in=ids)
