"""Participant tables and charts from the statistics document (docs/format/statistik.md).

The document may be the exact one or the publishable one, where a suppressed count is a
string ("<5" or ".."). Tables print such strings as they are and leave out shares that would
need them; charts are left out when a value they need is suppressed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.charts import BarChart, Series, chart_figure
from core.document import NOT_A_SUM, Block, Column, Figure, Heading, Paragraph, Row, Table
from core.formatting import NBSP, format_count_with_share, round_shares_to_100
from participants import choices
from participants.choices import GENDER_LABELS, WORK_OR_STUDIES


def _text(labels: Mapping[str, Any]) -> dict[str, str]:
    return {str(key): str(label) for key, label in labels.items()}


# The categories, labels and groups of participants.choices, as plain text for the document.
GENDER_COLUMNS = tuple(_text(GENDER_LABELS).items())
END_REASON_LABELS = _text(choices.END_REASON_LABELS)
END_REASON_SHORT = _text(choices.END_REASON_SHORT_LABELS)
AGE_LABELS = _text(choices.AGE_BAND_LABELS)
EDUCATION_LABELS = _text(choices.EDUCATION_LABELS)
# The share charts' groups (Stockholms stad 2023, figures 3 and 6), the same as on the web page.
REASON_GROUPS = tuple((str(g.label), g.members) for g in choices.END_REASON_GROUPS)

Doc = Mapping[str, Any]


def is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def all_counts(values: Sequence[Any]) -> bool:
    return all(is_count(value) for value in values)


def _has_unspecified(cells: Sequence[Mapping[str, Any]]) -> bool:
    """Whether an "Ej angivet" column has anything to show."""
    return any(cell["ej_angivet"] != 0 for cell in cells)


def _genders(cells: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [
        (key, label)
        for key, label in GENDER_COLUMNS
        if key != "ej_angivet" or _has_unspecified(cells)
    ]


def with_shares(counts: Sequence[Any]) -> list[Any]:
    """ "n (x %)" cells whose shares sum to 100, or the values as they are when a count is
    suppressed or all are zero."""
    if not all_counts(counts) or not sum(counts):
        return list(counts)
    shares = round_shares_to_100(counts)
    return [format_count_with_share(c, s) for c, s in zip(counts, shares, strict=True)]


def no_participants(year: int) -> Paragraph:
    return Paragraph.from_text(
        f"Inga deltaganden i individinriktade insatser är registrerade för {year}."
    )


def per_insats_table(doc: Doc, part: str, caption: str, *, unique: bool = False) -> Table:
    """Insatser × kön for one count ("deltagare", "paborjade", "avslutade")."""
    sections = list(doc["insatser"].values())
    cells = [s[part] for s in sections] + [doc["totalt"][part]]
    genders = _genders(cells)
    columns = [Column("Insats", width=3.4)]
    columns += [Column(label, kind="number") for _key, label in genders]
    columns.append(Column("Totalt", kind="number"))
    rows = [
        [section["namn"], *(section[part][key] for key, _l in genders), section[part]["totalt"]]
        for section in sections
    ]
    total = doc["totalt"][part]
    totals: list[Row] = [
        Row(
            [
                "Summa deltaganden" if unique else "Totalt",
                *(total[key] for key, _l in genders),
                total["totalt"],
            ],
            "total",
        )
    ]
    notes = []
    if unique:
        people = doc["unika_deltagare"]
        totals.append(
            Row(
                ["Unika deltagare", *(people[key] for key, _l in genders), people["totalt"]],
                "subtotal",
                sum_of=NOT_A_SUM,  # each person once: fewer than the participations above
            )
        )
        notes.append(
            "En person kan delta i flera insatser under året. Unika deltagare räknar varje "
            "person en gång."
        )
    return Table(columns=columns, rows=rows, total_rows=totals, caption=caption, notes=notes)


def ended_per_insats_table(doc: Doc, year: int) -> Table:
    """Ended participations per insats and end reason (Stockholms stad 2023, table 3), counts."""
    sections = list(doc["insatser"].values())
    reasons = [
        reason
        for reason in END_REASON_LABELS
        if reason != "ej_registrerad"
        or any(s["avslutsorsaker"]["ej_registrerad"]["totalt"] != 0 for s in sections)
    ]
    columns = [Column("Insats", width=2.2), Column("Avslutade", kind="number", width=1.35)]
    columns += [Column(END_REASON_SHORT[r], kind="number", width=1.0) for r in reasons]
    rows = [
        [s["namn"], s["avslutade"]["totalt"], *(s["avslutsorsaker"][r]["totalt"] for r in reasons)]
        for s in sections
    ]
    total = doc["totalt"]
    totals = [
        [
            "Totalt",
            total["avslutade"]["totalt"],
            *(total["avslutsorsaker"][r]["totalt"] for r in reasons),
        ]
    ]
    return Table(
        columns=columns,
        rows=rows,
        total_rows=totals,
        caption=f"Avslutade deltagare per insats och avslutsorsak {year}, antal",
    )


def breakdown_by_gender_table(
    section: Mapping[str, Any],
    breakdown: str,
    labels: Mapping[str, str],
    caption: str,
    *,
    first_column: str,
    total_label: str,
    note: str = "",
) -> Table:
    """Categories × kön with "n (x %)" cells whose shares sum to 100 in each column."""
    parent = {"avslutsorsaker": "avslutade"}.get(breakdown, "paborjade")
    categories = [
        key
        for key in labels
        if key not in ("uppgift_saknas", "ej_registrerad") or section[breakdown][key]["totalt"] != 0
    ]
    cells = [section[breakdown][key] for key in categories] + [section[parent]]
    genders = [*_genders(cells), ("totalt", "Totalt")]
    columns_values = {
        gender: with_shares([section[breakdown][key][gender] for key in categories])
        for gender, _label in genders
    }
    rows = [
        [labels[key], *(columns_values[gender][index] for gender, _l in genders)]
        for index, key in enumerate(categories)
    ]
    if not any(isinstance(v, str) and "%" in v for row in rows for v in row[1:]):
        # No shares could be shown (suppressed counts in a publication version): the caption
        # must not promise them.
        caption = caption.replace(", antal och andel", ", antal")
    totals = [[total_label, *(section[parent][gender] for gender, _l in genders)]]
    columns = [Column(first_column, width=2.6)]
    columns += [Column(label, kind="number", width=1.4) for _g, label in genders]
    return Table(
        columns=columns,
        rows=rows,
        total_rows=totals,
        caption=caption,
        notes=[note] if note else [],
    )


def _share_text(part: int, whole: int) -> str:
    if not whole:
        return "–"
    return f"{round_shares_to_100([part, whole - part])[0]}{NBSP}%"


def comparison_table(docs: Mapping[str, Doc], *, chart_follows: bool = False) -> Table:
    """The year against the two before (oldest first). `chart_follows`: the end reason chart
    comes next, whose shares are of all the ended; the note says so, or its "9 %" beside the
    table's "14 %" for the same year looks like an error."""
    years = sorted(docs)
    rows: list[list[Any]] = []

    def row(label: str, get) -> None:
        rows.append([label, *(get(docs[y]) for y in years)])

    row("Deltaganden under året", lambda d: d["totalt"]["deltagare"]["totalt"])
    row("Unika deltagare", lambda d: d["unika_deltagare"]["totalt"])

    def women(d: Doc) -> Any:
        people = d["unika_deltagare"]
        if not all_counts([people["kvinna"], people["totalt"]]):
            return people["kvinna"]
        return f"{people['kvinna']} ({_share_text(people['kvinna'], people['totalt'])})"

    row("varav kvinnor", women)
    row("Nya deltagare (påbörjade)", lambda d: d["totalt"]["paborjade"]["totalt"])
    row("Avslutade", lambda d: d["totalt"]["avslutade"]["totalt"])

    def work_or_studies(d: Doc) -> Any:
        reasons = d["totalt"]["avslutsorsaker"]
        members = [reasons[key]["totalt"] for key in WORK_OR_STUDIES.members]
        values = [
            *members,
            d["totalt"]["avslutade"]["totalt"],
            reasons["ej_registrerad"]["totalt"],
        ]
        if not all_counts(values):
            return ".."
        part = sum(members)
        registered = values[-2] - values[-1]
        return f"{part} ({_share_text(part, registered)})"

    row(f"varav till {str(WORK_OR_STUDIES.label).lower()}", work_or_studies)
    return Table(
        columns=[Column("", width=3.2)] + [Column(str(y), kind="number", width=1.3) for y in years],
        rows=rows,
        caption=f"Deltagare {years[0]}–{years[-1]}",
        notes=[
            "Andelen till arbete eller studier räknas på de avslutade som har en registrerad "
            "avslutsorsak."
            + (
                " I figuren nedan räknas andelarna på alla avslutade, också dem utan "
                "registrerad orsak."
                if chart_follows
                else ""
            )
        ],
    )


