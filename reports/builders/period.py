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
from .economy import (
    TKR,
    balance_sheet_table,
    income_statement_table,
    missing_books,
    operating_rows,
    row_label,
    shown_statements,
)
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
        forecast = data.get("forecast")
        doc.add(period_operating_table(operating, data["months"], until, forecast))
        if forecast:
            doc.add(forecast_paragraph(forecast, year))
    statements = data.get("statements")
    if statements:
        doc.add(*period_statement_tables(statements, until, operating))

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


def period_operating_table(
    operating: Mapping[str, Any],
    months: int,
    until: date,
    forecast: Mapping[str, Any] | None = None,
) -> Table:
    """Net per line, area and insats: full-year budget, the ekonom's full-year forecast
    (reports.services.forecast), budget to date (linear), outcome to date, deviation, and
    costs so far as a share of the year's budgeted costs."""
    forecasts = forecast["rader"] if forecast else {}

    def cells(row: Mapping[str, Any], label: str | None = None) -> list[Any]:
        budget = row["budget_netto"]
        to_date = None if budget is None else budget * months / 12
        outcome = row["netto"]
        deviation = None if to_date is None else outcome - to_date
        used = None
        if row["budget_kostnader"] and row["kostnader"] is not None:
            used = format_percent(row["kostnader"] / row["budget_kostnader"], 0)
        values = [label or row_label(row), budget]
        if forecast:
            values.append(forecasts.get(row["nyckel"]))
        return [*values, to_date, outcome, deviation, used]

    rows, totals = operating_rows(operating, cells)
    forecast_columns = [Column("Prognos helår", kind="tkr")] if forecast else []
    forecast_notes = (
        [
            "Prognos helår = ekonomens bedömning av helårets netto per rad; en rad utan "
            "bedömning har budgeten som prognos."
        ]
        if forecast
        else []
    )
    return Table(
        columns=[
            Column("", width=3.0),
            Column("Budget helår", kind="tkr"),
            *forecast_columns,
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
            *forecast_notes,
            *accrual_notes(operating),
            *booked_in_advance_notes(operating, months),
        ],
    )


def forecast_paragraph(forecast: Mapping[str, Any], year: int) -> Paragraph:
    """The forecast result for the year against the budgeted result, in words."""
    result = forecast["resultat"]
    budget = forecast["budget_resultat"]
    text = f"Prognosen för helåret {year} är ett resultat på {format_tkr(result)} tkr"
    if budget is not None:
        difference = result - budget
        text += f" mot budgeterade {format_tkr(budget)} tkr"
        if round(difference / 1000):
            side = "bättre" if difference > 0 else "sämre"
            text += f", {format_tkr(abs(difference))} tkr {side} än budget"
        else:
            text += ", i nivå med budget"
    if not forecast["angivna"]:
        text += ". Ingen rad har en egen prognos ännu, så prognosen är budgeten"
    return Paragraph.from_text(text + ".")


def period_statement_tables(
    statements: Mapping[str, Any], until: date, operating: Mapping[str, Any] | None
) -> list[Block]:
    """The income statement from 1 January and the balance sheet at the period's end (and
    at the start of the year), from the books up to the period's last day, in tkr."""
    shown = shown_statements(statements)
    start = date.fromisoformat(statements["fran"])
    end = date.fromisoformat(statements["till_och_med"])
    period_text = f"{format_date_long(start)} – {format_date_long(end)}"
    income = income_statement_table(
        shown, None, caption=f"Resultaträkning {period_text}", titles=(f"{start} – {end}",)
    )
    income.notes = [
        "Ur bokföringen till och med periodens sista dag, utan periodiseringar."
        + (
            " Medlemsbidrag som är fakturerade i förskott ingår, till skillnad från "
            "driftredovisningen ovan."
            if operating and operating.get("periodisering")
            else ""
        )
    ]
    balance = balance_sheet_table(
        shown, None, caption=f"Balansräkning {end}", titles=(str(end), str(start))
    )
    if not statements.get("har_ingaende_balans"):
        balance.notes = ["Bokföringen saknar ingående balanser; året börjar från noll."]
    return [Heading(3, "Resultaträkning och balansräkning"), income, balance]


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
