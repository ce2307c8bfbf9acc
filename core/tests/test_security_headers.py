"""Security headers on every kind of response, and the export log of every download.

Content-Security-Policy (django-csp) without inline scripts or styles, Permissions-Policy
(django-permissions-policy), and `Cache-Control: no-store` on every response to a logged-in
user and on every file download (core.private_responses).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from core import audit
from core.models import AuditEvent
from core.private_responses import is_download
from core.tests.test_url_access import ROUTES
from samples.testing import URL_KWARGS

REQUIRED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

PAGES = [
    "organisations:home",
    "participants:participations",
    "participants:export",
    "core:audit_log",
    "budget:budget",
    "economy:home",
    "reports:index",
]
# Every file the web pages hand out (the PDFs drawn from today's data are left to the URL walk:
# they take seconds each; the adopted version's PDF is a stored file).
DOWNLOADS = [
    ("participants:export", {"format": "csv", "year": "2024"}, "deltagare", 2),
    ("participants:export", {"format": "xlsx"}, "deltagare", 2),
    ("economy:national_xlsx", {}, "uppfoljning_finsam", None),
    ("economy:national_csv", {}, "uppfoljning_finsam", None),
    ("budget:budget_export", {}, "budget", 1),
    ("reports:annual_docx", {}, "reports:annual_docx", None),
    ("reports:version_pdf", {}, "reports:version_pdf", None),
    ("reports:version_docx", {}, "reports:version_docx", None),
]


def csp_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: (rest[0] if rest else "") for name, *rest in directives}


def url_of(world, name: str) -> str:
    route = next(route for route in ROUTES if route.name == name)
    with scopes_disabled():
        return reverse(name, kwargs={kw: URL_KWARGS[kw](world) for kw in route.kwargs})


def assert_policies(response) -> None:
    policy = csp_of(response)
    for directive, value in REQUIRED_CSP.items():
        assert policy.get(directive) == value, (directive, response["Content-Security-Policy"])
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in permissions


def assert_no_store(response) -> None:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives, response["Cache-Control"]


def test_anonymous_pages_have_the_policies(db):
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert_policies(response)


@pytest.mark.parametrize("name", PAGES)
def test_pages_of_a_logged_in_user_have_the_policies_and_are_not_stored(name, world, clients):
    response = clients["kansli"].get(url_of(world, name))
    assert response.status_code == 200, name
    assert_policies(response)
    assert_no_store(response)


@pytest.mark.parametrize(("name", "query", "kind", "rows"), DOWNLOADS)
def test_every_download_is_not_stored_and_is_logged_as_an_export(
    name, query, kind, rows, world, clients
):
    url = url_of(world, name)
    with scope(forbund=world.a):
        before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = clients["kansli"].get(url, query)
    assert response.status_code == 200 and is_download(response), name
    assert_no_store(response)
    assert_policies(response)
    with scope(forbund=world.a):
        new = list(AuditEvent.objects.exclude(pk__in=before))
    assert [event.action for event in new] == [audit.EXPORT_DOWNLOADED]
    event = new[0]
    assert event.actor == world.users["kansli"] and event.forbund == world.a
    assert event.changes["typ"] == kind
    assert event.changes["format"] in {"csv", "xlsx", "docx", "pdf"}
    if rows is not None:
        assert event.changes["rader"] == rows
    assert set(event.changes) <= {"typ", "format", "år", "rader", "publicering"}


def test_a_refused_download_is_not_logged(world, clients):
    url = url_of(world, "budget:budget_export")
    with scope(forbund=world.a):
        before = AuditEvent.objects.count()
    assert clients["insatsansvarig"].get(url).status_code == 403
    with scope(forbund=world.a):
        assert AuditEvent.objects.count() == before


TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"] + [
    path
    for path in Path(settings.BASE_DIR).glob("*/templates")
    if path.parent.name not in {".venv", "node_modules"}
]
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "inline <script>"),
    (re.compile(r"<style\b", re.IGNORECASE), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "event handler attribute"),
    (re.compile(r"javascript:", re.IGNORECASE), "javascript: URL"),
]


def test_no_template_has_inline_scripts_styles_or_handlers():
    """The policy allows no inline code: a template that adds some would break in browsers."""
    found = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            found.extend(
                f"{path.relative_to(settings.BASE_DIR)}: {what}"
                for pattern, what in INLINE
                if pattern.search(text)
            )
    assert found == []
