"""Concurrent edits and imports against a live server on PostgreSQL (issue 12, item 3).

Ten browsers (separate sessions, real HTTP, one server thread and database connection each)
do the same thing at the same moment:
- edit one budget line: none of the edits is lost silently (each is saved or refused with the
  Swedish stale message; a refused one saved again on the current version goes in), and the
  audit log holds a chain of real old → new values;
- confirm the same participant file: no server error, exactly one import writes the rows;
- confirm the same update file: the audit log holds as many changes as rows really changed.

SQLite serialises writers on one file and the test server shares an in-memory database: these
tests run on PostgreSQL only (DATABASE_URL=postgres://…).
"""

from __future__ import annotations

import http.cookies
import itertools
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django_scopes import scopes_disabled

from budget.models import Budget, BudgetLine
from core.models import AuditEvent
from participants.models import Participation
from samples.participant_rows import csv_bytes, row

pytestmark = [pytest.mark.django_db(transaction=True)]

PARALLEL = 10
STALE = "Någon annan har ändrat"


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("samtidighetstesterna kräver PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.SAMORDNA_REQUIRE_2FA = False


@dataclass
class Answer:
    status: int
    body: str
    location: str = ""


class Browser:
    """One person's browser: its own session and CSRF cookies, real HTTP."""

    def __init__(self, base: str, user):
        client = Client()
        client.force_login(user)
        self.base = base
        self.cookies = {name: morsel.value for name, morsel in client.cookies.items()}
        self.opener = urllib.request.build_opener(_NoRedirect())

    def get(self, path: str) -> Answer:
        return self._send(urllib.request.Request(self.base + path))  # noqa: S310 - http only

    def post(self, path: str, fields: dict, files: dict | None = None) -> Answer:
        fields = {**fields, "csrfmiddlewaretoken": self.csrf(path)}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, method="POST")  # noqa: S310
        request.add_header("Content-Type", content_type)
        return self._send(request)

    def csrf(self, path: str) -> str:
        if "csrftoken" not in self.cookies:
            self.get(path)  # the form's page sets the cookie
        return self.cookies["csrftoken"]

    def _send(self, request) -> Answer:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with self.opener.open(request, timeout=60) as response:
                self._keep(response.headers)
                return Answer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            self._keep(error.headers)
            return Answer(error.code, error.read().decode(), error.headers.get("Location", ""))

    def _keep(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or ():
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, data) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _hidden(body: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', body) or re.search(
        rf'value="([^"]*)" name="{name}"', body
    )
    assert match, f"no hidden field {name}"
    return match.group(1)


def _all_at_once(work, count: int = PARALLEL) -> list:
    """Run work(i, barrier) in `count` threads; they meet at the barrier before the race."""
    barrier = threading.Barrier(count)
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda i: work(i, barrier), range(count)))


# --- Ten edits of one budget line --------------------------------------------------------


def _budget_line(world) -> BudgetLine:
    with scopes_disabled():
        budget = Budget.objects.create(forbund=world.a, year=2025)
        return BudgetLine.objects.create(
            forbund=world.a,
            budget=budget,
            category="administration",
            name="Lokaler",
            original_amount=1000,
        )


def _line_fields(body: str, amount: int) -> dict:
    return {
        "category": "administration",
        "name": "Lokaler",
        "insats": "",
        "member": "",
        "original_amount": str(amount),
        "position": "10",
        "version": _hidden(body, "version"),
    }


def test_ten_parallel_edits_of_one_line_keep_one_and_refuse_nine(world, live_server):
    line = _budget_line(world)
    path = f"/f/alfa/budget/2025/rader/{line.pk}/"
    browsers = [Browser(live_server.url, world.users["ekonom"]) for _ in range(PARALLEL)]

    def edit(i, barrier):
        form = browsers[i].get(path)
        assert form.status == 200
        barrier.wait()
        return browsers[i].post(path, _line_fields(form.body, 2000 + i))

    answers = _all_at_once(edit)
    assert [a.status for a in answers if a.status not in (200, 302)] == []
    saved = [i for i, a in enumerate(answers) if a.status == 302]
    refused = [a for a in answers if a.status == 200]
    # Every browser loaded version 1 before anyone saved: exactly one save can go in.
    assert len(saved) == 1
    assert len(refused) == PARALLEL - 1
    assert all(STALE in a.body and "Sparat nu" in a.body for a in refused)
    with scopes_disabled():
        line.refresh_from_db()
        assert line.original_amount == 2000 + saved[0]
        assert line.version == 2
        events = list(AuditEvent.objects.filter(action="budget_line.updated", object_id=line.pk))
    assert len(events) == 1
    assert events[0].changes["original_amount"] == {"från": 1000, "till": 2000 + saved[0]}


