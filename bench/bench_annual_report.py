"""Time the annual report for a förbund with 10 000 participations and a year of books.

    python -m bench.bench_annual_report                  # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_annual_report
    python -m bench.bench_annual_report --runs 5 --keep /tmp/arsredovisning

The förbund is set up through the real services (samples.sample_forbund: insatser and a
participant file imported with the participants' import, two years of SIE 4 books with the
economy's import, budgets and contributions with the budget services), in a scratch test
database created and dropped here. Each run is cold: the chart and file caches are emptied,
so a run is what a user waits for after changing something — collecting the data from the
services, building the document, drawing the charts and rendering. Targets (issue 5):
DOCX < 3 s, PDF < 10 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

YEAR = 2023


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät årsredovisningen (DOCX och PDF).")
    parser.add_argument("--participations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--keep", type=Path, help="katalog att spara filerna från sista körningen i"
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.conf import settings

    from bench.throwaway_db import throwaway_database

    settings.DEBUG = False  # as in production: no query log

    with throwaway_database():
        run(args)


def _cold() -> None:
    from django.core.cache import cache

    from core import charts

    cache.clear()
    with charts._CACHE_LOCK:
        charts._IMAGE_CACHE.clear()


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django_scopes import scope

    from economy.models import Transaction
    from participants.models import Participation
    from reports.services.generation import (
        annual_report_data,
        build,
        file_name,
        render,
        report_file,
    )
    from samples.sample_forbund import INSATSER, create_sample_forbund

    per_year = sum(insats.yearly_participants for insats in INSATSER if insats.individual)
    years = (YEAR - 1, YEAR)
    scale = args.participations / (per_year * (len(years) + 2))
    start = time.perf_counter()
    sample = create_sample_forbund("bench", "Samordningsförbundet Bänk", years=years, scale=scale)
    setup = time.perf_counter() - start
    forbund = sample.forbund
    with scope(forbund=forbund):
        participations = Participation.objects.count()
        transactions = Transaction.objects.filter(financial_year__end__year=YEAR).count()

    # Warm up as a running server is: fonts, Pango, matplotlib and python-docx loaded.
    warm = build(annual_report_data(forbund, YEAR))
    render(warm, "docx")
    render(warm, "pdf")

    print(f"Databas: {connection.vendor}")
    print(
        f"Förbund: {participations} deltaganden, {transactions} transaktioner {YEAR} "
        f"(uppsättning genom tjänsterna {setup:.1f} s)"
    )
    results: dict[str, list[float]] = {"data": [], "docx": [], "pdf": [], "docx_after_pdf": []}
    cpu: dict[str, list[float]] = {key: [] for key in results}
    for _run in range(args.runs):
        for fmt in ("docx", "pdf"):
            _cold()
            start, start_cpu = time.perf_counter(), time.process_time()
            data = annual_report_data(forbund, YEAR)
            collected = time.perf_counter()
            content = render(build(data), fmt)
            done, done_cpu = time.perf_counter(), time.process_time()
            results["data"].append(collected - start)
            results[fmt].append(done - start)
            cpu[fmt].append(done_cpu - start_cpu)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / file_name(data, fmt)).write_bytes(content)
        # The same draft in both formats, as the web serves it: the PDF's layout gives the
        # DOCX its TOC page numbers (charts and pages from the cache, the DOCX itself fresh).
        _cold()
        report_file(annual_report_data(forbund, YEAR), "pdf")
        start, start_cpu = time.perf_counter(), time.process_time()
        report_file(annual_report_data(forbund, YEAR), "docx")
        results["docx_after_pdf"].append(time.perf_counter() - start)
        cpu["docx_after_pdf"].append(time.process_time() - start_cpu)
    print(f"Sidor i PDF: {_pages(content)}")
    for label, key, target in (
        ("Data från tjänsterna", "data", None),
        ("DOCX (data + dokument)", "docx", 3.0),
        ("PDF (data + dokument)", "pdf", 10.0),
        ("DOCX efter PDF", "docx_after_pdf", 3.0),
    ):
        times = ", ".join(f"{value:.2f}" for value in results[key])
        line = f"{label:<25} {times} s (bäst {min(results[key]):.2f} s)"
        if target:
            met = "ja" if max(results[key]) < target else "NEJ"
            processor = ", ".join(f"{value:.2f}" for value in cpu[key])
            line += f"  mål < {target:.0f} s: {met}  [processortid {processor} s]"
        print(line)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        "Processortid = den tid processen själv räknade; väggtiden minus den är väntan på en "
        f"upptagen processor (belastning {load})."
    )


def _pages(pdf: bytes) -> str:
    """The page count as pdfinfo reports it (poppler-utils), or "?" without it."""
    import shutil
    import subprocess

    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return "?"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(  # noqa: S603 - a fixed tool on our own temporary file
            [pdfinfo, file.name], capture_output=True, text=True, check=False
        ).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return line.split()[1]
    return "?"


if __name__ == "__main__":
    main()
