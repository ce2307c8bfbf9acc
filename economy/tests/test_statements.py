"""The statements of the hand-made file, figure by figure, worked out by hand.

handraknat_2023.se (kronor; SIE signs: debit +, credit −):

2023 result accounts (#RES 0, the same as the vouchers give):
  3510 −600 000, 3520 −300 000, 3530 −300 000, 3590 −150 000   → intäkter 1 350 000
  4010 500 000, 5010 175 000, 6110 90 000                      → kostnader −765 000
  7830 20 000                                                  → avskrivningar −20 000
  8410 −5 000                                                  → finansiella intäkter 5 000
  årets resultat = 1 350 000 − 765 000 − 20 000 + 5 000 = 570 000
2023 balances (#UB 0): 1220 100 000 and 1229 −40 000 → materiella 60 000; 1510 0 and
  1790 150 000 → fordringar 150 000; 1930 1 545 000; 2010 −1 060 000; 2440 −100 000 and
  2990 −25 000 → kortfristiga skulder 125 000. Tillgångar 1 755 000. The result is not yet
  booked to 2010: eget kapital = 1 060 000 + 570 000 = 1 630 000; 1 630 000 + 125 000 =
  1 755 000.
2022 (#RES −1 / #UB −1): intäkter 1 000 000, kostnader −900 000, avskrivningar −20 000,
  resultat 80 000; materiella 80 000, fordringar 80 000, bank 1 000 000, tillgångar
  1 160 000, eget kapital 1 060 000 (the result booked), skulder 100 000.
Kassaflöde 2023: 570 000 + 20 000 (avskrivning) − 70 000 (fordringar 80 000 → 150 000)
  + 25 000 (skulder 100 000 → 125 000) = 545 000 = 1 545 000 − 1 000 000.
Kassaflöde 2022 (from #IB −1): 80 000 + 20 000 − 60 000 (fordringar 20 000 → 80 000)
  + 0 = 40 000 = 1 000 000 − 960 000.
Soliditet: 1 630 000 / 1 755 000 = 92,877 % → 92.88; 2022: 1 060 000 / 1 160 000 → 91.38.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from economy.choices import NO_LINE, RESULT_LINES, StatementLine
from economy.models import AccountLineOverride, BalanceAdjustment
from economy.services import (
    NoBooksError,
    consistency_warnings,
    financial_statements,
    import_sie,
    statements_for,
)

D = Decimal


def f(document: dict, part: str, key: str) -> tuple:
    figure = document[part][key]
    return figure["ar"], figure["foregaende_ar"]


def test_income_statement_has_published_signs_and_the_previous_year(books, forbund):
    document = financial_statements(forbund, 2023)
    assert document["forbund"] == "alfa" and document["ar"] == 2023
    rr = "resultatrakning"
    assert f(document, rr, "verksamhetens_intakter") == (D("1350000.00"), D("1000000.00"))
    assert f(document, rr, "verksamhetens_kostnader") == (D("-765000.00"), D("-900000.00"))
    assert f(document, rr, "avskrivningar") == (D("-20000.00"), D("-20000.00"))
    assert f(document, rr, "verksamhetens_nettokostnader") == (D("565000.00"), D("80000.00"))
    assert f(document, rr, "finansiella_intakter") == (D("5000.00"), D("0.00"))
    assert f(document, rr, "finansiella_kostnader") == (D("0.00"), D("0.00"))
    assert f(document, rr, "resultat_efter_finansiella_poster") == (D("570000.00"), D("80000.00"))
    assert f(document, rr, "extraordinara_poster") == (D("0.00"), D("0.00"))
    assert f(document, rr, "arets_resultat") == (D("570000.00"), D("80000.00"))


def test_balance_sheet_adds_the_unbooked_result_to_equity(books, forbund):
    document = financial_statements(forbund, 2023)
    br = "balansrakning"
    assert f(document, br, "materiella_anlaggningstillgangar") == (D("60000.00"), D("80000.00"))
    assert f(document, br, "summa_anlaggningstillgangar") == (D("60000.00"), D("80000.00"))
    assert f(document, br, "fordringar") == (D("150000.00"), D("80000.00"))
    assert f(document, br, "kassa_och_bank") == (D("1545000.00"), D("1000000.00"))
    assert f(document, br, "summa_omsattningstillgangar") == (D("1695000.00"), D("1080000.00"))
    assert f(document, br, "summa_tillgangar") == (D("1755000.00"), D("1160000.00"))
    assert f(document, br, "eget_kapital") == (D("1630000.00"), D("1060000.00"))
    assert f(document, br, "varav_arets_resultat") == (D("570000.00"), D("80000.00"))
    assert f(document, br, "kortfristiga_skulder") == (D("125000.00"), D("100000.00"))
    assert f(document, br, "avsattningar") == (D("0.00"), D("0.00"))
    assert f(document, br, "summa_eget_kapital_avsattningar_och_skulder") == (
        D("1755000.00"),
        D("1160000.00"),
    )


def test_cash_flow_by_the_indirect_method_ties_to_the_change_in_liquid_funds(books, forbund):
    document = financial_statements(forbund, 2023)
    kf = "kassaflodesanalys"
    assert f(document, kf, "arets_resultat") == (D("570000.00"), D("80000.00"))
    assert f(document, kf, "justering_for_ej_likviditetspaverkande_poster") == (
        D("20000.00"),
        D("20000.00"),
    )
    assert f(document, kf, "forandring_kortfristiga_fordringar") == (
        D("-70000.00"),
        D("-60000.00"),
    )
    assert f(document, kf, "forandring_kortfristiga_skulder") == (D("25000.00"), D("0.00"))
    assert f(document, kf, "kassaflode_fran_lopande_verksamhet") == (
        D("545000.00"),
        D("40000.00"),
    )
    assert f(document, kf, "kassaflode_fran_investeringsverksamhet") == (D("0.00"), D("0.00"))
    assert f(document, kf, "kassaflode_fran_finansieringsverksamhet") == (D("0.00"), D("0.00"))
    assert f(document, kf, "arets_kassaflode") == (D("545000.00"), D("40000.00"))
    assert f(document, kf, "likvida_medel_vid_arets_borjan") == (D("1000000.00"), D("960000.00"))
    assert f(document, kf, "likvida_medel_vid_arets_slut") == (D("1545000.00"), D("1000000.00"))


def test_sum_checks_hold_for_both_years(books, forbund):
    document = financial_statements(forbund, 2023)
    br, kf, rr = (
        document["balansrakning"],
        document["kassaflodesanalys"],
        document["resultatrakning"],
    )
    for when in ("ar", "foregaende_ar"):
        assert br["summa_tillgangar"][when] == (
            br["eget_kapital"][when]
            + br["avsattningar"][when]
            + br["langfristiga_skulder"][when]
            + br["kortfristiga_skulder"][when]
        )
        assert kf["arets_kassaflode"][when] == (
            kf["likvida_medel_vid_arets_slut"][when] - kf["likvida_medel_vid_arets_borjan"][when]
        )
    assert (
        br["eget_kapital"]["ar"] == br["eget_kapital"]["foregaende_ar"] + rr["arets_resultat"]["ar"]
    )


def test_key_figures(books, forbund):
    document = financial_statements(forbund, 2023)
    assert f(document, "nyckeltal", "soliditet_procent") == (D("92.88"), D("91.38"))
    assert f(document, "nyckeltal", "balanskravsresultat") == (D("570000.00"), D("80000.00"))


def test_the_balanskravsutredning_puts_each_adjustment_on_its_row(books, forbund):
    with scopes_disabled():
        BalanceAdjustment.objects.create(
            forbund=forbund,
            year=2023,
            kind="realisationsvinster",
            description="Försäljning av bil",
            amount=D("-30000"),
        )
        BalanceAdjustment.objects.create(
            forbund=forbund,
            year=2023,
            kind="reservering_till_resultatutjamningsreserv",
            description="Styrelsebeslut 2024-02-10",
            amount=D("-40000"),
        )
    part = financial_statements(forbund, 2023)["balanskravsutredning"]
    assert part["arets_resultat"]["ar"] == D("570000.00")
    assert part["realisationsvinster"]["ar"] == D("-30000.00")
    assert part["arets_resultat_efter_balanskravsjusteringar"]["ar"] == D("540000.00")
    assert part["reservering_till_resultatutjamningsreserv"]["ar"] == D("-40000.00")
    assert part["balanskravsresultat"] == {"ar": D("500000.00"), "foregaende_ar": D("80000.00")}


def test_balance_requirement_result_counts_the_adjustments_of_the_year(books, forbund):
    with scopes_disabled():
        BalanceAdjustment.objects.create(
            forbund=forbund, year=2023, description="Realisationsvinst", amount=D("-70000")
        )
    document = financial_statements(forbund, 2023)
    assert f(document, "nyckeltal", "balanskravsresultat") == (D("500000.00"), D("80000.00"))


def test_notes_list_the_accounts_behind_each_non_zero_line(books, forbund):
    notes = financial_statements(forbund, 2023)["noter"]
    assert notes["verksamhetens_intakter"] == [
        {
            "konto": "3510",
            "namn": "Medlemsbidrag staten",
            "ar": D("600000.00"),
            "foregaende_ar": D("500000.00"),
        },
        {
            "konto": "3520",
            "namn": "Medlemsbidrag region",
            "ar": D("300000.00"),
            "foregaende_ar": D("250000.00"),
        },
        {
            "konto": "3530",
            "namn": "Medlemsbidrag kommuner",
            "ar": D("300000.00"),
            "foregaende_ar": D("250000.00"),
        },
        {"konto": "3590", "namn": "ESF-bidrag", "ar": D("150000.00"), "foregaende_ar": D("0.00")},
    ]
    assert "extraordinara_poster" not in notes and "avsattningar" not in notes
    equity = notes["eget_kapital"]
    assert [row["konto"] for row in equity] == ["2010", ""]
    assert equity[1]["ar"] == D("570000.00") and equity[1]["foregaende_ar"] == D("0.00")
    assert sum(row["ar"] for row in equity) == D("1630000.00")
    document = financial_statements(forbund, 2023)
    for line, rows in notes.items():
        part = "resultatrakning" if line in RESULT_LINES else "balansrakning"
        assert sum(row["ar"] for row in rows) == document[part][line]["ar"], line


def test_a_mapping_override_moves_an_account_to_another_line(books, forbund):
    with scopes_disabled():
        AccountLineOverride.objects.create(
            forbund=forbund, account="8410", line=StatementLine.OPERATING_INCOME
        )
    document = financial_statements(forbund, 2023)
    assert document["resultatrakning"]["verksamhetens_intakter"]["ar"] == D("1355000.00")
    assert document["resultatrakning"]["finansiella_intakter"]["ar"] == D("0.00")
    assert document["resultatrakning"]["arets_resultat"]["ar"] == D("570000.00")


def test_an_account_mapped_to_no_line_is_left_out_and_reported(books, forbund):
    with scopes_disabled():
        AccountLineOverride.objects.create(forbund=forbund, account="8410", line=NO_LINE)
    current, _previous = statements_for(forbund, 2023)
    assert current.income.result == D("565000")
    warnings = consistency_warnings(current)
    assert any("Konto 8410" in warning for warning in warnings)


def test_hand_made_books_have_no_consistency_warnings(books, forbund):
    current, previous = statements_for(forbund, 2023)
    assert consistency_warnings(current) == []
    assert consistency_warnings(previous) == []


def test_previous_year_comes_from_the_previous_import_when_the_file_has_no_year_minus_one(
    forbund, tmp_path, handmade_path
):
    # A 2024 file with balances only (no year −1): the same figures as 2023, a year on.
    text = handmade_path.read_bytes().decode("cp437")
    balances_only = "\r\n".join(
        line.replace("#RAR 0 20230101 20231231", "#RAR 0 20240101 20241231")
        for line in text.split("\r\n")
        if line.startswith(
            ("#FLAGGA", "#FORMAT", "#SIETYP", "#RAR 0", "#KONTO", "#IB 0", "#UB 0", "#RES 0")
        )
    )
    path = tmp_path / "2024.se"
    path.write_bytes(balances_only.encode("cp437"))
    import_sie(forbund, handmade_path)
    import_sie(forbund, path)
    document = financial_statements(forbund, 2024)
    rr = document["resultatrakning"]
    assert rr["arets_resultat"]["foregaende_ar"] == D("570000.00")
    assert rr["verksamhetens_intakter"]["foregaende_ar"] == D("1350000.00")


def test_without_a_previous_year_the_previous_figures_are_null(forbund, tmp_path, handmade_path):
    text = handmade_path.read_bytes().decode("cp437")
    without = "\r\n".join(line for line in text.split("\r\n") if " -1 " not in line)
    path = tmp_path / "only_2023.se"
    path.write_bytes(without.encode("cp437"))
    import_sie(forbund, path)
    document = financial_statements(forbund, 2023)
    assert document["resultatrakning"]["arets_resultat"] == {
        "ar": D("570000.00"),
        "foregaende_ar": None,
    }
    assert document["kassaflodesanalys"]["arets_kassaflode"]["ar"] == D("545000.00")
    assert document["noter"]["verksamhetens_intakter"][0]["foregaende_ar"] is None


def test_a_year_without_books_is_an_error(forbund):
    with pytest.raises(NoBooksError, match="ingen inläst bokföring för 2023"):
        financial_statements(forbund, 2023)


def test_command_prints_the_spec_document_as_json(books, forbund, capsys):
    call_command("financial_statements", "--forbund", "alfa", "--year", "2023")
    document = json.loads(capsys.readouterr().out)
    assert document["resultatrakning"]["arets_resultat"] == {
        "ar": 570000.0,
        "foregaende_ar": 80000.0,
    }
    assert set(document) == {
        "forbund",
        "ar",
        "resultatrakning",
        "balansrakning",
        "kassaflodesanalys",
        "noter",
        "balanskravsutredning",
        "nyckeltal",
    }
    assert document["noter"]["kassa_och_bank"] == [
        {"konto": "1930", "namn": "Bank", "ar": 1545000.0, "foregaende_ar": 1000000.0}
    ]


def test_command_refuses_unknown_forbund_and_missing_year_in_swedish(world):
    with pytest.raises(CommandError, match="inget förbund med kortnamnet ”saknas”"):
        call_command("financial_statements", "--forbund", "saknas", "--year", "2023")
    with pytest.raises(CommandError, match="ingen inläst bokföring för 1999"):
        call_command("financial_statements", "--forbund", "alfa", "--year", "1999")