# --- Charts ------------------------------------------------------------------------------


def participants_chart(doc: Doc, year: int) -> Figure | None:
    sections = list(doc["insatser"].values())
    if not sections:
        return None
    genders = _genders([s["deltagare"] for s in sections])
    series = [Series(label, [s["deltagare"][key] for s in sections]) for key, label in genders]
    if not all(all_counts(s.values) for s in series):
        return None
    chart = BarChart(
        title=f"Deltagare per insats och kön {year}",
        categories=[s["namn"] for s in sections],
        series=series,
        layout="stacked",
        horizontal=True,
        unit="antal deltaganden",
        category_title="Insats",
    )
    return chart_figure(chart, chart.title, height_cm=max(4.5, 1.2 + 1.0 * len(sections)))


def _group_counts(reasons: Mapping[str, Any]) -> list[Any]:
    values = []
    for _label, keys in REASON_GROUPS:
        parts = [reasons[key]["totalt"] for key in keys]
        values.append(sum(parts) if all_counts(parts) else None)
    return values


def end_reason_chart(doc: Doc, year: int) -> Figure | None:
    """Shares per reason group and insats, each bar 100 % (Stockholms stad 2023, figure 3)."""
    sections = [
        s
        for s in doc["insatser"].values()
        if is_count(s["avslutade"]["totalt"]) and s["avslutade"]["totalt"] > 0
    ]
    if not sections:
        return None
    counts = [_group_counts(s["avslutsorsaker"]) for s in sections]
    total = _group_counts(doc["totalt"]["avslutsorsaker"])
    if any(v is None for row in [*counts, total] for v in row):
        return None
    categories = [s["namn"] for s in sections]
    if len(sections) > 1:
        categories.append("Samtliga insatser")
        counts.append(total)
    series = [
        Series(label, [row[index] for row in counts])
        for index, (label, _keys) in enumerate(REASON_GROUPS)
    ]
    chart = BarChart(
        title=f"Avslutsorsaker per insats {year}, andel av avslutade",
        categories=categories,
        series=series,
        layout="percent",
        horizontal=True,
        category_title="Insats",
    )
    return chart_figure(chart, chart.title, height_cm=max(5.0, 1.8 + 1.0 * len(categories)))


