"""Targeted tests of the SIE reader on small files written for each case."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from economy.sie import SieError, SieFile, read_sie

HEADER = """#FLAGGA 0
#PROGRAM "Testprogram" 2.1
#FORMAT PC8
#GEN 20240110 "AB"
#SIETYP 4
#ORGNR 222000-1234
#FNAMN "Samordningsförbundet Test"
#RAR 0 20230101 20231231
#RAR -1 20220101 20221231
#KONTO 1930 "Bank"
#KTYP 1930 T
#KONTO 2440 "Leverantörsskulder"
#KONTO 3510 "Medlemsbidrag staten"
#KONTO 4010 "Köpta tjänster"
#DIM 6 "Projekt"
#OBJEKT 6 P1 "Åter i arbete"
#OBJEKT 6 "P 2" "Steget före"
"""


def write_sie(tmp_path: Path, body: str, header: str = HEADER, encoding: str = "cp437") -> Path:
    path = tmp_path / "test.se"
    path.write_bytes((header + body).encode(encoding))
    return path


def read_text(tmp_path: Path, body: str, header: str = HEADER) -> SieFile:
    return read_sie(write_sie(tmp_path, body, header))


def refused(tmp_path: Path, body: str, header: str = HEADER) -> SieError:
    with pytest.raises(SieError) as caught:
        read_text(tmp_path, body, header)
    return caught.value


def header_line(offset: int) -> int:
    return HEADER.count("\n") + offset


def test_reads_identification_accounts_dimensions_and_objects(tmp_path):
    sie = read_text(tmp_path, "")

    assert (sie.program, sie.program_version, sie.format) == ("Testprogram", "2.1", "PC8")
    assert sie.generated == date(2024, 1, 10)
    assert (sie.sie_type, sie.org_number) == ("4", "222000-1234")
    assert sie.company_name == "Samordningsförbundet Test"
    assert sie.financial_years[0].start == date(2023, 1, 1)
    assert sie.financial_years[-1].end == date(2022, 12, 31)
    assert sie.accounts["1930"].name == "Bank"
    assert sie.accounts["1930"].type == "T"
    assert sie.accounts["3510"].type is None
    assert not sie.accounts["3510"].is_balance_account
    assert sie.dimensions[6].name == "Projekt"
    assert sie.objects[(6, "P 2")].name == "Steget före"
    assert sie.warnings == []


def test_reads_balances_results_and_object_balances_per_year(tmp_path):
    sie = read_text(
        tmp_path,
        "#IB 0 1930 1000.50\n#IB -1 1930 400\n#UB 0 1930 1000.50 0\n#RES 0 3510 -25.00\n"
        '#OIB 0 1930 {6 "P1"} 10\n#OUB 0 1930 {6 P1} 12.5\n'
        "#PSALDO 0 202301 3510 {} -10.00\n#PBUDGET 0 202302 3510 {6 P1} -20\n",
    )

    assert sie.opening_balances == {0: {"1930": Decimal("1000.50")}, -1: {"1930": Decimal(400)}}
    assert sie.closing_balances[0]["1930"] == Decimal("1000.50")
    assert sie.results[0]["3510"] == Decimal("-25.00")
    assert sie.object_opening_balances[0].object == (6, "P1")
    assert sie.object_closing_balances[0].amount == Decimal("12.5")
    assert sie.period_balances[0].period == "202301"
    assert sie.period_budgets[0].objects == ((6, "P1"),)


def test_reads_a_voucher_block_with_objects_dates_and_texts(tmp_path):
    sie = read_text(
        tmp_path,
        '#VER A 7 20230315 "Faktura 12" 20230316 "Kim"\n'
        "{\n"
        '\t#TRANS 4010 {6 "P1" 1 "100"} 1200.00 20230314 "Konsult" 3\n'
        "   #TRANS 2440 {} -1200.00\n"
        "}\n",
    )

    (voucher,) = sie.vouchers
    assert (voucher.series, voucher.number, voucher.text) == ("A", "7", "Faktura 12")
    assert voucher.date == date(2023, 3, 15)
    assert voucher.registration_date == date(2023, 3, 16)
    assert voucher.signature == "Kim"
    first, second = voucher.transactions
    assert first.objects == ((6, "P1"), (1, "100"))
    assert first.amount == Decimal("1200.00")
    assert (first.date, first.text, first.quantity) == (date(2023, 3, 14), "Konsult", Decimal(3))
    assert second.date == voucher.date  # a row without its own date takes the voucher's
    assert second.objects == ()


def test_quoted_fields_keep_spaces_and_escaped_quotes(tmp_path):
    sie = read_text(tmp_path, '#KONTO 1910 "Kassa \\"lilla\\" kassan"\t\n#KONTO 1920 ""\n')

    assert sie.accounts["1910"].name == 'Kassa "lilla" kassan'
    assert sie.accounts["1920"].name == ""


def test_a_quote_inside_a_word_is_text(tmp_path):
    sie = read_text(tmp_path, '#KONTO 1710 "F"rutbetalda hyror"\n#KONTO 2441 Leverant"rer\n')

    assert sie.accounts["1710"].name == 'F"rutbetalda hyror'
    assert sie.accounts["2441"].name == 'Leverant"rer'


def test_unknown_labels_and_unknown_trailing_fields_are_ignored(tmp_path):
    sie = read_text(
        tmp_path,
        '#NYPOST 1 2 "tre"\n#KONTO 1510 "Kundfordringar" extra "fält" {1 2}\n'
        "#VER A 1 20230101 text 20230101 sign okänt\n{\n#TRANS 1510 {} 5 20230101 t 0 s x y\n"
        "#TRANS 3510 {} -5\n#FRAMTIDA 1\n}\n",
    )

    assert sie.accounts["1510"].name == "Kundfordringar"
    assert sie.vouchers[0].total == 0
    assert sie.warnings == []


def test_an_unbalanced_voucher_refuses_the_file_naming_voucher_and_line(tmp_path):
    error = refused(
        tmp_path,
        "#VER A 1 20230101 ok\n{\n#TRANS 1930 {} 10\n#TRANS 3510 {} -10\n}\n"
        '#VER B 4 20230102 "Fel summa"\n{\n#TRANS 1930 {} 10.00\n#TRANS 3510 {} -9.99\n}\n',
    )

    (problem,) = error.problems
    assert problem.line == header_line(6)
    assert "B 4" in problem.message
    assert "balanserar inte" in problem.message
    assert "0.01" in problem.message


def test_an_unbalanced_voucher_confirmed_by_the_files_own_balances_is_read_with_a_warning(
    tmp_path,
):
    sie = read_text(
        tmp_path,
        "#KONTO 1930 Bank\n#KONTO 3510 Bidrag\n#IB 0 1930 0\n#UB 0 1930 10\n#RES 0 3510 -9\n"
        "#VER A 1 20230101 ok\n{\n#TRANS 1930 {} 10\n#TRANS 3510 {} -9\n}\n",
    )

    (warning,) = sie.warnings
    assert "balanserar inte" in warning.message and "stämmer med bokningen" in warning.message


def test_an_unbalanced_voucher_that_contradicts_the_stated_balances_is_refused(tmp_path):
    error = refused(
        tmp_path,
        "#KONTO 1930 Bank\n#KONTO 3510 Bidrag\n#IB 0 1930 0\n#UB 0 1930 10\n#RES 0 3510 -10\n"
        "#VER A 1 20230101 ok\n{\n#TRANS 1930 {} 10\n#TRANS 3510 {} -9\n}\n",
    )

    assert any("balanserar inte" in problem.message for problem in error.problems)


def test_added_row_and_its_repeated_trans_row_count_once_and_removed_rows_not_at_all(tmp_path):
    sie = read_text(
        tmp_path,
        "#VER A 1 20230101 rättad\n{\n"
        "#TRANS 1930 {} 100\n"
        '#BTRANS 3510 {} -100 20230201 "" 0 Kim\n'
        '#RTRANS 4010 {6 P1} -100 20230201 "" 0 Kim\n'
        "#TRANS 4010 {6 P1} -100 20230101\n"
        "}\n",
    )

    (voucher,) = sie.vouchers
    assert [(row.account, row.kind) for row in voucher.transactions] == [
        ("1930", "TRANS"),
        ("4010", "RTRANS"),
    ]
    assert [row.account for row in voucher.removed] == ["3510"]


def test_an_added_row_without_a_repeated_trans_row_still_counts(tmp_path):
    error = refused(
        tmp_path,
        "#VER A 1 20230101 x\n{\n#TRANS 1930 {} 100\n#RTRANS 3510 {} -50\n#TRANS 3510 {} -100\n}\n",
    )

    assert "-50.00" in error.problems[0].message


def test_a_transaction_to_an_undeclared_account_gets_a_name_and_a_warning(tmp_path):
    sie = read_text(
        tmp_path, "#VER A 1 20230101 x\n{\n#TRANS 1930 {} 100\n#TRANS 6110 {} -100\n}\n"
    )

    assert sie.accounts["6110"].name == "okänt konto 6110"
    assert not sie.accounts["6110"].known
    assert sie.account_name("6110") == "okänt konto 6110"
    (warning,) = sie.warnings
    assert warning.line == header_line(4)
    assert "6110" in warning.message


def test_balances_that_disagree_with_the_transactions_give_a_warning(tmp_path):
    sie = read_text(
        tmp_path,
        "#IB 0 1930 1000\n#UB 0 1930 1500\n#UB 0 2440 -100\n#RES 0 4010 100\n#RES 0 3510 -200\n"
        "#VER A 1 20230101 x\n{\n#TRANS 1930 {} -100\n#TRANS 4010 {} 100\n}\n"
        "#VER A 2 20230102 y\n{\n#TRANS 2440 {} -200\n#TRANS 3510 {} 200\n}\n",
    )

    found = {(m.account, m.source): (m.expected, m.found) for m in sie.balance_mismatches}
    assert found == {
        ("1930", "UB"): (Decimal(1500), Decimal(900)),
        ("2440", "UB"): (Decimal(-100), Decimal(-200)),
        ("3510", "RES"): (Decimal(-200), Decimal(200)),
    }
    ub_warning = next(w for w in sie.warnings if "1930" in w.message)
    assert ub_warning.line == header_line(2)
    assert "1500.00" in ub_warning.message and "900.00" in ub_warning.message


def test_balances_that_agree_with_the_transactions_give_no_warning(tmp_path):
    sie = read_text(
        tmp_path,
        "#IB 0 1930 1000\n#UB 0 1930 900\n#RES 0 4010 100\n"
        "#VER A 1 20230101 x\n{\n#TRANS 1930 {} -100\n#TRANS 4010 {} 100\n}\n",
    )

    assert sie.balance_mismatches == []
    assert sie.warnings == []


def test_every_problem_in_the_file_is_reported_and_nothing_is_returned(tmp_path):
    error = refused(
        tmp_path,
        "#IB 0 1930 12,50\n#RAR 1 20230231 20231231\n"
        "#VER A 1 2023-01-01 x\n{\n#TRANS 1930 {} 1\n#TRANS 3510 {} -1\n}\n"
        "#VER A 2 20230101 x\n{\n#TRANS 1930 {6} 1\n}\n",
    )

    lines = [problem.line for problem in error.problems]
    assert lines == [header_line(1), header_line(2), header_line(3), header_line(10)]
    messages = [problem.message for problem in error.problems]
    assert '"12,50" är inget giltigt belopp' in messages[0]
    assert "datumet finns inte" in messages[1]
    assert "verdatum" in messages[2]
    assert "par" in messages[3]
    assert f"Rad {header_line(1)}" in str(error)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("#VER A 1 20230101 x\n{\n#TRANS 1930 {6 P1 100\n}\n", "aldrig avslutas med }"),
        ('#VER A 1 20230101 x\n{\n#TRANS 1930 {6 "P1} 100\n}\n', "citattecken"),
        ("#TRANS 1930 {} 100\n", "utanför ett verifikationsblock"),
        ("}\n", "} utan öppnat"),
        ("{\n", "{ utan föregående #VER"),
        ("#VER A 1 20230101 x\n{\n#TRANS 1930 {} 0\n", "avslutas aldrig"),
        ("#VER A 1 20230101 x\n#KONTO 1 a\n", "följs inte av ett block"),
        (
            "#VER A 1 20230101 x\n{\n#TRANS 1930 {} 0\n#VER A 2 20230101 y\n{\n}\n",
            "avslutas aldrig",
        ),
        ("#VER A 1 20230101 x\n{\n#TRANS {} 1\n}\n", "kontonr"),
        ("#VER A 1 20230101 x\n{\n#TRANS 1930 {} ett\n}\n", "belopp"),
        ("#VER A 1 20230101 x\n{\n#TRANS 1930 {} 1 20231301\n}\n", "transdat"),
        ("#VER A 1 20230101 x\n{\n#TRANS 1930 {x P1} 1\n}\n", "dimension"),
        ("#VER A 1 20230101 x\n{\n#TRANS 1930 {{6 P1}} 1\n}\n", "inne i en objektlista"),
        ("#OUB 0 1930 {} 1\n", "exakt ett objekt"),
        ("#PSALDO 0 202313 1930 {} 1\n", "period"),
        ("#DIM sex Projekt\n", "heltal"),
    ],
)
def test_malformed_input_is_refused_with_a_line_number_and_reason(tmp_path, body, reason):
    error = refused(tmp_path, body)

    assert error.problems
    assert all(problem.line > HEADER.count("\n") for problem in error.problems)
    assert any(reason in problem.message for problem in error.problems)


def test_a_file_without_sie_records_is_refused(tmp_path):
    error = refused(tmp_path, "", header="namn;belopp\nKim;100\n")

    assert any("inga SIE-poster" in problem.message for problem in error.problems)


def test_a_voucher_block_may_open_on_the_ver_line(tmp_path):
    sie = read_text(tmp_path, "#VER A 1 20230101 x {\n#TRANS 1930 {} 1\n#TRANS 3510 {} -1\n}\n")

    assert len(sie.vouchers[0].transactions) == 2


def test_a_voucher_block_missing_its_opening_brace_is_read_with_a_warning(tmp_path):
    sie = read_text(tmp_path, "#VER A 1 20230101 x\n\n#TRANS 1930 {} 1\n#TRANS 3510 {} -1\n}\n")

    assert len(sie.vouchers[0].transactions) == 2
    assert "saknar {" in sie.warnings[0].message


def test_a_last_field_whose_quote_never_closes_runs_to_the_line_end_with_a_warning(tmp_path):
    sie = read_text(tmp_path, '#KONTO 1910 "Kassa utan slut\n')

    assert sie.accounts["1910"].name == "Kassa utan slut"
    assert sie.warnings[0].line == header_line(1)


def test_reads_bytes_paths_and_open_files_alike(tmp_path):
    path = write_sie(tmp_path, "#KONTO 1910 Kassa\n")

    with path.open("rb") as handle:
        from_handle = read_sie(handle)
    sources = [path, str(path), path.read_bytes(), io.BytesIO(path.read_bytes())]
    assert all(read_sie(source) == from_handle for source in sources)


def test_totals_per_account_and_per_object_cover_the_vouchers_of_year_zero(tmp_path):
    sie = read_text(
        tmp_path,
        '#VER A 1 20230101 x\n{\n#TRANS 4010 {6 P1} 100\n#TRANS 4010 {1 9 6 "P 2"} 50\n'
        "#TRANS 4010 {} 25\n#TRANS 1930 {} -175\n}\n"
        '#VER A 2 20220101 "förra året"\n{\n#TRANS 4010 {6 P1} 999\n#TRANS 1930 {} -999\n}\n',
    )

    assert sie.transaction_totals() == {"4010": Decimal(175), "1930": Decimal(-175)}
    (warning,) = sie.warnings
    assert warning.line == header_line(8)
    assert "utanför räkenskapsåret 2023-01-01–2023-12-31" in warning.message
    assert sie.transaction_totals(-1) == {"4010": Decimal(999), "1930": Decimal(-999)}
    assert sie.transaction_totals_by_object(6) == {
        ("4010", "P1"): Decimal(100),
        ("4010", "P 2"): Decimal(50),
        ("4010", None): Decimal(25),
        ("1930", None): Decimal(-175),
    }


def test_without_financial_years_all_vouchers_belong_to_year_zero(tmp_path):
    sie = read_text(
        tmp_path,
        "#FLAGGA 0\n#VER A 1 19990101 x\n{\n#TRANS 4010 {} 1\n#TRANS 1930 {} -1\n}\n",
        header="",
    )

    assert sie.transaction_totals() == {"4010": Decimal(1), "1930": Decimal(-1)}
    assert sie.transaction_totals(-1) == {}


def test_the_error_message_is_capped_but_every_problem_is_kept(tmp_path):
    error = refused(tmp_path, "#KONTO 1930 Bank\n" + "#IB 0 1930 fel\n" * 60)

    assert len(error.problems) == 60
    assert "… och 10 fel till" in str(error)
