"""A share of the ended that leaves out endings without a reason shows both bases (issue 9,
item 10); the grading stays on the endings with a reason."""

from __future__ import annotations

import pytest

from core.document import Table
from reports.services.generation import annual_report_data, build


@pytest.mark.django_db
def test_the_demos_share_of_the_ended_shows_both_bases(demo_forbund):
    data = annual_report_data(demo_forbund, 2024)
    (goal,) = [g for g in data["goals"] if g["title"].startswith("Minst 25 % av de avslutade")]
    basis = goal["all_endings"]
    assert basis is not None and basis["without_reason"] > 0
    assert goal["result"] != basis["share"]  # the graded share is on the registered reasons
    doc = build(data)
    (table,) = [
        b for b in doc.blocks if isinstance(b, Table) and b.caption == "Mål för FINSAM-team 2024"
    ]
    (note,) = table.notes
    assert f"{basis['without_reason']} av {basis['ended']} avslutade saknar registrerad orsak" in (
        note
    )
    assert f"({basis['part']} av {basis['ended']})" in note
    assert "räknas på de avslutade med registrerad avslutsorsak" in note


@pytest.mark.django_db
def test_goals_without_missing_reasons_have_one_basis(demo_forbund):
    data = annual_report_data(demo_forbund, 2024)
    others = [g for g in data["goals"] if g["indicator"] != "andel_arbete_studier"]
    assert others and all(g["all_endings"] is None for g in others)
