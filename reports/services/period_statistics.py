"""Participants from 1 January to the end of a period, for the period report.

The counting is participants.services.statistics.period_statistics (docs/format/statistik.md,
with the period end in place of 31 December); this module only picks the parts the period
report shows and suppresses small counts when the report is for publication.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.suppression import Table as CountTable
from core.suppression import suppress, suppress_row
from participants.choices import WORK_OR_STUDIES
from participants.services.statistics import GENDERS, period_statistics

PARTS = ("deltagare", "paborjade", "avslutade", "arbete_studier")


def statistics_to_date(forbund, year: int, until: date, *, for_publication: bool) -> dict[str, Any]:
    """{"insatser": {code: {"namn", part: {kön: n, "totalt": n}}}, "totalt": {part: cell},
    "unika_deltagare": cell}: participations per insats, and people (a person in two insatser
    counts once in "unika_deltagare", as in the annual report)."""
    document = period_statistics(forbund, date(year, 1, 1), until)
    counts: dict[str, dict[str, Any]] = {}
    for code, section in document["insatser"].items():
        reasons = section["avslutsorsaker"]
        counts[code] = {
            "namn": section["namn"],
            "deltagare": _genders(section["deltagare"]),
            "paborjade": _genders(section["paborjade"]),
            "avslutade": _genders(section["avslutade"]),
            "arbete_studier": {
                g: sum(reasons[key][g] for key in WORK_OR_STUDIES.members) for g in GENDERS
            },
        }
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
    people = _genders(document["unika_deltagare"])
    result["unika_deltagare"] = (
        suppress_row(people) if for_publication else people | {"totalt": sum(people.values())}
    )
    return result


def _genders(cell: dict[str, int]) -> dict[str, int]:
    return {g: cell[g] for g in GENDERS}
