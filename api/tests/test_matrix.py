"""Every endpoint × method × persona: what the role table says, 404 across förbund, 401 without a
token, 403 for a read-only token that writes."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from organisations.roles import has_capability
from samples.testing import PERSONA_ROLES, PERSONAS

from .conftest import bearer


def _row(world, insats="A1", start="2024-05-01"):
    return {"deltagar_id": "API-0001", "insats": insats, "kon": "kvinna", "startdatum": start}


REPORT = "rapporter/arsredovisning/2024/"

# (name, method, path under /api/v1/forbund/{slug}/, capability, body, success statuses)
ENDPOINTS = [
    ("katalog", "get", "katalog/", "forbund.view", None, {200}),
    ("insatser", "get", "insatser/", "interventions.view", None, {200}),
    ("insats", "get", "insatser/A1/", "interventions.view", None, {200}),
    ("ny insats", "post", "insatser/", "interventions.manage", "insats", {200, 201}),
    ("deltaganden", "get", "deltaganden/", "participants.view", None, {200}),
    ("deltagande", "get", "deltaganden/{p}/", "participants.view", None, {200}),
    ("skapa", "post", "deltaganden/", "participants.manage", "row", {200, 201}),
    ("batch", "post", "deltaganden/batch/", "participants.manage", "batch", {200}),
    ("andra", "patch", "deltaganden/{p}/", "participants.manage", "patch", {200}),
    ("statistik", "get", "statistik/2024/", "statistics.view", None, {200}),
    ("enkat", "get", "enkater/NNS-DA/resultat/2024/", "surveys.results", None, {200}),
    ("bokslut", "get", "bokslut/2024/", "economy.view", None, {200, 404}),
    ("budget", "get", "budget/2024/", "economy.view", None, {200, 404}),
    ("docx", "get", REPORT + "arsredovisning.docx", "reports.view", None, {200}),
    ("pdf", "get", REPORT + "arsredovisning.pdf", "reports.view", None, {200}),
    ("medlemsbidrag", "get", "medlemsbidrag/2024/", "economy.view", None, {200}),
]


def _body(kind, world):
    if kind == "row":
        return _row(world)
    if kind == "batch":
        return {"rader": [_row(world), _row(world, start="2024-06-01")]}
    if kind == "insats":
        return {"kod": "API1", "namn": "Från API:t", "typ": "individinriktad"}
    if kind == "patch":
        return {"kommun": "Alfa"}
    return None


def _call(client, method, url, body):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, format="json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e[0])
def test_each_persona_gets_what_its_role_allows(endpoint, world, tokens):
    name, method, path, capability, body_kind, success = endpoint
    with scopes_disabled():
        pk = world.extra["participation_a1"].pk
    url = "/api/v1/forbund/alfa/" + path.format(p=pk)
    body = _body(body_kind, world)
    write = method != "get"

    response = _call(bearer(None), method, url, body)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "Bearer" in response["WWW-Authenticate"]

    # Another förbund's token: 404, with either of its tokens.
    for raw in tokens["outsider"]:
        assert _call(bearer(raw), method, url, body).status_code == 404, name

    for persona in PERSONAS:
        if persona == "outsider":
            continue
        read_raw, write_raw = tokens[persona]
        allowed = has_capability(PERSONA_ROLES[persona], capability)
        got = _call(bearer(write_raw), method, url, body).status_code
        if allowed:
            assert got in success, (name, persona, got)
        else:
            assert got == 403, (name, persona, got)
        if write:
            assert _call(bearer(read_raw), method, url, body).status_code == 403, (name, persona)


def test_insatsansvarig_sees_only_own_insats_rows(world, tokens):
    with scopes_disabled():
        other = world.extra["participation_a2"].pk
    client = bearer(tokens["insatsansvarig"][1])
    assert client.get(f"/api/v1/forbund/alfa/deltaganden/{other}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/forbund/alfa/deltaganden/{other}/", {"kommun": "X"}, format="json"
        ).status_code
        == 404
    )
    listed = client.get("/api/v1/forbund/alfa/deltaganden/").json()
    assert {row["insats"] for row in listed["results"]} == {"A1"}
    refused = client.post(
        "/api/v1/forbund/alfa/deltaganden/", _row(world, insats="A2"), format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["kolumn"] == "insats"


def test_a_token_of_the_other_forbund_reaches_its_own(world, tokens):
    client = bearer(tokens["outsider"][0])
    response = client.get("/api/v1/forbund/beta/insatser/")
    assert response.status_code == 200
    assert [row["kod"] for row in response.json()["results"]] == ["B1"]
    assert client.get("/api/v1/forbund/alfa/insatser/A1/").status_code == 404
    assert client.get("/api/v1/forbund/finns-inte/insatser/").status_code == 404


def test_the_matrix_covers_every_operation_of_the_description(world):
    document = bearer(None).get("/api/schema/?format=json").json()
    fill = {"{ar}": "2024", "{id}": "{p}", "{kod}": "A1"}
    described = set()
    for path, operations in document["paths"].items():
        if not path.startswith("/api/v1/forbund/{slug}/"):
            continue
        short = path.removeprefix("/api/v1/forbund/{slug}/")
        short = short.replace("enkater/{kod}/", "enkater/NNS-DA/")  # a survey's code
        for placeholder, value in fill.items():
            short = short.replace(placeholder, value)
        described |= {(method, short) for method in operations}
    covered = {(method, path) for _name, method, path, *_rest in ENDPOINTS}
    assert described == covered