def breakdown_chart(
    section: Mapping[str, Any], breakdown: str, labels: Mapping[str, str], title: str
) -> Figure | None:
    keys = [k for k in labels if k != "uppgift_saknas" or section[breakdown][k]["totalt"]]
    cells = [section[breakdown][k] for k in keys]
    genders = [(k, label) for k, label in _genders(cells)]
    series = [Series(label, [cell[key] for cell in cells]) for key, label in genders]
    if not all(all_counts(s.values) for s in series):
        return None
    if not any(value for s in series for value in s.values):
        return None
    chart = BarChart(
        title=title,
        categories=[labels[k] for k in keys],
        series=series,
        unit="antal nya deltagare",
    )
    return chart_figure(chart, title, height_cm=6.5)


def comparison_chart(docs: Mapping[str, Doc]) -> Figure | None:
    """End reason groups, share of the ended, per year (Stockholms stad 2023, figure 6)."""
    years = sorted(docs)
    counts = {y: _group_counts(docs[y]["totalt"]["avslutsorsaker"]) for y in years}
    if any(v is None for row in counts.values() for v in row):
        return None
    if not any(sum(row) for row in counts.values()):
        return None
    shares = {
        y: round_shares_to_100(row) if sum(row) else [0] * len(row) for y, row in counts.items()
    }
    series = [Series(y, [shares[y][i] for i in range(len(REASON_GROUPS))]) for y in years]
    chart = BarChart(
        title=f"Avslutsorsaker {years[0]}–{years[-1]}, andel av avslutade",
        categories=[label for label, _keys in REASON_GROUPS],
        series=series,
        unit="%",
    )
    return chart_figure(chart, chart.title, height_cm=7.0)


