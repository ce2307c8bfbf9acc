"""The catalogue's objects in the shared test world: a published entry and a draft in A."""

from __future__ import annotations

from catalogue.models import Access, CatalogueEntry, EntryKind, Status, TargetGroup
from samples.testing import URL_KWARGS, WORLD_EXTENSIONS, World


def add_catalogue(world: World) -> None:
    common = {
        "forbund": world.a,
        "kind": EntryKind.INSATS,
        "target_group": TargetGroup.VUXNA,
        "access": Access.REMISS,
        "contact": "Kansliet, 0100-00 00 00",
        "municipalities": "Alfa",
    }
    world.extra["entry_published"] = CatalogueEntry.objects.create(
        slug="finsam-team",
        name="FINSAM-team",
        offers="Samordnat stöd från flera myndigheter.",
        insats=world.insats_a1,
        status=Status.PUBLISHED,
        **common,
    )
    world.extra["entry_draft"] = CatalogueEntry.objects.create(
        slug="hemligt-utkast", name="Hemligt utkast", offers="Inte klart.", **common
    )


WORLD_EXTENSIONS.append(add_catalogue)
URL_KWARGS["entry"] = lambda w: w.extra["entry_published"].slug
