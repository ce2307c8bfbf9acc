"""The user's page of API tokens: created and shown once, listed, revoked; only one's own."""

import re

from django_scopes import scopes_disabled

from api.models import ApiToken

from .conftest import bearer


def test_a_member_creates_sees_once_and_revokes_a_token(world, clients):
    client = clients["styrelse"]
    page = client.post(
        "/f/alfa/api-nycklar/", {"name": "BI-verktyget", "days": 30, "can_write": ""}
    )
    assert page.status_code == 200
    raw = re.search(r'value="(sam_[^"]+)"', page.content.decode()).group(1)
    assert "no-store" in page["Cache-Control"]
    assert bearer(raw).get("/api/v1/forbund/alfa/statistik/2024/").status_code == 200
    listing = client.get("/f/alfa/api-nycklar/").content.decode()
    assert "BI-verktyget" in listing and raw not in listing
    with scopes_disabled():
        token = ApiToken.objects.get(name="BI-verktyget")
    assert not token.can_write
    # Someone else cannot revoke it; its owner can.
    assert clients["kansli"].post("/f/alfa/api-nycklar/", {"revoke": token.pk}).status_code == 404
    assert bearer(raw).get("/api/v1/forbund/alfa/insatser/").status_code == 200
    client.post("/f/alfa/api-nycklar/", {"revoke": token.pk})
    assert bearer(raw).get("/api/v1/forbund/alfa/insatser/").status_code == 401
    assert "återkallad" in client.get("/f/alfa/api-nycklar/").content.decode()


def test_the_list_shows_only_ones_own_tokens(world, clients):
    # The world's kansli token (samples/testing/api.py) is not the ekonom's.
    assert "Testnyckel" in clients["kansli"].get("/f/alfa/api-nycklar/").content.decode()
    assert "Testnyckel" not in clients["ekonom"].get("/f/alfa/api-nycklar/").content.decode()
