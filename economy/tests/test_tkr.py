"""The statements in tkr tie as shown (docs/format/sie-och-bokslut.md, "Presentation i tkr"):
checked on random figures (core.tying) and on the demo's and the sample förbund's books."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from core.tying import tie, tie_tree
from economy.services import financial_statements
from economy.services.tkr import (
    ASSET_SUMS,
    BALANCE_REQUIREMENT_SUMS,
    CASH_FLOW_SUMS,
    INCOME_SUMS,
    LIABILITY_SUMS,
    statements_in_tkr,
)

D = Decimal
amounts = st.decimals(min_value=-100_000, max_value=100_000, places=3)


@given(st.lists(amounts, min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_shown_parts_add_up_to_the_shown_sum_and_stay_within_one_unit(parts):
    exact = sum(parts, D(0))
    total, shown = tie(D(round(exact)), parts)
    assert sum(shown, D(0)) == total
    assert abs(total - exact) <= 1
    for value, part in zip(shown, parts, strict=True):
        assert abs(value - part) <= 1 or len(parts) > 2
        if part == 0:
            assert value == 0


def test_the_largest_part_takes_the_difference():
    # 1,4 + 1,4 + 0,4 = 3,2: rounded one by one 1 + 1 + 0 = 2, the sum shows 3.
    assert tie(D(3), [D("1.4"), D("1.45"), D("0.4")]) == (D(3), [D(1), D(2), D(0)])


def test_a_sum_of_a_sum_ties_from_the_top():
    exact = {
        "r": D("-550.4"),
        "n": D("-560.6"),
        "i": D("10000.4"),
        "k": D("-10561.0"),
        "f": D("10.2"),
    }
    shown = tie_tree(exact, {"r": [("n", 1), ("f", 1)], "n": [("i", 1), ("k", 1)]})
    assert shown["r"] == shown["n"] + shown["f"] == D(-550)
    assert shown["n"] == shown["i"] + shown["k"]


def _check(document: dict, shown: dict) -> list[str]:
    errors = []
    for column in ("ar", "foregaende_ar"):

        def value(part, key, column=column):
            return shown[part][key][column]

        if value("resultatrakning", "arets_resultat") is None:
            continue
        groups = (
            ("resultatrakning", INCOME_SUMS),
            ("balansrakning", ASSET_SUMS),
            ("balansrakning", LIABILITY_SUMS),
            ("kassaflodesanalys", CASH_FLOW_SUMS),
            ("balanskravsutredning", BALANCE_REQUIREMENT_SUMS),
        )
        for part, sums in groups:
            for total, members in sums.items():
                if value(part, total) is None:
                    continue
                added = sum(sign * (value(part, key) or 0) for key, sign in members)
                if added != value(part, total):
                    errors.append(f"{column} {part}.{total}: {value(part, total)} ≠ {added}")
        if value("balansrakning", "summa_tillgangar") != value(
            "balansrakning", "summa_eget_kapital_avsattningar_och_skulder"
        ):
            errors.append(f"{column}: balansräkningens sidor")
        result = value("resultatrakning", "arets_resultat")
        for part, key in (
            ("balansrakning", "varav_arets_resultat"),
            ("balanskravsutredning", "arets_resultat"),
        ):
            if value(part, key) != result:
                errors.append(f"{column} {part}.{key} ≠ årets resultat")
        if value("kassaflodesanalys", "arets_resultat") not in (None, result):
            errors.append(f"{column} kassaflödets resultat ≠ årets resultat")
        liquid = value("balansrakning", "kassa_och_bank") + value(
            "balansrakning", "kortfristiga_placeringar"
        )
        if value("kassaflodesanalys", "likvida_medel_vid_arets_slut") not in (None, liquid):
            errors.append(f"{column} likvida medel ≠ balansräkningen")
        for key, entries in shown["noter"].items():
            line = shown["resultatrakning"].get(key) or shown["balansrakning"][key]
            if sum(e[column] or 0 for e in entries) != (line[column] or 0):
                errors.append(f"{column} not {key}")
            for entry, exact in zip(entries, document["noter"][key], strict=True):
                unbooked = (
                    entry["konto"] == ""
                    and exact[column] == document["resultatrakning"]["arets_resultat"][column]
                )
                if unbooked and entry[column] != result:
                    errors.append(f"{column} not {key}: årets resultat ej överfört ≠ RR")
        for part in ("resultatrakning", "balansrakning", "kassaflodesanalys"):
            for key, figure in document[part].items():
                if figure[column] is None:
                    continue
                if abs(D(shown[part][key][column]) - figure[column] / 1000) > 1:
                    errors.append(f"{column} {part}.{key} mer än 1 tkr från det exakta")
    return errors


@pytest.mark.django_db
def test_the_demo_and_sample_statements_tie_in_tkr(demo_forbund, sample_forbund):
    checked = 0
    for forbund, years in (
        (demo_forbund, range(2021, 2026)),
        (sample_forbund.forbund, sample_forbund.years),
    ):
        for year in years:
            document = financial_statements(forbund, year)
            assert _check(document, statements_in_tkr(document)) == [], (forbund.slug, year)
            checked += 1
    assert checked == 7


@pytest.mark.django_db
def test_financial_statements_prints_whole_tkr_with_tkr(demo_forbund, capsys):
    call_command("financial_statements", "--forbund", demo_forbund.slug, "--year", "2024", "--tkr")
    printed = json.loads(capsys.readouterr().out)
    result = printed["resultatrakning"]["arets_resultat"]
    assert isinstance(result["ar"], int)
    assert result["ar"] == printed["balansrakning"]["varav_arets_resultat"]["ar"]
    assert printed["balanskravsutredning"]["balanskravsresultat"]["ar"] == result["ar"]
