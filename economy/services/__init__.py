"""The economy app's public API (other apps, commands and views import from here).

Books
    import_sie(forbund, source, user=None, *, file_name="") -> ImportResult
    preview_sie(forbund, data, file_name="") -> SiePreview          (writes nothing)
    SieImportError(problems: list[str])

Statements (docs/format/sie-och-bokslut.md); every function raises NoBooksError when no
financial year ends in `year`
    financial_statements(forbund, year) -> dict          the spec's document, Decimal figures
    statements_json(document) -> str                     as the command prints it
    statements_for(forbund, year) -> (YearStatements, YearStatements | None)
    consistency_warnings(YearStatements) -> list[str]
    statements_until(forbund, year, until) -> dict       RR to `until` and BR at `until`

Driftredovisning, checks and the five-year overview
    operating_statement(forbund, year, until=None) -> OperatingStatement   (.rows, .as_dict())
    run_checks(forbund, year) -> list[CheckResult]                          (.as_dict())
    five_year_overview(forbund, year, years=5) -> list[dict]                newest first
"""

from .checks import CheckResult, run_checks
from .operating import OperatingRow, OperatingStatement, operating_statement
from .overview import five_year_overview
from .sie_import import ImportResult, SieImportError, SiePreview, import_sie, preview_sie
from .statements import (
    NoBooksError,
    YearStatements,
    consistency_warnings,
    financial_statements,
    statements_for,
    statements_json,
    statements_until,
)

__all__ = [
    "CheckResult",
    "ImportResult",
    "NoBooksError",
    "OperatingRow",
    "OperatingStatement",
    "SieImportError",
    "SiePreview",
    "YearStatements",
    "consistency_warnings",
    "financial_statements",
    "five_year_overview",
    "import_sie",
    "operating_statement",
    "preview_sie",
    "run_checks",
    "statements_for",
    "statements_json",
    "statements_until",
]
