"""Goal tables: target, result and måluppfyllelse (Botkyrka Huddinge Salem 2022, tables 3–4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.document import Block, BulletList, Column, Paragraph, Table
from core.formatting import format_number, format_percent

DIRECTION_WORDS = {"minst": "minst", "hogst": "högst", "nara": "nära"}


def value_text(goal: Mapping[str, Any], value) -> str | None:
    """A target or result as text: "50 %" for percent goals, "160" or "6 forum" otherwise."""
    if value is None:
        return None
    decimals = 0 if float(value) == int(value) else 1
    if goal["percent"]:
        return format_percent(value / 100, decimals)
    text = format_number(value, decimals)
    return f"{text} {goal['unit']}".strip() if goal["unit"] and goal["unit"] != "%" else text


def target_text(goal: Mapping[str, Any]) -> str:
    return f"{DIRECTION_WORDS[goal['direction']]} {value_text(goal, goal['target'])}"


def grading_note(grading: Mapping[str, Any]) -> str:
    good = format_number(
        grading["good_within"], 0 if grading["good_within"] == int(grading["good_within"]) else 1
    )
    partly = format_number(
        grading["partly_within"],
        0 if grading["partly_within"] == int(grading["partly_within"]) else 1,
    )
    return (
        f"Måluppfyllelsen bedöms på en tregradig skala: God när resultatet ligger högst {good} % "
        f"från målvärdet (räknat på målvärdet), Delvis uppfyllt när det ligger högst {partly} % "
        f"från målvärdet, annars Ej uppfyllt. Ett resultat bättre än målet är alltid God."
    )


def goals_table(
    goals: Sequence[Mapping[str, Any]],
    caption: str,
    grading: Mapping[str, Any],
    *,
    with_result: bool = True,
) -> Table:
    columns = [Column("Mål", width=3.6), Column("Målvärde", align="right", width=1.2)]
    if with_result:
        columns += [
            Column("Resultat", align="right", width=1.3),
            Column("Måluppfyllelse", width=1.3),
        ]
    rows = []
    for goal in goals:
        row: list[Any] = [goal["title"], target_text(goal)]
        if with_result:
            result = value_text(goal, goal["result"])
            if goal["basis"] and result is not None:
                result = f"{result} ({goal['basis']})"
            row += [result, goal["grade_label"]]
        rows.append(row)
    notes = [all_endings_note(goal) for goal in goals if with_result and goal.get("all_endings")]
    return Table(columns=columns, rows=rows, caption=caption, notes=notes)


def all_endings_note(goal: Mapping[str, Any]) -> str:
    """Both bases of a share of the ended, when some endings have no registered reason."""
    basis = goal["all_endings"]
    share = "–" if basis["share"] is None else f"{format_number(basis['share'], 1)}\u00a0%"
    return (
        f"{goal['title']}: resultatet räknas på de avslutade med registrerad avslutsorsak "
        f"({goal['basis']}). {basis['without_reason']} av {basis['ended']} avslutade saknar "
        f"registrerad orsak; räknat på alla avslutade är andelen {share} "
        f"({basis['part']} av {basis['ended']})."
    )


def goal_blocks(
    goals: Sequence[Mapping[str, Any]],
    grading: Mapping[str, Any],
    year: int,
    *,
    with_result: bool = True,
) -> list[Block]:
    """The förbund's goals, then each insats' goals, each as a table; comments after."""
    blocks: list[Block] = []
    if not goals:
        return [Paragraph.from_text(f"Inga mål är registrerade för {year}.")]
    overall = [goal for goal in goals if not goal["insats_code"]]
    if overall:
        blocks.append(
            goals_table(
                overall, f"Förbundsövergripande mål {year}", grading, with_result=with_result
            )
        )
    by_insats: dict[str, list[Mapping[str, Any]]] = {}
    for goal in goals:
        if goal["insats_code"]:
            by_insats.setdefault(goal["insats_name"], []).append(goal)
    for name, items in by_insats.items():
        blocks.append(
            goals_table(items, f"Mål för {name} {year}", grading, with_result=with_result)
        )
    if with_result:
        blocks.append(Paragraph.from_text(grading_note(grading), style="small"))
    comments = [f"**{goal['title']}:** {goal['comment']}" for goal in goals if goal["comment"]]
    if with_result and comments:
        blocks.append(Paragraph.from_text("**Kommentarer till resultaten**"))
        blocks.append(BulletList.from_texts(comments))
    return blocks


def summary_sentence(goals: Sequence[Mapping[str, Any]]) -> str:
    """ "Av årets 10 bedömda mål är 6 med god måluppfyllelse, 3 delvis uppfyllda och 1 ej
    uppfyllt." Groups without goals are left out; "mål" is neuter: one "uppfyllt", several
    "uppfyllda"."""
    counts = {"god": 0, "delvis": 0, "ej": 0, None: 0}
    for goal in goals:
        counts[goal["grade"]] += 1
    graded = counts["god"] + counts["delvis"] + counts["ej"]
    if not graded:
        return ""

    def described(grade: str, count: int) -> str:
        if grade == "god":
            return "med god måluppfyllelse"
        ending = "uppfyllt" if count == 1 else "uppfyllda"
        return f"delvis {ending}" if grade == "delvis" else f"ej {ending}"

    groups = [(grade, counts[grade]) for grade in ("god", "delvis", "ej") if counts[grade]]
    if graded == 1:
        text = f"Årets enda bedömda mål är {described(*groups[0])}."
    elif len(groups) == 1:
        text = f"Alla årets {graded} bedömda mål är {described(groups[0][0], graded)}."
    else:
        parts = [f"{count} {described(grade, count)}" for grade, count in groups]
        text = f"Av årets {graded} bedömda mål är {', '.join(parts[:-1])} och {parts[-1]}."
    if counts[None]:
        text += f" För {counts[None]} mål saknas underlag."
    return text
