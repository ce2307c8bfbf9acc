"""The economic tables: five-year overview, statements, notes, driftredovisning.

Amounts are kronor in the data and shown in tkr ("Belopp i tkr"): the Column kind "tkr"
rounds half away from zero. Signs as in a published kommunal statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from budget.choices import COST_AREAS, BudgetCategory
from core.charts import BarChart, Series, chart_figure
from core.document import Block, Cell, Column, Figure, Paragraph, Row, RowKind, Table
from core.formatting import format_number, format_tkr
from economy.choices import CheckStatus
from economy.services import presentation, tkr
from economy.services.presentation import Line
from economy.services.tkr import statements_in_tkr

TKR = "Belopp i tkr"


def _row_kind(line: Line) -> RowKind:
    if line.kind == "rubrik":
        return "section"
    if line.kind == "summa":
        return "total" if line.total else "subtotal"
    return "body"


def _label(line: Line) -> str:
    # A "varav" line is indented under the line it is part of.
    return f"  {line.label}" if line.kind == "varav" else str(line.label)


def note_numbers(statements: Mapping[str, Any]) -> dict[str, int]:
    """Note number per statement line with a note, in the order the statements show them."""
    numbers: dict[str, int] = {}
    for line in presentation.statement_lines():
        if statements["noter"].get(line.key) and line.key not in numbers:
            numbers[line.key] = len(numbers) + 1
    return numbers


def _year_columns(year: int, *, note: bool, titles: tuple[str, ...] | None = None) -> list[Column]:
    """The label, the note number and the amounts: this year and the year before, or the
    columns `titles` names (one or two)."""
    columns = [Column("", width=3.6)]
    if note:
        columns.append(Column("Not", align="center", width=0.5))
    columns += [
        Column(title, kind="tkr") for title in titles or (f"{year}-12-31", f"{year - 1}-12-31")
    ]
    return columns


def shown_statements(statements: Mapping[str, Any]) -> dict[str, Any]:
    """The statements as the report shows them: every amount in whole tkr (economy.services.
    tkr: each shown sum is the sum of its shown parts, the same figure is the same in every
    statement), written back in kronor (3 412 000) so that "tkr" columns and texts print it
    as it is."""
    shown = statements_in_tkr(statements)

    def kronor(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: kronor(item) for key, item in value.items()}
        if isinstance(value, list):
            return [kronor(item) for item in value]
        return value * 1000 if isinstance(value, int) and not isinstance(value, bool) else value

    for part in ("resultatrakning", "balansrakning", "kassaflodesanalys", "balanskravsutredning"):
        if part in shown:
            shown[part] = kronor(shown[part])
    shown["noter"] = {
        key: [
            {**entry, "ar": kronor(entry["ar"]), "foregaende_ar": kronor(entry["foregaende_ar"])}
            for entry in entries
        ]
        for key, entries in shown["noter"].items()
    }
    shown["nyckeltal"]["balanskravsresultat"] = kronor(shown["nyckeltal"]["balanskravsresultat"])
    return shown


def declare_sums(
    rows: Sequence[Row], keys: Mapping[int, str], sums: Mapping[str, Sequence[tuple[str, int]]]
) -> None:
    """Sets `sum_of`/`minus` on the rows that are sums, by the statement keys of the rows
    (`keys`: id(row) → key). A part that is not shown (nothing in either year) is left out."""
    index = {keys[id(row)]: position for position, row in enumerate(rows) if id(row) in keys}
    for row in rows:
        members = sums.get(keys.get(id(row), ""))
        if members is None:
            continue
        present = [(index[key], sign) for key, sign in members if key in index]
        row.sum_of = tuple(position for position, _sign in present)
        row.minus = tuple(position for position, sign in present if sign < 0)


def income_statement_table(
    statements: Mapping[str, Any],
    notes: Mapping[str, int] | None,
    *,
    caption: str = "",
    titles: tuple[str, ...] | None = None,
) -> Table:
    """The resultaträkning; `notes` None: no note column; `titles`: the amount columns' heads
    (one title: the year's column only, as a period report shows it)."""
    year = statements["ar"]
    part = statements["resultatrakning"]
    rows: list[Row] = []
    keys: dict[int, str] = {}
    for line in presentation.INCOME_STATEMENT:
        figure = part[line.key]
        note = [] if notes is None else [str(notes.get(line.key, ""))]
        shown = (
            [figure["ar"]]
            if titles is not None and len(titles) == 1
            else [
                figure["ar"],
                figure["foregaende_ar"],
            ]
        )
        row = Row([_label(line), *note, *shown], _row_kind(line))
        keys[id(row)] = line.key
        rows.append(row)
    declare_sums(rows, keys, tkr.INCOME_SUMS)
    return Table(
        columns=_year_columns(year, note=notes is not None, titles=titles),
        rows=rows,
        caption=caption or f"Resultaträkning {year}",
        unit=TKR,
    )


def balance_sheet_table(
    statements: Mapping[str, Any],
    notes: Mapping[str, int] | None,
    *,
    caption: str = "",
    titles: tuple[str, ...] | None = None,
) -> Table:
    """The balansräkning; `notes` None: no note column, `titles` the two columns' heads."""
    year = statements["ar"]
    part = statements["balansrakning"]
    rows: list[Row] = []
    group: list[Row] = []  # a sub-heading's rows, kept only when it has a line to show
    keys: dict[int, str] = {}

    def close_group() -> None:
        if any(row.kind == "body" for row in group[1:]):
            rows.extend(group)
        else:
            rows.extend(group[1:])
        group.clear()

    for line in presentation.BALANCE_SHEET:
        if line.kind == "rubrik":
            close_group()
            heading = Row([_label(line)], "section")
            if line.level == 2:
                group.append(heading)
            else:
                rows.append(heading)
            continue
        figure = part[line.key]
        kind = _row_kind(line)
        empty = not figure["ar"] and not figure["foregaende_ar"]
        if kind == "body" and empty and line.key != "eget_kapital":
            continue  # a line with nothing in either year (most förbund own no assets)
        if line.key == "summa_anlaggningstillgangar" and empty:
            continue
        note = [] if notes is None else [str(notes.get(line.key, ""))]
        cells = [_label(line), *note, figure["ar"], figure["foregaende_ar"]]
        row = Row(cells, kind)
        keys[id(row)] = line.key
        if kind == "total":
            close_group()  # a sub-group ends at the sum of its heading
            rows.append(row)
        else:
            (group if group else rows).append(row)
    close_group()
    declare_sums(rows, keys, {**tkr.ASSET_SUMS, **tkr.LIABILITY_SUMS})
    return Table(
        columns=_year_columns(year, note=notes is not None, titles=titles),
        rows=rows,
        caption=caption or f"Balansräkning {year}-12-31",
        unit=TKR,
    )


def cash_flow_table(statements: Mapping[str, Any]) -> Table | None:
    year = statements["ar"]
    part = statements["kassaflodesanalys"]
    if part["arets_resultat"]["ar"] is None:
        return None
    rows: list[Row] = []
    keys: dict[int, str] = {}
    for line in presentation.CASH_FLOW:
        key, label, kind = line.key, _label(line), _row_kind(line)
        if kind == "section":
            rows.append(Row([label], "section"))
            continue
        figure = part[key]
        if (
            kind == "body"
            and key.startswith("forandring_forrad")
            and not figure["ar"]
            and not figure["foregaende_ar"]
        ):
            continue
        row = Row([label, figure["ar"], figure["foregaende_ar"]], kind)
        keys[id(row)] = key
        rows.append(row)
    declare_sums(rows, keys, tkr.CASH_FLOW_SUMS)
    return Table(
        columns=_year_columns(year, note=False),
        rows=rows,
        caption=f"Kassaflödesanalys {year}",
        unit=TKR,
    )


def note_tables(statements: Mapping[str, Any], notes: Mapping[str, int]) -> list[Table]:
    year = statements["ar"]
    tables = []
    for key, number in notes.items():
        entries = statements["noter"][key]
        sign = presentation.note_sign(key)
        rows = [
            [
                f"{e['konto']} {e['namn']}".strip(),
                _signed(e["ar"], sign),
                _signed(e["foregaende_ar"], sign),
            ]
            for e in entries
        ]
        total_now = sum((e["ar"] or 0) for e in entries)
        previous = [e["foregaende_ar"] for e in entries if e["foregaende_ar"] is not None]
        total_before = sum(previous) if previous else None
        tables.append(
            Table(
                columns=[
                    Column("Konto", width=3.6),
                    Column(str(year), kind="tkr"),
                    Column(str(year - 1), kind="tkr"),
                ],
                rows=rows,
                total_rows=[["Summa", _signed(total_now, sign), _signed(total_before, sign)]],
                caption=f"Not {number}. {presentation.note_title(key)}",
                unit=TKR,
                numbered=False,
            )
        )
    return tables


def _signed(value, sign: int):
    return None if value is None else value * sign


# --- Balanskravsutredning -----------------------------------------------------------------

BALANCE_REQUIREMENT_ROWS: tuple[tuple[str, str, RowKind], ...] = (
    ("arets_resultat", "Årets resultat", "body"),
    ("realisationsvinster", "Samtliga realisationsvinster", "body"),
    (
        "realisationsforluster_enligt_undantag",
        "Vissa realisationsvinster och -förluster enligt undantagsmöjlighet",
        "body",
    ),
    (
        "orealiserade_vinster_forluster_vardepapper",
        "Orealiserade vinster och förluster i värdepapper",
        "body",
    ),
    (
        "aterforing_orealiserade",
        "Återföring av orealiserade vinster och förluster i värdepapper",
        "body",
    ),
    (
        "arets_resultat_efter_balanskravsjusteringar",
        "Årets resultat efter balanskravsjusteringar",
        "subtotal",
    ),
    ("reservering_till_resultatutjamningsreserv", "Medel till resultatutjämningsreserv", "body"),
    ("anvandning_av_resultatutjamningsreserv", "Medel från resultatutjämningsreserv", "body"),
    ("balanskravsresultat", "Balanskravsresultat", "total"),
)


def balance_requirement_table(statements: Mapping[str, Any]) -> Table | None:
    """LKBR 11 kap.: from årets resultat to the balanskravsresultat, this year and last
    (statements as shown, economy.services.tkr)."""
    part = statements.get("balanskravsutredning")
    if not part or part["arets_resultat"]["ar"] is None:
        return None
    year = statements["ar"]
    rows: list[Row] = []
    keys: dict[int, str] = {}
    for key, label, kind in BALANCE_REQUIREMENT_ROWS:
        figure = part[key]
        row = Row([label, figure["ar"], figure["foregaende_ar"]], kind)
        keys[id(row)] = key
        rows.append(row)
    declare_sums(rows, keys, tkr.BALANCE_REQUIREMENT_SUMS)
    return Table(
        columns=[
            Column("", width=4.0),
            Column(str(year), kind="tkr"),
            Column(str(year - 1), kind="tkr"),
        ],
        rows=rows,
        caption=f"Balanskravsutredning {year}",
        unit=TKR,
        notes=[
            "Avdrag (realisationsvinster, medel till resultatutjämningsreserv) visas negativa. "
            "Justeringarna är de som förbundets ekonom har registrerat för året."
        ],
    )


def balance_requirement_follow_up_blocks(
    follow_up: Mapping[str, Any] | None, statements: Mapping[str, Any]
) -> list[Block]:
    """The deficits to restore (when the förbund's rules require it) and a planned use of
    equity, in sentences and, with deficits, a table."""
    if not follow_up:
        return []
    blocks: list[Block] = []
    year = follow_up["ar"]
    result = statements["balanskravsutredning"]["balanskravsresultat"]["ar"]
    planned = follow_up.get("planerat_ianspraktagande_eget_kapital")
    if planned:
        text = (
            f"Budgeten för {year} tar {format_tkr(planned)} tkr av det egna kapitalet i "
            f"anspråk enligt styrelsens budgetbeslut: ett negativt resultat upp till det "
            f"beloppet är planerat och finansieras med tidigare års överskott."
        )
        if result is not None and result < 0:
            within = -result <= float(planned) + 500  # as shown in tkr
            text += (
                f" Balanskravsresultatet {format_tkr(result)} tkr ryms inom det planerade "
                f"ianspråktagandet."
                if within
                else f" Balanskravsresultatet {format_tkr(result)} tkr är större än det "
                f"planerade ianspråktagandet."
            )
        blocks.append(Paragraph.from_text(text))
    restoration = follow_up.get("aterstallande_inom_ar")
    if not restoration:
        if result is not None and result < 0:
            blocks.append(
                Paragraph.from_text(
                    "Förbundets regler kräver inte att ett negativt balanskravsresultat "
                    "återställs under kommande år."
                )
            )
        return blocks
    deficits = follow_up["underskott"]
    if not deficits:
        blocks.append(
            Paragraph.from_text(
                f"Förbundet har inget balanskravsunderskott från tidigare år att återställa. "
                f"Enligt förbundets regler ska ett negativt balanskravsresultat återställas "
                f"inom {restoration} år."
            )
        )
        return blocks
    rows = [
        [str(d["ar"]), d["underskott"], d["aterstallt"], d["kvar"], str(d["aterstalls_senast"])]
        for d in deficits
    ]
    blocks.append(
        Paragraph.from_text(
            f"Enligt förbundets regler ska ett negativt balanskravsresultat återställas inom "
            f"{restoration} år. Kvar att återställa vid utgången av {year}: "
            f"{format_tkr(follow_up['kvar_att_aterstalla'])} tkr."
        )
    )
    blocks.append(
        Table(
            columns=[
                Column("Underskott från år", width=1.6),
                Column("Underskott", kind="tkr"),
                Column("Återställt", kind="tkr"),
                Column("Kvar", kind="tkr"),
                Column("Återställs senast", align="right", width=1.4),
            ],
            rows=rows,
            total_rows=[
                [
                    "Summa",
                    sum((d["underskott"] for d in deficits), 0),
                    sum((d["aterstallt"] for d in deficits), 0),
                    follow_up["kvar_att_aterstalla"],
                    "",
                ]
            ],
            caption=f"Balanskravsunderskott att återställa {year}",
            unit=TKR,
        )
    )
    return blocks


# --- Five-year overview --------------------------------------------------------------------


def five_year_table(rows: Sequence[Mapping[str, Any]]) -> Table:
    """The economy app's overview, newest year first (as annual reports show it).

    Its income and costs include the financial items and depreciation, so they are not the
    income statement's "Verksamhetens intäkter/kostnader" and are not called so; costs are
    negative, as in the income statement and "Året i siffror".
    """
    columns = [Column("", width=3.0)] + [Column(str(row["ar"]), kind="tkr") for row in rows]

    def line(label: str, get, kind: str = "body") -> Row:
        return Row([label, *(get(row) for row in rows)], kind)  # type: ignore[arg-type]

    def percent(row) -> Cell:
        value = row["soliditet_procent"]
        return Cell(None if value is None else value / 100, kind="percent", decimals=1)

    def costs(row) -> Any:
        return None if row["kostnader"] is None else -row["kostnader"]

    body = [
        line("Medlemsbidrag", lambda r: r["medlemsbidrag"]),
        line("Övriga intäkter", lambda r: r["ovriga_intakter"]),
        line("Intäkter totalt", lambda r: r["intakter"], "subtotal"),
        line("Kostnader totalt", costs),
        line("Årets resultat", lambda r: r["arets_resultat"], "subtotal"),  # rows 2 + 3
        line("Eget kapital vid årets slut", lambda r: r["eget_kapital"]),
        line("Soliditet", percent),
    ]
    body[4].sum_of = (2, 3)
    if any(row["arsarbetare"]["totalt"] is not None for row in rows):
        body.append(
            line(
                "Årsarbetare",
                lambda r: Cell(r["arsarbetare"]["totalt"], kind="number", decimals=1),
            )
        )
    note = (
        "Intäkter och kostnader totalt omfattar även finansiella poster och avskrivningar, "
        "och skiljer sig därför från resultaträkningens verksamhetens intäkter och kostnader. "
        "Övriga intäkter omfattar finansiella intäkter. "
        "Soliditet = eget kapital i procent av tillgångarna."
    )
    if any(row["intakter"] is None for row in rows):
        note += " – = uppgift saknas (året finns inte i den inlästa bokföringen)."
    return Table(
        columns=columns,
        rows=body,
        caption="Översikt över verksamhetens utveckling",
        unit=TKR,
        notes=[note],
    )


def five_year_chart(rows: Sequence[Mapping[str, Any]]) -> Figure | None:
    present = [row for row in reversed(rows) if row["intakter"] is not None]
    if len(present) < 2:
        return None
    chart = BarChart(
        title="Intäkter och kostnader",
        categories=[str(row["ar"]) for row in present],
        series=[
            Series("Intäkter", [round(row["intakter"] / 1000) for row in present]),
            Series("Kostnader", [round(row["kostnader"] / 1000) for row in present]),
        ],
        unit="tkr",
    )
    return chart_figure(chart, "Intäkter och kostnader över tid, tkr", height_cm=6.5)


def staff_table(rows: Sequence[Mapping[str, Any]]) -> Table | None:
    """Årsarbetare per part of the organisation, newest year first like the overview."""
    present = [row for row in rows if row["arsarbetare"]["totalt"] is not None]
    if not present:
        return None
    columns = [Column("", width=3.0)] + [
        Column(str(row["ar"]), kind="number", decimals=1) for row in present
    ]
    labels = (
        ("Kansliet", "kansli"),
        ("Strukturinriktade insatser", "struktur"),
        ("Individinriktade insatser", "individ"),
    )
    body = [[label, *(row["arsarbetare"][key] for row in present)] for label, key in labels]
    return Table(
        columns=columns,
        rows=body,
        total_rows=[["Summa årsarbetare", *(row["arsarbetare"]["totalt"] for row in present)]],
        caption="Genomsnittligt antal årsarbetare i verksamheten",
    )


# --- Driftredovisning ----------------------------------------------------------------------


def _has_figures(row: Mapping[str, Any]) -> bool:
    keys = ("intakter", "kostnader", "budget_netto", "foregaende_ar_netto")
    return any(row[key] for key in keys)


def operating_groups(statement: Mapping[str, Any]) -> list[tuple[Mapping, list[Mapping]]]:
    """The economy's rows as (row, children): an area with its insatser, or a line alone.
    Rows and areas with nothing in them (no outcome, budget or previous year) are left out."""
    groups: list[tuple[Mapping, list[Mapping]]] = []
    for row in statement["rader"]:
        if row["niva"] == 1 and groups and groups[-1][0]["omrade"]:
            if _has_figures(row):
                groups[-1][1].append(row)
            continue
        if row["omrade"] and not _has_figures(row):
            groups.append((row, []))  # kept so its children attach, dropped below
            continue
        groups.append((row, []))
    return [(row, children) for row, children in groups if _has_figures(row) or row["summa"]]


# The economy's area for bookings without an object: with nothing else in it, one line says
# it better than a heading, a line and a sum of the same amount.
UNALLOCATED_AREA = "ej_fordelat_omrade"
UNALLOCATED_LINE = "ej_fordelat"
UNALLOCATED_LABEL = "Ej fördelat (bokfört utan objekt)"


def operating_rows(
    statement: Mapping[str, Any], cells: Callable[..., list[Any]]
) -> tuple[list[Row], list[Row]]:
    """(body rows, total rows) of a driftredovisning-shaped table: a line per row, an area as
    a section heading, its insatser and a "Summa" line. `cells(row, label=None)` gives a
    row's cells; the label defaults to `row_label(row)`."""
    rows: list[Row] = []
    totals: list[Row] = []
    top: list[int] = []  # the rows the result adds up: lines and the areas' sums
    for row, children in operating_groups(statement):
        if row["summa"]:
            totals.append(Row(cells(row, "Resultat"), "total"))
        elif row["nyckel"] == UNALLOCATED_AREA and [c["nyckel"] for c in children] in (
            [],
            [UNALLOCATED_LINE],
        ):
            top.append(len(rows))
            rows.append(Row(cells(row, UNALLOCATED_LABEL)))
        elif row["omrade"]:
            rows.append(Row([row["rubrik"]], "section"))
            first = len(rows)
            rows += [Row(cells(child)) for child in children]
            area = Row(cells(row, f"Summa {row['rubrik'].lower()}"), "subtotal")
            area.sum_of = tuple(range(first, len(rows)))
            top.append(len(rows))
            rows.append(area)
        else:
            top.append(len(rows))
            rows.append(Row(cells(row)))
    for total in totals:
        total.sum_of = tuple(top)
    return rows, totals


def operating_table(statement: Mapping[str, Any], *, caption: str) -> Table:
    """Driftredovisning: income, costs and net per line, area and insats against the budget
    (Botkyrka 2022, table 8); net = income − costs, deviation = net − budget net (positive: better
    than budget)."""
    has_previous = statement["foregaende_ar"] is not None
    columns = [
        Column("", width=3.0),
        Column("Intäkter", kind="tkr"),
        Column("Kostnader", kind="tkr"),
        Column("Netto", kind="tkr"),
        Column("Budget netto", kind="tkr"),
        Column("Avvikelse", kind="tkr"),
    ]
    if has_previous:
        columns.append(Column(f"Netto {statement['foregaende_ar']}", kind="tkr"))

    def cells(row: Mapping[str, Any], label: str | None = None) -> list[Any]:
        values = [
            label or row_label(row),
            row["intakter"],
            row["kostnader"],
            row["netto"],
            row["budget_netto"],
            row["avvikelse"],
        ]
        if has_previous:
            values.append(row["foregaende_ar_netto"])
        return values

    rows, totals = operating_rows(statement, cells)
    notes = [
        "Intäkter och kostnader visas som positiva belopp; netto = intäkter − kostnader. "
        "Avvikelse = netto − budgeterat netto: ett positivt belopp är bättre än budget."
    ]
    if statement["har_budget"] and statement["antal_andringsbeslut"]:
        notes.append(
            f"Budgeten avser budget efter {statement['antal_andringsbeslut']} ändringsbeslut."
        )
    if not statement["har_budget"]:
        notes.append("Det finns ingen budget för året i Samordna.")
    return Table(
        columns=columns, rows=rows, total_rows=totals, caption=caption, unit=TKR, notes=notes
    )


# A hyphen between digits is a range: "16-29 år" (an object name from a CP437 SIE file, which
# has no en dash) is printed "16–29 år".
NUMBER_RANGE = re.compile(r"(?<=\d)-(?=\d)")


def row_label(row: Mapping[str, Any]) -> str:
    """The row's label; an insats by its name alone (the economy's label adds the code as
    "Name (CODE)", or "CODE Name"). A name that itself starts with the code ("IPS i
    psykosvården (IPS)") keeps it: only one of the two forms is taken off."""
    label = row["rubrik"]
    if row["nyckel"].startswith("insats:"):
        code = row["nyckel"].removeprefix("insats:")
        if label.endswith(f" ({code})"):
            label = label.removesuffix(f" ({code})")
        else:
            label = label.removeprefix(f"{code} ")
    return NUMBER_RANGE.sub("\u2013", label)


# The driftredovisning's areas, named as the budget names them.
AREA_KEYS = tuple((str(area), str(BudgetCategory(area).label)) for area in COST_AREAS)


def area_costs(statement: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(area label, budgeted costs, costs) for administration and the two insats areas."""
    rows = {row["nyckel"]: row for row in statement["rader"]}
    return [
        (label, rows[key]["budget_kostnader"], rows[key]["kostnader"])
        for key, label in AREA_KEYS
        if key in rows
    ]


def area_chart(statement: Mapping[str, Any], title: str) -> Figure | None:
    areas = area_costs(statement)
    if not statement["har_budget"] or not areas:
        return None
    chart = BarChart(
        title=title,
        categories=[label for label, _budget, _costs in areas],
        series=[
            Series("Budget", [round((budget or 0) / 1000) for _l, budget, _c in areas]),
            Series("Utfall", [round((costs or 0) / 1000) for _l, _b, costs in areas]),
        ],
        unit="tkr",
    )
    return chart_figure(chart, title, height_cm=6.5)


def missing_books(year: int) -> Paragraph:
    return Paragraph.from_text(
        f"Bokföringen för {year} är inte inläst i Samordna. Läs in årets SIE-fil under "
        f"Ekonomi så fylls tabellerna i."
    )


CHECK_STATUS = {status.value: str(status.label) for status in CheckStatus}


def _check_value(value, unit: str) -> Any:
    """The check's value as its rule is written: "28,0 %" or "2 408 tkr"."""
    if value is None:
        return None
    if unit == "procent":
        return Cell(value / 100, kind="percent", decimals=1)
    return f"{format_tkr(value)} tkr"


def _limit_text(limit) -> str:
    """A limit as entered: "70", "33,3" or "33,33" (no trailing zeros)."""
    value = float(limit)
    for decimals in (0, 1, 2):
        if round(value, decimals) == round(value, 2):
            return format_number(limit, decimals)
    return format_number(limit, 2)


def _check_rule(check: Mapping[str, Any]) -> str:
    word = "högst" if check["jamforelse"] == "<=" else "minst"
    limit = check["grans"]
    if limit is None:
        return f"{word} rekommenderad nivå"
    if check["enhet"] == "procent":
        return f"{word} {_limit_text(limit)} %"
    return f"{word} {format_tkr(limit)} tkr"


def checks_table(checks: Sequence[Mapping[str, Any]], year: int) -> Table:
    rows = [
        [
            check["rubrik"],
            _check_rule(check),
            _check_value(check["varde"], check["enhet"]),
            CHECK_STATUS.get(check["status"], CHECK_STATUS[CheckStatus.NO_DATA]),
        ]
        for check in checks
    ]
    return Table(
        columns=[
            Column("Finansiellt mål", width=3.2),
            Column("Krav", width=1.9),
            Column(f"Utfall {year}", kind="number", width=1.2),
            Column("Bedömning", width=1.3),
        ],
        rows=rows,
        caption=f"Finansiella mål för god ekonomisk hushållning {year}",
        notes=[
            f"{check['rubrik']} beräknas på årets budget, inte på utfallet."
            for check in checks
            if check.get("underlag") == "budget"
        ],
    )
