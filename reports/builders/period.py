"""The period report (tertial or half year) from its data snapshot:

Sammanfattning · 1 Ekonomi hittills i år (budget vs outcome to date by area and insats) ·
2 Deltagare hittills i år · 3 Mål (results so far).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from core.document import (
    NOT_A_SUM,
    Block,
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Table,
)
from core.formatting import format_date_long, format_percent, format_tkr

from .common import cover_note, narrative
from .economy import TKR, missing_books, operating_rows, row_label
from .goals import target_text, value_text
from .participants import GENDER_COLUMNS
from .surveys import rounds_blocks


def build_period_report(data: Mapping[str, Any]) -> Document:
    year = data["year"]
    until = date.fromisoformat(data["until"])
    texts = data["texts"]

    def text(key: str) -> list[Block]:
        return narrative(texts.get(key, ""), draft=True)

    doc = Document(
        title=data["title"],
        year=year,
        organisation=data["forbund"]["name"],
        cover_note=cover_note(data),
        subtitle=f"Perioden 1 januari – {format_date_long(until)}"
        + (". Publiceringsversion" if data["for_publication"] else ""),
        metadata={"subject": f"{data['title']} {year}", "keywords": "samordningsförbund, FINSAM"},
    )
    # Short enough for one flow: one chapter, its parts as sections, no table of contents.
    doc.add(Heading(1, f"{data['title']} {year}"))
    doc.add(Heading(2, "Sammanfattning"), *text("sammanfattning"))

    doc.add(Heading(2, "1 Ekonomi hittills i år"), *text("ekonomi"))
    operating = data["operating"]
    if operating is None:
        doc.add(missing_books(year))
    else:
        doc.add(period_operating_table(operating, data["months"], until))

    doc.add(Heading(2, "2 Deltagare hittills i år"), *text("verksamhet"))
    doc.add(*participant_tables(data["participants"], until))
    doc.add(*rounds_blocks(data.get("survey_rounds", [])))

    goals = data["goals"]
    if goals:
        doc.add(Heading(2, "3 Mål och utfall hittills"))
        doc.add(
            Paragraph.from_text(
                "Resultaten gäller perioden hittills och bedöms först i årsredovisningen.",
                style="small",
            )
        )
        doc.add(goal_progress_table(goals, year))
    return doc


def period_operating_table(operating: Mapping[str, Any], months: int, until: date) -> Table:
    """Net per line, area and insats: full-year budget, budget to date (linear), outcome to
    date, deviation, and costs so far as a share of the year's budgeted costs."""

    def cells(row: Mapping[str, Any], label: str | None = None) -> list[Any]:
        budget = row["budget_netto"]
        to_date = None if budget is None else budget * months / 12
        outcome = row["netto"]
        deviation = None if to_date is None else outcome - to_date
        used = None
        if row["budget_kostnader"] and row["kostnader"] is not None:
            used = format_percent(row["kostnader"] / row["budget_kostnader"], 0)
        return [label or row_label(row), budget, to_date, outcome, deviation, used]

    rows, totals = operating_rows(operating, cells)
    return Table(
        columns=[
            Column("", width=3.0),
            Column("Budget helår", kind="tkr"),
            Column("Budget hittills", kind="tkr"),
            Column("Utfall hittills", kind="tkr"),
            Column("Avvikelse", kind="tkr"),
            Column("Förbrukat", align="right", width=0.9),
        ],
        rows=rows,
        total_rows=totals,
        caption=f"Budget och utfall netto till och med {format_date_long(until)}",
        unit=TKR,
        notes=[
            f"Netto = intäkter − kostnader. Budget hittills = helårsbudgeten fördelad jämnt "
            f"över året ({months} av 12 månader). En positiv avvikelse är bättre än budget. "
            f"Förbrukat = kostnaderna hittills i procent av årets budgeterade kostnader.",
            *accrual_notes(operating),
            *booked_in_advance_notes(operating, months),
        ],
    )


def accrual_notes(operating: Mapping[str, Any]) -> list[str]:
    """What the accrual of the contributions did (reports.services.accrual)."""
    accrual = operating.get("periodisering")
    if not accrual:
        return []
    early = accrual["bokfort"] - accrual["periodens_del"]
    text = (
        f"Medlemsbidragen är periodiserade: av årets {format_tkr(accrual['arsbelopp'])} tkr "
        f"hör {format_tkr(accrual['periodens_del'])} tkr till periodens "
        f"{accrual['manader']} månader. "
    )
    if early > 0:
        text += (
            f"Bokfört hittills är {format_tkr(accrual['bokfort'])} tkr; "
            f"{format_tkr(early)} tkr är fakturerat i förskott och ingår inte i resultatet "
            f"hittills."
        )
    else:
        text += f"Bokfört hittills är {format_tkr(accrual['bokfort'])} tkr."
    return [text]


