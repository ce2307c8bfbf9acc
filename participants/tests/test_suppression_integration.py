"""The publishable statistics never show a small count and never let one be worked out.

`check_publication` checks a publication independently of how it was chosen:
- no value 1–4 is shown anywhere, zeros and large values are shown as they are;
- every line of every table (the cells of one insats, one category or one kön, with its
  total) has either no hidden value or at least two, so nothing follows by subtraction;
- every hidden value of the linked tables is changed by a certificate move, and each move,
  applied to the true counts, gives another non-negative table in which every published number
  is the same, every total still adds up and every hidden value still fits its sign.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.suppression import HIDDEN, SMALL
from participants.services.statistics import (
    BREAKDOWNS,
    COUNT_KEYS,
    GENDERS,
    TOTAL,
    year_statistics,
)
from participants.services.statistics_publication import (
    LINKED_GROUPS,
    display_bounds,
    publication,
    publishable,
)
from participants.tests.statistics_factories import Row, add_rows, individual, make_insatser


def shown_values(document):
    """Every number in a (publishable) document, with where it is."""
    for code, section in [*document["insatser"].items(), ("totalt", document["totalt"])]:
        for key in COUNT_KEYS:
            for gender, value in section[key].items():
                yield (code, key, gender), value
        for name in BREAKDOWNS:
            for category, cell in section[name].items():
                for gender, value in cell.items():
                    yield (code, name, category, gender), value
    for gender, value in document["unika_deltagare"].items():
        yield ("unika_deltagare", gender), value


def cube(document, part, categories):
    """{(insats|None, category|None, kön|None): value} of one count or breakdown."""
    values = {}
    for code, section in [*document["insatser"].items(), (None, document["totalt"])]:
        if categories is None:
            cells = {None: section[part]}
        else:  # the category margin is the parent count (started or ended)
            cells = dict(section[part]) | {None: section[BREAKDOWNS[part][0]]}
        for category, cell in cells.items():
            for gender in (*GENDERS, None):
                values[(code, category, gender)] = cell[gender or TOTAL]
    return values


def lines(keys):
    """Each line of a table: the keys that differ in one coordinate, margin included."""
    groups = {}
    for key in keys:
        for axis in range(len(key)):
            rest = key[:axis] + key[axis + 1 :]
            groups.setdefault((axis, rest), []).append(key)
    return [line for line in groups.values() if len(line) > 1]


def check_publication(exact, result) -> None:
    shown = result.document
    true = dict(shown_values(exact))
    for where, value in shown_values(shown):
        if isinstance(value, str):
            assert value in (SMALL, HIDDEN), where
            assert true[where] > 0, f"a zero is hidden at {where}"
            if value == SMALL:
                assert 1 <= true[where] <= 4, where
        else:
            assert value == true[where], where
            assert not 1 <= value <= 4, f"small count {value} shown at {where}"

    parts = [(key, None) for key in COUNT_KEYS] + [
        (name, tuple(exact["totalt"][name])) for name in BREAKDOWNS
    ]
    for part, categories in parts:
        published = cube(shown, part, categories)
        for line in lines(published):
            hidden = [key for key in line if isinstance(published[key], str)]
            assert len(hidden) != 1, f"{part}: {hidden[0]} follows from its line"

    for linked, protection in result.protections:
        check_moves(linked, protection)


def check_moves(linked, protection) -> None:
    values, shown = linked.values, protection.shown
    hidden = {key for key, value in shown.items() if isinstance(value, str)}
    moved = {key for move in protection.moves for key in move}
    assert hidden <= moved, f"hidden values without a certificate: {sorted(hidden - moved)[:5]}"
    assert moved <= hidden, "a certificate changes a published value"
    assert all(shown[key] == HIDDEN for key in protection.relaxed)
    for move in protection.moves:
        changed = dict(values)
        for key, delta in move.items():
            changed[key] += delta
            low, high = display_bounds(shown[key])
            if values[key] > 4:  # stricter than the sign: a reader may take ".." as ≥ 5
                low = 5
            assert low <= changed[key] <= high, (key, values[key], delta)
        assert changed != values
        check_totals(linked, changed)


def check_totals(linked, values) -> None:
    """Every margin of every breakdown equals the sum of its cells (the plane included)."""
    codes = linked.insatser
    for breakdown, categories in linked.categories.items():

        def value(i, c, g, breakdown=breakdown):
            return values[(linked.plane, i, None, g) if c is None else (breakdown, i, c, g)]

        for i, c, g in itertools.product((*codes, None), (*categories, None), (*GENDERS, None)):
            total = sum(
                value(ii, cc, gg)
                for ii in (codes if i is None else (i,))
                for cc in (categories if c is None else (c,))
                for gg in (GENDERS if g is None else (g,))
            )
            assert value(i, c, g) == total, (breakdown, i, c, g)


# --- Documents with many small counts, straight from their cells -------------------------


def document_from_cells(cells) -> dict:
    """A statistics document from interior counts {(insats, part, category, kön): n}."""
    codes = sorted({code for code, *_ in cells})

    def cell(values):
        result = {g: values.get(g, 0) for g in GENDERS}
        return result | {TOTAL: sum(result.values())}

    def section(code_filter):
        section = {}
        for key in COUNT_KEYS:
            section[key] = cell(
                {
                    g: sum(
                        n
                        for (c, p, _cat, gg), n in cells.items()
                        if code_filter(c) and p == key and gg == g
                    )
                    for g in GENDERS
                }
            )
        for name, (_parent, categories) in BREAKDOWNS.items():
            section[name] = {
                category: cell(
                    {
                        g: sum(
                            n
                            for (c, p, cat, gg), n in cells.items()
                            if code_filter(c) and p == name and cat == category and gg == g
                        )
                        for g in GENDERS
                    }
                )
                for category in categories
            }
        return section

    insatser = {code: {"namn": code} | section(lambda c, code=code: c == code) for code in codes}
    return {
        "forbund": "test",
        "ar": 2023,
        "insatser": insatser,
        "totalt": section(lambda c: True),
        "unika_deltagare": section(lambda c: True)["deltagare"],
    }


small_counts = st.integers(0, 12).map(lambda n: n if n < 9 else n * 3)  # mostly small


@st.composite
def documents(draw):
    n_insatser = draw(st.integers(1, 4))
    genders = ("kvinna", "man", "ej_angivet") if draw(st.booleans()) else ("kvinna", "man")
    cells = {}
    for index in range(n_insatser):
        code = f"I{index}"
        for gender in genders:
            cells[(code, "deltagare", None, gender)] = draw(small_counts)
            # The breakdowns of one parent must add up to it: draw the categories, sum them.
            for parent, names in (
                ("avslutade", ["avslutsorsaker"]),
                ("paborjade", ["alder_vid_start", "utbildning"]),
            ):
                first, *others = names
                categories = BREAKDOWNS[first][1]
                split = [draw(small_counts) if draw(st.booleans()) else 0 for _ in categories]
                for category, n in zip(categories, split, strict=True):
                    cells[(code, first, category, gender)] = n
                cells[(code, parent, None, gender)] = sum(split)
                for other in others:
                    other_categories = BREAKDOWNS[other][1]
                    cuts = sorted(
                        draw(
                            st.lists(
                                st.integers(0, sum(split)),
                                min_size=len(other_categories) - 1,
                                max_size=len(other_categories) - 1,
                            )
                        )
                    )
                    bounds = [0, *cuts, sum(split)]
                    for j, category in enumerate(other_categories):
                        cells[(code, other, category, gender)] = bounds[j + 1] - bounds[j]
    return document_from_cells(cells)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_publishable_statistics_show_no_small_count_and_hide_nothing_recoverable(document):
    check_publication(document, publication(document))


@settings(max_examples=30, deadline=None)
@given(documents())
def test_publishing_is_deterministic(document):
    assert publishable(document) == publishable(document)


def test_the_checker_notices_a_small_count_that_follows_from_its_line():
    exact = document_from_cells(
        {
            ("A", "deltagare", None, "kvinna"): 3,
            ("A", "deltagare", None, "man"): 20,
            ("B", "deltagare", None, "kvinna"): 30,
            ("B", "deltagare", None, "man"): 20,
        }
    )
    result = publication(exact)
    leaky = result.document["insatser"]["A"]["deltagare"]
    assert leaky["kvinna"] == SMALL
    leaky["man"], leaky["totalt"] = 20, 23  # what a naive one-cell suppression would publish
    with pytest.raises(AssertionError, match="follows from its line"):
        check_publication(exact, result)


def test_a_linked_table_does_not_give_away_a_cell_through_the_other_insatser():
    # One man ended to "studier" in A; B's and the förbund's studier are published: the
    # per-insats and total tables must be protected together.
    cells = {}
    for code, studier_men in (("A", 1), ("B", 9)):
        for gender, count in (("kvinna", 12), ("man", 10)):
            cells[(code, "avslutsorsaker", "arbete", gender)] = count
            cells[(code, "avslutsorsaker", "sjukdom", gender)] = count + 3
        cells[(code, "avslutsorsaker", "studier", "man")] = studier_men
        for gender in ("kvinna", "man"):
            cells[(code, "avslutade", None, gender)] = sum(
                n
                for (c, p, _cat, g), n in cells.items()
                if c == code and p == "avslutsorsaker" and g == gender
            )
    exact = document_from_cells(cells)
    result = publication(exact)
    check_publication(exact, result)
    shown = result.document
    assert shown["insatser"]["A"]["avslutsorsaker"]["studier"]["man"] == SMALL
    assert isinstance(shown["totalt"]["avslutsorsaker"]["studier"]["man"], str) or isinstance(
        shown["insatser"]["B"]["avslutsorsaker"]["studier"]["man"], str
    )


# --- From the database: random rows, counted, published ----------------------------------


def test_publishable_year_from_random_rows_is_protected(world):
    import random

    rng = random.Random(4)
    make_insatser(world.a, [individual(f"R{n}", f"Insats {n}") for n in range(4)])
    rows = []
    for n in range(120):
        start = date(2022, 6, 1) + timedelta(days=rng.randrange(500))
        end = start + timedelta(days=rng.randrange(400)) if rng.random() < 0.6 else None
        rows.append(
            Row(
                person=f"P{n}",
                insats=f"R{rng.randrange(4)}",
                start=start,
                end=end,
                reason=rng.choice(["", "arbete", "studier", "sjukdom", "annat"]) if end else "",
                gender=rng.choice(["kvinna", "man", "man", "ej_angivet"]),
                birth_year=rng.choice([None, 1960, 1985, 2000]),
                education=rng.choice(["", "grundskola", "gymnasium", "eftergymnasial"]),
            )
        )
    add_rows(world.a, rows)
    exact = year_statistics(world.a, 2023)
    check_publication(exact, publication(exact))


def test_linked_groups_cover_every_breakdown():
    assert {b for _plane, bs in LINKED_GROUPS for b in bs} == set(BREAKDOWNS)
