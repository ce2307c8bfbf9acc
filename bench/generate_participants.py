"""Generate a participant file (deltagarfil, docs/format/deltagarfil.md) and its insatser.

    python -m bench.generate_participants -o deltagare.csv            # 100 000 rows
    python -m bench.generate_participants --rows 10000 -o deltagare.xlsx
    python -m bench.generate_participants --insats-file insatser.csv  # for import_interventions

Rows use the canonical spellings of the spec, so an export of the imported data gives the
same file back. Deterministic for a given seed. A person takes part in one insats, sometimes
in a second one later (the same deltagar_id in two rows).
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PARTICIPANT_COLUMNS = (
    "deltagar_id",
    "insats",
    "kon",
    "fodelsear",
    "utbildning",
    "inremitterande_part",
    "kommun",
    "startdatum",
    "slutdatum",
    "avslutsorsak",
    "egen_forsorjning_12_man",
)
INSATS_COLUMNS = ("kod", "namn", "typ", "startdatum", "slutdatum")

GENDERS = (("kvinna", 60), ("man", 38), ("ej angivet", 2))
EDUCATION = (("", 8), ("grundskola", 33), ("gymnasium", 36), ("eftergymnasial", 23))
REFERRERS = (
    ("försäkringskassan", 30),
    ("arbetsförmedlingen", 25),
    ("kommun", 25),
    ("region", 12),
    ("egen", 5),
    ("annan", 3),
)
END_REASONS = (
    ("", 6),
    ("arbete", 10),
    ("studier", 4),
    ("arbetssökande", 12),
    ("fortsatt rehabilitering", 28),
    ("sjukdom", 30),
    ("annat", 10),
)
FOLLOW_UP = (("", 55), ("ja", 18), ("nej", 17), ("ej nådd", 10))
MUNICIPALITIES = ("Huddinge", "Botkyrka", "Salem", "Stockholm", "Nacka", "Södertälje", "")
NAMES = (
    "FINSAM-team",
    "Aktivitetsplatsen",
    "IPS",
    "Lots",
    "Arbetsträning",
    "Unga vuxna",
    "Hälsoskola",
    "Steget vidare",
    "Kompassen",
    "Bron",
)


@dataclass(frozen=True)
class InsatsSpec:
    code: str
    name: str
    kind: str
    start: date


def insatser(count: int = 50, first_year: int = 2015) -> list[InsatsSpec]:
    """`count` insatser; every tenth is strukturinriktad (and has no participants)."""
    return [
        InsatsSpec(
            code=f"I{number:03d}",
            name=f"{NAMES[number % len(NAMES)]} {number}",
            kind="strukturinriktad" if number % 10 == 9 else "individinriktad",
            start=date(first_year, 1, 1),
        )
        for number in range(count)
    ]


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def participant_rows(
    rows: int = 100_000,
    insats_count: int = 50,
    years: int = 10,
    first_year: int = 2015,
    seed: int = 1,
) -> list[dict[str, str]]:
    """`rows` participations over the individinriktade insatser and `years` years."""
    rng = random.Random(seed)
    codes = [
        spec.code for spec in insatser(insats_count, first_year) if spec.kind == "individinriktad"
    ]
    first, last = date(first_year, 1, 1), date(first_year + years - 1, 12, 31)
    span = (last - first).days
    result: list[dict[str, str]] = []
    person = 0
    while len(result) < rows:
        person += 1
        identity = f"D{person:07d}"
        gender = _pick(rng, GENDERS)
        birth_year = rng.randint(1955, 2004)
        start = first + timedelta(days=rng.randrange(span + 1))
        taken = set()
        # Most people take part once; some go on to a second insats.
        for _ in range(1 if rng.random() < 0.8 else 2):
            if len(result) >= rows:
                break
            code = rng.choice([c for c in codes if c not in taken])
            taken.add(code)
            end = start + timedelta(days=rng.randint(20, 720))
            ended = end <= last and rng.random() < 0.9
            reason = _pick(rng, END_REASONS) if ended else ""
            result.append(
                {
                    "deltagar_id": identity,
                    "insats": code,
                    "kon": gender,
                    "fodelsear": "" if rng.random() < 0.04 else str(birth_year),
                    "utbildning": _pick(rng, EDUCATION),
                    "inremitterande_part": _pick(rng, REFERRERS),
                    "kommun": rng.choice(MUNICIPALITIES),
                    "startdatum": start.isoformat(),
                    "slutdatum": end.isoformat() if ended else "",
                    "avslutsorsak": reason,
                    "egen_forsorjning_12_man": _pick(rng, FOLLOW_UP) if ended else "",
                }
            )
            if not ended:
                break
            start = end + timedelta(days=rng.randint(1, 90))
            if start > last:
                break
    return result


def write_csv(rows: Sequence[dict[str, str]], path: Path, columns=PARTICIPANT_COLUMNS) -> None:
    """UTF-8 with BOM and `;`, as Excel in Swedish saves it."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


def write_xlsx(rows: Sequence[dict[str, str]], path: Path, columns=PARTICIPANT_COLUMNS) -> None:
    """Dates as Excel date cells, years as numbers, the rest as text."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Deltagare")
    sheet.append(list(columns))
    for row in rows:
        cells: list[object] = []
        for column in columns:
            value = row.get(column, "")
            if value and column in ("startdatum", "slutdatum"):
                cells.append(date.fromisoformat(value))
            elif value and column == "fodelsear":
                cells.append(int(value))
            else:
                cells.append(value or None)
        sheet.append(cells)
    book.save(path)


def write_rows(rows: Sequence[dict[str, str]], path: Path, columns=PARTICIPANT_COLUMNS) -> None:
    if path.suffix.lower() == ".xlsx":
        write_xlsx(rows, path, columns)
    else:
        write_csv(rows, path, columns)


def insats_rows(specs: Sequence[InsatsSpec]) -> list[dict[str, str]]:
    return [
        {
            "kod": s.code,
            "namn": s.name,
            "typ": s.kind,
            "startdatum": s.start.isoformat(),
            "slutdatum": "",
        }
        for s in specs
    ]


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
