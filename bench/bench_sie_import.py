"""Time a full SIE import into the database beside a plain line-splitting pass.

    python -m bench.bench_sie_import                       # 100 000 rows, scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_sie_import
    python -m bench.bench_sie_import --file export.se      # an existing file

The import runs in a scratch test database (created and dropped here, like the test
runner does; for SQLite a file, not memory, so the disk is part of the measurement). It is
measured twice: into an empty förbund, and again replacing the same year (a re-import).
Wall time and the CPU time of this process are both printed: on a shared machine the wall
time follows the load; with SQLite the CPU time is all the work (with PostgreSQL the
server's share is not in it).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät SIE-import till databasen.")
    parser.add_argument("--file", type=Path, help="befintlig SIE-fil (annars genereras en)")
    parser.add_argument("--transactions", type=int, default=100_000)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.conf import settings

    from bench.throwaway_db import throwaway_database

    settings.DEBUG = False  # as in production: no query log (it costs a second here)

    with throwaway_database() as folder:
        run(args, Path(folder))


def run(args: argparse.Namespace, folder: Path) -> None:
    from django.db import connection
    from django_scopes import scopes_disabled

    from bench.bench_sie import best_of, split_lines
    from economy.services import import_sie
    from economy.sie import read_sie
    from organisations.models import Forbund
    from samples.bulk_books import generate

    path = args.file or folder / "bench.se"
    if args.file is None:
        path.write_bytes(generate(args.transactions).encode("cp437"))
    data = path.read_bytes()
    with scopes_disabled():
        forbund = Forbund.objects.create(slug="bench", name="Samordningsförbundet Bänk")
    plain = best_of(3, lambda: split_lines(data))
    parse = best_of(1, lambda: read_sie(data))
    timings = []
    cpu = []
    for _ in range(2):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = import_sie(forbund, data, file_name=path.name)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"Databas: {connection.vendor}")
    print(
        f"Fil: {len(data) / 1e6:.1f} MB, {result.vouchers} verifikationer, "
        f"{result.transactions} transaktioner"
    )
    print(f"Radsplittring:               {plain:.3f} s")
    print(f"Inläsning (read_sie):        {parse:.3f} s")
    print(
        f"Import till tom databas:     {timings[0]:.3f} s ({timings[0] / plain:.0f}x), "
        f"varav CPU i Python-processen {cpu[0]:.3f} s"
    )
    print(
        f"Import som ersätter året:    {timings[1]:.3f} s ({timings[1] / plain:.0f}x), "
        f"varav CPU i Python-processen {cpu[1]:.3f} s"
    )
    print(f"Belastning (load average):   {os.getloadavg()[0]:.1f} på {os.cpu_count()} kärnor")


if __name__ == "__main__":
    main()
