"""What a förbundschef checks before signing: the same figure is the same in every table,
labels name things fully and in Swedish, and sentences agree with their numbers.

The förbund is set up from files through the real services (samples.sample_forbund).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django_scopes import scopes_disabled

from core.document import Document, Figure, Heading, Table
from core.formatting import format_number
from economy.choices import CheckBasis
from economy.services.configuration import settings_for
from reports.builders.economy import operating_rows, row_label, staff_table
from reports.builders.goals import summary_sentence
from reports.services.generation import annual_report_data, build

YEAR = 2023


@pytest.fixture
def forbund(sample_forbund):
    return sample_forbund.forbund


@pytest.fixture
def annual(forbund) -> tuple[dict[str, Any], Document]:
    data = annual_report_data(forbund, YEAR)
    return data, build(data)


def table(doc: Document, caption_start: str) -> Table:
    (found,) = [
        b for b in doc.blocks if isinstance(b, Table) and b.caption.startswith(caption_start)
    ]
    return found


def rows_by_label(found: Table) -> dict[str, list[str]]:
    """Each row's formatted cells by its first cell's text."""
    return {
        cells[0].text.strip(): [c.text for c in cells[1:]] for _k, cells in found.rendered_body()
    }


def labels(found: Table) -> Iterator[str]:
    for _kind, cells in found.rendered_body():
        yield cells[0].text


def test_the_driftredovisning_names_an_insats_whose_name_starts_with_its_code_in_full(annual):
    _data, doc = annual
    names = list(labels(table(doc, f"Driftredovisning {YEAR}")))
    assert "IPS i psykosvården" in names
    assert "i psykosvården" not in names


def test_a_number_range_in_a_driftredovisning_label_gets_an_en_dash():
    row = {"nyckel": "omrade:strukturinriktad:KARTL", "rubrik": "Kartläggning unga vuxna 16-29 år"}
    assert row_label(row) == "Kartläggning unga vuxna 16\u201329 år"


def test_bookings_without_an_object_are_one_line_not_a_heading_a_line_and_a_sum():
    def line(key: str, label: str, *, area: bool = False, level: int = 0) -> dict[str, Any]:
        return {
            "nyckel": key,
            "rubrik": label,
            "niva": level,
            "omrade": area,
            "summa": False,
            "intakter": 0,
            "kostnader": 1200,
            "budget_netto": 0,
            "foregaende_ar_netto": None,
        }

    statement = {
        "rader": [
            line("ej_fordelat_omrade", "Ej fördelat", area=True),
            line("ej_fordelat", "Bokfört utan objekt", level=1),
        ]
    }
    rows, totals = operating_rows(statement, lambda row, label=None: [label or row_label(row)])
    assert [(row.kind, row.cells) for row in rows] == [
        ("body", ["Ej fördelat (bokfört utan objekt)"])
    ]
    assert totals == []


def test_the_years_result_is_the_same_in_every_table(annual):
    _data, doc = annual
    result = rows_by_label(table(doc, f"Resultaträkning {YEAR}"))["Årets resultat"]
    balance = rows_by_label(table(doc, f"Balansräkning {YEAR}"))["varav årets resultat"]
    five_year = rows_by_label(table(doc, "Översikt över verksamhetens utveckling"))
    key_figures = rows_by_label(table(doc, f"Året i siffror {YEAR}"))
    flow = rows_by_label(table(doc, f"Kassaflödesanalys {YEAR}"))["Årets resultat"]
    this_year = result[1]  # after the note column
    assert this_year == balance[1] == five_year["Årets resultat"][0]
    assert this_year == key_figures["Årets resultat, tkr"][0] == flow[0]
    operating = rows_by_label(table(doc, f"Driftredovisning {YEAR}"))["Resultat"]
    assert operating[2] == this_year  # netto


def test_a_label_shared_with_the_income_statement_shows_the_income_statements_figure(annual):
    """The overview's totals include financial items: they must not be called "Verksamhetens
    intäkter/kostnader", which in the income statement exclude them."""
    _data, doc = annual
    statement = rows_by_label(table(doc, f"Resultaträkning {YEAR}"))
    for caption in ("Översikt över verksamhetens utveckling", f"Året i siffror {YEAR}"):
        for label, cells in rows_by_label(table(doc, caption)).items():
            name = label.removesuffix(", tkr")
            if name in statement:
                assert cells[0] == statement[name][1], (caption, label)


