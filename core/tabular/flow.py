"""The steps every file import takes, written once.

    read the file → check the header row → check every row (collecting every CellError) →
    plan what to write → write it all in one transaction, or nothing when anything is wrong
    (planning and writing hold the förbund's import lock of the kind: core/locks.py)

An import is a subclass naming its columns and filling in the steps that are its own:

    class InsatsImport(ImportFlow):
        def columns(self): return INSATS_COLUMNS
        def check_row(self, row, values, errors): ...  # the values to keep, or None
        def plan(self, items, result): ...              # compare with what is stored
        def write(self, plan, result): ...              # runs inside transaction.atomic

    result = InsatsImport().run(file, "insatser.xlsx")  # an ImportResult

Callers that want an exception instead call `result.raise_errors(SomeImportError)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from django.db import transaction

from core.locks import ImportBusy, import_lock

from .columns import Column, RowParser, check_headers
from .errors import CellError, TabularError
from .reading import FileLike, Row, read_table


class ImportRefused(Exception):
    """The file was refused as a whole; nothing was saved. `errors` says why."""

    def __init__(self, errors: Sequence[CellError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


@dataclass
class ImportResult:
    """What an import found and did: every problem, the warnings, and the counts.

    Imports subclass it for counts of their own (new participants, rows per year…).
    """

    filename: str = ""
    # What the audit log may keep of the file (core.audit.file_facts: type, size, SHA-256
    # start; never the name).
    file: dict[str, Any] = field(default_factory=dict)
    dry_run: bool = False
    rows: int = 0  # data rows in the file
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    busy: bool = False  # refused only because another import of the kind was being written

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def raise_errors(self, refused: type[ImportRefused] = ImportRefused) -> None:
        if self.errors:
            raise refused(self.errors)


Result = TypeVar("Result", bound=ImportResult)


def errors_of(row: Row, errors: list[CellError]) -> list[CellError]:
    """The errors found so far in `row`: those at the end of `errors` with its number."""
    start = len(errors)
    while start and errors[start - 1].row == row.number:
        start -= 1
    return errors[start:]


class ImportFlow(Generic[Result]):
    """One import: `run` takes the steps in order and stops at the first step with errors."""

    result_class: ClassVar[type[ImportResult]] = ImportResult
    # The reason given for a file without data rows; None: an empty file imports nothing.
    empty_file_reason: ClassVar[Any] = None  # a (lazy) Swedish text
    progress_step: ClassVar[int] = 1000

    def __init__(self, progress: Callable[[int, int], None] | None = None):
        self.progress = progress  # progress(rows checked, rows) while rows are checked
        self.sources: dict[str, str] = {}  # column name -> key of its cells in Row.cells

    # --- The steps of an import (override) ---------------------------------------------

    def columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def prepare(self, result: Result) -> None:
        """Once the header row is right, before the rows are checked (look-ups, access)."""

    def check_row(self, row: Row, values: dict[str, Any], errors: list[CellError]) -> Any:
        """Checks beyond the columns' own; appends to `errors` (`errors_of(row, errors)`
        are the row's so far). Returns what to keep of the row (kept only when the row has
        no errors at all), or None."""
        return values

    def plan(self, items: list[Any], result: Result) -> Any:
        """What to write, from the rows kept (may add errors: then nothing is written)."""
        return items

    def write(self, plan: Any, result: Result) -> None:
        raise NotImplementedError

    # --- The flow ------------------------------------------------------------------------

    def run(self, file: FileLike, filename: str, *, dry_run: bool = False) -> Result:
        result: Result = self.result_class(filename=filename, dry_run=dry_run)  # type: ignore[assignment]
        from ..audit import file_facts  # here: core.tabular is importable before django.setup()

        result.file = file_facts(filename, file)  # for the audit log: never the name
        try:
            table = read_table(file, filename)
        except TabularError as error:
            result.errors.extend(error.errors)
            return result
        result.rows = len(table.rows)
        result.warnings.extend(table.warnings)
        columns = self.columns()
        headers = check_headers(table, columns)
        result.warnings.extend(headers.warnings)
        if headers.errors:
            result.errors.extend(headers.errors)
            return result
        self.sources = headers.sources
        self.prepare(result)
        items = self._check_rows(table.rows, columns, result.errors)
        if not result.errors and not items and self.empty_file_reason is not None:
            result.errors.append(CellError(None, "", "", str(self.empty_file_reason)))
        if result.errors:
            return result
        if dry_run:
            self.plan(items, result)
            return result
        # Compared with what is stored and written under the import lock: a concurrent import
        # of the same kind for the förbund is refused at once rather than racing this one.
        try:
            with transaction.atomic(), import_lock(self.lock_scope(), self.lock_kind()):
                plan = self.plan(items, result)
                if not result.errors:
                    self.write(plan, result)
        except ImportBusy as busy:
            result.busy = True
            result.errors.append(CellError(None, "", "", str(busy)))
        return result

    def lock_scope(self) -> Any:
        """The förbund whose imports of this kind run one at a time (None: all)."""
        return getattr(self, "forbund", None)

    def lock_kind(self) -> str:
        return type(self).__name__

    def _check_rows(
        self, rows: list[Row], columns: Sequence[Column], errors: list[CellError]
    ) -> list[Any]:
        parse = RowParser(columns, self.sources)
        check, progress, step = self.check_row, self.progress, self.progress_step
        total = len(rows)
        items = []
        for index, row in enumerate(rows, start=1):
            if progress is not None and index % step == 0:
                progress(index, total)
            before = len(errors)
            item = check(row, parse(row, errors), errors)
            if item is not None and len(errors) == before:
                items.append(item)
        if progress is not None:
            progress(total, total)
        return items
