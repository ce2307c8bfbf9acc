"""Importing SIE files into the books: every shared sample, all or nothing, re-import."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from core.models import AuditEvent
from economy.models import (
    AccountBalance,
    FinancialYear,
    LedgerAccount,
    LedgerObject,
    Transaction,
    TransactionObject,
    Voucher,
)
from economy.services import SieImportError, financial_statements, import_sie, preview_sie
from economy.tests.sie_files import SIE_SAMPLES as SAMPLES

BAD_BALANCE = "transaktioner_ovnbolag-bad-balance.se"
SAMPLE_FILES = sorted(path for path in SAMPLES.iterdir() if path.suffix.lower() in (".se", ".si"))
LEDGER_MODELS = (
    FinancialYear,
    LedgerAccount,
    AccountBalance,
    LedgerObject,
    Voucher,
    Transaction,
    TransactionObject,
)


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.count() for model in LEDGER_MODELS}


@pytest.mark.parametrize(
    "path", [p for p in SAMPLE_FILES if p.name != BAD_BALANCE], ids=lambda p: p.name
)
def test_every_shared_sample_imports_and_gives_statements(world, path):
    result = import_sie(world.a, path)
    with scopes_disabled():
        year = FinancialYear.objects.get(pk=result.financial_year.pk)
        stored_rows = Transaction.objects.filter(financial_year=year).count()
    assert year.file_name == path.name
    assert stored_rows == result.transactions
    document = financial_statements(world.a, year.year)
    balance = document["balansrakning"]
    assert (
        balance["summa_tillgangar"]["ar"]
        == balance["summa_eget_kapital_avsattningar_och_skulder"]["ar"]
    )


def test_the_bad_balance_sample_is_refused_with_its_line_and_nothing_is_written(world):
    before = counts()
    with pytest.raises(SieImportError) as refused:
        import_sie(world.a, SAMPLES / BAD_BALANCE)
    assert counts() == before
    assert any(
        problem.startswith("Rad 3905:") and "balanserar inte" in problem
        for problem in refused.value.problems
    )


def test_import_records_where_the_books_came_from(world, handmade_path):
    result = import_sie(world.a, handmade_path, world.users["ekonom"])
    year = result.financial_year
    assert (year.start.isoformat(), year.end.isoformat()) == ("2023-01-01", "2023-12-31")
    assert year.file_name == "handraknat_2023.se"
    assert year.source_program == "Handskriven testfil 1.0"
    assert year.sie_type == "4"
    assert year.imported_by == world.users["ekonom"]
    assert year.balances_computed is False
    assert (result.vouchers, result.transactions, result.replaced) == (15, 30, False)
    with scopes_disabled():
        # Within the test world: the session's sample förbund has imported books too.
        (event,) = AuditEvent.objects.filter(
            action="economy.sie_imported", forbund__in=[world.a, world.b]
        )
    assert event.forbund == world.a and event.changes["verifikationer"] == 15


def test_transactions_keep_their_objects(world, handmade_path):
    import_sie(world.a, handmade_path)
    with scope(forbund=world.a):
        tagged = TransactionObject.objects.filter(ledger_object__code="FT").select_related(
            "transaction__account"
        )
        booked = sorted(
            (link.transaction.account.number, link.transaction.amount) for link in tagged
        )
        objects = dict(LedgerObject.objects.values_list("code", "name"))
    assert booked == [("3590", Decimal("-150000.00")), ("4010", Decimal("400000.00"))]
    assert objects == {"FT": "FINSAM-team", "KOMP": "Kompetensutveckling", "ADM": "Kansli"}


def test_reimporting_a_year_replaces_its_books(world, handmade_path, tmp_path):
    import_sie(world.a, handmade_path)
    changed = handmade_path.read_bytes().replace(b'"Lokalhyra"\r\n{', b'"Hyra"\r\n{')
    changed = changed.replace(b"#TRANS 6110 {} 60000.00", b"#TRANS 6110 {} 61000.00").replace(
        b"#TRANS 1930 {} -60000.00", b"#TRANS 1930 {} -61000.00"
    )
    changed = changed.replace(b"#RES 0 6110 90000.00", b"#RES 0 6110 91000.00").replace(
        b"#UB 0 1930 1545000.00", b"#UB 0 1930 1544000.00"
    )
    path = tmp_path / "rättad.se"
    path.write_bytes(changed)
    result = import_sie(world.a, path)
    assert result.replaced is True
    with scopes_disabled():
        assert FinancialYear.objects.filter(forbund=world.a, end__year=2023).count() == 1
        assert Voucher.objects.filter(forbund=world.a).count() == 15
        assert Transaction.objects.filter(forbund=world.a).count() == 30
    document = financial_statements(world.a, 2023)
    assert document["resultatrakning"]["arets_resultat"]["ar"] == Decimal("569000.00")


def test_a_refused_reimport_keeps_the_old_books(world, handmade_path, tmp_path):
    import_sie(world.a, handmade_path)
    before = counts()
    broken = handmade_path.read_bytes().replace(
        b"#TRANS 3510 {} -600000.00", b"#TRANS 3510 {} -600001.00"
    )
    path = tmp_path / "trasig.se"
    path.write_bytes(broken)
    with pytest.raises(SieImportError, match="balanserar inte"):
        import_sie(world.a, path)
    assert counts() == before


def test_books_of_one_forbund_are_invisible_to_another(world, handmade_path):
    import_sie(world.a, handmade_path)
    import_sie(world.b, handmade_path)
    with scope(forbund=world.b):
        assert FinancialYear.objects.filter(end__year=2023).count() == 1
        assert Transaction.objects.count() == 30


def test_a_year_overlapping_an_imported_one_is_refused(world, handmade_path, tmp_path):
    import_sie(world.a, handmade_path)
    shifted = handmade_path.read_bytes().replace(
        b"#RAR 0 20230101 20231231", b"#RAR 0 20230701 20240630"
    )
    path = tmp_path / "brutet.se"
    path.write_bytes(shifted)
    with pytest.raises(SieImportError, match="överlappar det redan inlästa räkenskapsåret"):
        import_sie(world.a, path)


def test_a_file_without_rar_takes_the_calendar_year_of_its_vouchers(world):
    result = import_sie(world.a, SAMPLES / "FAKT.SI")
    assert result.financial_year.year == 2011
    assert result.financial_year.balances_computed is True
    assert any("saknar räkenskapsår (#RAR 0)" in warning for warning in result.warnings)


def test_unknown_accounts_are_named_and_warned_about(world):
    result = import_sie(world.a, SAMPLES / "LON Lönekörning.SI")
    with scopes_disabled():
        account = LedgerAccount.objects.get(financial_year=result.financial_year, number="1940")
    assert account.name == "okänt konto 1940" and account.declared is False
    assert any("konto 1940 saknar #KONTO" in warning for warning in result.warnings)


def test_preview_tells_what_an_import_would_do_and_writes_nothing(world, handmade_path):
    before = counts()
    preview = preview_sie(world.a, handmade_path.read_bytes(), "handraknat_2023.se")
    assert counts() == before
    assert str(preview.period) == "2023-01-01–2023-12-31"
    assert (preview.vouchers, preview.transactions, preview.replaces) == (15, 30, None)
    assert preview.company_name == "Samordningsförbundet Handräknat"
    import_sie(world.a, handmade_path)
    assert preview_sie(world.a, handmade_path.read_bytes()).replaces is not None


def test_import_command_reports_counts_and_refuses_bad_files_in_swedish(world, capsys):
    call_command("import_sie", "--forbund", "alfa", str(SAMPLES / "SIE_exempelfil.se"))
    assert "Läste in räkenskapsåret 2011-01-01–2011-12-31" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Rad 3905: verifikation B 1"):
        call_command("import_sie", "--forbund", "alfa", str(SAMPLES / BAD_BALANCE))
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_sie", "--forbund", "alfa", str(SAMPLES / "saknas.se"))
    with pytest.raises(CommandError, match="inget förbund"):
        call_command("import_sie", "--forbund", "saknas", str(SAMPLES / "SIE_exempelfil.se"))


def test_every_ledger_row_links_to_rows_of_its_own_year(world, handmade_path):
    """The large tables have no database constraints (see models/ledger.py): check the links."""
    first = import_sie(world.a, handmade_path).financial_year
    second = import_sie(world.a, SAMPLES / "SIE4_Exempelfil_med_underdim.SE").financial_year
    with scopes_disabled():
        for year in (first, second):
            rows = Transaction.objects.filter(financial_year=year)
            assert rows.count() > 0
            assert (
                rows.filter(
                    voucher__financial_year=year, account__financial_year=year, forbund=year.forbund
                ).count()
                == rows.count()
            )
            links = TransactionObject.objects.filter(financial_year=year)
            assert links.count() > 0
            assert (
                links.filter(
                    transaction__financial_year=year, ledger_object__financial_year=year
                ).count()
                == links.count()
            )
            vouchers = Voucher.objects.filter(financial_year=year)
            assert vouchers.filter(forbund=year.forbund).count() == vouchers.count()
