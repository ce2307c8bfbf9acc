"""The survey section of the annual report and the rounds in progress of the period report.

Like figures 7-8 of Stockholms stad's annual report 2023: a stacked bar chart per run of
questions on the same scale (steps in order, shares on the bars), the respondents by kön and
insats, and a sentence on the positive shares. Data: surveys.services.report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.charts import chart_figure
from core.document import Block, Column, Document, Heading, Paragraph, Table
from surveys.services.charts import group_chart, positive_sentence, question_groups

GENDERS = (("kvinna", "Kvinnor"), ("man", "Män"), ("ej_angivet", "Ej angivet"))
NOT_SHOWN = "–"


def _shown(value: Any) -> Any:
    return NOT_SHOWN if value is None else value


def next_section_number(doc: Document) -> str:
    """ "2.5" after 2.1-2.4: the chapter of the last level-1 heading, its next section."""
    chapter, sections = "", 0
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 1:
            chapter, sections = block.text.split(" ", 1)[0], 0
        elif isinstance(block, Heading) and block.level == 2:
            sections += 1
    return f"{chapter}.{sections + 1}"


def survey_blocks(sections: Sequence[Mapping[str, Any]], year: int, doc: Document) -> list[Block]:
    """The section "Enkäter" (numbered after the chapter's sections so far in `doc`) with
    one subsection per instrument; nothing in a year without answers."""
    if not sections:
        return []
    blocks: list[Block] = [Heading(2, f"{next_section_number(doc)} Enkäter")]
    for section in sections:
        blocks += _instrument_blocks(section, year)
    return blocks


def _instrument_blocks(section: Mapping[str, Any], year: int) -> list[Block]:
    enkat = section["enkat"]
    svar = section["svar"]
    total = svar["totalt"]
    names = section.get("insatsnamn", {})
    blocks: list[Block] = [Heading(3, f"{enkat['namn']} ({enkat['kod']})")]
    counted = ", ".join(
        f"{_shown(svar[key])} {label.lower()}" for key, label in GENDERS if svar[key] != 0
    )
    insatser = ", ".join(
        f"{names.get(code, code)} ({_shown(n)})" for code, n in section["per_insats"].items()
    )
    blocks.append(
        Paragraph.from_text(
            f"Under {year} besvarade {_shown(total)} personer enkäten ({counted}). "
            f"Svaren kom från {insatser}. Nedan redovisas svaren i procent av dem som svarat "
            "på respektive fråga."
        )
    )
    blocks.append(
        Table(
            columns=[
                Column("Insats", width=3),
                *(Column(label, kind="number") for _key, label in GENDERS),
                Column("Totalt", kind="number"),
            ],
            rows=[
                [
                    "Samtliga insatser",
                    *(_shown(svar[key]) for key, _label in GENDERS),
                    _shown(total),
                ]
            ],
            caption=f"Svarande {year} efter kön, antal",
            notes=["– visas där antalet är 1–4 eller skulle avslöja ett sådant antal."]
            if None in svar.values()
            else [],
        )
    )
    for index, questions in enumerate(question_groups(section), 1):
        title = f"Svar från {_shown(total)} personer på {enkat['kod']} {year}" + (
            f", del {index}" if len(question_groups(section)) > 1 else ""
        )
        chart = group_chart(list(questions), title)
        if chart is not None:
            blocks.append(chart_figure(chart, title, height_cm=2.0 + 1.6 * len(questions)))
    blocks.append(Paragraph.from_text(positive_sentence(section)))
    return blocks


def rounds_blocks(rounds: Sequence[Mapping[str, Any]]) -> list[Block]:
    """Rounds in progress at the end of the period (period report)."""
    if not rounds:
        return []
    return [
        Heading(3, "Pågående enkäter"),
        Table(
            columns=[
                Column("Omgång", width=2.5),
                Column("Enkät", width=2.5),
                Column("Insatser", width=3),
                Column("Period", width=2),
                Column("Svar hittills", kind="number"),
            ],
            rows=[
                [
                    r["namn"],
                    f"{r['enkatnamn']} ({r['enkat']})",
                    ", ".join(r["insatser"]),
                    f"{r['start']} – {r['slut']}",
                    r["svar"],
                ]
                for r in rounds
            ],
            caption="Enkätomgångar som pågår",
        ),
    ]
