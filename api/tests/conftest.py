import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.tokens import create_token
from samples.testing import PERSONAS


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tokens(world):
    """persona -> (read token, read-write token), each in the persona's own förbund."""
    result = {}
    for persona in PERSONAS:
        forbund = world.b if persona == "outsider" else world.a
        user = world.users[persona]
        result[persona] = (
            create_token(forbund, user, name="läs")[1],
            create_token(forbund, user, name="skriv", can_write=True)[1],
        )
    return result


def bearer(raw: str | None) -> APIClient:
    client = APIClient()
    if raw:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client
