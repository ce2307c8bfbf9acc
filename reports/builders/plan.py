"""The business plan (verksamhetsplan med budget, like Södra Roslagen 2018) from its data snapshot:

Inledning · 1 Förbundets uppdrag · 2 Förbundsövergripande mål · 3 Målgrupper · 4 Organisation ·
5 Verksamhet och insatser (each insats: description, budget, goals) · 6 Budget (contributions,
the three-year table) · Bilaga: uppdrag, insatser, kostnader och mål.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from budget.choices import BudgetCategory
from core.charts import BarChart, Series, chart_figure
from core.document import (
    Block,
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Table,
    TableOfContents,
)

from .common import (
    board_blocks,
    cover_note,
    ideal_sentence,
    insats_description,
    insats_overview_table,
    members_sentence,
    members_table,
    narrative,
    sum_or_none,
)
from .goals import goals_table


def build_business_plan(data: Mapping[str, Any]) -> Document:
    year = data["year"]
    texts = data["texts"]
    draft = True

    def text(key: str) -> list[Block]:
        return narrative(texts.get(key, ""), draft=draft)

    doc = Document(
        title="Verksamhetsplan med budget",
        year=year,
        organisation=data["forbund"]["name"],
        cover_note=cover_note(data),
        subtitle=f"Budget {year} och plan för {year + 1}–{year + 2}",
        metadata={
            "subject": f"Verksamhetsplan {year}",
            "keywords": "samordningsförbund, FINSAM, verksamhetsplan, budget",
        },
    )
    doc.add(TableOfContents())
    doc.add(Heading(1, "1 Uppdrag, mål och organisation"))
    doc.add(Heading(2, "1.1 Inledning"), *text("inledning"))
    doc.add(Heading(2, "1.2 Förbundets uppdrag"), *text("uppdrag"))
    members = data["members"]
    if members:
        doc.add(Paragraph.from_text(members_sentence(members, year)))

    doc.add(Heading(2, "1.3 Förbundsövergripande mål"), *text("mal"))
    overall = [goal for goal in data["goals"] if not goal["insats_code"]]
    if overall:
        doc.add(
            goals_table(
                overall, f"Förbundsövergripande mål {year}", data["grading"], with_result=False
            )
        )
    doc.add(Heading(2, "1.4 Målgrupper och prioriteringar"), *text("malgrupper"))
    doc.add(
        Heading(2, "1.5 Organisation"),
        *text("organisation"),
        *board_blocks(data["board"], year, data.get("trustees")),
    )

    doc.add(Heading(1, "2 Verksamhet och insatser"), *text("insatser"))
    insatser = data["insatser"]
    if insatser:
        doc.add(insats_overview_table(insatser, year))
    for insats in insatser:
        doc.add(*insats_description(insats, 2))
        goals = [goal for goal in data["goals"] if goal["insats_code"] == insats["code"]]
        if goals:
            doc.add(
                goals_table(
                    goals, f"Mål för {insats['name']} {year}", data["grading"], with_result=False
                )
            )

    doc.add(Heading(1, "3 Budget"), *text("ekonomi"))
    if members:
        doc.add(
            members_table(
                members,
                year,
                amount="requested" if all(m["decided"] is None for m in members) else "decided",
            )
        )
    ideal = ideal_sentence(data.get("ideal"), year)
    if ideal:
        doc.add(Paragraph.from_text(ideal))
    plan = data["plan"]
    if any(plan["present"]):
        doc.add(Heading(2, f"3.1 Budget {year} och plan för {year + 1}–{year + 2}"))
        doc.add(three_year_table(plan))
        chart = three_year_chart(plan)
        if chart is not None:
            doc.add(chart)
    else:
        doc.add(Paragraph.from_text(f"Det finns ingen budget för {year} i Samordna ännu."))

    doc.add(Heading(1, "Bilaga. Insatser, kostnader och mål"))
    doc.add(overview_table(data))
    return doc


EQUITY = BudgetCategory.EQUITY.value


def three_year_table(plan: Mapping[str, Any]) -> Table:
    years = plan["years"]
    titles = []
    for index, year in enumerate(years):
        if not plan["present"][index]:
            titles.append(f"{year} (saknas)")
        elif plan["adopted"][index]:
            titles.append(f"Budget {year}")
        else:
            titles.append(f"Plan {year}")
    columns = [Column("", width=3.2)] + [Column(title, kind="tkr") for title in titles]
    # Ianspråktaget eget kapital is no income: it finances a negative result, and is shown
    # below the result (issue 9: "the budgeted result reads 0 instead of −754").
    equity = [section for section in plan["income"] if section["category"] == EQUITY]
    income = [section for section in plan["income"] if section["category"] != EQUITY]
    count = len(years)

    def added(sections: list[Mapping[str, Any]]) -> list[int]:
        return [sum(section["totals"][i] for section in sections) for i in range(count)]

    rows: list[Row] = [Row(["Intäkter"], "section")]
    for section in income:
        for row in section["rows"]:
            rows.append(Row([row["name"], *row["amounts"]]))
    income_total = len(rows)
    total_income = added(income)
    rows.append(
        Row(
            ["Summa intäkter", *total_income],
            "subtotal",
            sum_of=tuple(i for i, r in enumerate(rows) if r.kind == "body"),
        )
    )
    cost_parts: list[int] = []  # each area's sum, or its one line
    for section in plan["costs"]:
        rows.append(Row([section["label"]], "section"))
        first = len(rows)
        for row in section["rows"]:
            rows.append(Row([row["name"], *row["amounts"]]))
        if len(section["rows"]) > 1:
            cost_parts.append(len(rows))
            rows.append(
                Row(
                    [f"Summa {section['label'].lower()}", *section["totals"]],
                    "subtotal",
                    sum_of=tuple(range(first, len(rows))),
                )
            )
        else:
            cost_parts += range(first, len(rows))
    cost_total = len(rows)
    rows.append(
        Row(["Summa kostnader", *plan["total_costs"]], "subtotal", sum_of=tuple(cost_parts))
    )
    result_index = len(rows)
    result = [i - c for i, c in zip(total_income, plan["total_costs"], strict=True)]
    totals: list[Row] = [
        Row(
            ["Resultat", *result],
            "total",
            sum_of=(income_total, cost_total),
            minus=(cost_total,),
        )
    ]
    notes = ["Belopp efter ändringsbeslut."]
    if equity:
        financing = [result_index]
        for section in equity:
            for row in section["rows"]:
                financing.append(result_index + len(totals))
                totals.append(Row([f"Finansieras med {row['name'].lower()}", *row["amounts"]]))
        totals.append(
            Row(
                [
                    "Resultat efter ianspråktaget eget kapital",
                    *[r + e for r, e in zip(result, added(equity), strict=True)],
                ],
                "total",
                sum_of=tuple(financing),
            )
        )
        notes.insert(
            0,
            "Ianspråktaget eget kapital är ingen intäkt: det finansierar ett budgeterat "
            "negativt resultat med tidigare års överskott.",
        )
    return Table(
        columns=columns,
        rows=rows,
        total_rows=totals,
        caption=f"Intäkter och kostnader {years[0]}–{years[-1]}",
        unit="Belopp i tkr",
        notes=notes,
    )


def three_year_chart(plan: Mapping[str, Any]):
    if not plan["costs"]:
        return None
    years = [str(y) for y, present in zip(plan["years"], plan["present"], strict=True) if present]
    index = [i for i, present in enumerate(plan["present"]) if present]
    series = [
        Series(section["label"], [round(section["totals"][i] / 1000) for i in index])
        for section in plan["costs"]
    ]
    chart = BarChart(
        title="Kostnader per område",
        categories=years,
        series=series,
        layout="stacked",
        unit="tkr",
    )
    return chart_figure(chart, "Budgeterade kostnader per område, tkr", height_cm=7.0)


def overview_table(data: Mapping[str, Any]) -> Table:
    """Södra Roslagen's plan 2018, bilaga 1: each insats with its cost and its goals in words."""
    year = data["year"]
    rows = []
    for insats in data["insatser"]:
        goals = [goal["title"] for goal in data["goals"] if goal["insats_code"] == insats["code"]]
        rows.append([insats["name"], insats["budget"], "; ".join(goals) or "–"])
    total = sum_or_none(insats["budget"] for insats in data["insatser"])
    return Table(
        columns=[
            Column("Insats", width=2.4),
            Column(f"Kostnad {year}", kind="tkr", width=1.0),
            Column("Mål", width=4.0),
        ],
        rows=rows,
        total_rows=[["Summa insatser", total, ""]],
        caption=f"Förbundets insatser, kostnader och mål {year}",
        unit="Belopp i tkr",
    )
