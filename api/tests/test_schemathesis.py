"""Schemathesis against the live schema, through the Django WSGI app: for every operation a few
generated requests (with a kansli's read-write token of förbund Alfa); no server error, and every
response as the description says (status, content type, body schema)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from .conftest import bearer


@pytest.fixture
def _connections_stay_open():
    """What Django's test client does: a request's end must not close the test's connection
    (it would end the test's transaction on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_connections_stay_open")
def test_the_api_keeps_its_description(world, tokens):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    # A NUL byte is refused with 400 before any view, everywhere (core/middleware.py, tested in
    # core/tests/test_url_parameters.py): generate everything else.
    schema.config.generation.update(allow_x00=False)
    headers = {"Authorization": f"Bearer {tokens['kansli'][1]}"}
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        strategy = operation.as_strategy(
            path_parameters={"slug": "alfa"} if "slug" in names else None
        )

        @given(case=strategy)
        @settings(
            max_examples=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # A write's schema cannot say which insats codes exist or that an end comes after
            # the start (the participant file's rules): valid-looking rows may be refused.
            excluded = [] if case.method == "GET" else [checks.positive_data_acceptance]
            case.call_and_validate(headers=headers, excluded_checks=excluded)

        run()
        checked.append(operation.label)
    assert len(checked) >= 15, checked


def test_the_schema_describes_every_endpoint(world):
    document = bearer(None).get("/api/schema/?format=json").json()
    paths = set(document["paths"])
    for expected in (
        "/api/v1/forbund/{slug}/insatser/",
        "/api/v1/forbund/{slug}/deltaganden/",
        "/api/v1/forbund/{slug}/deltaganden/batch/",
        "/api/v1/forbund/{slug}/deltaganden/{id}/",
        "/api/v1/forbund/{slug}/statistik/{ar}/",
        "/api/v1/forbund/{slug}/enkater/{kod}/resultat/{ar}/",
    ):
        assert expected in paths, expected
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_the_documentation_page_uses_no_cdn(world):
    page = bearer(None).get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/" in html
