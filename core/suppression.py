"""Small-count suppression (röjandekontroll) for tables that leave a förbund.

A förbund's own staff see exact counts. Anything published or sent outside (the public
catalogue, the national export, a report marked for publication) goes through this module.

Rules
-----
* Primary suppression: a value 1-4 is shown as ``SMALL`` (``"<5"``); 0 is shown as 0.
  This applies to cells and to margins (row totals, column totals, the grand total).
* Secondary suppression: no ``"<5"`` value may be recoverable from what is published.
  Further values are hidden and shown as ``HIDDEN`` (``".."``, SCB's "uppgift kan inte
  redovisas"). Only values >= 5 are hidden this way, so a reader may assume ``"<5"`` means
  1-4 and ``".."`` means at least 5; protection is checked against that knowledge too.
  Zeros are never hidden (no sign for them, and a zero cannot give way downwards).
* "Not recoverable" is exact: for every hidden value there are at least two non-negative
  integer tables that agree with every published number and sign.
* The signs themselves can give a table away: four cells ``"<5"`` under a hidden grand total
  ``"<5"`` are all 1. When no choice of hidden values protects every small value, the table
  is published without the ``"<5"`` sign: every hidden value, small or not, is ``".."``,
  which then says only "not zero" (a reader can tell: such a table has no ``"<5"``).

API
---
``Table(row_keys, column_keys, counts)``
    Immutable 2-D table of non-negative integers, ``counts[i][j]`` for row ``row_keys[i]``
    and column ``column_keys[j]``. ``Table.from_nested({row: {column: n}}, column_keys=None)``
    builds one from nested mappings (missing cells are 0). Margins are computed:
    ``row_total(row)``, ``column_total(column)``, ``grand_total``, ``count(row, column)``.
``suppress(table) -> SuppressedTable``
    ``SuppressedTable`` has ``row_keys``, ``column_keys``, ``cells`` (``{(row, column):
    Display}``), ``row_totals`` (``{row: Display}``), ``column_totals`` (``{column:
    Display}``), ``grand_total`` (``Display``), ``cell(row, column)`` and
    ``as_nested(total_key="totalt")`` → ``{row: {column: Display, "totalt": Display}}`` with
    an extra ``"totalt"`` row holding the column totals and the grand total.
    ``Display`` is ``int | str``; a value is hidden exactly when it is a ``str``
    (``is_hidden(value)``).
``suppress_row(cells, total_key="totalt") -> dict[str, Display]``
    A 1-D table: the cells plus their total under ``total_key``.

Tables that are published together and share margins must be suppressed as one table:
suppressing each insats' kön-split with ``suppress_row`` and then publishing a summed
"totalt" row would let a reader subtract. Suppress the insatser-by-kön table with ``suppress``.

Method
------
A table with margins is a circulation: for row i, column j, the totals row R and the totals
column C, cell (i, j) is an edge r_i → c_j, row total i is c_C → r_i, column total j is
c_j → r_R and the grand total is r_R → c_C. Published values have fixed flow, hidden values
the bounds their sign implies. A hidden value can take another value exactly when the
residual graph of the true table has a cycle through its edge (flows on a 2-D table are
totally unimodular, so integers are no harder than reals). For each unprotected small value
we hide the cheapest such cycle (cost: the hidden values, totals counted double so that
cells are preferred), then publish again every complementary value that is not needed.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SMALL = "<5"
HIDDEN = ".."
SMALL_MAX = 4
TOTAL_WEIGHT = 2  # a published total is worth more to readers than a cell

Display = int | str


def is_hidden(value: Display) -> bool:
    return isinstance(value, str)


@dataclass(frozen=True)
class Table:
    row_keys: tuple[str, ...]
    column_keys: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        for kind, keys in (("rad", self.row_keys), ("kolumn", self.column_keys)):
            if len(set(keys)) != len(keys):
                raise ValueError(f"Tabellen har samma {kind}nyckel flera gånger: {list(keys)}.")
        if len(self.counts) != len(self.row_keys):
            raise ValueError(
                f"Tabellen har {len(self.row_keys)} radnycklar men {len(self.counts)} rader."
            )
        for row, values in zip(self.row_keys, self.counts, strict=True):
            if len(values) != len(self.column_keys):
                raise ValueError(
                    f"Rad '{row}' har {len(values)} värden men tabellen har "
                    f"{len(self.column_keys)} kolumner."
                )
            for column, value in zip(self.column_keys, values, strict=True):
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(
                        f"Rad '{row}', kolumn '{column}': värdet {value!r} är inte ett "
                        "antal (heltal 0 eller större)."
                    )

    @classmethod
    def from_nested(
        cls,
        rows: Mapping[str, Mapping[str, int]],
        column_keys: Sequence[str] | None = None,
    ) -> Table:
        if column_keys is None:
            column_keys = list(dict.fromkeys(c for cells in rows.values() for c in cells))
        for row, cells in rows.items():
            unknown = set(cells) - set(column_keys)
            if unknown:
                raise ValueError(f"Rad '{row}' har okända kolumner: {sorted(unknown)}.")
        counts = tuple(tuple(cells.get(c, 0) for c in column_keys) for cells in rows.values())
        return cls(tuple(rows), tuple(column_keys), counts)

    def count(self, row: str, column: str) -> int:
        return self.counts[self.row_keys.index(row)][self.column_keys.index(column)]

    def row_total(self, row: str) -> int:
        return sum(self.counts[self.row_keys.index(row)])

    def column_total(self, column: str) -> int:
        j = self.column_keys.index(column)
        return sum(values[j] for values in self.counts)

    @property
    def grand_total(self) -> int:
        return sum(sum(values) for values in self.counts)


@dataclass(frozen=True)
class SuppressedTable:
    row_keys: tuple[str, ...]
    column_keys: tuple[str, ...]
    cells: Mapping[tuple[str, str], Display]
    row_totals: Mapping[str, Display]
    column_totals: Mapping[str, Display]
    grand_total: Display

    def cell(self, row: str, column: str) -> Display:
        return self.cells[(row, column)]

    def as_nested(self, total_key: str = "totalt") -> dict[str, dict[str, Display]]:
        if total_key in self.row_keys or total_key in self.column_keys:
            raise ValueError(f"Nyckeln '{total_key}' är reserverad för summan i tabellen.")
        nested: dict[str, dict[str, Display]] = {
            row: {c: self.cells[(row, c)] for c in self.column_keys} | {total_key: total}
            for row, total in self.row_totals.items()
        }
        nested[total_key] = dict(self.column_totals) | {total_key: self.grand_total}
        return nested


def suppress_row(cells: Mapping[str, int], total_key: str = "totalt") -> dict[str, Display]:
    if total_key in cells:
        raise ValueError(f"Kolumnen '{total_key}' är reserverad för summan och får inte anges.")
    shown = suppress(Table.from_nested({"": cells}, list(cells)))
    return {c: shown.cell("", c) for c in shown.column_keys} | {total_key: shown.row_totals[""]}


def suppress(table: Table) -> SuppressedTable:
    for small_sign in (True, False):
        edges = _table_edges(table, small_sign)
        hidden = _choose_hidden(edges)
        if hidden is not None:
            shown = [_display(e.value, k in hidden, small_sign) for k, e in enumerate(edges)]
            return _shown(table, shown)
    raise AssertionError("without the <5 sign every small value lies on a cycle of totals")


@dataclass(frozen=True)
class _Edge:
    tail: int
    head: int
    value: int
    weight: int  # information lost when this value is hidden
    bounds: tuple[int, float] | None  # what a reader knows once it is hidden; None: never hide


def _table_edges(table: Table, small_sign: bool) -> list[_Edge]:
    """Cells row by row, then row totals, column totals and the grand total."""
    n_rows, n_cols = len(table.row_keys), len(table.column_keys)

    def col(j: int) -> int:
        return n_rows + 1 + j

    def edge(tail: int, head: int, value: int, weight: int) -> _Edge:
        bounds: tuple[int, float] | None = None
        if value > 0 and not small_sign:
            bounds = (1, math.inf)  # the table has no "<5": its ".." says only "not zero"
        elif value > 0:
            bounds = (1, SMALL_MAX) if value <= SMALL_MAX else (SMALL_MAX + 1, math.inf)
        return _Edge(tail, head, value, weight * value, bounds)

    row_totals = [sum(values) for values in table.counts]
    col_totals = [sum(values[j] for values in table.counts) for j in range(n_cols)]
    edges = [edge(i, col(j), v, 1) for i, vs in enumerate(table.counts) for j, v in enumerate(vs)]
    edges += [edge(col(n_cols), i, t, TOTAL_WEIGHT) for i, t in enumerate(row_totals)]
    edges += [edge(col(j), n_rows, t, TOTAL_WEIGHT) for j, t in enumerate(col_totals)]
    return [*edges, edge(n_rows, col(n_cols), sum(row_totals), TOTAL_WEIGHT)]


def _choose_hidden(edges: list[_Edge]) -> set[int] | None:
    """Values to hide so that no small value is recoverable; None if that is impossible."""
    small = [k for k, e in enumerate(edges) if 1 <= e.value <= SMALL_MAX]
    hidden = set(small)
    for k in small:  # hiding more never makes a protected value recoverable again
        found = _cheapest_cycle(edges, hidden, k, may_hide=True)
        if found is None:
            return None
        hidden.update(found[1])
    # The cycles were chosen one small value at a time; a later cycle may make an earlier
    # complementary value unnecessary. Publish it again, most informative first, until stable.
    changed = True
    while changed:
        changed = False
        for k in sorted(hidden - set(small), key=lambda k: -edges[k].weight):
            trial = hidden - {k}
            if all(_cheapest_cycle(edges, trial, s, may_hide=False) for s in small):
                hidden, changed = trial, True
    return hidden


def _cheapest_cycle(
    edges: list[_Edge], hidden: set[int], target: int, may_hide: bool
) -> tuple[int, list[int]] | None:
    """Cheapest cycle along which hidden `target` can change by one: (cost, edges on it).

    Without `may_hide` only hidden values may change, so None means `target` is recoverable.
    """
    edge = edges[target]
    assert edge.bounds is not None
    low, high = edge.bounds
    best: tuple[int, list[int]] | None = None
    for start, goal, possible in (
        (edge.head, edge.tail, edge.value < high),  # target + 1: the flow returns head → tail
        (edge.tail, edge.head, edge.value > low),  # target - 1
    ):
        found = _dijkstra(edges, hidden, target, start, goal, may_hide) if possible else None
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    return best


def _dijkstra(
    edges: list[_Edge], hidden: set[int], skip: int, start: int, goal: int, may_hide: bool
) -> tuple[int, list[int]] | None:
    arcs: dict[int, list[tuple[int, int, int]]] = {}  # node -> (next node, edge, cost)
    for k, e in enumerate(edges):
        if k == skip or e.bounds is None or (k not in hidden and not may_hide):
            continue
        cost = 0 if k in hidden else e.weight
        if e.value < e.bounds[1]:
            arcs.setdefault(e.tail, []).append((e.head, k, cost))
        if e.value > e.bounds[0]:
            arcs.setdefault(e.head, []).append((e.tail, k, cost))
    best: dict[int, tuple[int, int]] = {start: (0, 0)}  # node -> (cost, values newly hidden)
    came_by: dict[int, tuple[int, int]] = {}  # node -> (previous node, edge)
    queue = [(0, 0, start)]
    while queue:
        cost, count, node = heapq.heappop(queue)
        if (cost, count) > best[node]:
            continue
        if node == goal:
            path = [skip]
            while node != start:
                node, k = came_by[node]
                path.append(k)
            return cost, path
        for nxt, k, step in arcs.get(node, []):
            reached = (cost + step, count + (k not in hidden))
            if reached < best.get(nxt, (math.inf, 0)):
                best[nxt] = reached
                came_by[nxt] = (node, k)
                heapq.heappush(queue, (*reached, nxt))
    return None


def _display(value: int, hidden: bool, small_sign: bool) -> Display:
    if not hidden:
        return value
    return SMALL if small_sign and value <= SMALL_MAX else HIDDEN


def _shown(table: Table, values: list[Display]) -> SuppressedTable:
    rows, cols = table.row_keys, table.column_keys
    n_cells = len(rows) * len(cols)
    return SuppressedTable(
        row_keys=rows,
        column_keys=cols,
        cells={
            (r, c): values[i * len(cols) + j]
            for i, r in enumerate(rows)
            for j, c in enumerate(cols)
        },
        row_totals=dict(zip(rows, values[n_cells : n_cells + len(rows)], strict=True)),
        column_totals=dict(zip(cols, values[n_cells + len(rows) : -1], strict=True)),
        grand_total=values[-1],
    )
