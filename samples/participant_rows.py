"""Participant files (deltagarfil: what the participant import reads) and insats files: the
columns, a hand-made valid row for tests, random rows for benchmarks and statistics tests, and
the one CSV/XLSX writer every sample uses (written as Excel and other tools write them).

    python -m bench.generate_participants -o deltagare.csv            # 100 000 rows
    python -m bench.generate_participants --rows 10000 -o deltagare.xlsx
    python -m bench.generate_participants --insats-file insatser.csv  # for import_interventions

Random rows use the canonical spellings of the spec, so an export of the imported data gives the
same file back. Deterministic for a given seed. A person takes part in one insats, sometimes
in a second one later (the same deltagar_id in two rows).
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from participants.rules import PARTICIPANT_HEADERS

PARTICIPANT_COLUMNS = list(PARTICIPANT_HEADERS)
HEADER = PARTICIPANT_COLUMNS  # the name the tests use
INSATS_COLUMNS = ["kod", "namn", "typ", "startdatum", "slutdatum"]

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


def row(**values: Any) -> dict[str, Any]:
    """A valid row of insats A1; override any column."""
    base = {
        "deltagar_id": "ALFA-001",
        "insats": "A1",
        "kon": "kvinna",
        "fodelsear": "1988",
        "utbildning": "gymnasium",
        "inremitterande_part": "försäkringskassan",
        "kommun": "Täby",
        "startdatum": "2023-02-01",
        "slutdatum": "2023-10-31",
        "avslutsorsak": "arbete",
        "egen_forsorjning_12_man": "",
    }
    base.update(values)
    return base


def csv_bytes(
    rows: Sequence[dict[str, Any]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        if delimiter in text or '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(header)]
    for values in rows:
        lines.append(delimiter.join(cell(values.get(name, "")) for name in header))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(
    rows: Sequence[dict[str, Any]],
    *,
    header: Sequence[str] = HEADER,
    date_cells: bool = True,
    blank_rows_before: dict[int, int] | None = None,
) -> bytes:
    """The first sheet with the header in row 1. With date_cells, ISO dates become real Excel
    date cells (as when someone types a date in Excel); years become numbers. Written in
    openpyxl's write-only mode, so 100 000 rows take seconds, not minutes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Deltagare")
    sheet.append(list(header))
    for index, values in enumerate(rows):
        for _ in range((blank_rows_before or {}).get(index, 0)):
            sheet.append([])
        cells: list[Any] = []
        for name in header:
            value = values.get(name, "")
            if date_cells and name in ("startdatum", "slutdatum") and _is_iso(value):
                cell = WriteOnlyCell(sheet, value=datetime.fromisoformat(value))
                cell.number_format = "yyyy-mm-dd"
                value = cell
            elif name == "fodelsear" and str(value).isdigit():
                value = int(value)
            cells.append(None if value == "" else value)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _is_iso(value: Any) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def write_rows(rows: Sequence[dict[str, Any]], path: Path, columns=PARTICIPANT_COLUMNS) -> None:
    """To a .xlsx or (else) a CSV file in UTF-8 with BOM and `;`, as Excel in Swedish saves it."""
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(xlsx_bytes(rows, header=columns))
    else:
        path.write_bytes(csv_bytes(rows, header=columns, bom=True))


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