def test_ten_parallel_edits_that_retry_on_the_current_version_are_all_saved_in_a_chain(
    world, live_server
):
    """Each refused browser saves again on the version its conflict page carries (what a person
    does after reading the conflict): all ten edits go in, one after another, and the audit log
    holds ten rows whose old values are the previous rows' new values."""
    line = _budget_line(world)
    path = f"/f/alfa/budget/2025/rader/{line.pk}/"
    browsers = [Browser(live_server.url, world.users["ekonom"]) for _ in range(PARALLEL)]

    def edit_until_saved(i, barrier):
        page = browsers[i].get(path)
        barrier.wait()
        for attempt in range(PARALLEL * 3):
            answer = browsers[i].post(path, _line_fields(page.body, 5000 + i))
            if answer.status == 302:
                return attempt
            assert answer.status == 200 and STALE in answer.body, answer.body[:500]
            page = answer  # the conflict page carries the current version
        raise AssertionError("never saved")

    _all_at_once(edit_until_saved)
    with scopes_disabled():
        line.refresh_from_db()
        events = list(
            AuditEvent.objects.filter(action="budget_line.updated", object_id=line.pk).order_by(
                "id"
            )
        )
    assert line.version == 1 + PARALLEL
    assert len(events) == PARALLEL
    chain = [event.changes["original_amount"] for event in events]
    assert chain[0]["från"] == 1000
    for earlier, later in itertools.pairwise(chain):
        assert later["från"] == earlier["till"]
    assert {change["till"] for change in chain} == {5000 + i for i in range(PARALLEL)}
    assert line.original_amount == chain[-1]["till"]


# --- Ten confirmations of one participant file ------------------------------------------

ROWS = 300


def _participant_file(kommun: str) -> bytes:
    return csv_bytes(
        [
            row(deltagar_id=f"ALFA-{n:04d}", kommun=kommun, startdatum="2023-02-01")
            for n in range(ROWS)
        ]
    )


def _upload_and_confirm_in_parallel(world, live_server, data: bytes) -> list[Answer]:
    browsers = [Browser(live_server.url, world.users["kansli"]) for _ in range(PARALLEL)]

    def upload_then_confirm(i, barrier):
        checked = browsers[i].post(
            "/f/alfa/deltaganden/importera/", {}, files={"file": ("deltagare.csv", data)}
        )
        assert checked.status == 200, checked.body[:500]
        token = _hidden(checked.body, "token")
        barrier.wait()
        return browsers[i].post("/f/alfa/deltaganden/importera/bekrafta/", {"token": token})

    return _all_at_once(upload_then_confirm)


def _participations(world) -> int:
    with scopes_disabled():
        return Participation.objects.filter(forbund=world.a, insats=world.insats_a1).count()


def test_ten_parallel_confirmations_of_one_file_import_it_once_without_server_errors(
    world, live_server
):
    before = _participations(world)
    answers = _upload_and_confirm_in_parallel(world, live_server, _participant_file("Täby"))
    assert [a.status for a in answers if a.status >= 500] == []
    assert all(a.status in (200, 302) for a in answers)
    busy = [a for a in answers if a.status == 200]
    assert all("En annan import pågår" in a.body for a in busy)
    assert _participations(world) == before + ROWS
    with scopes_disabled():
        imports = [
            event.changes
            for event in AuditEvent.objects.filter(
                forbund=world.a, action="participations.imported"
            )
        ]
    # One import created the rows; any that ran after it found them there.
    assert [changes["nya"] for changes in imports if changes["nya"]] == [ROWS]
    assert all(changes["ändrade"] == 0 for changes in imports)


def test_ten_parallel_update_imports_log_only_the_changes_really_made(world, live_server):
    from participants.services import import_participants

    with scopes_disabled():
        first = import_participants(world.a, _participant_file("Täby"), "deltagare.csv")
    assert first.created == ROWS
    answers = _upload_and_confirm_in_parallel(world, live_server, _participant_file("Vallentuna"))
    assert [a.status for a in answers if a.status >= 500] == []
    with scopes_disabled():
        changed = AuditEvent.objects.filter(forbund=world.a, action="participation.updated")
        municipalities = set(
            Participation.objects.filter(forbund=world.a, participant__code__startswith="ALFA-")
            .values_list("municipality", flat=True)
            .distinct()
        )
    assert municipalities == {"Vallentuna"}
    # 300 rows changed once: 300 change events, not one per import that ran.
    assert changed.count() == ROWS
    assert changed.values("object_id").distinct().count() == ROWS


# --- Ten confirmations of one SIE file ---------------------------------------------------


def test_ten_parallel_confirmations_of_one_sie_file_import_it_once(world, live_server):
    from economy.models import FinancialYear

    upload = world.extra["sie_upload_alfa"]
    path = f"/f/alfa/ekonomi/sie/{upload.pk}/"
    with scopes_disabled():
        years_before = FinancialYear.objects.filter(forbund=world.a).count()
        imports_before = AuditEvent.objects.filter(action="economy.sie_imported").count()
    browsers = [Browser(live_server.url, world.users["ekonom"]) for _ in range(PARALLEL)]

    def confirm(i, barrier):
        assert browsers[i].get(path).status == 200
        barrier.wait()
        return browsers[i].post(path, {"confirm": ""})

    answers = _all_at_once(confirm)
    assert [a.status for a in answers if a.status >= 500] == []
    assert all(a.status in (200, 302) for a in answers)
    with scopes_disabled():
        assert FinancialYear.objects.filter(forbund=world.a).count() == years_before + 1
        imported = AuditEvent.objects.filter(action="economy.sie_imported").count()
        assert imported == imports_before + 1
