"""Time the participant import and the yearly statistics against their floors, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_participants
    python -m bench.bench_participants                      # SQLite (a file under var/)
    python -m bench.bench_participants --rows 20000 --profile

Runs in a fresh test database (test_<name>, dropped at the end) of the configured DATABASE_URL:
1. generates the participant file (default 100 000 rows, 50 insatser, 10 years, CSV);
2. imports it with participants.services.import_participants, and inserts the same rows into
   another förbund "raw": csv.reader, code mapping and the fastest bulk insert the database
   has (COPY on PostgreSQL, executemany on SQLite), no validation;
3. inserts a 10 000-participation förbund and times year_statistics for one year against
   one hand-written SQL GROUP BY computing the same counts (best of --repeat, warm).
Targets (issue 3): import < 10 s and ≤ 2× raw; statistics < 0.3 s and ≤ 1.5× the SQL.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")

# Only code lists (no settings needed before django.setup()).
from participants.choices import Education, EndReason
from participants.rules import FILE_SPELLING


def _codes_of(column: str, empty: str = "") -> dict[str, str]:
    """File spelling -> stored code, the inverse of the file contract (rules.FILE_SPELLING)."""
    return {"": empty, **{spelling: str(code) for code, spelling in FILE_SPELLING[column].items()}}


GENDER = _codes_of("kon", empty="ej_angivet")
REASON = _codes_of("avslutsorsak")
REFERRER = _codes_of("inremitterande_part")
FOLLOW_UP = _codes_of("egen_forsorjning_12_man")


def best_of(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def best_of_each(repeat: int, works: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Best time of each, the works taking turns, so a change in machine load hits all."""
    best = dict.fromkeys(works, float("inf"))
    for _ in range(repeat):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def make_forbund(slug: str, insats_count: int):
    from django_scopes import scopes_disabled

    from organisations.models import Forbund
    from participants.models import Insats
    from samples.participant_rows import insatser

    with scopes_disabled():
        forbund = Forbund.objects.create(slug=slug, name=f"Mätförbund {slug}")
        Insats.objects.bulk_create(
            [
                Insats(forbund=forbund, code=s.code, name=s.name, kind=s.kind, start_date=s.start)
                for s in insatser(insats_count)
            ]
        )
    return forbund


def raw_insert(forbund, data: bytes) -> int:
    """The floor: parse the CSV plainly and bulk-insert, with no validation or comparison."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scope

    from participants.models import Insats

    now = timezone.now()
    with scope(forbund=forbund):
        insats_ids = dict(Insats.objects.values_list("code", "pk"))
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    rows = list(reader)
    codes = list(dict.fromkeys(row["deltagar_id"] for row in rows))
    with transaction.atomic(), connection.cursor() as cursor:
        _insert(
            cursor,
            "participants_participant",
            ("forbund_id", "code", "created_at"),
            [(forbund.pk, code, now) for code in codes],
        )
        cursor.execute(
            "SELECT code, id FROM participants_participant WHERE forbund_id = %s", [forbund.pk]
        )
        people = dict(cursor.fetchall())
        _insert(
            cursor,
            "participants_participation",
            (
                "forbund_id",
                "participant_id",
                "insats_id",
                "start_date",
                "end_date",
                "end_reason",
                "gender",
                "birth_year",
                "education",
                "referrer",
                "municipality",
                "follow_up_12m",
                "created_at",
                "updated_at",
            ),
            [
                (
                    forbund.pk,
                    people[r["deltagar_id"]],
                    insats_ids[r["insats"]],
                    date.fromisoformat(r["startdatum"]),
                    date.fromisoformat(r["slutdatum"]) if r["slutdatum"] else None,
                    REASON[r["avslutsorsak"]],
                    GENDER[r["kon"]],
                    int(r["fodelsear"]) if r["fodelsear"] else None,
                    r["utbildning"],
                    REFERRER[r["inremitterande_part"]],
                    r["kommun"],
                    FOLLOW_UP[r["egen_forsorjning_12_man"]],
                    now,
                    now,
                )
                for r in rows
            ],
        )
    return len(rows)


def _insert(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    names = ", ".join(columns)
    if cursor.db.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608


STATS_SQL = """
SELECT p.insats_id, p.gender,
  COUNT(*),
  SUM(CASE WHEN p.start_date >= %(first)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.end_date <= %(last)s THEN 1 ELSE 0 END),
  {reasons},
  SUM(CASE WHEN p.start_date >= %(first)s AND p.birth_year > %(y30)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.start_date >= %(first)s AND p.birth_year BETWEEN %(y50)s AND %(y30)s
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.start_date >= %(first)s AND p.birth_year < %(y50)s THEN 1 ELSE 0 END),
  {education}
