"""Every real export in sie_samples/ is read, or refused for a reason we can name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from economy.sie import SieError, read_sie
from economy.tests.sie_files import SIE_SAMPLES as SAMPLES
from samples.bulk_books import generate

SAMPLE_NAMES = sorted(
    path.name for path in SAMPLES.iterdir() if path.suffix.lower() in (".se", ".si")
)

# The bad-balance file is broken on purpose: its unbalanced voucher contradicts the file's own
# #UB, so it is refused, naming the voucher.
UNBALANCED = {
    "transaktioner_ovnbolag-bad-balance.se": (3905, "B 1", "-12771.00"),
}
# The SoftOne XE export (and the two copies jsisie wrote from it) really carry voucher "1 1"
# with rows 12.00 and -10.00, but the program's own #UB/#RES include it: read, with a warning.
UNBALANCED_BUT_CONFIRMED = {
    "XE_SIE_4_20151125095119.SE": (1356, "1 1"),
    "testWrite.se": (1368, "1 1"),
    "testWrite1.se": (1368, "1 1"),
}
# Exports whose #UB/#RES contradict their own #IB + #TRANS: read, with warnings.
SELF_CONTRADICTING = {"Sie4.se", "Sie4.si", "e-conomic_sie4.se"}


def test_the_sample_folder_is_found_and_complete():
    assert len(SAMPLE_NAMES) >= 60
    assert set(UNBALANCED) | set(UNBALANCED_BUT_CONFIRMED) | SELF_CONTRADICTING <= set(SAMPLE_NAMES)


@pytest.mark.parametrize("name", [name for name in SAMPLE_NAMES if name not in UNBALANCED])
def test_a_real_export_is_read_completely(name):
    sie = read_sie(SAMPLES / name)

    assert sie.accounts
    assert sie.sie_type in ("1", "2", "3", "4")
    if name in UNBALANCED_BUT_CONFIRMED:
        line, label = UNBALANCED_BUT_CONFIRMED[name]
        (warning,) = [w for w in sie.warnings if "balanserar inte" in w.message]
        assert warning.line == line and f"verifikation {label} " in warning.message
        assert "stämmer med bokningen" in warning.message
    else:
        assert all(voucher.total == 0 for voucher in sie.vouchers)
    if name in SELF_CONTRADICTING:
        assert sie.balance_mismatches
        assert len(sie.warnings) >= len(sie.balance_mismatches)
    else:
        assert sie.balance_mismatches == []


@pytest.mark.parametrize("name", sorted(UNBALANCED))
def test_a_real_export_with_an_unbalanced_voucher_is_refused_naming_it(name):
    line, label, total = UNBALANCED[name]

    with pytest.raises(SieError) as caught:
        read_sie(SAMPLES / name)

    (problem,) = caught.value.problems
    assert problem.line == line
    assert f"verifikation {label} " in problem.message
    assert f"summan av dess #TRANS-rader är {total}" in problem.message


def test_added_and_removed_rows_reproduce_the_stated_balances():
    # BL0001 corrects vouchers with #RTRANS (+ repeated #TRANS) and #BTRANS; counting
    # either twice would break the agreement with its #UB and #RES.
    sie = read_sie(SAMPLES / "BL0001_typ4.SE")

    added = [
        row for voucher in sie.vouchers for row in voucher.transactions if row.kind == "RTRANS"
    ]
    removed = [row for voucher in sie.vouchers for row in voucher.removed]
    assert (len(added), len(removed)) == (6, 3)
    assert sie.balance_mismatches == []
    assert sie.closing_balances[0]


def test_object_dimensions_sub_dimensions_and_object_totals_are_read() -> None:
    sie = read_sie(SAMPLES / "SIE4_Exempelfil_med_underdim.SE")

    assert sie.dimensions[61].parent == 6
    by_project = sie.transaction_totals_by_object(6)
    assert any(code is not None for _, code in by_project)
    per_account: dict[str, Decimal] = {}
    for (account, _), amount in by_project.items():
        per_account[account] = per_account.get(account, Decimal(0)) + amount
    assert per_account == sie.transaction_totals()


def test_object_and_period_balances_are_read():
    objects = read_sie(SAMPLES / "BL0001_typ3.SE")
    periods = read_sie(SAMPLES / "periodsaldo_ovnbolag.se")

    assert objects.object_closing_balances[0].object == (1, "1")
    assert objects.objects[(1, "10")].name == "Östervåla"
    assert periods.period_balances and periods.period_budgets
    assert all(len(item.period) == 6 for item in periods.period_balances)


def test_an_import_file_with_a_year_without_dates_warns_and_reads():
    sie = read_sie(SAMPLES / "BL0001_typ4I.SI")

    assert 0 not in sie.financial_years
    assert any("#RAR" in warning.message for warning in sie.warnings)
    assert len(sie.vouchers) == 1


def test_the_benchmark_file_is_read_without_warnings_and_agrees_with_itself():
    sie = read_sie(generate(transactions=2_000, seed=7).encode("cp437"))

    assert sum(len(voucher.transactions) for voucher in sie.vouchers) in (2_000, 2_001)
    assert sie.warnings == []
    assert sie.objects[(6, "P001")].name.startswith("Insats 1")
    assert any(code for _, code in sie.transaction_totals_by_object(6))
