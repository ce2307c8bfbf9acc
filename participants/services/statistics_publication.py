"""The publishable version of the participant statistics: small counts suppressed.

A förbund's own staff see `year_statistics` with exact counts. Anything that leaves the förbund
(the national export, a report marked for publication, the public catalogue) uses
`publishable(document)`: the same document, where a count 1–4 is shown as "<5" and further
counts are hidden as ".." so that no hidden count can be worked out from the published ones.

Why not one call of core.suppression per table: the document's tables share numbers. The
started-per-insats-by-kön table is the margin of the age table and of the education table;
each insats' age-by-kön table adds up, over insatser, to the förbund's age-by-kön table. Hiding
a 2 in one insats' age table is useless if the förbund total and the other insatser's cells are
published: subtract. So the linked tables are protected together:

* `deltagare` (insats × kön) and `unika_deltagare` stand alone: core.suppression.suppress.
* `avslutade` with `avslutsorsaker`, and `paborjade` with `alder_vid_start` and `utbildning`,
  are each a three-dimensional table insats × category × kön with every margin published
  (the insats' cell is the category margin, the document's "totalt" is the insats margin,
  "totalt" in a cell is the kön margin). Both breakdowns of `paborjade` share that margin.

Method (the hypercube method of statistical offices, made exact by certificates): every
value 1–4 is hidden; for each hidden value we pick a "move", a set of hidden values that can
change by +1/−1 together without changing any published number, choosing the move that hides
the least. In one dimension the pair (a, b) of two categories changes with opposite signs; a
pair (category, margin) with the same sign. A move on a margin that is shared by another
breakdown continues into one category of that breakdown. Each move is kept as a certificate:
applied to the true table it gives another table that agrees with everything published, so
the values it touches cannot be recovered. Readers know that "<5" means 1–4 and may take ".."
as at least 5; moves keep every hidden value inside that. Zeros are published and never
change. A small value that no move can protect while it says "<5" (four 1s under a margin of
4 give each other away) is shown as ".." instead, which then says only "not zero" and moves
freely upwards; if that is still not enough the whole group is shown without "<5", where a
move always exists (+1 on a cell and on every margin it is part of).

Not covered (as for core.suppression): inferences from inequalities between different
counts (started ≤ active), which need more than subtraction.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from core.suppression import HIDDEN, SMALL, SMALL_MAX, Display, Table, suppress, suppress_row
from participants.services.statistics import BREAKDOWNS, COUNT_KEYS, GENDERS, TOTAL, Document

# Linked groups: a count per insats and kön (the plane) and its breakdowns.
LINKED_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("avslutade", ("avslutsorsaker",)),
    ("paborjade", ("alder_vid_start", "utbildning")),
)
STANDALONE = ("deltagare",)

# (table, insats, category, kön); None is the margin in that dimension. Margin category
# values live in the plane table: ("paborjade", "FT", None, "man") is FT's started men.
Key = tuple[str, str | None, str | None, str | None]
Move = dict[Key, int]


@dataclass(frozen=True)
class Linked:
    """One linked group's values and shape; `values` holds every cell and margin."""

    plane: str
    categories: Mapping[str, tuple[str, ...]]  # breakdown -> its categories
    insatser: tuple[str, ...]
    values: Mapping[Key, int]

    @cached_property
    def weights(self) -> dict[Key, int]:
        return {key: weight(key, value) for key, value in self.values.items()}

    @cached_property
    def steps(self) -> dict[Key, tuple[bool, bool]]:
        """Whether each value, hidden with its sign, may go up / down by one."""
        return {
            key: (allowed(value, 1, relaxed=False), allowed(value, -1, relaxed=False))
            for key, value in self.values.items()
        }

    def key(self, table: str, insats: str | None, category: str | None, gender: str | None) -> Key:
        return (
            (self.plane, insats, None, gender)
            if category is None
            else (table, insats, category, gender)
        )


