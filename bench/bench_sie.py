"""Time the SIE reader against a plain line-splitting pass over the same file.

python -m bench.bench_sie                      # generates 100 000 rows in a temp dir
python -m bench.bench_sie --file export.se     # or measures an existing file
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from economy.sie import read_sie
from samples.bulk_books import generate


def split_lines(data: bytes) -> int:
    """The floor: decode, split into lines and split every line on whitespace."""
    fields = 0
    for line in data.decode("cp437").split("\n"):
        fields += len(line.split())
    return fields


def best_of(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät inläsning av SIE-filer.")
    parser.add_argument("--file", type=Path, help="befintlig SIE-fil (annars genereras en)")
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="bästa av så många körningar")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.file or Path(folder) / "bench.se"
        if args.file is None:
            path.write_bytes(generate(args.transactions).encode("cp437"))
        data = path.read_bytes()
        sie = read_sie(data)
        rows = sum(len(voucher.transactions) for voucher in sie.vouchers)
        plain = best_of(args.repeat, lambda: split_lines(data))
        full = best_of(args.repeat, lambda: read_sie(data))
    print(f"Fil: {len(data) / 1e6:.1f} MB, {len(sie.vouchers)} verifikationer, {rows} #TRANS-rader")
    print(f"Radsplittring:  {plain:.3f} s")
    print(f"Full inläsning: {full:.3f} s")
    print(f"Kvot:           {full / plain:.1f}x")


if __name__ == "__main__":
    main()
