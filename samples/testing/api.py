"""The API's objects in the shared test world: a token of the kansli in A."""

from __future__ import annotations

from api.tokens import create_token
from samples.testing import WORLD_EXTENSIONS, World


def add_token(world: World) -> None:
    world.extra["api_token"] = create_token(world.a, world.users["kansli"], name="Testnyckel")[0]


WORLD_EXTENSIONS.append(add_token)
