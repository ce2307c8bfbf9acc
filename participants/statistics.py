"""Participant statistics for a year: the one service behind the command, pages and reports.

`year_statistics(forbund, year)` returns exactly the document of ../shared/spec/statistik.md:
the förbund's own exact counts. Everything that leaves the förbund goes through
`participants.statistics_publication.publishable(document)` first.

How it is computed: one aggregate query over the participations active in the year, grouped
by insats and kön, with a conditional count per cell of the document (started, ended, end
reasons, age bands, education), and one query for the distinct participants. No per-row
Python, so a year of a large förbund costs about as much as one hand-written GROUP BY.

Definitions the spec leaves to us (documented here so pages and reports say the same):
- `unika_deltagare` counts people in the individinriktade insatser (the insatser of the
  document); a person's kön is the one on their latest participation active in the year
  (latest start date; the later registered one when two start the same day).
- The twelve-month follow-up of year Y (`follow_up_statistics`) describes the participations
  that ended in Y − 1: their twelve months are up during Y.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db.models import Count, F, Max, Min, Q, Window
from django.db.models.functions import RowNumber
from django_scopes import scope

from core.formatting import round_shares_to_100

from .choices import InterventionKind
from .models import Participation

GENDERS = ("kvinna", "man", "ej_angivet")
TOTAL = "totalt"
COUNT_KEYS = ("deltagare", "paborjade", "avslutade")
END_REASONS = (
    "arbete",
    "studier",
    "arbetssokande",
    "fortsatt_rehabilitering",
    "sjukdom",
    "annat",
    "ej_registrerad",
)
AGE_BANDS = ("under_30", "30_50", "over_50", "uppgift_saknas")
EDUCATION_LEVELS = ("grundskola", "gymnasium", "eftergymnasial", "uppgift_saknas")
FOLLOW_UP_ANSWERS = ("ja", "nej", "ej_nadd", "ej_registrerad")

# A breakdown splits one of the counts into categories that add up to it.
BREAKDOWNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "avslutsorsaker": ("avslutade", END_REASONS),
    "alder_vid_start": ("paborjade", AGE_BANDS),
    "utbildning": ("paborjade", EDUCATION_LEVELS),
}

# The last category of each breakdown is "the rest": the parent count minus the others, so the
# categories always add up to their parent whatever is stored.
_REST = {
    "avslutsorsaker": "ej_registrerad",
    "alder_vid_start": "uppgift_saknas",
    "utbildning": "uppgift_saknas",
}

Cell = dict[str, int]
Document = dict[str, Any]


def empty_cell() -> Cell:
    return {"kvinna": 0, "man": 0, "ej_angivet": 0, TOTAL: 0}


def _empty_section() -> dict[str, Any]:
    section: dict[str, Any] = {key: empty_cell() for key in COUNT_KEYS}
    for name, (_parent, categories) in BREAKDOWNS.items():
        section[name] = {category: empty_cell() for category in categories}
    return section


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def active_in_year(year: int) -> Q:
    """Participations active at some time in the year (statistik.md, "deltagare")."""
    first, last = _year_bounds(year)
    return Q(start_date__lte=last) & (Q(end_date__isnull=True) | Q(end_date__gte=first))


def _cell_conditions(year: int) -> dict[str, Q | None]:
    """One condition per counted cell ("part" or "part.category"); None counts every row.

    Valid on rows already restricted to `active_in_year(year)`.

    Among active rows, "started in Y" is just start ≥ 1 January and "ended in Y" is just an end
    ≤ 31 December, which keeps every condition a single comparison.
    """
    first, last = _year_bounds(year)
    started = Q(start_date__gte=first)
    ended = Q(end_date__lte=last)
    conditions: dict[str, Q | None] = {
        "deltagare": None,
        "paborjade": started,
        "avslutade": ended,
    }
    for reason in END_REASONS[:-1]:
        conditions[f"avslutsorsaker.{reason}"] = ended & Q(end_reason=reason)
    conditions["alder_vid_start.under_30"] = started & Q(birth_year__gt=year - 30)
    conditions["alder_vid_start.30_50"] = started & Q(birth_year__range=(year - 50, year - 30))
    conditions["alder_vid_start.over_50"] = started & Q(birth_year__lt=year - 50)
    for level in EDUCATION_LEVELS[:-1]:
        conditions[f"utbildning.{level}"] = started & Q(education=level)
    return conditions


def _gender(value: str) -> str:
    return value if value in GENDERS else "ej_angivet"


def _add(cell: Cell, gender: str, count: int) -> None:
    cell[gender] += count
    cell[TOTAL] += count


def year_statistics(forbund, year: int) -> Document:
    """The spec's document for the förbund's individinriktade insatser in `year`."""
    with scope(forbund=forbund):
        active = Participation.objects.filter(
            active_in_year(year),
            forbund=forbund,
            insats__kind=InterventionKind.INDIVIDUAL,
        )
        conditions = _cell_conditions(year)
        names = list(conditions)
        # Aliases must be plain identifiers: n0, n1, … in the order of `names`.
        aggregates = {
            f"n{index}": Count("pk", filter=condition) if condition is not None else Count("pk")
            for index, condition in enumerate(conditions.values())
        }
        grouped = (
            active.values("insats__code", "insats__name", "gender")
            .annotate(**aggregates)
            .order_by()
        )
        insatser: dict[str, dict[str, Any]] = {}
        for row in grouped:
            code = row["insats__code"]
            section = insatser.get(code)
            if section is None:
                section = insatser[code] = {"namn": row["insats__name"]} | _empty_section()
            gender = _gender(row["gender"])
            for index, name in enumerate(names):
                part, _dot, category = name.partition(".")
                cell = section[part][category] if category else section[part]
                _add(cell, gender, row[f"n{index}"])
            for breakdown, (parent, _categories) in BREAKDOWNS.items():
                rest = section[breakdown][_REST[breakdown]]
                counted = sum(
                    section[breakdown][category][gender]
                    for category in section[breakdown]
                    if category != _REST[breakdown]
                )
                _add(rest, gender, section[parent][gender] - counted - rest[gender])
        unique = _unique_participants(active)

    ordered = {code: insatser[code] for code in sorted(insatser)}
    return {
        "forbund": forbund.slug,
        "ar": year,
        "insatser": ordered,
        "totalt": sum_sections(ordered.values()),
        "unika_deltagare": unique,
    }


def _unique_participants(active) -> Cell:
    """Distinct people among `active`, by the kön of their latest active participation."""
    latest = active.annotate(
        latest_rank=Window(
            RowNumber(),
            partition_by=[F("participant_id")],
            order_by=[F("start_date").desc(), F("pk").desc()],
        )
    ).filter(latest_rank=1)
    cell = empty_cell()
    for gender, count in Counter(latest.values_list("gender", flat=True)).items():
        _add(cell, _gender(gender), count)
    return cell


def sum_sections(sections: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The document's "totalt": the insatser's cells summed (without "namn")."""
    total = _empty_section()
    for section in sections:
        for key in COUNT_KEYS:
            _sum_into(total[key], section[key])
        for name in BREAKDOWNS:
            for category, cell in section[name].items():
                _sum_into(total[name][category], cell)
    return total