def test_costs_are_negative_in_every_summary_of_the_year(annual):
    _data, doc = annual
    five_year = rows_by_label(table(doc, "Översikt över verksamhetens utveckling"))
    key_figures = rows_by_label(table(doc, f"Året i siffror {YEAR}"))
    assert five_year["Kostnader totalt"][0].startswith("\u2212")
    assert key_figures["Verksamhetens kostnader, tkr"][0].startswith("\u2212")


def test_the_staff_table_lists_the_years_newest_first_like_the_overview():
    def year(number: int, total: float) -> dict[str, Any]:
        staff = {"kansli": 1.5, "struktur": 1.0, "individ": total - 2.5, "totalt": total}
        return {"ar": number, "arsarbetare": staff}

    overview = [year(2025, 11.4), year(2024, 11.1), year(2023, 11.3)]  # as the economy gives
    staff = staff_table(overview)
    assert [column.title for column in staff.columns[1:]] == ["2025", "2024", "2023"]


@pytest.mark.parametrize(
    ("grades", "sentence"),
    [
        (
            ["god"] * 6 + ["delvis"] * 3 + ["ej"],
            "Av årets 10 bedömda mål är 6 med god måluppfyllelse, 3 delvis uppfyllda och "
            "1 ej uppfyllt.",
        ),
        (
            ["god", "ej", "ej"],
            "Av årets 3 bedömda mål är 1 med god måluppfyllelse och 2 ej uppfyllda.",
        ),
        (["delvis", "delvis"], "Alla årets 2 bedömda mål är delvis uppfyllda."),
        (["ej", None], "Årets enda bedömda mål är ej uppfyllt. För 1 mål saknas underlag."),
    ],
)
def test_the_goal_summary_agrees_in_number_and_leaves_out_empty_groups(grades, sentence):
    assert summary_sentence([{"grade": grade} for grade in grades]) == sentence


def test_financial_goals_show_amounts_with_their_unit_and_say_what_is_budget(forbund):
    with scopes_disabled():
        settings = settings_for(forbund)
        settings.admin_share_basis = CheckBasis.BUDGET  # as the demo förbund judges it
        settings.save()
    data = annual_report_data(forbund, YEAR)
    doc = build(data)
    found = table(doc, f"Finansiella mål för god ekonomisk hushållning {YEAR}")
    shown = rows_by_label(found)
    for check in data["checks"]:
        rule, value, _verdict = shown[check["rubrik"]]
        if check["enhet"] == "kr" and check["varde"] is not None:
            assert value.endswith("\u00a0tkr") or value.endswith(" tkr"), value
        if check["enhet"] == "procent" and check["grans"] is not None:
            assert rule.endswith(f"{format_number(check['grans'], 2).rstrip('0').rstrip(',')} %")
    budget_based = [c["rubrik"] for c in data["checks"] if c["underlag"] == "budget"]
    assert budget_based  # the administration's share is judged on the budget
    for title in budget_based:
        assert any(note.startswith(f"{title} beräknas på årets budget") for note in found.notes)


def test_the_comparison_table_says_its_share_differs_from_the_charts_below(annual):
    _data, doc = annual
    comparison = table(doc, f"Deltagare {YEAR - 2}–{YEAR}")
    position = doc.blocks.index(comparison)
    assert isinstance(doc.blocks[position + 1], Figure)
    assert "I figuren nedan räknas andelarna på alla avslutade" in comparison.notes[0]


def test_a_caption_promises_shares_only_where_the_table_shows_them(forbund):
    doc = build(annual_report_data(forbund, YEAR, for_publication=True))
    for block in doc.blocks:
        if isinstance(block, Table) and "antal och andel" in block.caption:
            cells = [c.text for _k, row in block.rendered_body() for c in row[1:]]
            assert any("%" in text for text in cells), block.caption
    captions = [b.caption for b in doc.blocks if isinstance(b, Table)]
    assert any(caption.endswith(", antal") for caption in captions)  # shares were dropped


def test_no_section_of_a_report_without_books_is_an_empty_heading(forbund):
    doc = build(annual_report_data(forbund, YEAR + 5))  # no books, no participants
    for block, following in zip(doc.blocks, [*doc.blocks[1:], None], strict=True):
        if isinstance(block, Heading):
            empty = following is None or (
                isinstance(following, Heading) and following.level <= block.level
            )
            assert not empty, block.text


def test_an_insats_table_without_any_budget_sums_to_a_dash_not_zero(forbund):
    doc = build(annual_report_data(forbund, YEAR + 5))  # no budget for the year
    overview = rows_by_label(table(doc, f"Förbundets insatser {YEAR + 5}"))
    assert overview["Summa"][-1] == "–"
