"""Charts of the participant statistics for the web pages, drawn with core.charts.

Every chart comes with a text alternative that states its numbers (`BarChart.describe`), and
the page shows the same numbers in a table next to it. PNGs are cached by content: the same
numbers are drawn once per process.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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


@dataclass(frozen=True)
class RenderedChart:
    title: str
    alt: str
    src: str  # data: URI of the PNG


def render(
    chart: BarChart, width_cm: float = 16.0, height_cm: float | None = None
) -> RenderedChart:
    if height_cm is None:
        bars = len(chart.categories) if chart.horizontal else 0
        height_cm = 7.0 if not chart.horizontal else min(24.0, 3.0 + 0.9 * bars)
    return RenderedChart(chart.title, chart.describe(), _png_uri(chart, width_cm, height_cm))


@lru_cache(maxsize=128)
def _png_uri(chart: BarChart, width_cm: float, height_cm: float) -> str:
    png = chart.to_png(width_cm, height_cm, dpi=110)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


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