def _sum_into(target: Cell, cell: Mapping[str, int]) -> None:
    for key in (*GENDERS, TOTAL):
        target[key] += cell[key]


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
    """The year and the `count - 1` years before it, oldest first (the seeds' comparison)."""
    return {y: year_statistics(forbund, y) for y in range(year - count + 1, year + 1)}


def follow_up_statistics(forbund, year: int) -> dict[str, Any]:
    """Twelve-month follow-up reported in `year`: participations that ended in `year` − 1.

    Returns {"ar": year, "avslutade_ar": year - 1, "insatser": {code: {"namn": …,
    "svar": {answer: CELL}}}, "totalt": {answer: CELL}} with answers ja, nej, ej_nadd and
    ej_registrerad (ended without a recorded follow-up).
    """
    first, last = _year_bounds(year - 1)
    with scope(forbund=forbund):
        rows = (
            Participation.objects.filter(
                forbund=forbund,
                insats__kind=InterventionKind.INDIVIDUAL,
                end_date__gte=first,
                end_date__lte=last,
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
                else "ej_registrerad"
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


def years_with_participations(forbund) -> list[int]:
    """Every year from the first start to the last start or end, newest first."""
    with scope(forbund=forbund):
        bounds = Participation.objects.filter(forbund=forbund).aggregate(
            first=Min("start_date"), last_start=Max("start_date"), last_end=Max("end_date")
        )
    if bounds["first"] is None:
        return []
    last = max(day.year for day in (bounds["last_start"], bounds["last_end"]) if day is not None)
    return list(range(last, bounds["first"].year - 1, -1))