def booked_in_advance_notes(operating: Mapping[str, Any], months: int) -> list[str]:
    """A sentence for each income line already booked for the whole year (member
    contributions invoiced in January): its "deviation" against an even spread is timing,
    not a surplus, and the result's deviation holds the same amount."""
    notes = []
    for row in operating["rader"]:
        budget = row["budget_netto"]
        if row["omrade"] or row["summa"] or row["niva"] != 0 or months >= 12:
            continue
        if not row["intakter"] or not budget or budget <= 0 or row["netto"] < budget:
            continue
        early = row["netto"] - budget * months / 12
        notes.append(
            f"{row_label(row)}: hela årets budgeterade belopp ({format_tkr(budget)} tkr) är "
            f"redan bokfört. Avvikelsen mot en jämn fördelning ({format_tkr(early)} tkr) beror "
            f"på när beloppet bokförs och är inget överskott; resultatets avvikelse innehåller "
            f"samma belopp."
        )
    return notes


def participant_tables(participants: Mapping[str, Any], until: date) -> list[Block]:
    """Participations per insats (with the women among them next to the count), then the
    totals per kön with the people counted once, as the annual report counts them."""
    if not participants["insatser"]:
        return [Paragraph.from_text("Inga deltaganden är registrerade hittills i år.")]
    blocks: list[Block] = []
    columns = [
        Column("Insats", width=3.0),
        Column("Deltagare", kind="number"),
        Column("varav kvinnor", kind="number"),
        Column("Nya deltagare", kind="number"),
        Column("Avslutade", kind="number"),
        Column("Avslutade till arbete eller studier", kind="number", width=1.5),
    ]

    def cells(label: str, section: Mapping[str, Any]) -> list[Any]:
        return [
            label,
            section["deltagare"]["totalt"],
            section["deltagare"]["kvinna"],
            section["paborjade"]["totalt"],
            section["avslutade"]["totalt"],
            section["arbete_studier"]["totalt"],
        ]

    rows = [cells(section["namn"], section) for section in participants["insatser"].values()]
    total = participants["totalt"]
    blocks.append(
        Table(
            columns=columns,
            rows=rows,
            total_rows=[cells("Summa deltaganden", total)],
            caption=f"Deltagare 1 januari – {format_date_long(until)}",
            notes=[
                "Deltagare räknas per deltagande i individinriktade insatser: en person som "
                "deltar i två insatser räknas i båda."
            ],
        )
    )
    titles = {"deltagare": "Deltaganden", "paborjade": "Nya deltagare", "avslutade": "Avslutade"}
    gender_columns = (
        [Column("", width=3.0)]
        + [Column(label, kind="number") for _key, label in GENDER_COLUMNS]
        + [Column("Totalt", kind="number")]
    )
    people = participants["unika_deltagare"]
    blocks.append(
        Table(
            columns=gender_columns,
            rows=[
                [title, *(total[part][key] for key, _l in GENDER_COLUMNS), total[part]["totalt"]]
                for part, title in titles.items()
            ]
            + [
                Row(
                    [
                        "Unika deltagare",
                        *(people[key] for key, _l in GENDER_COLUMNS),
                        people["totalt"],
                    ],
                    "subtotal",
                    sum_of=NOT_A_SUM,  # each person once, not the rows above added
                )
            ],
            caption="Deltagare hittills i år per kön",
            notes=["Unika deltagare räknar varje person en gång."],
        )
    )
    return blocks


def goal_progress_table(goals, year: int) -> Table:
    rows = [
        [
            f"{goal['insats_name']}: {goal['title']}" if goal["insats_name"] else goal["title"],
            target_text(goal),
            value_text(goal, goal["result"]),
        ]
        for goal in goals
    ]
    return Table(
        columns=[
            Column("Mål", width=4.0),
            Column(f"Mål {year}", align="right", width=1.3),
            Column("Hittills", align="right", width=1.3),
        ],
        rows=rows,
        caption=f"Mål {year} och utfall hittills",
    )
