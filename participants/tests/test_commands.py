"""The commands of docs/format/kommandon.md: import_interventions, import_participants,
export_participants. Exit status, messages on stderr, files on disk."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scope

from participants.models import Insats, Participation
from samples.participant_rows import HEADER, csv_bytes, row, xlsx_bytes


def call(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def participations(world) -> int:
    with scope(forbund=world.a):
        return Participation.objects.count()


def test_import_interventions_registers_insatser(world, tmp_path):
    path = tmp_path / "insatser.csv"
    path.write_bytes(
        csv_bytes(
            [{"kod": "FT", "namn": "FINSAM-team", "typ": "individinriktad"}],
            header=["kod", "namn", "typ", "startdatum", "slutdatum"],
        )
    )
    out, _ = call("import_interventions", "--forbund", "alfa", str(path))
    assert "1 nya insatser" in out
    with scope(forbund=world.a):
        assert Insats.objects.filter(code="FT").exists()


def test_import_participants_writes_and_reports(world, tmp_path):
    path = tmp_path / "deltagare.xlsx"
    path.write_bytes(xlsx_bytes([row(), row(deltagar_id="ALFA-002")]))
    before = participations(world)
    out, _ = call("import_participants", "--forbund", "alfa", str(path))
    assert "2 nya deltaganden" in out
    assert participations(world) == before + 2


def test_import_participants_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "deltagare.csv"
    path.write_bytes(csv_bytes([row()]))
    before = participations(world)
    out, _ = call("import_participants", "--forbund", "alfa", str(path), "--dry-run")
    assert "Provkörning" in out and "1 nya deltaganden" in out
    assert participations(world) == before


def test_a_bad_file_exits_non_zero_with_every_error_on_stderr(world, tmp_path):
    path = tmp_path / "deltagare.csv"
    path.write_bytes(csv_bytes([row(insats="X9"), row(deltagar_id="850101-1234")]))
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_participants", "--forbund", "alfa", str(path), stderr=err)
    assert "2 fel" in str(raised.value) and "Inget har sparats" in str(raised.value)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Rad 2, kolumn insats, värde ”X9”: ")
    assert lines[1].startswith("Rad 3, kolumn deltagar_id, värde ”850101-1234”: ")


def test_an_unknown_forbund_is_an_error(tmp_path, db):
    path = tmp_path / "deltagare.csv"
    path.write_bytes(csv_bytes([row()]))
    with pytest.raises(CommandError, match="inget förbund"):
        call("import_participants", "--forbund", "finns-inte", str(path))


def test_a_missing_file_is_an_error(world, tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        call("import_participants", "--forbund", "alfa", str(tmp_path / "saknas.csv"))


def test_a_large_file_shows_a_progress_bar_on_stderr(world, tmp_path):
    rows = [row(deltagar_id=f"P-{i}", avslutsorsak="", slutdatum="") for i in range(6000)]
    path = tmp_path / "deltagare.csv"
    path.write_bytes(csv_bytes(rows))
    out, err = call("import_participants", "--forbund", "alfa", str(path), "--dry-run")
    assert "6000 nya deltaganden" in out
    assert "Kontrollerar" in err and "6000/6000" in err


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_participants_writes_a_file_that_imports_unchanged(world, tmp_path, suffix):
    source = tmp_path / "in.csv"
    source.write_bytes(csv_bytes([row(), row(deltagar_id="ALFA-002", insats="A2")]))
    call("import_participants", "--forbund", "alfa", str(source))
    target = tmp_path / f"export.{suffix}"
    out, _ = call("export_participants", "--forbund", "alfa", "-o", str(target))
    assert target.exists() and str(target) in out
    again, _ = call("import_participants", "--forbund", "alfa", str(target))
    assert "0 nya deltaganden, 0 ändrade, 4 oförändrade" in again


def test_export_participants_with_year(world, tmp_path):
    target = tmp_path / "export.csv"
    call("export_participants", "--forbund", "alfa", "--year", "2019", "-o", str(target))
    assert target.read_bytes().decode("utf-8-sig").splitlines() == [";".join(HEADER)]


def test_export_participants_refuses_an_unknown_format(world, tmp_path):
    with pytest.raises(CommandError, match=r"\.xlsx eller \.csv"):
        call("export_participants", "--forbund", "alfa", "-o", str(tmp_path / "export.pdf"))
