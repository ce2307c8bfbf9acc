"""Tests for small-count suppression.

The protection check here does not reuse the module's method: it plays the reader, who
knows every published number, what the signs say ("<5" is 1-4, ".." is at least 5 in a
table that has a "<5", otherwise at least 1) and that the cells add up to the margins, and
searches for completions of the table by bounds propagation and splitting.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.suppression import (
    HIDDEN,
    SMALL,
    Display,
    SuppressedTable,
    Table,
    is_hidden,
    suppress,
    suppress_row,
)

Bounds = list[tuple[int, int]]
Constraint = tuple[tuple[int, ...], tuple[int, ...]]  # sum of the first == sum of the second


def true_values(table: Table) -> list[int]:
    """Cells row by row, row totals, column totals, grand total."""
    cells = [v for values in table.counts for v in values]
    rows = [table.row_total(r) for r in table.row_keys]
    cols = [table.column_total(c) for c in table.column_keys]
    return [*cells, *rows, *cols, table.grand_total]


def shown_values(shown: SuppressedTable) -> list[Display]:
    cells = [shown.cell(r, c) for r in shown.row_keys for c in shown.column_keys]
    rows = [shown.row_totals[r] for r in shown.row_keys]
    cols = [shown.column_totals[c] for c in shown.column_keys]
    return [*cells, *rows, *cols, shown.grand_total]


def additivity(n_rows: int, n_cols: int) -> list[Constraint]:
    cell = [[i * n_cols + j for j in range(n_cols)] for i in range(n_rows)]
    row_total = [n_rows * n_cols + i for i in range(n_rows)]
    col_total = [n_rows * n_cols + n_rows + j for j in range(n_cols)]
    grand = n_rows * n_cols + n_rows + n_cols
    constraints = [(tuple(cell[i]), (row_total[i],)) for i in range(n_rows)]
    constraints += [
        (tuple(cell[i][j] for i in range(n_rows)), (col_total[j],)) for j in range(n_cols)
    ]
    return [*constraints, (tuple(row_total), (grand,)), (tuple(col_total), (grand,))]


def reader_bounds(shown: list[Display], cap: int) -> Bounds:
    small_sign_used = SMALL in shown
    bounds = []
    for value in shown:
        if value == SMALL:
            bounds.append((1, 4))
        elif value == HIDDEN:
            bounds.append((5 if small_sign_used else 1, cap))
        else:
            assert isinstance(value, int)
            bounds.append((value, value))
    return bounds


def propagate(bounds: Bounds, constraints: list[Constraint]) -> Bounds | None:
    bounds = list(bounds)
    changed = True
    while changed:
        changed = False
        for plus, minus in constraints:
            low = sum(bounds[v][0] for v in plus) - sum(bounds[v][1] for v in minus)
            high = sum(bounds[v][1] for v in plus) - sum(bounds[v][0] for v in minus)
            if low > 0 or high < 0:
                return None
            for v in plus:
                lo, hi = bounds[v]
                new = (max(lo, hi - high), min(hi, lo - low))
                changed |= new != bounds[v]
                bounds[v] = new
            for v in minus:
                lo, hi = bounds[v]
                new = (max(lo, low + hi), min(hi, high + lo))
                changed |= new != bounds[v]
                bounds[v] = new
            if any(lo > hi for lo, hi in bounds):
                return None
    return bounds


def has_completion(bounds: Bounds, constraints: list[Constraint]) -> bool:
    narrowed = propagate(bounds, constraints)
    if narrowed is None:
        return False
    open_vars = [v for v, (lo, hi) in enumerate(narrowed) if lo < hi]
    if not open_vars:
        return True
    v = min(open_vars, key=lambda v: narrowed[v][1] - narrowed[v][0])
    lo, hi = narrowed[v]
    mid = (lo + hi) // 2
    return any(
        has_completion([*narrowed[:v], half, *narrowed[v + 1 :]], constraints)
        for half in ((lo, mid), (mid + 1, hi))
    )


def recoverable(table: Table, shown: list[Display]) -> list[int]:
    """Positions of hidden values that every completion of the published table agrees on."""
    truth = true_values(table)
    # A second completion, if there is one, differs from the truth by one along a cycle,
    # so a cap well above the true grand total loses nothing.
    bounds = reader_bounds(shown, cap=2 * table.grand_total + 10)
    constraints = additivity(len(table.row_keys), len(table.column_keys))
    assert has_completion(bounds, constraints), "the true table must be a completion"
    found = []
    for v, value in enumerate(shown):
        if not is_hidden(value):
            continue
        lo, hi = bounds[v]
        other_values = [(lo, truth[v] - 1), (truth[v] + 1, hi)]
        if not any(
            has_completion([*bounds[:v], part, *bounds[v + 1 :]], constraints)
            for part in other_values
            if part[0] <= part[1]
        ):
            found.append(v)
    return found


small_biased_counts = st.one_of(st.integers(0, 6), st.integers(0, 10), st.integers(0, 30))
counts_without_small = st.one_of(st.just(0), st.integers(5, 40))


@st.composite
def tables(draw: st.DrawFn, counts: st.SearchStrategy[int] = small_biased_counts) -> Table:
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 4))
    row = st.lists(counts, min_size=n_cols, max_size=n_cols)
    values = draw(st.lists(row, min_size=n_rows, max_size=n_rows))
    return Table(
        tuple(f"insats{i}" for i in range(n_rows)),
        tuple(f"kolumn{j}" for j in range(n_cols)),
        tuple(tuple(row) for row in values),
    )


@settings(max_examples=300, deadline=None)
@given(tables())
def test_every_published_number_is_the_true_number(table: Table) -> None:
    for value, truth in zip(shown_values(suppress(table)), true_values(table), strict=True):
        assert is_hidden(value) or value == truth


@settings(max_examples=300, deadline=None)
@given(tables())
def test_every_small_value_is_hidden_and_every_sign_tells_the_truth(table: Table) -> None:
    shown = shown_values(suppress(table))
    small_sign_used = SMALL in shown
    for value, truth in zip(shown, true_values(table), strict=True):
        if 1 <= truth <= 4:
            assert is_hidden(value)
        if value == SMALL:
            assert 1 <= truth <= 4
        if value == HIDDEN:
            assert truth >= (5 if small_sign_used else 1)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_hidden_value_can_be_recovered_from_the_published_table(table: Table) -> None:
    shown = shown_values(suppress(table))
    assert recoverable(table, shown) == []


@settings(max_examples=150, deadline=None)
@given(tables())
def test_publishing_any_complementary_value_would_reveal_a_small_one(table: Table) -> None:
    shown = shown_values(suppress(table))
    if SMALL not in shown:  # a table published without the "<5" sign is a last resort
        return
    truth = true_values(table)
    for v, value in enumerate(shown):
        if value == HIDDEN:
            published = [*shown[:v], truth[v], *shown[v + 1 :]]
            assert any(1 <= truth[w] <= 4 for w in recoverable(table, published))


@settings(max_examples=100, deadline=None)
@given(tables(counts_without_small))
def test_table_whose_cells_are_all_zero_or_at_least_five_is_published_unchanged(
    table: Table,
) -> None:
    assert shown_values(suppress(table)) == true_values(table)


def report_table() -> Table:
    # Stockholm 2023, Tabell 3: avslutade per insats and end reason (groups merged as there).
    return Table.from_nested(
        {
            "FINSAM-team": {"arbete": 57, "rehab": 12, "sjukdom": 58, "annat": 7},
            "Aktivitetsplatsen": {"arbete": 16, "rehab": 96, "sjukdom": 98, "annat": 4},
            "IPS psykos": {"arbete": 14, "rehab": 6, "sjukdom": 19, "annat": 4},
            "IPS beroende": {"arbete": 2, "rehab": 5, "sjukdom": 0, "annat": 4},
        }
    )


def test_table_without_small_counts_is_published_unchanged() -> None:
    table = Table.from_nested({"A": {"kvinna": 81, "man": 49}, "B": {"kvinna": 0, "man": 24}})
    assert suppress(table).as_nested() == {
        "A": {"kvinna": 81, "man": 49, "totalt": 130},
        "B": {"kvinna": 0, "man": 24, "totalt": 24},
        "totalt": {"kvinna": 81, "man": 73, "totalt": 154},
    }


def test_single_small_cell_in_row_gets_the_smallest_non_zero_partners() -> None:
    table = Table.from_nested(
        {
            "A": {"kvinna": 3, "man": 20, "ej_angivet": 0},
            "B": {"kvinna": 13, "man": 40, "ej_angivet": 0},
            "C": {"kvinna": 30, "man": 25, "ej_angivet": 0},
        }
    )
    assert suppress(table).as_nested() == {
        "A": {"kvinna": SMALL, "man": HIDDEN, "ej_angivet": 0, "totalt": 23},
        "B": {"kvinna": HIDDEN, "man": HIDDEN, "ej_angivet": 0, "totalt": 53},
        "C": {"kvinna": 30, "man": 25, "ej_angivet": 0, "totalt": 55},
        "totalt": {"kvinna": 46, "man": 85, "ej_angivet": 0, "totalt": 131},
    }


def test_zero_is_never_chosen_as_partner_and_stays_zero() -> None:
    assert suppress_row({"kvinna": 3, "ej_angivet": 0, "man": 20}) == {
        "kvinna": SMALL,
        "ej_angivet": 0,
        "man": HIDDEN,
        "totalt": 23,
    }


def test_complementary_value_of_five_or_more_is_shown_as_two_dots_not_as_small() -> None:
    assert suppress_row({"kvinna": 3, "man": 5, "ej_angivet": 10}) == {
        "kvinna": SMALL,
        "man": HIDDEN,
        "ej_angivet": 10,
        "totalt": 18,
    }


def test_row_whose_only_other_cells_are_zero_hides_a_total_because_it_must() -> None:
    table = Table.from_nested(
        {
            "A": {"kvinna": 3, "man": 0, "ej_angivet": 0},
            "B": {"kvinna": 10, "man": 20, "ej_angivet": 0},
        }
    )
    shown = suppress(table)
    assert shown.row_totals == {"A": SMALL, "B": HIDDEN}
    assert shown.cell("B", "kvinna") == HIDDEN
    assert (shown.column_totals, shown.grand_total) == (
        {"kvinna": 13, "man": 20, "ej_angivet": 0},
        33,
    )


def test_row_that_is_entirely_small_hides_its_small_total_too() -> None:
    assert suppress_row({"kvinna": 1, "man": 2, "ej_angivet": 0}) == {
        "kvinna": SMALL,
        "man": SMALL,
        "ej_angivet": 0,
        "totalt": SMALL,
    }


def test_cells_pinned_by_the_small_sign_need_more_than_two_hidden_per_line() -> None:
    # Hiding the four 4s alone would not do: x + y = 8 with both at most 4 gives x = y = 4.
    table = Table.from_nested({"A": {"k": 4, "m": 4}, "B": {"k": 4, "m": 4}})
    shown = shown_values(suppress(table))
    assert sum(is_hidden(v) for v in shown) > 4
    assert recoverable(table, shown) == []


def test_table_of_ones_is_published_without_the_small_sign_because_the_sign_would_tell() -> None:
    # With "<5" everywhere a reader knows each cell is at least 1 and the total at most 4.
    table = Table.from_nested({"A": {"k": 1, "m": 1}, "B": {"k": 1, "m": 1}})
    shown = shown_values(suppress(table))
    assert shown == [HIDDEN] * len(shown)
    assert recoverable(table, shown) == []


def test_value_recoverable_only_through_a_chain_of_rows_and_columns_stays_hidden() -> None:
    # Small values on a diagonal: partners chosen for one line are reused by the next.
    table = Table.from_nested(
        {
            "A": {"a": 2, "b": 9, "c": 0, "d": 30},
            "B": {"a": 0, "b": 3, "c": 8, "d": 30},
            "C": {"a": 7, "b": 0, "c": 4, "d": 30},
            "D": {"a": 30, "b": 30, "c": 30, "d": 1},
        }
    )
    shown = shown_values(suppress(table))
    assert recoverable(table, shown) == []


def test_report_table_hides_its_small_counts_and_keeps_every_total() -> None:
    table = report_table()
    shown = suppress(table)
    assert shown.row_totals == {
        "FINSAM-team": 134,
        "Aktivitetsplatsen": 214,
        "IPS psykos": 43,
        "IPS beroende": 11,
    }
    assert shown.column_totals == {"arbete": 89, "rehab": 119, "sjukdom": 175, "annat": 19}
    assert shown.grand_total == 402
    assert shown.cell("IPS beroende", "arbete") == SMALL
    assert shown.cell("IPS beroende", "sjukdom") == 0
    assert recoverable(table, shown_values(shown)) == []


def test_small_grand_total_is_shown_as_small() -> None:
    assert suppress_row({"kvinna": 0, "man": 3}) == {"kvinna": 0, "man": SMALL, "totalt": SMALL}


def test_as_nested_adds_a_totals_row_and_column_under_the_given_key() -> None:
    nested = suppress(Table.from_nested({"A": {"k": 5, "m": 6}})).as_nested(total_key="summa")
    assert nested == {"A": {"k": 5, "m": 6, "summa": 11}, "summa": {"k": 5, "m": 6, "summa": 11}}


def test_negative_count_is_rejected_naming_row_column_and_value() -> None:
    with pytest.raises(ValueError, match="Rad 'A', kolumn 'man': värdet -1 är inte ett antal"):
        Table.from_nested({"A": {"kvinna": 2, "man": -1}})


def test_unknown_column_is_rejected() -> None:
    with pytest.raises(ValueError, match="Rad 'A' har okända kolumner: \\['okänd'\\]"):
        Table.from_nested({"A": {"okänd": 2}}, column_keys=["kvinna"])


def test_row_may_not_use_the_total_key_as_a_column() -> None:
    with pytest.raises(ValueError, match="'totalt' är reserverad"):
        suppress_row({"kvinna": 2, "totalt": 2})


def test_insats_named_like_the_total_key_is_rejected_when_nesting() -> None:
    shown = suppress(Table.from_nested({"totalt": {"kvinna": 7}}))
    with pytest.raises(ValueError, match="'totalt' är reserverad"):
        shown.as_nested()


def test_empty_table_has_zero_totals() -> None:
    shown = suppress(Table.from_nested({}, column_keys=["kvinna", "man"]))
    assert shown.as_nested() == {"totalt": {"kvinna": 0, "man": 0, "totalt": 0}}
