"""The export registry: every file the system hands out as CSV or XLSX.

An exporter (after pretix's exporters, registered explicitly rather than by signals) has a
name, a Swedish title and yields its tables as `Sheet`s of headers and rows; CSV and XLSX
both come from the one writer (writing.py). A workbook with several sheets is an exporter
yielding several sheets; CSV holds the first.

    @register
    class BudgetExporter(Exporter):
        name = "budget"
        title = gettext_lazy("Budget")
        formats = ("xlsx",)

        def __init__(self, budget): ...
        def sheets(self): yield Sheet("Budget", HEADERS, rows)

    BudgetExporter(budget).render("xlsx") -> bytes
    get_exporter("budget")                  # the class, for menus and commands
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import IO, Any, ClassVar

from .writing import Sheet, write_csv, write_workbook

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class Exporter:
    """One export: its tables come from `sheets()`; the formats are written from them."""

    name: ClassVar[str]
    title: ClassVar[Any]  # Swedish, lazily translated
    formats: ClassVar[tuple[str, ...]] = ("xlsx", "csv")

    def sheets(self) -> Iterable[Sheet]:
        raise NotImplementedError

    def write(self, out: IO[bytes], file_format: str) -> None:
        if file_format not in self.formats:
            raise ValueError(f"Unknown format {file_format!r}")
        if file_format == "xlsx":
            write_workbook(self.sheets(), out)
        else:
            first = next(iter(self.sheets()))
            write_csv(first.headers, first.rows, out)

    def render(self, file_format: str) -> bytes:
        out = io.BytesIO()
        self.write(out, file_format)
        return out.getvalue()


_REGISTRY: dict[str, type[Exporter]] = {}


def register(exporter: type[Exporter]) -> type[Exporter]:
    """Add an exporter class to the registry (used as a class decorator)."""
    if _REGISTRY.get(exporter.name, exporter) is not exporter:
        raise ValueError(f"Two exporters are named {exporter.name!r}")
    _REGISTRY[exporter.name] = exporter
    return exporter


def get_exporter(name: str) -> type[Exporter]:
    return _REGISTRY[name]


def registered() -> list[type[Exporter]]:
    """Every registered exporter, by name."""
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]
