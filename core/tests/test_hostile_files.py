"""The hostile corpus (core/tests/hostile) through every importer: services, web uploads and
commands. Whatever the file: no exception escapes, a refused file gets a Swedish message, and
nothing is written (every table counted before and after).

Files marked `big` (a zip bomb, a million rows) go through the reader and one service only;
the memory and time they take are measured by bench/bench_hostile.py.
"""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from budget.services.contributions import PopulationImportError, import_populations
from budget.services.ideal_import import IdealImportError, import_allocation_inputs
from budget.services.transfer import BudgetImportError, import_budget
from core import limits
from core.models import Job
from core.tabular import ImportRefused, TabularError, read_table
from core.tests.hostile import (
    Case,
    is_swedish,
    row_counts,
    sie_cases,
    tabular_cases,
    with_allocation_round,
)
from economy.services import SieImportError, import_sie, preview_sie
from organisations.models import User
from participants.services import import_interventions, import_participants

TABULAR = tabular_cases()
SIE = sie_cases()
SMALL_TABULAR = [case for case in TABULAR if not case.big]
SMALL_SIE = [case for case in SIE if not case.big]


class Findings:
    """Every way a case went wrong, collected so one test reports all files at once."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, label: str, case: Case, run: Callable[[bytes], list[str] | None]) -> None:
        """`run` returns the refusal messages, or None when the file was accepted."""
        data = case.data()
        before = row_counts()
        try:
            with transaction.atomic():
                messages = run(data)
        except Exception as error:
            self.problems.append(f"{label} {case}: {type(error).__name__}: {str(error)[:200]}")
            return
        if messages is None:
            if case.refused:
                self.problems.append(f"{label} {case}: accepted, should be refused")
            return
        if not messages or not all(is_swedish(message) for message in messages):
            self.problems.append(f"{label} {case}: no Swedish message: {messages[:3]}")
        after = row_counts()
        changed = {
            table: (before[table], after[table])
            for table in before
            if before[table] != after[table]
        }
        if changed:
            self.problems.append(f"{label} {case}: refused but wrote {changed}")

    def assert_none(self) -> None:
        assert self.problems == [], "\n".join(self.problems)


def _messages(errors) -> list[str] | None:
    return [str(error) for error in errors] if errors else None


def _refusal(call: Callable[[], object], refused: type[Exception]) -> list[str] | None:
    try:
        call()
    except refused as error:
        problems = getattr(error, "errors", None) or getattr(error, "problems", None) or [error]
        return [str(problem) for problem in problems]
    return None


# --- Services ----------------------------------------------------------------------------------


def tabular_services(world) -> dict[str, Callable[[Case], Callable[[bytes], list[str] | None]]]:
    forbund, user = world.a, world.users["kansli"]
    with_allocation_round()
    return {
        "deltagare": lambda case: (
            lambda data: _messages(import_participants(forbund, data, case.filename, user).errors)
        ),
        "deltagare-provkörning": lambda case: (
            lambda data: _messages(
                import_participants(forbund, data, case.filename, None, dry_run=True).errors
            )
        ),
        "insatser": lambda case: (
            lambda data: _messages(import_interventions(forbund, data, case.filename, user).errors)
        ),
        "befolkning": lambda case: (
            lambda data: _refusal(
                lambda: import_populations(forbund, data, case.filename, user),
                PopulationImportError,
            )
        ),
        "budget": lambda case: (
            lambda data: _refusal(
                lambda: import_budget(forbund, 2024, data, case.filename, user), BudgetImportError
            )
        ),
        "idealfördelning": lambda case: (
            lambda data: _refusal(
                lambda: import_allocation_inputs(data, case.filename, user), IdealImportError
            )
        ),
    }


def test_every_tabular_importer_refuses_or_reads_every_hostile_file(world):
    findings = Findings()
    for label, runner in tabular_services(world).items():
        with scope(forbund=world.a):
            for case in SMALL_TABULAR:
                findings.check(label, case, runner(case))
    findings.assert_none()


def test_big_hostile_files_are_refused_by_the_reader_and_the_participant_import(world, monkeypatch):
    # Lower row and string limits: the files are refused at the same place, sooner.
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)
    monkeypatch.setattr(limits, "XLSX_MAX_SHARED_STRINGS", 1000)
    findings = Findings()
    participants = tabular_services(world)["deltagare"]
    for case in (case for case in TABULAR if case.big):
        findings.check(
            "reader",
            case,
            lambda data, case=case: _refusal(lambda: read_table(data, case.filename), TabularError),
        )
        findings.check("deltagare", case, participants(case))
    findings.assert_none()


def test_sie_import_and_preview_refuse_or_read_every_hostile_file(world, monkeypatch):
    findings = Findings()
    forbund, user = world.a, world.users["ekonom"]

    def preview_then_import(data: bytes) -> list[str] | None:
        refused = _refusal(lambda: preview_sie(forbund, data, "bok.se"), SieImportError)
        if refused is not None:
            # What the preview refuses, the import must refuse too (and write nothing).
            assert _refusal(lambda: import_sie(forbund, data, user), SieImportError) is not None
            return refused
        return _refusal(lambda: import_sie(forbund, data, user), SieImportError)

    monkeypatch.setattr(limits, "SIE_MAX_LINES", 10_000)
    for case in SIE:
        findings.check("sie", case, preview_then_import)
    findings.assert_none()


# --- Web uploads ---------------------------------------------------------------------------------


def _upload(client: Client, url: str, case: Case, data: bytes, extra=None):
    return client.post(url, {"file": SimpleUploadedFile(case.filename, data), **(extra or {})})


def _page_refusal(response) -> list[str] | None:
    """The messages of a page that refused the file (status 200, form errors shown)."""
    assert response.status_code < 500, response.status_code
    if response.status_code != 200:
        return None  # redirected: accepted
    text = response.content.decode()
    if "errorlist" in text or "import-errors" in text or "fel" in text.lower():
        return [text]
    return None


def _job_outcome(response, capture) -> list[str] | None:
    """Run the job an upload started (the callbacks `capture` kept) and return its Swedish
    error, or None when it succeeded. A crash inside the job (the general error) is a
    finding. The job's own row goes: it records the refusal, it is not data written."""
    for callback in capture:
        callback()
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    with scopes_disabled():
        job = Job.objects.get(pk=job_id)
        job.delete()
    if job.state == Job.State.DONE:
        return None
    assert job.state == Job.State.FAILED, job.state
    assert not job.error.startswith("Något gick fel"), job.error
    return [job.error]


