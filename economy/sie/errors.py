"""Problems found while reading a SIE file, and the one exception the reader raises."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, tied to a line of the file (1-based; 0 when it concerns the whole file)."""

    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"Rad {self.line}: {self.message}"
        return self.message


class SieError(ValueError):
    """The file was refused. `problems` lists every error found, in line order."""

    SHOWN = 50  # the message lists this many; `problems` always holds them all

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda problem: problem.line)
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems[: self.SHOWN]]
        if count > self.SHOWN:
            lines.append(f"… och {count - self.SHOWN} fel till")
        heading = "SIE-filen kunde inte läsas" + (f" ({count} fel)" if count > 1 else "")
        super().__init__(heading + ":\n" + "\n".join(lines))


class FieldError(Exception):
    """Internal: one malformed field or line; the reader turns it into a Problem."""
