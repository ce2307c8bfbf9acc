"""Participant statistics for a year: the one service behind the command, pages and reports.

`year_statistics(forbund, year)` returns exactly the document of docs/format/statistik.md:
the förbund's own exact counts. Everything that leaves the förbund goes through
`participants.services.statistics_publication.publishable(document)` first.

How it is computed: one SQL statement over the participations active in the year, grouped by
insats and kön, with a conditional sum per cell of the document (started, ended, end reasons,
age bands, education, and each person's latest participation for the distinct participants).
No per-row Python, so a year of a large förbund costs about as much as one hand-written
GROUP BY (bench/bench_participants.py and docs/benchmarks.md).

Definitions the spec leaves to us (documented here so pages and reports say the same):
- `unika_deltagare` counts people in the individinriktade insatser (the insatser of the
  document); a person's kön is the one on their latest participation active in the year:
  latest start date; on the same day the latest end (an ongoing participation ends
  last), then the insats code last in code-point order. Never the order of registration,
  so swapping two rows of the participant file cannot change a count.
- The twelve-month follow-up of year Y (`follow_up_statistics`) describes the participations
  that ended in Y − 1: their twelve months are up during Y.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta
from functools import lru_cache
from operator import add
from typing import Any

from django.db import connection
from django.db.models import Count, Max, Min, Q
from django_scopes import scope

from core import figure_cache
from core.formatting import round_shares_to_100
from core.years import is_valid_year
from participants.choices import (
    AGE_BANDS,
    EDUCATION_LEVELS,
    END_REASONS,
    FOLLOW_UP_ANSWERS,
    NOT_REGISTERED,
    TOTAL,
    Gender,
    InterventionKind,
)
from participants.models import Insats, Participation
from participants.services.frozen_statistics import (
    FOLLOW_UP,
    PERIODS,
    YEAR,
    frozen_years,
    stored,
)

GENDERS: tuple[str, ...] = tuple(Gender.values)
COUNT_KEYS = ("deltagare", "paborjade", "avslutade")

# A breakdown splits one of the counts into categories that add up to it.
BREAKDOWNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "avslutsorsaker": ("avslutade", END_REASONS),
    "alder_vid_start": ("paborjade", AGE_BANDS),
    "utbildning": ("paborjade", EDUCATION_LEVELS),
}

Cell = dict[str, int]
Document = dict[str, Any]


def empty_cell() -> Cell:
    return {**dict.fromkeys(GENDERS, 0), TOTAL: 0}


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def active_in_year(year: int) -> Q:
    """Participations active at some time in the year (docs/format/statistik.md, "deltagare")."""
    first, last = _year_bounds(year)
    return Q(start_date__lte=last) & (Q(end_date__isnull=True) | Q(end_date__gte=first))


# One counted cell per entry: ("part" or "part.category", SQL condition on a row `t` that is
# already active in the year). Among active rows, "started in Y" is just a start on or after
# 1 January and "ended in Y" just an end on or before 31 December. Each breakdown's last
# category takes every row the others do not, so the categories always add up to their
# parent. The codes are constants of this module, never user input.
_STARTED = "t.start_date >= %(first)s"
_ENDED = "t.end_date <= %(last)s"


def _in(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(code) for code in codes)})"


def _none_of(column: str, codes: tuple[str, ...]) -> str:
    return f"({column} IS NULL OR NOT {_in(column, codes)})"


CELL_CONDITIONS: tuple[tuple[str, str], ...] = (
    ("deltagare", "1 = 1"),
    ("paborjade", _STARTED),
    ("avslutade", _ENDED),
    *(
        (f"avslutsorsaker.{reason}", f"{_ENDED} AND t.end_reason = '{reason}'")
        for reason in END_REASONS[:-1]
    ),
    ("avslutsorsaker.ej_registrerad", f"{_ENDED} AND {_none_of('t.end_reason', END_REASONS)}"),
    ("alder_vid_start.under_30", f"{_STARTED} AND t.birth_year > %(born_30)s"),
    ("alder_vid_start.30_50", f"{_STARTED} AND t.birth_year BETWEEN %(born_50)s AND %(born_30)s"),
    ("alder_vid_start.over_50", f"{_STARTED} AND t.birth_year < %(born_50)s"),
    ("alder_vid_start.uppgift_saknas", f"{_STARTED} AND t.birth_year IS NULL"),
    *(
        (f"utbildning.{level}", f"{_STARTED} AND t.education = '{level}'")
        for level in EDUCATION_LEVELS[:-1]
    ),
    (
        "utbildning.uppgift_saknas",
        f"{_STARTED} AND {_none_of('t.education', EDUCATION_LEVELS[:-1])}",
    ),
    # The person's latest active participation (latest_order): counts each person once,
    # with that participation's kön.
    ("unika_deltagare", "t.latest = 1"),
)


def latest_order(participation: str = "p", insats: str = "i") -> str:
    """ORDER BY terms that put a person's latest participation first: latest start, then
    latest end (ongoing = latest), then the insats code last in code-point order (the same
    on PostgreSQL and SQLite). Deterministic: the order of registration never decides."""
    collation = '"C"' if connection.vendor == "postgresql" else "BINARY"
    return (
        f"{participation}.start_date DESC, ({participation}.end_date IS NULL) DESC, "
        f"{participation}.end_date DESC, {insats}.code COLLATE {collation} DESC"
    )


# Where `_statistics` puts the limit to some insatser (a comment when there is none).
_INSATS_LIMIT = "-- all insatser"


@lru_cache(maxsize=2)
def _year_sql(vendor: str) -> str:
    """One statement: the active participations of individinriktade insatser, ranked per
    person, counted per insats and kön with a conditional count per cell (FILTER: SQLite
    3.30+ and PostgreSQL)."""
    participation = Participation._meta.db_table
    insats = Insats._meta.db_table
    counts = ",\n  ".join(
        f"COUNT(*) FILTER (WHERE {condition})" for _name, condition in CELL_CONDITIONS
    )
    return f"""