def test_web_uploads_answer_every_hostile_file_with_a_page_not_an_error(
    world, clients, django_capture_on_commit_callbacks
):
    findings = Findings()
    slug = world.a.slug
    kansli = clients["kansli"]
    participants_url = reverse("participants:import", kwargs={"forbund": slug})
    population_url = reverse("budget:population_import", kwargs={"forbund": slug})
    budget_url = reverse("budget:budget_import", kwargs={"forbund": slug, "year": 2024})

    def participant_upload(case: Case):
        def run(data: bytes) -> list[str] | None:
            response = _upload(kansli, participants_url, case, data)
            assert response.status_code == 200, response.status_code
            result = response.context.get("result")
            if result is None:  # the form refused the file itself
                return [str(e) for e in response.context["form"].errors.get("file", [])] or None
            return _messages(result.errors)

        return run

    def page_upload(url: str, case: Case):
        def run(data: bytes) -> list[str] | None:
            response = _upload(kansli, url, case, data)
            assert response.status_code in (200, 302), response.status_code
            if response.status_code == 302:
                return None
            errors = response.context.get("import_errors") or []
            form_errors = response.context["form"].errors.get("file", [])
            return [str(e) for e in [*errors, *form_errors]] or ["(sidan visades igen)"]

        return run

    def budget_upload(case: Case):
        """The page checks the form and starts a job that reads the file (budget/jobs.py)."""

        def run(data: bytes) -> list[str] | None:
            with django_capture_on_commit_callbacks(execute=False) as capture:
                response = _upload(kansli, budget_url, case, data)
            assert response.status_code in (200, 302), response.status_code
            if response.status_code == 302:
                return _job_outcome(response, capture)
            form_errors = response.context["form"].errors.get("file", [])
            return [str(e) for e in form_errors] or ["(sidan visades igen)"]

        return run

    admin = Client()
    admin.force_login(
        User.objects.create_superuser("admin-hostile", "a@example.invalid", "Lösen-för-test-1")
    )
    ideal_url = reverse("admin:budget_allocation_import")

    def admin_upload(case: Case):
        def run(data: bytes) -> list[str] | None:
            response = _upload(admin, ideal_url, case, data)
            assert response.status_code in (200, 302), response.status_code
            if response.status_code == 302:
                return None
            errors = response.context.get("import_errors") or []
            form_errors = response.context["form"].errors.get("file", [])
            return [str(e) for e in [*errors, *form_errors]] or ["(sidan visades igen)"]

        return run

    for case in SMALL_TABULAR:
        findings.check("webb idealfördelning", case, admin_upload(case))
        findings.check("webb deltagare", case, participant_upload(case))
        findings.check("webb befolkning", case, page_upload(population_url, case))
        findings.check("webb budget", case, budget_upload(case))
    findings.assert_none()


