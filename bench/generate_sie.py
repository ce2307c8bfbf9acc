"""Write the benchmark SIE 4E file (samples/bulk_books.py) to disk.

python -m bench.generate_sie /tmp/bench.se --transactions 100000
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samples.bulk_books import generate


def main() -> None:
    parser = argparse.ArgumentParser(description="Skriv en SIE 4E-fil för prestandamätning.")
    parser.add_argument("output", type=Path, help="filen som ska skrivas")
    parser.add_argument("--transactions", type=int, default=100_000, help="antal #TRANS-rader")
    parser.add_argument("--seed", type=int, default=1, help="slumpfrö")
    args = parser.parse_args()
    args.output.write_bytes(generate(args.transactions, args.seed).encode("cp437"))
    print(f"Skrev {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