def participant_blocks(
    docs: Mapping[str, Doc], year: int, *, published: bool, number: str
) -> list[Block]:
    """Every participant table and chart of the annual report, under numbered headings."""
    doc = docs[str(year)]
    if not doc["insatser"]:
        return [no_participants(year)]
    blocks: list[Block] = []
    if published:
        blocks.append(
            Paragraph.from_text(
                "Tabellerna är publiceringsversioner: antal mellan 1 och 4 visas som ”<5” och "
                "uppgifter som skulle göra det möjligt att räkna ut dem visas som ”..”. Andelar "
                "och diagram som skulle bygga på dolda antal visas inte.",
                style="small",
            )
        )
    total = doc["totalt"]
    blocks.append(Heading(2, f"{number}.1 Deltagare under året"))
    blocks.append(
        Paragraph.from_text(
            "Deltagare räknas per deltagande: den som deltagit någon gång under året i en "
            "individinriktad insats. Nya deltagare har börjat under året och avslutade har "
            "avslutat under året."
        )
    )
    blocks.append(
        per_insats_table(doc, "deltagare", f"Deltagare per insats och kön {year}", unique=True)
    )
    _append(blocks, participants_chart(doc, year))
    blocks.append(per_insats_table(doc, "paborjade", f"Nya deltagare per insats och kön {year}"))
    blocks.append(Heading(2, f"{number}.2 Avslutade deltagare"))
    blocks.append(ended_per_insats_table(doc, year))
    _append(blocks, end_reason_chart(doc, year))
    blocks.append(
        breakdown_by_gender_table(
            total,
            "avslutsorsaker",
            END_REASON_LABELS,
            f"Avslutsorsaker per kön {year}, antal och andel",
            first_column="Avslutsorsak",
            total_label="Avslutade",
        )
    )
    blocks.append(Heading(2, f"{number}.3 Nya deltagares ålder och utbildning"))
    blocks.append(
        breakdown_by_gender_table(
            total,
            "alder_vid_start",
            AGE_LABELS,
            f"Nya deltagares ålder vid start {year}, antal och andel",
            first_column="Ålder",
            total_label="Nya deltagare",
        )
    )
    _append(
        blocks,
        breakdown_chart(
            total, "alder_vid_start", AGE_LABELS, f"Nya deltagares ålder vid start {year}"
        ),
    )
    blocks.append(
        breakdown_by_gender_table(
            total,
            "utbildning",
            EDUCATION_LABELS,
            f"Nya deltagares utbildningsnivå {year}, antal och andel",
            first_column="Utbildning",
            total_label="Nya deltagare",
        )
    )
    _append(
        blocks,
        breakdown_chart(
            total, "utbildning", EDUCATION_LABELS, f"Nya deltagares utbildningsnivå {year}"
        ),
    )
    first = sorted(docs)[0]
    blocks.append(Heading(2, f"{number}.4 Jämförelse med {first}–{int(year) - 1}"))
    chart = comparison_chart(docs)
    blocks.append(comparison_table(docs, chart_follows=chart is not None))
    _append(blocks, chart)
    return blocks


def _append(blocks: list[Block], figure: Figure | None) -> None:
    if figure is not None:
        blocks.append(figure)
