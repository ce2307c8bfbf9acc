"""The balanskravsutredning in the annual report (LKBR 11 kap.): its rows from årets resultat
to the balanskravsresultat with the previous year, the ekonom's adjustments on their rows,
deficits followed until restored where the förbund's rules require it, and a planned use
of equity stated as such."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from core.document import Heading, Paragraph, Table
from economy.models import BalanceAdjustment, EconomySettings
from economy.services.balance_requirement import balance_requirement_follow_up
from reports.services.generation import annual_report_data, build


def blocks_after(doc, heading: str, count: int = 4):
    index = next(
        i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text == heading
    )
    return doc.blocks[index + 1 : index + 1 + count]


def rows(table: Table) -> dict[str, list[str]]:
    return {c[0].text: [x.text for x in c[1:]] for _k, c in table.rendered_body()}


@pytest.mark.django_db
def test_the_annual_report_carries_the_balanskravsutredning_with_last_year(demo_forbund):
    doc = build(annual_report_data(demo_forbund, 2024))
    table = blocks_after(doc, "Balanskravsutredning")[0]
    assert isinstance(table, Table)
    assert table.caption == "Balanskravsutredning 2024"
    shown = rows(table)
    assert shown["Årets resultat"] == shown["Balanskravsresultat"]
    assert shown["Årets resultat"][0] == "\u2212550"
    assert "Samtliga realisationsvinster" in shown
    assert table.sum_errors() == []


@pytest.mark.django_db
def test_an_adjustment_moves_the_balanskravsresultat_and_shows_on_its_row(demo_forbund):
    with scopes_disabled():
        BalanceAdjustment.objects.create(
            forbund=demo_forbund,
            year=2024,
            kind="anvandning_av_resultatutjamningsreserv",
            description="Styrelsebeslut 2025-02-12 § 4",
            amount=Decimal("300000"),
        )
    doc = build(annual_report_data(demo_forbund, 2024))
    shown = rows(blocks_after(doc, "Balanskravsutredning")[0])
    assert shown["Medel från resultatutjämningsreserv"][0] == "300"
    assert shown["Balanskravsresultat"][0] == "\u2212250"


@pytest.mark.django_db
def test_deficits_are_followed_until_restored_when_the_rules_require_it(demo_forbund):
    with scopes_disabled():
        EconomySettings.objects.update_or_create(
            forbund=demo_forbund, defaults={"deficit_restoration_years": 3}
        )
    follow_up = balance_requirement_follow_up(demo_forbund, 2024)
    years = {d.year: d for d in follow_up.deficits}
    assert 2024 in years and years[2024].restore_by == 2027
    assert follow_up.remaining == sum((d.remaining for d in follow_up.deficits), Decimal(0))
    doc = build(annual_report_data(demo_forbund, 2024))
    blocks = blocks_after(doc, "Balanskravsutredning", 6)
    texts = " ".join(b.plain_text for b in blocks if isinstance(b, Paragraph))
    assert "ska ett negativt balanskravsresultat återställas inom 3 år" in texts
    deficits = next(
        b for b in blocks if isinstance(b, Table) and b.caption.startswith("Balanskravsunderskott")
    )
    assert "2024" in rows(deficits)
    assert deficits.sum_errors() == []


@pytest.mark.django_db
def test_without_the_rule_a_deficit_is_not_followed(demo_forbund):
    follow_up = balance_requirement_follow_up(demo_forbund, 2024)
    assert follow_up.deficits == [] and follow_up.as_dict()["kvar_att_aterstalla"] is None


@pytest.mark.django_db
def test_equity_and_the_balanskravsresultat_read_the_same_in_every_table(demo_forbund):
    doc = build(annual_report_data(demo_forbund, 2024))
    tables = {b.caption: rows(b) for b in doc.blocks if isinstance(b, Table)}
    checks = tables["Finansiella mål för god ekonomisk hushållning 2024"]
    balance = tables["Balansräkning 2024-12-31"]
    equity = balance["Eget kapital"][1]  # after the note number
    (equity_check,) = [v for k, v in checks.items() if k.startswith("Eget kapital")]
    assert equity_check[1] == f"{equity} tkr"
    requirement = tables["Balanskravsutredning 2024"]["Balanskravsresultat"][0]
    assert checks["Balanskravet"][1] == f"{requirement} tkr"
