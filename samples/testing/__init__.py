"""Shared test world: two förbund and the personas of the URL-walk test.

Förbund A has a kansli, an ekonom, a styrelse member, a revisor and an insatsansvarig assigned to
insats A1 (not A2). Förbund B has its own kansli: the outsider. Apps add their objects to the
world with `URL_KWARGS` providers (samples/testing/<app>.py) so that every URL can be walked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django_scopes import scopes_disabled

from organisations.choices import MemberKind, Role
from organisations.models import Forbund, Member, Membership, User
from participants.choices import InterventionKind
from participants.models import Insats

PERSONAS = ("kansli", "insatsansvarig", "styrelse", "ekonom", "revisor", "outsider")
PERSONA_ROLES = {
    "kansli": Role.KANSLI,
    "insatsansvarig": Role.INSATSANSVARIG,
    "styrelse": Role.STYRELSE,
    "ekonom": Role.EKONOM,
    "revisor": Role.REVISOR,
}


@dataclass
class World:
    a: Forbund
    b: Forbund
    users: dict[str, User]
    insats_a1: Insats
    insats_a2: Insats
    insats_b1: Insats
    extra: dict[str, Any] = field(default_factory=dict)


def make_user(username: str) -> User:
    return User.objects.create_user(username=username, password="Tillfälligt-lösen-123")


def build_world() -> World:
    with scopes_disabled():
        a = Forbund.objects.create(slug="alfa", name="Samordningsförbundet Alfa")
        b = Forbund.objects.create(slug="beta", name="Samordningsförbundet Beta")
        for forbund in (a, b):
            Member.objects.create(
                forbund=forbund,
                name="Försäkringskassan",
                kind=MemberKind.FORSAKRINGSKASSAN,
                joined_on=date(2015, 1, 1),
            )
            Member.objects.create(
                forbund=forbund,
                name=f"{forbund.name} kommun",
                kind=MemberKind.KOMMUN,
                joined_on=date(2015, 1, 1),
            )
        users = {}
        for persona, role in PERSONA_ROLES.items():
            users[persona] = make_user(f"{persona}-a")
            Membership.objects.create(forbund=a, user=users[persona], role=role)
        users["outsider"] = make_user("kansli-b")
        Membership.objects.create(forbund=b, user=users["outsider"], role=Role.KANSLI)
        a1 = Insats.objects.create(
            forbund=a,
            code="A1",
            name="FINSAM-team",
            kind=InterventionKind.INDIVIDUAL,
            start_date=date(2020, 1, 1),
        )
        a2 = Insats.objects.create(
            forbund=a,
            code="A2",
            name="Aktivitetsplatsen",
            kind=InterventionKind.INDIVIDUAL,
            start_date=date(2020, 1, 1),
        )
        b1 = Insats.objects.create(
            forbund=b,
            code="B1",
            name="Betas insats",
            kind=InterventionKind.INDIVIDUAL,
            start_date=date(2020, 1, 1),
        )
        a1.responsible.add(users["insatsansvarig"])
        world = World(a=a, b=b, users=users, insats_a1=a1, insats_a2=a2, insats_b1=b1)
        for provider in WORLD_EXTENSIONS:
            provider(world)
    return world


# Apps register functions that add their objects to the world (called unscoped, in order).
WORLD_EXTENSIONS: list[Callable[[World], None]] = []

# URL keyword -> value in förbund A, for walking every URL. An object for the insatsansvarig
# persona must belong to insats A1. A URL with a keyword not listed here fails the walk test.
URL_KWARGS: dict[str, Callable[[World], Any]] = {
    "forbund": lambda w: w.a.slug,
    "member": lambda w: w.a.members.all()[0].pk,
    "membership": lambda w: w.a.memberships.get(user=w.users["styrelse"]).pk,
    "insats": lambda w: w.insats_a1.code,
    "year": lambda w: 2024,
}


def _load_app_test_extensions() -> None:
    """Each app's part of the world (samples/testing/<app>.py) extends WORLD_EXTENSIONS and
    URL_KWARGS; imported here, after the names above exist, so importing this module is enough."""
    from importlib import import_module

    for app in (
        "organisations",
        "participants",
        "budget",
        "economy",
        "surveys",
        "reports",
        "catalogue",
        "api",
    ):
        import_module(f"samples.testing.{app}")


_load_app_test_extensions()
