"""The five-year overview: figures from the books, the file's previous year and staff entered."""

from __future__ import annotations

from decimal import Decimal

from django_scopes import scopes_disabled

from economy.models import StaffYear
from economy.services import five_year_overview

D = Decimal


def test_five_years_newest_first_from_the_books_and_the_files_previous_year(books, forbund):
    with scopes_disabled():
        StaffYear.objects.create(
            forbund=forbund,
            year=2023,
            administration=D("1.8"),
            structural=D("0.8"),
            individual=D("8.7"),
        )
        StaffYear.objects.create(forbund=forbund, year=2022, total_entered=D("10.3"))
    rows = five_year_overview(forbund, 2023)
    assert [row["ar"] for row in rows] == [2023, 2022, 2021, 2020, 2019]
    latest, previous = rows[0], rows[1]
    assert latest["kalla"] == "bokforing" and previous["kalla"] == "foregaende_ar_i_fil"
    assert latest["medlemsbidrag"] == D("1200000.00")
    assert latest["ovriga_intakter"] == D("155000.00")  # ESF 150 000 + interest 5 000
    assert latest["intakter"] == D("1355000.00")
    assert latest["kostnader"] == D("785000.00")  # shown positive, with depreciation
    assert latest["arets_resultat"] == D("570000.00")
    assert latest["eget_kapital"] == D("1630000.00")
    assert latest["soliditet_procent"] == D("92.88")
    assert latest["arsarbetare"]["totalt"] == D("11.3")
    assert previous["arets_resultat"] == D("80000.00")
    assert previous["kostnader"] == D("920000.00")
    assert previous["arsarbetare"] == {
        "kansli": None,
        "struktur": None,
        "individ": None,
        "totalt": D("10.3"),
    }
    assert rows[2]["kalla"] is None and rows[2]["intakter"] is None


def test_overview_of_a_forbund_without_books_is_empty_not_an_error(forbund):
    rows = five_year_overview(forbund, 2023)
    assert all(row["intakter"] is None for row in rows)
