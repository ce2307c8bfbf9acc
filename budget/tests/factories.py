"""Small builders for the budget tests (real database rows, no mocks)."""

from __future__ import annotations

from datetime import date

from organisations.choices import MemberKind
from organisations.models import Forbund, Member

ROSLAGEN_MUNICIPALITIES = ["Täby", "Österåker", "Vallentuna", "Vaxholm", "Danderyd", "Norrtälje"]


def make_forbund(slug: str = "roslagen", name: str = "Samordningsförbundet Roslagen") -> Forbund:
    return Forbund.objects.create(slug=slug, name=name)


def add_member(
    forbund: Forbund, name: str, kind: str, joined_on: date = date(2012, 1, 1), **extra
) -> Member:
    return Member.objects.create(
        forbund=forbund, name=name, kind=kind, joined_on=joined_on, **extra
    )


def make_roslagen() -> tuple[Forbund, dict[str, Member]]:
    """Roslagen as in 2023: staten, the region and six municipalities (four from 2019)."""
    forbund = make_forbund()
    members = {
        "Försäkringskassan": add_member(forbund, "Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
        "Arbetsförmedlingen": add_member(
            forbund, "Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN
        ),
        "Region Stockholm": add_member(forbund, "Region Stockholm", MemberKind.REGION),
    }
    for name in ROSLAGEN_MUNICIPALITIES:
        joined = date(2012, 1, 1) if name in ("Täby", "Österåker") else date(2019, 1, 1)
        members[name] = add_member(forbund, name, MemberKind.KOMMUN, joined)
    return forbund, members
