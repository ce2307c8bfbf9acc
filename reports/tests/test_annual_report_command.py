"""`manage.py annual_report --forbund SLUG --year YYYY -o FILE.docx|FILE.pdf`."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

REPO = Path(__file__).resolve().parents[2]


def test_the_command_writes_a_pdf_and_a_docx(world, tmp_path):
    for name in ("arsredovisning.pdf", "ARSREDOVISNING.DOCX"):
        target = tmp_path / name
        out = io.StringIO()
        call_command(
            "annual_report", "--forbund", "alfa", "--year", "2024", "-o", str(target), stdout=out
        )
        assert target.exists()
        assert "Skrev" in out.getvalue()
    assert (tmp_path / "arsredovisning.pdf").read_bytes().startswith(b"%PDF")
    document = docx.Document(str(tmp_path / "ARSREDOVISNING.DOCX"))
    assert any(p.text == "1 Förvaltningsberättelse" for p in document.paragraphs)


def test_an_unknown_forbund_is_a_swedish_error(world, tmp_path):
    with pytest.raises(CommandError, match="inget förbund med kortnamnet ”finns-inte”"):
        call_command(
            "annual_report",
            "--forbund",
            "finns-inte",
            "--year",
            "2024",
            "-o",
            str(tmp_path / "a.pdf"),
        )
    assert not (tmp_path / "a.pdf").exists()


def test_an_adopted_version_that_does_not_exist_is_an_error(world, tmp_path):
    with pytest.raises(CommandError, match="ingen fastställd version 3"):
        call_command(
            "annual_report",
            "--forbund",
            "alfa",
            "--year",
            "2024",
            "-o",
            str(tmp_path / "a.pdf"),
            "--faststalld-version",
            "3",
        )


def test_a_bad_extension_exits_non_zero_with_a_swedish_message(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own manage.py with our own arguments
        [
            sys.executable,
            str(REPO / "manage.py"),
            "annual_report",
            "--forbund",
            "alfa",
            "--year",
            "2024",
            "-o",
            str(tmp_path / "rapport.odt"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode != 0
    assert "kan skrivas som .docx eller .pdf" in result.stderr
    assert not (tmp_path / "rapport.odt").exists()