SELECT t.insats_id, MIN(t.code), MIN(t.name), t.gender,
  {counts}
FROM (
  SELECT p.insats_id, i.code, i.name, p.gender, p.start_date, p.end_date, p.end_reason,
         p.birth_year, p.education,
         ROW_NUMBER() OVER (PARTITION BY p.participant_id
                            ORDER BY {latest_order()}) AS latest
  FROM {participation} p JOIN {insats} i ON i.id = p.insats_id
  WHERE p.forbund_id = %(forbund)s AND i.forbund_id = %(forbund)s AND i.kind = %(kind)s
    AND p.start_date <= %(last)s AND (p.end_date IS NULL OR p.end_date >= %(first)s)
    {_INSATS_LIMIT}
) t
GROUP BY t.insats_id, t.gender
"""  # noqa: S608 (table names from the models, conditions from the constants above)


def _gender(value: str) -> str:
    return value if value in GENDERS else "ej_angivet"


def _add(cell: Cell, gender: str, count: int) -> None:
    cell[gender] += count
    cell[TOTAL] += count


@figure_cache.kept
def year_statistics(
    forbund, year: int, insats_ids: Collection[int] | None = None, *, live: bool = False
) -> Document:
    """The spec's document for the förbund's individinriktade insatser in `year`.

    A frozen year's stored document (frozen_statistics; `live` computes it from the rows). The
    stored documents are the förbund's; a view limited to some insatser is counted live.
    One SQL statement (`_year_sql`). Raw SQL because an aggregate over a window function is
    beyond the ORM; so the förbund is filtered by hand here, not by the scope.
    `insats_ids` limits the document to some insatser (an insatsansvarig's own: their totals
    and unique participants count only those insatser); None is the whole förbund.
    """
    if not live and insats_ids is None and (frozen := stored(forbund, year, YEAR)) is not None:
        return frozen
    first, last = _year_bounds(year)
    return _statistics(forbund, first, last, insats_ids) | {"ar": year}


def period_statistics(forbund, first: date, last: date, *, live: bool = False) -> Document:
    """The same document for a part of a year (a period report: 1 January to the period's
    end): active = started by `last` and not ended before `first`, started and ended = in
    the period, age = the period's year − birth year. Keys "fran" and "till" are added.
    From 1 January to a month's end, a frozen year's stored document."""
    if first.year != last.year or first > last:
        raise ValueError(f"Perioden {first}–{last} ska ligga inom ett och samma år.")
    if not live and (first.month, first.day) == (1, 1) and (last + timedelta(days=1)).day == 1:
        periods = stored(forbund, last.year, PERIODS)
        if periods is not None and str(last.month) in periods:
            return periods[str(last.month)]
    document = _statistics(forbund, first, last)
    return {
        "forbund": document["forbund"],
        "ar": last.year,
        "fran": first.isoformat(),
        "till": last.isoformat(),
    } | {k: v for k, v in document.items() if k != "forbund"}


def _statistics(
    forbund, first: date, last: date, insats_ids: Collection[int] | None = None
) -> Document:
    year = last.year
    params: dict[str, Any] = {
        "forbund": forbund.pk,
        "kind": InterventionKind.INDIVIDUAL.value,
        "first": first,
        "last": last,
        "born_30": year - 30,
        "born_50": year - 50,
    }
    sql = _year_sql(connection.vendor)
    if insats_ids is not None:
        ids = sorted(int(pk) for pk in insats_ids)
        params.update({f"insats{index}": pk for index, pk in enumerate(ids)})
        placeholders = ", ".join(f"%(insats{index})s" for index in range(len(ids))) or "NULL"
        sql = sql.replace(_INSATS_LIMIT, f"AND p.insats_id IN ({placeholders})")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Per insats and kön the row of counts, in the order of CELL_CONDITIONS.
    names: dict[str, str] = {}
    vectors: dict[str, dict[str, list[int]]] = {}
    for _insats_id, code, name, stored_gender, *counts in rows:
        names[code] = name
        by_gender = vectors.setdefault(code, {})
        gender = _gender(stored_gender)
        if gender in by_gender:  # two stored values read as "ej_angivet"
            counts = list(map(add, by_gender[gender], counts))
        by_gender[gender] = counts
    totals: dict[str, list[int]] = {}
    for by_gender in vectors.values():
        for gender, counts in by_gender.items():
            totals[gender] = (
                list(map(add, totals[gender], counts)) if gender in totals else list(counts)
            )
    return {
        "forbund": forbund.slug,
        "ar": year,
        "insatser": {
            code: {"namn": names[code]} | _section(vectors[code]) for code in sorted(vectors)
        },
        "totalt": _section(totals),
        "unika_deltagare": _cells(totals, len(CELL_CONDITIONS) - 1),
    }


def _cells(vectors: Mapping[str, list[int]], index: int) -> Cell:
    cell = {g: vectors[g][index] if g in vectors else 0 for g in GENDERS}
    cell[TOTAL] = sum(cell.values())
    return cell


def _section(vectors: Mapping[str, list[int]]) -> dict[str, Any]:
    """A section of the document from its rows of counts per kön."""
    section: dict[str, Any] = {}
    for index, (name, _condition) in enumerate(CELL_CONDITIONS[:-1]):
        part, _dot, category = name.partition(".")
        if category:
            section.setdefault(part, {})[category] = _cells(vectors, index)
        else:
            section[part] = _cells(vectors, index)
    return section


# --- Helpers for pages and reports ---------------------------------------------------------


def shares(counts: Mapping[str, int]) -> dict[str, int]:
    """Whole-percent shares of each key that sum to exactly 100 (all zeros when empty)."""
    return dict(zip(counts, round_shares_to_100(list(counts.values())), strict=True))


def breakdown_shares(
    section: Mapping[str, Any], breakdown: str, gender: str = TOTAL
) -> dict[str, int]:
    """Shares of a breakdown's categories for one kön column (or "totalt"), summing to 100."""
    return shares({category: cell[gender] for category, cell in section[breakdown].items()})