FROM participants_participation p
JOIN participants_insats i ON i.id = p.insats_id
WHERE p.forbund_id = %(forbund)s AND i.forbund_id = %(forbund)s AND i.kind = 'individinriktad'
  AND p.start_date <= %(last)s AND (p.end_date IS NULL OR p.end_date >= %(first)s)
GROUP BY p.insats_id, p.gender
""".format(
    reasons=",\n  ".join(
        f"SUM(CASE WHEN p.end_date <= %(last)s AND p.end_reason = '{r}' THEN 1 ELSE 0 END)"
        for r in EndReason.values
    ),
    education=",\n  ".join(
        f"SUM(CASE WHEN p.start_date >= %(first)s AND p.education = '{e}' THEN 1 ELSE 0 END)"
        for e in Education.values
    ),
)


# The same numbers as the whole document: the remaining categories and the distinct
# participants (each person's latest active participation), still one hand-written statement.
FULL_SQL = """
SELECT t.insats_id, t.gender,
  COUNT(*),
  SUM(CASE WHEN t.start_date >= %(first)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN t.end_date <= %(last)s THEN 1 ELSE 0 END),
  {reasons},
  SUM(CASE WHEN t.end_date <= %(last)s AND t.end_reason = '' THEN 1 ELSE 0 END),
  SUM(CASE WHEN t.start_date >= %(first)s AND t.birth_year > %(y30)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN t.start_date >= %(first)s AND t.birth_year BETWEEN %(y50)s AND %(y30)s
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN t.start_date >= %(first)s AND t.birth_year < %(y50)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN t.start_date >= %(first)s AND t.birth_year IS NULL THEN 1 ELSE 0 END),
  {education},
  SUM(CASE WHEN t.start_date >= %(first)s AND t.education = '' THEN 1 ELSE 0 END),
  SUM(CASE WHEN t.latest = 1 THEN 1 ELSE 0 END)