def test_sie_web_upload_and_confirm_never_answer_500(
    world, clients, django_capture_on_commit_callbacks
):
    findings = Findings()
    slug = world.a.slug
    client = clients["ekonom"]
    url = reverse("economy:upload", kwargs={"forbund": slug})

    def run(case: Case):
        def upload(data: bytes) -> list[str] | None:
            response = _upload(client, url, case, data)
            assert response.status_code in (200, 302), response.status_code
            if response.status_code == 200:
                problems = response.context.get("problems") or []
                form_errors = response.context["form"].errors.get("file", [])
                return [str(p) for p in [*problems, *form_errors]] or ["(sidan visades igen)"]
            confirm = client.get(response["Location"])
            assert confirm.status_code == 200, confirm.status_code
            with django_capture_on_commit_callbacks(execute=False) as capture:
                done = client.post(response["Location"], {"confirm": "1"})
            assert done.status_code == 302, done.status_code  # to the job (economy/jobs.py)
            return _job_outcome(done, capture)

        return upload

    for case in SMALL_SIE:
        findings.check("webb sie", case, run(case))
    findings.assert_none()


def test_an_upload_over_the_size_limit_is_a_form_error(world, clients, monkeypatch):
    monkeypatch.setattr(limits, "TABULAR_MAX_BYTES", 1000)
    url = reverse("participants:import", kwargs={"forbund": world.a.slug})
    before = row_counts()
    response = clients["kansli"].post(
        url, {"file": SimpleUploadedFile("deltagare.csv", b"deltagar_id;insats\n" * 100)}
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["file"]
    assert message.startswith("Filen är ") and "högst" in message
    assert row_counts() == before


def test_a_sie_upload_over_the_size_limit_is_a_form_error(world, clients, monkeypatch):
    monkeypatch.setattr(limits, "SIE_MAX_BYTES", 1000)
    url = reverse("economy:upload", kwargs={"forbund": world.a.slug})
    response = clients["ekonom"].post(
        url, {"file": SimpleUploadedFile("bok.se", b"#FLAGGA 0\n" * 200)}
    )
    assert response.status_code == 200
    assert "högst" in response.context["form"].errors["file"][0]


# --- Commands ----------------------------------------------------------------------------------


def test_import_commands_end_with_a_swedish_error_for_every_hostile_file(world, tmp_path):
    findings = Findings()
    slug = world.a.slug

    def command(name: str, case: Case):
        def run(data: bytes) -> list[str] | None:
            path = tmp_path / case.filename
            path.write_bytes(data)
            stderr = io.StringIO()
            try:
                call_command(
                    name, "--forbund", slug, str(path), stderr=stderr, stdout=io.StringIO()
                )
            except CommandError as error:
                assert "fel" in str(error) or "inget" in str(error), str(error)
                return [stderr.getvalue() or str(error)]
            return None

        return run

    for case in SMALL_TABULAR:
        findings.check("import_participants", case, command("import_participants", case))
        findings.check("import_interventions", case, command("import_interventions", case))
    for case in SMALL_SIE:
        findings.check("import_sie", case, command("import_sie", case))
    findings.assert_none()


# --- Regressions named in issue 12 ---------------------------------------------------------------


def test_an_exported_empty_participant_file_imports_cleanly(world):
    from organisations.models import Forbund
    from participants.services import write_participants

    empty = Forbund.objects.create(slug="tom", name="Förbund utan deltagare")
    with scope(forbund=empty):
        out = io.BytesIO()
        write_participants(empty, out, "xlsx", None, None)
        csv_out = io.BytesIO()
        write_participants(empty, csv_out, "csv", None, None)
    for data, name in ((out.getvalue(), "deltagare.xlsx"), (csv_out.getvalue(), "deltagare.csv")):
        result = import_participants(world.a, data, name, None)
        assert result.ok, result.errors
        assert (result.rows, result.created) == (0, 0)


def test_zzzzzz2_allocates_nothing_for_the_far_column():
    from core.tests.hostile import HEADER, sheet_xml, xlsx

    data = xlsx(sheet_xml(HEADER + '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>'))
    tracemalloc.start()
    try:
        table = read_table(data, "deltagare.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert table.rows == []
    assert peak < 20 * limits.MB


@pytest.mark.parametrize(
    "name",
    [
        "xlsx-zip-bomb",
        "xlsx-zip-bomb-ratio",
        "xlsx-zip-bomb-lying-sizes",
        "xlsx-long-shared-string",
        "csv-10-mb-line",
        "csv-200000-fields-in-a-row",
    ],
)
def test_hostile_files_are_refused_with_bounded_python_memory(name):
    # tracemalloc sees Python's allocations (zipfile's output, lists, strings), not libxml2's;
    # bench/bench_hostile.py measures the whole process.
    case = next(case for case in TABULAR if case.name == name)
    data = case.data()
    tracemalloc.start()
    try:
        with pytest.raises(TabularError):
            read_table(data, case.filename)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * len(data) + 20 * limits.MB, peak


def test_a_csv_field_over_128_kib_is_a_swedish_row_error():
    with pytest.raises(TabularError) as refused:
        read_table(b"a;b\n1;" + b"x" * (200 * 1024) + b"\n", "x.csv")
    [error] = refused.value.errors
    assert error.row == 2
    assert "32 767 tecken" in error.reason


def test_doctype_and_entities_in_xlsx_are_refused():
    from core.tests.hostile import BILLION_LAUGHS, HEADER, sheet_xml, xlsx

    with pytest.raises(TabularError) as refused:
        read_table(xlsx(sheet_xml(HEADER, BILLION_LAUGHS)), "x.xlsx")
    assert "DOCTYPE" in str(refused.value)


@contextmanager
def _no_exception():
    yield


def test_sie_amounts_of_10_16_are_refused_by_the_preview_like_the_import(world):
    from core.tests.hostile import SIE_HEAD, _voucher

    for body in (
        _voucher(1, "10000000000000000.00"),
        _voucher(1, "9000000000000000.00") + _voucher(2, "9000000000000000.00"),
    ):
        data = (SIE_HEAD + body).encode()
        with pytest.raises(SieImportError) as preview:
            preview_sie(world.a, data)
        assert "för stort" in "\n".join(preview.value.problems)
        with pytest.raises(SieImportError):
            import_sie(world.a, data)
    # Just below the limit is fine.
    preview_sie(world.a, (SIE_HEAD + _voucher(1, "9999999999999999.99")).encode())


def test_import_refused_is_the_flow_exception():
    # Importers that raise (budget, population, ideal) raise ImportRefused subclasses.
    assert issubclass(BudgetImportError, ImportRefused)