def compare_years(forbund, year: int, count: int = 3) -> dict[int, Document]:
    """The year and the `count - 1` years before it, oldest first (as annual reports compare)."""
    return {y: year_statistics(forbund, y) for y in range(year - count + 1, year + 1)}


def follow_up_statistics(
    forbund, year: int, insats_ids: Collection[int] | None = None, *, live: bool = False
) -> dict[str, Any]:
    """Twelve-month follow-up reported in `year`: participations that ended in `year` − 1.
    A frozen year's stored figures (unless `live`, or limited to some insatser: counted live).

    Returns {"ar": year, "avslutade_ar": year - 1, "insatser": {code: {"namn": …,
    "svar": {answer: CELL}}}, "totalt": {answer: CELL}} with answers ja, nej, ej_nadd and
    ej_registrerad (ended without a recorded follow-up).
    """
    if not live and insats_ids is None and (frozen := stored(forbund, year, FOLLOW_UP)) is not None:
        return frozen
    first, last = _year_bounds(year - 1)
    with scope(forbund=forbund):
        rows = (
            Participation.objects.filter(
                forbund=forbund,
                insats__kind=InterventionKind.INDIVIDUAL,
                end_date__gte=first,
                end_date__lte=last,
                **({} if insats_ids is None else {"insats__in": insats_ids}),
            )
            .values("insats__code", "insats__name", "gender", "follow_up_12m")
            .annotate(n=Count("pk"))
            .order_by()
        )
        insatser: dict[str, dict[str, Any]] = {}
        total = {answer: empty_cell() for answer in FOLLOW_UP_ANSWERS}
        for row in rows:
            code = row["insats__code"]
            entry = insatser.setdefault(
                code,
                {
                    "namn": row["insats__name"],
                    "svar": {answer: empty_cell() for answer in FOLLOW_UP_ANSWERS},
                },
            )
            answer = (
                row["follow_up_12m"]
                if row["follow_up_12m"] in FOLLOW_UP_ANSWERS[:-1]
                else NOT_REGISTERED
            )
            _add(entry["svar"][answer], _gender(row["gender"]), row["n"])
            _add(total[answer], _gender(row["gender"]), row["n"])
    return {
        "ar": year,
        "avslutade_ar": year - 1,
        "insatser": {code: insatser[code] for code in sorted(insatser)},
        "totalt": total,
    }


