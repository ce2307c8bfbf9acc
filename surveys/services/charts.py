"""Stacked bar charts of survey results, one per run of questions on the same scale, like
figures 7-8 of Stockholms stad 2023: steps in scale order, the shares written on the bars.
Used by the results page and the annual report's survey section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.charts import PALETTE, BarChart, Series


def question_groups(result: Mapping[str, Any]) -> list[list[dict[str, Any]]]:
    """Consecutive questions with the same scale, in instrument order."""
    groups: list[list[dict[str, Any]]] = []
    for question in result["fragor"]:
        if groups and groups[-1][0]["skala"] == question["skala"]:
            groups[-1].append(question)
        else:
            groups.append([question])
    return groups


def group_chart(questions: list[dict[str, Any]], title: str) -> BarChart | None:
    """The shares per step of each question with a distribution; None when there is none to
    draw or the scale has more steps than the palette can tell apart (the table remains)."""
    shown = [q for q in questions if q["andel"] is not None]
    scale = questions[0]["skala"]
    if not shown or len(scale) > len(PALETTE):
        return None
    return BarChart(
        title=title,
        categories=tuple(q["text"] for q in shown),
        series=tuple(Series(step, tuple(q["andel"][step] for q in shown)) for step in scale),
        layout="stacked",
        horizontal=True,
        unit="%",
        category_title="Fråga",
    )


def positive_sentence(result: Mapping[str, Any]) -> str:
    """A sentence on the positive shares, e.g. for the annual report."""
    shares = [
        (q["kod"], q["andel_positiva"]) for q in result["fragor"] if q["andel_positiva"] is not None
    ]
    if not shares:
        return "För få svar för att redovisa andelen positiva svar."
    low = min(shares, key=lambda s: s[1])
    high = max(shares, key=lambda s: s[1])
    if low[1] == high[1]:
        return f"Andelen positiva svar är {low[1]} procent på samtliga frågor."
    return (
        f"Andelen positiva svar (de tre översta stegen på skalan) varierar mellan {low[1]} "
        f"procent (fråga {low[0]}) och {high[1]} procent (fråga {high[0]})."
    )
