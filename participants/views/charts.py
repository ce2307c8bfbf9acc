"""Charts of the participant statistics for the web pages, drawn with core.charts.

Every chart comes with a text alternative that states its numbers (`BarChart.describe`) and
the same numbers as a table under "Visa som tabell". Charts are SVG in two sizes: the full
width for screens, and a narrow drawing for phones whose text is as large on a 390 px screen
as on a wide one (the wide drawing shrunk to a phone's width had 7 px text). Drawings are
cached by content: the same numbers are drawn once per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from core.charts import BarChart, Series
from participants.choices import (
    AGE_BAND_LABELS,
    AGE_BANDS,
    EDUCATION_LABELS,
    EDUCATION_LEVELS,
    END_REASON_GROUPS,
    END_REASON_LABELS,
    END_REASONS,
    FOLLOW_UP_ANSWERS,
    FOLLOW_UP_LABELS,
    GENDER_LABELS,
    TOTAL,
)
from participants.services.statistics import GENDERS

# Every category key of the statistics document with its label (participants.choices).
LABELS: dict[str, Any] = {
    **GENDER_LABELS,
    TOTAL: _("Totalt"),
    **END_REASON_LABELS,
    **AGE_BAND_LABELS,
    **EDUCATION_LABELS,
    **FOLLOW_UP_LABELS,
}
CATEGORIES = {
    "avslutsorsaker": END_REASONS,
    "alder_vid_start": AGE_BANDS,
    "utbildning": EDUCATION_LEVELS,
    "svar": FOLLOW_UP_ANSWERS,
}


def label(key: str) -> str:
    return str(LABELS.get(key, key))


# Drawings depend only on the numbers and labels, which are the key: a day is only for space.
CHART_CACHE_SECONDS = 24 * 60 * 60
CHART_VERSION = 1  # raise when the drawing changes, so that no cached drawing is reused
# Narrow drawing for phones: 9 cm is about 340 CSS px, the content width of a 390 px screen.
NARROW_WIDTH_CM = 9.0
# The page switches to the wide drawing from this width (CSS media query).
WIDE_FROM = "(min-width: 40em)"


@dataclass(frozen=True)
class RenderedChart:
    title: str
    alt: str
    src: str  # data: URI of the wide SVG
    src_narrow: str  # data: URI of the narrow SVG, for phones
    media: str  # when the wide one is shown
    headers: tuple[str, ...]  # the chart's numbers as a table
    rows: tuple[tuple[str, ...], ...]


def render(
    chart: BarChart, width_cm: float = 16.0, height_cm: float | None = None
) -> RenderedChart:
    """The chart drawn for the page, from the cache that all server processes share (Redis
    in production; without it each process's memory), else drawn: a few hundred ms for the
    two drawings, and a statistics page has six charts, which every new worker process drew
    again before."""
    key = (
        f"chart:{CHART_VERSION}:"
        + hashlib.sha256(repr((chart, width_cm, height_cm)).encode()).hexdigest()
    )
    rendered = cache.get(key)
    if rendered is None:
        rendered = _render(chart, width_cm, height_cm)
        cache.set(key, rendered, CHART_CACHE_SECONDS)
    return rendered


@lru_cache(maxsize=128)
def _render(chart: BarChart, width_cm: float, height_cm: float | None) -> RenderedChart:
    # On a phone every chart lies down: category names beside the bars have the room they
    # need ("Eftergymnasial" under a 2 cm wide bar group ran into its neighbours).
    narrow = replace(chart, horizontal=True)
    return RenderedChart(
        title=chart.title,
        alt=chart.describe(),
        src=chart.svg_data_uri(width_cm, height_cm or _height(chart, width_cm)),
        src_narrow=narrow.svg_data_uri(NARROW_WIDTH_CM, _height(narrow, NARROW_WIDTH_CM)),
        media=WIDE_FROM,
        headers=(chart.category_title, *(str(series.name) for series in chart.series)),
        rows=tuple(tuple(row) for row in chart.table_rows()),
    )


def _height(chart: BarChart, width_cm: float) -> float:
    """Vertical charts a fixed height; horizontal ones by their bars, the lines of their
    longest category name and the rows their legend takes at this width."""
    if not chart.horizontal:
        return 7.0
    lines = max((label.count("\n") + 1 for label in chart.category_labels()), default=1)
    bars = 1 if chart.layout != "grouped" else len(chart.series)
    per_category = max(0.35 * lines + 0.2, 0.3 + 0.32 * bars) if bars > 1 else max(0.9, 0.4 * lines)
    per_row = 2 if width_cm < 12 else 4
    legend = 0 if len(chart.series) < 2 else 0.45 * -(-len(chart.series) // per_row)
    return min(30.0, 1.6 + legend + per_category * len(chart.categories))


def _genders_present(cells: Sequence[Mapping[str, int]]) -> tuple[str, ...]:
    """Kvinnor and män always; ej angivet only when someone has it."""
    return tuple(g for g in GENDERS if g != "ej_angivet" or any(c[g] for c in cells))


def by_insats_and_gender(document: Mapping[str, Any], part: str, title: str) -> BarChart:
    insatser = document["insatser"]
    cells = [section[part] for section in insatser.values()]
    return BarChart(
        title=title,
        categories=tuple(section["namn"] for section in insatser.values()),
        series=tuple(
            Series(label(g), tuple(cell[g] for cell in cells)) for g in _genders_present(cells)
        ),
        layout="stacked",
        horizontal=True,
        unit=str(_("antal deltagare")),
        category_title=str(_("Insats")),
    )


def breakdown_by_gender(section: Mapping[str, Any], breakdown: str, title: str) -> BarChart:
    """One bar group per category, one bar per kön (a section: an insats or "totalt")."""
    cells = [section[breakdown][c] for c in CATEGORIES[breakdown]]
    return BarChart(
        title=title,
        categories=tuple(label(c) for c in CATEGORIES[breakdown]),
        series=tuple(
            Series(label(g), tuple(cell[g] for cell in cells)) for g in _genders_present(cells)
        ),
        unit=str(_("antal deltagare")),
    )


def reasons_per_insats(document: Mapping[str, Any], title: str) -> BarChart:
    """Shares of the grouped end reasons per insats that ended someone, and in total."""
    sections = [
        (section["namn"], section)
        for section in document["insatser"].values()
        if section["avslutade"]["totalt"]
    ]
    sections.append((str(_("Samtliga insatser")), document["totalt"]))
    return BarChart(
        title=title,
        categories=tuple(name for name, _section in sections),
        series=tuple(
            Series(
                str(group.label),
                tuple(
                    sum(section["avslutsorsaker"][r]["totalt"] for r in group.members)
                    for _name, section in sections
                ),
            )
            for group in END_REASON_GROUPS
        ),
        layout="percent",
        horizontal=True,
        category_title=str(_("Insats")),
    )


def reasons_per_year(documents: Mapping[int, Mapping[str, Any]], title: str) -> BarChart:
    """Figure 6 of Stockholms stad 2023: the grouped end reasons' shares, year by year."""
    return BarChart(
        title=title,
        categories=tuple(str(year) for year in documents),
        series=tuple(
            Series(
                str(group.label),
                tuple(
                    sum(doc["totalt"]["avslutsorsaker"][r]["totalt"] for r in group.members)
                    for doc in documents.values()
                ),
            )
            for group in END_REASON_GROUPS
        ),
        layout="percent",
        category_title=str(_("År")),
    )


def follow_up_per_insats(follow_up: Mapping[str, Any], title: str) -> BarChart:
    sections = [(entry["namn"], entry["svar"]) for entry in follow_up["insatser"].values()]
    sections.append((str(_("Samtliga insatser")), follow_up["totalt"]))
    return BarChart(
        title=title,
        categories=tuple(name for name, _answers in sections),
        series=tuple(
            Series(label(answer), tuple(answers[answer]["totalt"] for _n, answers in sections))
            for answer in FOLLOW_UP_ANSWERS
        ),
        layout="percent",
        horizontal=True,
        category_title=str(_("Insats")),
    )
