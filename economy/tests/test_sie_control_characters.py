"""Control characters in an SIE file's names and texts are not stored (no page, export or Word
document can carry them); the amounts and keys are read as before."""

from django_scopes import scope

from economy.models import FinancialYear, LedgerAccount, Transaction, Voucher
from economy.services.sie_import import import_sie
from organisations.services.people import create_forbund

SIE = (
    '#FLAGGA 0\n#SIETYP 4\n#PROGRAM "Test" 1\n#FORMAT PC8\n#GEN 20250110\n'
    '#FNAMN "Fo\x01rbund"\n#RAR 0 20240101 20241231\n'
    '#KONTO 1930 "Kas\x0bsa"\n#KONTO 3000 "Int\x07äkter"\n'
    '#VER A 1 20240105 "Fa\x1bktura"\n{\n#TRANS 1930 {} 100.00 "" "Ra\x01d"\n'
    "#TRANS 3000 {} -100.00\n}\n"
)


def test_control_characters_in_names_and_texts_are_not_stored(db):
    forbund = create_forbund("styrtecken", "Samordningsförbundet Styrtecken")
    import_sie(forbund, SIE.encode("cp437"), file_name="x.se")
    with scope(forbund=forbund):
        year = FinancialYear.objects.get(start__year=2024)
        assert year.company_name == "Forbund"
        names = dict(
            LedgerAccount.objects.filter(financial_year=year).values_list("number", "name")
        )
        assert names["1930"] == "Kassa" and names["3000"] == "Intäkter"
        assert Voucher.objects.get(financial_year=year).text == "Faktura"
        texts = set(Transaction.objects.filter(financial_year=year).values_list("text", flat=True))
        assert "Rad" in texts
