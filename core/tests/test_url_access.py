"""Every URL the project defines, walked with every persona.

A view states what it requires (organisations.access); this test derives who must get 200, 403
or 404 and checks it. A new URL is covered automatically; one without a declared access, or with a
URL keyword the test world cannot fill (samples.testing.URL_KWARGS), fails here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from organisations.roles import has_capability
from samples.testing import PERSONA_ROLES, PERSONAS, URL_KWARGS

# The REST API answers tokens, not sessions: api/tests/test_matrix.py walks it per role.
SKIPPED_NAMESPACES = {"admin", "api"}


@dataclass
class Route:
    name: str
    kwargs: tuple[str, ...]
    view: object


def _walk(patterns, namespace: str | None = None, kwargs: tuple[str, ...] = ()):
    for entry in patterns:
        names = tuple(getattr(entry.pattern, "converters", {}).keys())
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from _walk(
                entry.url_patterns, inner if entry.namespace else namespace, kwargs + names
            )
        elif isinstance(entry, URLPattern) and entry.name:
            full = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(full, kwargs + names, entry.callback)


ROUTES = list(_walk(get_resolver().url_patterns))


def _access(route: Route):
    view = route.view
    access = getattr(view, "samordna_access", None)
    if access is None and hasattr(view, "view_class"):
        access = getattr(view.view_class, "samordna_access", None)
    return access


def test_every_view_declares_its_access():
    undeclared = [route.name for route in ROUTES if _access(route) is None]
    assert undeclared == [], f"Views without organisations.access declaration: {undeclared}"


def test_every_url_keyword_can_be_filled_by_the_test_world():
    unknown = {kw for route in ROUTES for kw in route.kwargs if kw not in URL_KWARGS}
    assert unknown == set(), f"Add providers for {unknown} to samples.testing.URL_KWARGS"


def _expected(access, persona: str | None) -> set[int]:
    if persona is None:  # anonymous
        return {200} if access.kind == "public" else {302}
    if access.kind == "public":
        return {200, 302}
    if access.kind == "login":
        return {200, 302} if "GET" in access.methods else {405}
    if persona == "outsider":
        return {404}
    if not has_capability(PERSONA_ROLES[persona], access.capability):
        return {403}
    return {200} if "GET" in access.methods else {405}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_url_answers_each_persona_as_its_role_allows(route, world, clients):
    access = _access(route)
    assert access is not None, f"{route.name} declares no access"
    with scopes_disabled():
        url = reverse(route.name, kwargs={kw: URL_KWARGS[kw](world) for kw in route.kwargs})
    got = {None: Client().get(url).status_code}
    for persona in PERSONAS:
        got[persona] = clients[persona].get(url).status_code
    wrong = {
        persona or "anonym": status
        for persona, status in got.items()
        if status not in _expected(access, persona)
    }
    assert wrong == {}, f"{url} ({access}): unexpected statuses {wrong}"


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if (_access(r) and _access(r).kind == "forbund")],
    ids=lambda r: r.name,
)
def test_post_is_refused_before_anything_happens_for_outsiders_and_wrong_roles(
    route, world, clients
):
    access = _access(route)
    with scopes_disabled():
        url = reverse(route.name, kwargs={kw: URL_KWARGS[kw](world) for kw in route.kwargs})
    assert clients["outsider"].post(url, {}).status_code == 404
    for persona, role in PERSONA_ROLES.items():
        if not has_capability(role, access.capability):
            assert clients[persona].post(url, {}).status_code == 403, (url, persona)


def test_outsider_gets_404_even_for_urls_of_a_forbund_that_does_not_exist(clients):
    assert clients["kansli"].get("/f/finns-inte/").status_code == 404


def test_admin_is_for_installation_superusers_only(world, clients):
    for persona in PERSONAS:
        response = clients[persona].get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