def self_supporting_share(
    answers: Mapping[str, Mapping[str, int]], gender: str = TOTAL
) -> int | None:
    """Whole-percent share self-supporting among those reached (ja of ja + nej), or None."""
    reached = answers["ja"][gender] + answers["nej"][gender]
    if reached == 0:
        return None
    return round_shares_to_100([answers["ja"][gender], answers["nej"][gender]])[0]


def years_with_participations(forbund, insats_ids: Collection[int] | None = None) -> list[int]:
    """Every year from the first start to the last start or end, newest first, within the
    accepted years (core.years: a page of another year does not exist), and every frozen
    year (its participants may have been removed since)."""
    with scope(forbund=forbund):
        participations = Participation.objects.filter(forbund=forbund)
        if insats_ids is not None:
            participations = participations.filter(insats__in=insats_ids)
        bounds = participations.aggregate(
            first=Min("start_date"), last_start=Max("start_date"), last_end=Max("end_date")
        )
    years = set(frozen_years(forbund)) if insats_ids is None else set()
    if bounds["first"] is not None:
        last = max(
            day.year for day in (bounds["last_start"], bounds["last_end"]) if day is not None
        )
        years.update(range(bounds["first"].year, last + 1))
    return sorted((y for y in years if is_valid_year(y)), reverse=True)
