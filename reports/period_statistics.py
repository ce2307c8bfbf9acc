"""Participants from 1 January to the end of a period, for the period report.

ADAPTER: participants.statistics counts whole years; a period report needs the year so far.
The definitions are the same as statistik.md with the period end in place of 31 December:
active = started by the end and not ended before 1 January; started = start in the period;
ended = end in the period. A participation that ends after the period end counts as ongoing.
Small counts are suppressed with core.suppression when the report is for publication.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q

from core.suppression import Table as CountTable
from core.suppression import suppress
from participants.choices import InterventionKind
from participants.models import Participation

GENDERS = ("kvinna", "man", "ej_angivet")
PARTS = ("deltagare", "paborjade", "avslutade", "arbete_studier")


def statistics_to_date(forbund, year: int, until: date, *, for_publication: bool) -> dict[str, Any]:
    """{"insatser": {code: {"namn", part: {kön: n, "totalt": n}}}, "totalt": {part: cell}}."""
    first = date(year, 1, 1)
    started = Q(start_date__gte=first)
    ended = Q(end_date__isnull=False, end_date__lte=until)
    rows = (
        Participation.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=first),
            forbund=forbund,
            insats__kind=InterventionKind.INDIVIDUAL,
            start_date__lte=until,
        )
        .values("insats__code", "insats__name", "gender")
        .annotate(
            deltagare=Count("pk"),
            paborjade=Count("pk", filter=started),
            avslutade=Count("pk", filter=ended),
            arbete_studier=Count("pk", filter=ended & Q(end_reason__in=("arbete", "studier"))),
        )
        .order_by()
    )
    counts: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = counts.setdefault(
            row["insats__code"],
            {"namn": row["insats__name"], **{part: dict.fromkeys(GENDERS, 0) for part in PARTS}},
        )
        gender = row["gender"] if row["gender"] in GENDERS else "ej_angivet"
        for part in PARTS:
            entry[part][gender] += row[part]
    codes = sorted(counts)
    result: dict[str, Any] = {
        "insatser": {code: {"namn": counts[code]["namn"]} for code in codes},
        "totalt": {},
    }
    for part in PARTS:
        table = CountTable.from_nested({code: counts[code][part] for code in codes}, GENDERS)
        if for_publication:
            shown = suppress(table)
            cell = shown.cell
            row_total = shown.row_totals
            column_total = shown.column_totals
            grand = shown.grand_total
        else:
            cell = table.count
            row_total = {code: table.row_total(code) for code in codes}
            column_total = {gender: table.column_total(gender) for gender in GENDERS}
            grand = table.grand_total
        for code in codes:
            result["insatser"][code][part] = {g: cell(code, g) for g in GENDERS} | {
                "totalt": row_total[code]
            }
        result["totalt"][part] = dict(column_total) | {"totalt": grand}
    return result