FROM (
  SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.participant_id
                                 ORDER BY p.start_date DESC, (p.end_date IS NULL) DESC,
                                          p.end_date DESC, i.code DESC) AS latest
  FROM participants_participation p
  JOIN participants_insats i ON i.id = p.insats_id
  WHERE p.forbund_id = %(forbund)s AND i.forbund_id = %(forbund)s
    AND i.kind = 'individinriktad'
    AND p.start_date <= %(last)s AND (p.end_date IS NULL OR p.end_date >= %(first)s)
) t
GROUP BY t.insats_id, t.gender
""".format(  # noqa: S608 (constants only)
    reasons=",\n  ".join(
        f"SUM(CASE WHEN t.end_date <= %(last)s AND t.end_reason = '{r}' THEN 1 ELSE 0 END)"
        for r in EndReason.values
    ),
    education=",\n  ".join(
        f"SUM(CASE WHEN t.start_date >= %(first)s AND t.education = '{e}' THEN 1 ELSE 0 END)"
        for e in Education.values
    ),
)


def hand_written_sql(forbund, year: int, sql: str = STATS_SQL) -> list[tuple]:
    from django.db import connection

    params = {
        "forbund": forbund.pk,
        "first": date(year, 1, 1),
        "last": date(year, 12, 31),
        "y30": year - 30,
        "y50": year - 50,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def profile(work: Callable[[], object], lines: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(work)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät import och statistik för deltagare.")
    parser.add_argument("--rows", type=int, default=100_000, help="rader i importfilen")
    parser.add_argument(
        "--stats-rows", type=int, default=10_000, help="deltaganden i statistikförbundet"
    )
    parser.add_argument("--insatser", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--year", type=int, default=2020, help="året för statistiken")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--repeat", type=int, default=30, help="bästa av så många körningar")
    parser.add_argument("--profile", action="store_true", help="profilera importen efteråt")
    args = parser.parse_args()

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django_scopes import scopes_disabled

    from samples.participant_rows import participant_rows, write_rows

    if connection.vendor == "sqlite":  # a file, as in production, not Django's in-memory default
        test_file = settings.BASE_DIR / "var" / "bench_participants.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(test_file)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from participants.services import import_participants
        from participants.services.national_export import persons_per_insats
        from participants.services.statistics import year_statistics

        with tempfile.TemporaryDirectory() as folder:
            rows = participant_rows(args.rows, args.insatser, args.years)
            path = Path(folder) / f"deltagare.{args.format}"
            write_rows(rows, path)
            csv_path = Path(folder) / "deltagare.csv"
            write_rows(rows, csv_path)
            data, csv_data = path.read_bytes(), csv_path.read_bytes()
            stats_path = Path(folder) / "statistik.csv"
            write_rows(
                participant_rows(args.stats_rows, args.insatser, args.years, seed=2), stats_path
            )
            stats_data = stats_path.read_bytes()

        print(f"Databas: {connection.vendor} ({connection.settings_dict['NAME']})")
        print(
            f"Fil: {args.rows} rader, {len(data) / 1e6:.1f} MB {args.format.upper()}, "
            f"{args.insatser} insatser, {args.years} år"
        )
        imported = make_forbund("import", args.insatser)
        raw = make_forbund("raw", args.insatser)
        raw_time, _ = timed(lambda: raw_insert(raw, csv_data))
        import_time, result = timed(
            lambda: import_participants(imported, io.BytesIO(data), path.name)
        )
        if result.errors:
            raise SystemExit(f"Importen avvisade filen: {result.errors[:3]}")
        again_time, again = timed(
            lambda: import_participants(imported, io.BytesIO(data), path.name)
        )
        print(f"Rå inläsning (csv + bulk insert): {raw_time:6.2f} s")
        print(
            f"import_participants:              {import_time:6.2f} s  "
            f"({import_time / raw_time:.2f}× rå; {result.summary()})"
        )
        print(f"Samma fil igen (oförändrad):      {again_time:6.2f} s  ({again.summary()})")

        stats_forbund = make_forbund("statistik", args.insatser)
        raw_insert(stats_forbund, stats_data)
        # Planner statistics, as autovacuum (PostgreSQL) would gather soon after an import.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        with scopes_disabled():
            count = stats_forbund.participations.count()
        year_statistics(stats_forbund, args.year)  # warm
        best = best_of_each(
            args.repeat,
            {
                "service": lambda: year_statistics(stats_forbund, args.year),
                "sql": lambda: hand_written_sql(stats_forbund, args.year),
                "full": lambda: hand_written_sql(stats_forbund, args.year, FULL_SQL),
                "persons": lambda: persons_per_insats(stats_forbund, args.year),
            },
        )
        service, sql, full = best["service"], best["sql"], best["full"]
        persons = best["persons"]
        big = best_of(3, lambda: year_statistics(imported, args.year))
        print(f"Statistikförbund: {count} deltaganden, år {args.year}, bästa av {args.repeat}")
        print(f"Handskriven SQL GROUP BY:         {sql * 1000:6.1f} ms  (cellerna per insats)")
        print(f"Handskriven SQL, hela dokumentet: {full * 1000:6.1f} ms  (+ unika deltagare)")
        print(
            f"year_statistics:                  {service * 1000:6.1f} ms  "
            f"({service / sql:.2f}× GROUP BY, {service / full:.2f}× hela dokumentet)"
        )
        print(f"year_statistics, {args.rows} deltaganden: {big * 1000:6.1f} ms")
        print(
            f"persons_per_insats (nationella exporten): {persons * 1000:6.1f} ms  "
            f"({persons / sql:.2f}× GROUP BY)"
        )

        if args.profile:
            profiled = make_forbund("profil", args.insatser)
            profile(lambda: import_participants(profiled, io.BytesIO(data), path.name))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
