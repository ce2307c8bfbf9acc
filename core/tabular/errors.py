"""Problems in a file, told in Swedish with row, column, value and reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CellError:
    """One problem in a file: where it is (Excel row, column), what was there, and why."""

    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("rad %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("kolumn %(column)s") % {"column": self.column})
        if self.value:
            where.append(_("värde ”%(value)s”") % {"value": self.value})
        prefix = ", ".join(where)
        prefix = prefix[:1].upper() + prefix[1:]
        return f"{prefix}: {self.reason}" if prefix else self.reason


class TabularError(Exception):
    """The file cannot be read as a table at all (wrong format, no header…)."""

    def __init__(self, errors: Sequence[CellError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


class ValueProblem(ValueError):
    """Raised by a parser: the Swedish reason why a cell value is not acceptable."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)
