"""The register of förtroendevalda for a year: the board and the auditors (models.Trustee).

    register = trustees_for_year(forbund, 2024)   # {"board": [...], "auditors": [...]}
    signing = signing_board(forbund, 2024)        # [{"name", "role"}] for the signature page

Names and organisations are shown exactly as entered ("Norrby kommun", not "norrby kommun").
Call inside scope(forbund=...).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Q

from reports.choices import AUDIT_ROLES, BOARD_ROLES, SIGNING_ROLES, TrusteeRole
from reports.models import Trustee

ROLE_ORDER = {role.value: index for index, role in enumerate(TrusteeRole)}


def _in_year(year: int):
    first, last = date(year, 1, 1), date(year, 12, 31)
    return Trustee.objects.filter(Q(end__isnull=True) | Q(end__gte=first), start__lte=last)


def _row(trustee: Trustee) -> dict[str, Any]:
    return {
        "name": trustee.name,
        "role": trustee.role,
        "role_label": str(trustee.get_role_display()),
        "organisation": trustee.organisation_name,
        "start": trustee.start,
        "end": trustee.end,
    }


def _sorted(trustees) -> list[Trustee]:
    return sorted(
        trustees,
        key=lambda t: (ROLE_ORDER[t.role], t.organisation_name.casefold(), t.name.casefold()),
    )


def trustees_for_year(forbund, year: int) -> dict[str, list[dict[str, Any]]]:
    """Everyone with a mandate some time in the year, the board first (ordförande, vice,
    ledamöter, ersättare), then the auditors."""
    trustees = list(_in_year(year).filter(forbund=forbund).select_related("member"))
    return {
        "board": [_row(t) for t in _sorted(t for t in trustees if t.role in BOARD_ROLES)],
        "auditors": [_row(t) for t in _sorted(t for t in trustees if t.role in AUDIT_ROLES)],
    }


def signatory_role(trustee: Mapping[str, Any]) -> str:
    """ "Ordförande, Norrby kommun": the role, then the organisation as entered."""
    label = trustee["role_label"]
    return f"{label}, {trustee['organisation']}" if trustee["organisation"] else label


def signing_board(forbund, year: int) -> list[dict[str, str]]:
    """The board members who sign the annual report of `year` (ordförande, vice and ledamöter
    whose mandate runs at the end of the year; not the ersättare)."""
    last = date(year, 12, 31)
    trustees = (
        Trustee.objects.filter(forbund=forbund, role__in=SIGNING_ROLES, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=last))
        .select_related("member")
    )
    return [{"name": t["name"], "role": signatory_role(t)} for t in map(_row, _sorted(trustees))]