@dataclass(frozen=True)
class Protection:
    """What to show for each value of a linked group, and the moves that prove it safe."""

    shown: dict[Key, Display]
    moves: list[Move]
    relaxed: set[Key]  # small values shown as ".." because "<5" would give them away


@dataclass(frozen=True)
class Publication:
    document: dict[str, Any]
    protections: list[tuple[Linked, Protection]]


FOLLOW_UP = "uppfoljning_12_man"


def publishable(document: Document, follow_up: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The document with small counts suppressed: what may leave the förbund."""
    return publication(document, follow_up).document


def publication(document: Document, follow_up: Mapping[str, Any] | None = None) -> Publication:
    """The publishable document and, per linked group, the values and certificates behind it.

    `follow_up` (statistics.follow_up_statistics of the year after the document's) is the
    twelve-month follow-up of the participants who ended in the document's year: it splits
    the same ended counts, so it is protected together with them and published in the extra
    key "uppfoljning_12_man" ({insats code or "totalt": {answer: CELL}}).
    """
    shown: dict[str, Any] = {
        "forbund": document["forbund"],
        "ar": document["ar"],
        "insatser": {code: {"namn": s["namn"]} for code, s in document["insatser"].items()},
        "totalt": {},
    }
    codes = tuple(document["insatser"])
    sections: dict[str | None, dict[str, Any]] = {
        code: dict(section) for code, section in document["insatser"].items()
    }
    sections[None] = dict(document["totalt"])
    groups = [(plane, list(breakdowns)) for plane, breakdowns in LINKED_GROUPS]
    if follow_up is not None:
        _attach_follow_up(document, follow_up, sections)
        groups[0][1].append(FOLLOW_UP)

    for name in STANDALONE:
        table = suppress(
            Table.from_nested(
                {code: _gender_cells(document["insatser"][code][name]) for code in codes},
                GENDERS,
            )
        )
        for code in codes:
            shown["insatser"][code][name] = {g: table.cell(code, g) for g in GENDERS} | {
                TOTAL: table.row_totals[code]
            }
        shown["totalt"][name] = dict(table.column_totals) | {TOTAL: table.grand_total}

    protections = []
    extra: dict[str, dict[str, Any]] = {}
    for plane, breakdowns in groups:
        linked = linked_values(sections, codes, plane, breakdowns)
        protection = protect(linked)
        protections.append((linked, protection))
        for code in (*codes, None):
            target = shown["insatser"][code] if code is not None else shown["totalt"]
            target[plane] = _cell(protection.shown, linked.key(plane, code, None, None))
            for breakdown in breakdowns:
                cells = {
                    category: _cell(protection.shown, (breakdown, code, category, None))
                    for category in linked.categories[breakdown]
                }
                if breakdown == FOLLOW_UP:
                    extra.setdefault(FOLLOW_UP, {})[code or TOTAL] = cells
                else:
                    target[breakdown] = cells
    for code in (*codes, None):  # the spec's key order
        target = shown["insatser"][code] if code is not None else shown["totalt"]
        order = ("namn", *COUNT_KEYS, *BREAKDOWNS)
        ordered = {key: target[key] for key in order if key in target}
        target.clear()
        target.update(ordered)
    shown["unika_deltagare"] = suppress_row(_gender_cells(document["unika_deltagare"]))
    shown.update(extra)
    return Publication(shown, protections)


def _attach_follow_up(document: Document, follow_up: Mapping[str, Any], sections) -> None:
    if follow_up["avslutade_ar"] != document["ar"]:
        raise ValueError(
            f"Uppföljningen gäller deltagare som avslutades {follow_up['avslutade_ar']}, "
            f"men statistiken gäller {document['ar']}."
        )
    for code, section in sections.items():
        if code is None:
            answers = follow_up["totalt"]
        elif code in follow_up["insatser"]:
            answers = follow_up["insatser"][code]["svar"]
        else:
            answers = {a: dict.fromkeys((*GENDERS, TOTAL), 0) for a in follow_up["totalt"]}
        for column in (*GENDERS, TOTAL):
            if sum(cell[column] for cell in answers.values()) != section["avslutade"][column]:
                raise ValueError(
                    "Uppföljningens svar summerar inte till antalet avslutade "
                    f"({code or TOTAL}, {column}); hämta båda på nytt."
                )
        section[FOLLOW_UP] = answers


def _gender_cells(cell: Mapping[str, int]) -> dict[str, int]:
    return {g: cell[g] for g in GENDERS}


def _cell(shown: Mapping[Key, Display], key: Key) -> dict[str, Display]:
    table, insats, category, _gender = key
    cells = {g: shown[(table, insats, category, g)] for g in GENDERS}
    return cells | {TOTAL: shown[(table, insats, category, None)]}


def linked_values(
    sections: Mapping[str | None, Mapping[str, Any]],
    codes: Sequence[str],
    plane: str,
    breakdowns: Sequence[str],
) -> Linked:
    """Collect a linked group from document sections (insats code, or None for "totalt")."""
    values: dict[Key, int] = {}
    categories: dict[str, tuple[str, ...]] = {}
    for code in (*codes, None):
        section = sections[code]
        for gender in (*GENDERS, None):
            column = gender or TOTAL
            values[(plane, code, None, gender)] = section[plane][column]
            for breakdown in breakdowns:
                categories[breakdown] = tuple(section[breakdown])
                for category, cell in section[breakdown].items():
                    values[(breakdown, code, category, gender)] = cell[column]
    return Linked(plane, categories, tuple(codes), values)


# --- Choosing what to hide ----------------------------------------------------------------


def protect(linked: Linked) -> Protection:
    """Hide every value 1–4 and enough others, with a certificate move for each.

    A small value that no move can protect while it says "<5" (four 1s under a margin of 4
    give each other away) is shown as ".." instead, which says only "not zero": the cheapest
    move that needs fewest such values is taken. If a value still has no move, the whole group
    is shown that way, where a move always exists.
    """
    values = linked.values
    primary = [k for k, v in values.items() if 1 <= v <= SMALL_MAX]
    # Cells before margins: a move for a cell usually protects its margins on the way.
    primary.sort(key=lambda k: sum(level is None for level in k[1:]))
    for relax_all in (False, True):
        relaxed: set[Key] = set(primary) if relax_all else set()
        hidden = set(primary)
        moves: list[Move] = []
        moved: set[Key] = set()
        for target in primary:
            if target in moved:
                continue
            move = _cheapest_move(linked, target, hidden, relaxed, may_relax=False)
            if move is None:  # show as few small values as ".." as this move needs
                move = _cheapest_move(linked, target, hidden, relaxed, may_relax=True)
            if move is None:
                break
            relaxed.update(k for k, d in move.items() if not allowed(values[k], d, k in relaxed))
            moves.append(move)
            hidden.update(move)
            moved.update(move)
        else:
            shown = {
                key: (
                    value
                    if key not in hidden
                    else SMALL
                    if value <= SMALL_MAX and key not in relaxed
                    else HIDDEN
                )
                for key, value in values.items()
            }
            return Protection(shown, moves, relaxed)
    raise AssertionError("with every small value shown as '..' a move always exists")


def allowed(value: int, change: int, relaxed: bool) -> bool:
    """Whether a hidden value may change by `change` and still fit what its sign says:
    "<5" 1–4; ".." at least 5 for a large value (as a reader of core.suppression's tables may
    assume) and only "not zero" for a small value shown as "..". Zeros are never hidden."""
    if value == 0:
        return False
    new = value + change
    if value <= SMALL_MAX:
        return new >= 1 if relaxed else 1 <= new <= SMALL_MAX
    return new > SMALL_MAX


def weight(key: Key, value: int) -> int:
    """Information lost by hiding a value: margins count more the more they sum up."""
    return value * (1 + sum(level is None for level in key[1:]))


def _pair(first: str | None, second: str | None) -> dict[str | None, int]:
    """Signs along one dimension: two categories move oppositely, a category and its margin
    together (the margin is their sum)."""
    if first is not None and second is not None:
        return {first: 1, second: -1}
    return {first: 1, second: 1}


Price = tuple[int, int, int]  # (small values shown as "..", information lost, newly hidden)


def _cheapest_move(
    linked: Linked, target: Key, hidden: set[Key], relaxed: set[Key], may_relax: bool
) -> Move | None:
    """The feasible move through `target` that hides the least, or None.

    Candidates: pick another insats level and another kön level (either may be a margin);
    that rectangle is moved in the target's own table, and then either in a second category
    of the same breakdown with opposite signs (nothing shared changes) or, through the
    plane, in one category of every breakdown (each chosen on its own; prices add up).
    """
    values = linked.values
    table, insats, category, gender = target

    weights, steps = linked.weights, linked.steps

    def priced(part: Move) -> Price | None:
        relax = cost = count = 0
        for key, change in part.items():
            up, down = steps[key]
            if not (up if change > 0 else down):
                value = values[key]
                # Shown as "..", a small value only has to stay above zero.
                if not (0 < value <= SMALL_MAX and value + change >= 1):
                    return None
                if key not in relaxed:
                    if not may_relax:
                        return None
                    relax += 1
            if key not in hidden:
                cost += weights[key]
                count += 1
        return relax, cost, count

    def cheapest(parts: list[Move]) -> tuple[Price, Move] | None:
        found = [(p, part) for part in parts if (p := priced(part)) is not None]
        return min(found, key=lambda item: item[0]) if found else None

    best: tuple[tuple[int, ...], Move] | None = None
    for other_insats, other_gender in itertools.product((*linked.insatser, None), (*GENDERS, None)):
        if other_insats == insats or other_gender == gender:
            continue
        rectangle = [
            (i, g, si * sg)
            for i, si in _pair(insats, other_insats).items()
            for g, sg in _pair(gender, other_gender).items()
        ]
        own = {linked.key(table, i, category, g): s for i, g, s in rectangle}
        if any(values[key] == 0 for key in own):
            continue
        for direction in (1, -1):
            own_signed = {key: s * direction for key, s in own.items()}
            own_price = priced(own_signed)
            if own_price is None:
                continue
            options: list[tuple[Price, Move]] = []
            if category is not None:
                within = cheapest(
                    [
                        {(table, i, other, g): -s * direction for i, g, s in rectangle}
                        for other in linked.categories[table]
                        if other != category
                    ]
                )
                if within is not None:
                    options.append(within)
            through = _through_plane(linked, rectangle, direction, table, category, cheapest)
            if through is not None:
                options.append(through)
            for price, part in options:
                total = tuple(a + b for a, b in zip(own_price, price, strict=True))
                if best is None or total < best[0]:
                    best = (total, own_signed | part)
    return None if best is None else best[1]


def _through_plane(
    linked: Linked, rectangle, direction: int, table: str, category: str | None, cheapest
) -> tuple[Price, Move] | None:
    """The rest of a move whose rectangle changes the plane: the plane itself (unless the
    target is in it) and one category of every breakdown other than the target's."""
    move: Move = {}
    price = (0, 0, 0)
    parts: list[list[Move]] = []
    if category is not None:
        parts.append([{(linked.plane, i, None, g): s * direction for i, g, s in rectangle}])
    for breakdown, categories in linked.categories.items():
        if breakdown != table:
            parts.append(
                [{(breakdown, i, c, g): s * direction for i, g, s in rectangle} for c in categories]
            )
    for options in parts:
        found = cheapest(options)
        if found is None:
            return None
        part_price, part = found
        price = tuple(a + b for a, b in zip(price, part_price, strict=True))
        move.update(part)
    return price, move


def display_bounds(value: Display) -> tuple[int, float]:
    """What a reader knows about a shown value."""
    if value == SMALL:
        return 1, SMALL_MAX
    if value == HIDDEN:
        return 1, math.inf
    assert isinstance(value, int)
    return value, value
