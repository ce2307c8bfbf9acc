"""Reading generated reports back in tests: pdftotext, python-docx, LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from core.formatting import MINUS, NBSP

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) är inte installerat"
)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) är inte installerat"
)


def normalise(text: str) -> str:
    """No-break spaces as spaces, the minus sign as a hyphen: compare plain text."""
    return text.replace(NBSP, " ").replace("\u202f", " ").replace(MINUS, "-")


def run_tool(name: str, *args: str, timeout: int = 60) -> str:
    executable = shutil.which(name)
    assert executable is not None, f"{name} saknas"
    result = subprocess.run(  # noqa: S603  (a fixed tool; arguments are our own temp paths)
        [executable, *args], check=True, capture_output=True, text=True, timeout=timeout
    )
    return result.stdout


def pdf_text(pdf: bytes, tmp_path: Path, name: str = "out.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return normalise(run_tool("pdftotext", "-layout", str(path), "-"))


def docx_text(content: bytes) -> str:
    """Paragraphs and table cells of a DOCX, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return normalise("\n".join(lines))


def docx_to_pdf(content: bytes, tmp_path: Path) -> bytes:
    """Convert with LibreOffice headless, in its own profile (parallel runs)."""
    source = tmp_path / "rapport.docx"
    source.write_bytes(content)
    profile = tmp_path / "lo-profile"
    run_tool(
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
        timeout=240,
    )
    return (tmp_path / "rapport.pdf").read_bytes()


def row_pattern(*cells: object) -> re.Pattern[str]:
    """A table row as pdftotext -layout prints it: the cells in order, spaces between."""
    parts = [re.escape(normalise(str(cell))) for cell in cells]
    return re.compile(r"\s+".join(parts))


def toc_entries(page_text: str) -> dict[str, int]:
    pattern = r"^\s*(\S.*?)\s?[ .]{3,}\s*(\d+)\s*$"
    return {title: int(page) for title, page in re.findall(pattern, page_text, re.MULTILINE)}
