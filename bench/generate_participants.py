"""Write a participant file and its insatser to disk (samples/participant_rows.py; the format:
docs/format/deltagarfil.md).

python -m bench.generate_participants -o deltagare.csv            # 100 000 rows
python -m bench.generate_participants --rows 10000 -o deltagare.xlsx
python -m bench.generate_participants --insats-file insatser.csv  # for import_interventions
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samples.participant_rows import (
    INSATS_COLUMNS,
    insats_rows,
    insatser,
    participant_rows,
    write_rows,
)


def main() -> None:
    parser = argparse.ArgumentParser(description="Skapa en deltagarfil för prov och mätning.")
    parser.add_argument("-o", "--output", type=Path, help="deltagarfil (.csv eller .xlsx)")
    parser.add_argument("--insats-file", type=Path, help="insatsfil för import_interventions")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--insatser", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--first-year", type=int, default=2015)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.output is None and args.insats_file is None:
        parser.error("ange -o FIL och/eller --insats-file FIL")
    if args.insats_file:
        write_rows(
            insats_rows(insatser(args.insatser, args.first_year)), args.insats_file, INSATS_COLUMNS
        )
    if args.output:
        rows = participant_rows(args.rows, args.insatser, args.years, args.first_year, args.seed)
        write_rows(rows, args.output)
        print(f"{len(rows)} rader skrivna till {args.output}")


if __name__ == "__main__":
    main()
