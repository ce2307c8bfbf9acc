"""What the formula and control-character rules cost (issue 12): writing and checking a
100 000-row participant file, without a database.

    python -m bench.bench_tabular_safety                  # 100 000 rows, best of 3
    python -m bench.bench_tabular_safety --rows 20000 --repeat 5

Times (wall and CPU), best of --repeat, in one process:
1. write_csv and write_workbook (XLSX) of the rows, as the participant export writes them;
2. read_table and the RowParser of the participant columns over the CSV and the XLSX file
   (what an import does before it looks at the database).
Uses only APIs that existed before issue 12, so the same script measures an older checkout
(run it there with the same interpreter) for a before/after figure: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import os
import time
from collections.abc import Callable
from datetime import date
from functools import partial

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")


def best_of(repeat: int, work: Callable[[], object]) -> str:
    """Best wall time and best CPU time of the process (the machine is shared: CPU time is
    the steadier figure under load)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return f"{min(wall):.2f} s (CPU {min(cpu):.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät formel- och styrteckenreglerna.")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    django.setup()

    from core.tabular import RowParser, Sheet, check_headers, read_table, write_csv, write_workbook
    from participants.rules import PARTICIPANT_COLUMNS, PARTICIPANT_HEADERS
    from samples.participant_rows import participant_rows

    generated = participant_rows(args.rows, 50, 10, 2015, 1)
    rows = [
        tuple(
            date.fromisoformat(value)
            if name in ("startdatum", "slutdatum") and value
            else int(value)
            if name == "fodelsear" and value
            else value or None
            for name, value in ((name, row.get(name, "")) for name in PARTICIPANT_HEADERS)
        )
        for row in generated
    ]

    def write(file_format: str) -> bytes:
        out = io.BytesIO()
        if file_format == "csv":
            write_csv(PARTICIPANT_HEADERS, rows, out)
        else:
            write_workbook([Sheet("Deltagare", PARTICIPANT_HEADERS, rows)], out)
        return out.getvalue()

    files: dict[str, bytes] = {}

    def write_file(file_format: str) -> None:
        files[file_format] = write(file_format)

    for file_format in ("csv", "xlsx"):
        seconds = best_of(args.repeat, partial(write_file, file_format))
        print(f"write {file_format}: {seconds} ({len(files[file_format]) / 1e6:.1f} MB)")

    def check(file_format: str) -> int:
        table = read_table(files[file_format], f"deltagare.{file_format}")
        headers = check_headers(table, PARTICIPANT_COLUMNS)
        parse = RowParser(PARTICIPANT_COLUMNS, headers.sources)
        errors: list = []
        for row in table.rows:
            parse(row, errors)
        assert not errors, errors[:3]
        return len(table.rows)

    for file_format in ("csv", "xlsx"):
        seconds = best_of(args.repeat, partial(check, file_format))
        print(f"read and check {file_format}: {seconds}")


if __name__ == "__main__":
    main()
