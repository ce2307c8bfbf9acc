from decimal import Decimal
from fractions import Fraction

import pytest
from django_scopes import scope, scopes_disabled

from budget.models import (
    AllocationRound,
    Contribution,
    ForbundActualAllocation,
    MunicipalityAllocationInput,
)
from budget.services import county_ideal_allocation, ideal_allocation
from budget.services.ideal_import import IdealImportError, import_allocation_inputs

from .factories import make_roslagen


@pytest.fixture
def county(no_allocation_rounds):
    """Roslagen on the installation, and a neighbour that is not (only its name in the data)."""
    forbund, members = make_roslagen()
    allocation_round = AllocationRound.objects.create(
        year=2023,
        appropriation=339_000_000,
        base_per_forbund=400_000,
        forbund_count=75,
        national_population_16_64=6_500_000,
        national_forsorjningsmatt=Decimal("600000"),
    )
    rows = [
        ("Täby", 100_000, "5000", "Samordningsförbundet Roslagen", forbund),
        ("Norrtälje", 60_000, "4000", "Samordningsförbundet Roslagen", forbund),
        ("Grannby", 80_000, "12000", "Samordningsförbundet Grannen", None),
        ("Ensamby", 20_000, "1000", "", None),
    ]
    for municipality, population, fm, name, linked in rows:
        MunicipalityAllocationInput.objects.create(
            round=allocation_round,
            municipality=municipality,
            population_16_64=population,
            forsorjningsmatt=Decimal(fm),
            forbund_name=name,
            forbund=linked,
        )
    return forbund, members, allocation_round


def test_ideal_allocation_matches_the_hand_computation(county):
    forbund, _members, _round = county
    with scope(forbund=forbund):
        ideal = ideal_allocation(forbund, 2023)
    # Distributable: 339 000 000 − 75 × 400 000 = 309 000 000.
    # Roslagen: försörjningsmått 9 000 of 600 000 = 0,015; population 160 000 of 6 500 000.
    # 309 000 000 × (0,75 × 0,015 + 0,25 × 160 000 / 6 500 000)
    #   = 3 476 250 + 1 901 538,46 = 5 377 788,46; plus the base 400 000 → 5 777 788,46.
    # Grannen: 5 985 769,23. Rounded together (largest remainder) the two state ideals add
    # up to 11 763 557,69 → 11 763 558: the extra krona goes to Roslagen's larger remainder.
    assert ideal.population_16_64 == 160_000
    assert ideal.forsorjningsmatt == Decimal("9000")
    assert ideal.state_ideal == 5_777_789
    # The members match the state's half: 2 × 5 777 788,46 = 11 555 576,92 → 11 555 577
    # (and Grannen 11 971 538,46 → 11 971 538; together 23 527 115,38 → 23 527 115).
    assert ideal.ideal_total == 11_555_577
    assert ideal.actual_total is None  # no contributions decided yet


def test_actual_is_the_decided_contributions_and_the_share_is_of_the_ideal_total(county):
    forbund, members, _round = county
    with scope(forbund=forbund):
        for name, amount in (
            ("Försäkringskassan", 3_000_000),
            ("Region Stockholm", 1_500_000),
            ("Täby", 1_500_000),
        ):
            Contribution.objects.create(
                forbund=forbund, member=members[name], year=2023, decided=amount
            )
        ideal = ideal_allocation(forbund, 2023)
    assert ideal.actual_total == 6_000_000
    assert ideal.actual_source == "medlemsbidrag"
    assert ideal.share_of_ideal == Fraction(6_000_000, 11_555_577)
    assert round(float(ideal.share_of_ideal) * 100) == 52
    assert ideal.difference == 6_000_000 - 11_555_577


def test_county_view_lists_every_forbund_in_the_data_with_entered_actuals(county):
    _forbund, _members, allocation_round = county
    ForbundActualAllocation.objects.create(
        round=allocation_round, forbund_name="Samordningsförbundet Grannen", actual_total=9_000_000
    )
    with scopes_disabled():
        ideals = county_ideal_allocation(2023)
    assert [ideal.name for ideal in ideals] == [
        "Samordningsförbundet Grannen",
        "Samordningsförbundet Roslagen",
    ]  # a municipality outside every förbund is not a förbund
    neighbour = ideals[0]
    # 309 000 000 × (0,75 × 12 000 / 600 000 + 0,25 × 80 000 / 6 500 000) + 400 000
    #   = 4 635 000 + 950 769,23 + 400 000 = 5 985 769 (state); total 11 971 538.
    assert neighbour.state_ideal == 5_985_769
    assert neighbour.ideal_total == 11_971_538
    assert neighbour.actual_total == 9_000_000 and neighbour.actual_source == "angiven"
    assert neighbour.forbund is None


def test_national_totals_default_to_the_sum_of_the_imported_municipalities(county):
    _forbund, _members, allocation_round = county
    allocation_round.national_population_16_64 = None
    allocation_round.national_forsorjningsmatt = None
    allocation_round.forbund_count = 2
    allocation_round.appropriation = 10_800_000
    allocation_round.save()
    with scopes_disabled():
        ideals = county_ideal_allocation(2023)
    # Totals 260 000 people and 22 000 HE; 10 000 000 to distribute.
    # Roslagen: 10 000 000 × (0,75 × 9/22 + 0,25 × 16/26) + 400 000
    #   = 3 068 181,82 + 1 538 461,54 + 400 000 = 5 006 643,36.
    roslagen = next(ideal for ideal in ideals if ideal.forbund is not None)
    assert roslagen.state_ideal == 5_006_643
    assert county_ideal_allocation(2019) is None


def test_ideal_allocation_is_none_for_a_year_without_data(county):
    forbund, _members, _round = county
    with scope(forbund=forbund):
        assert ideal_allocation(forbund, 2022) is None


CSV = (
    "Kommun;År;Befolkning 16-64;Försörjningsmått;Förbund\n"
    "Täby;2023;45 000;2 100,5;Samordningsförbundet Roslagen\n"
    "Vaxholm;2023;7000;300;roslagen\n"
    "Grannby;2023;50000;4000;Samordningsförbundet Grannen\n"
)


def test_import_replaces_the_years_inputs_and_matches_forbund_by_name_or_short_name(county):
    forbund, _members, allocation_round = county
    result = import_allocation_inputs(CSV.encode("utf-8"), "underlag.csv", None)
    assert result.rows_by_year == {2023: 3}
    assert result.matched_forbund == ["Samordningsförbundet Roslagen"]
    rows = {row.municipality: row for row in allocation_round.inputs.all()}
    assert set(rows) == {"Täby", "Vaxholm", "Grannby"}
    assert rows["Täby"].forsorjningsmatt == Decimal("2100.5")
    assert rows["Vaxholm"].forbund == forbund
    assert rows["Grannby"].forbund is None


def test_import_refuses_the_whole_file_and_names_row_column_value_and_reason(county):
    _forbund, _members, allocation_round = county
    bad = (
        "Kommun;År;Befolkning 16-64;Försörjningsmått;Förbund\n"
        "Täby;2023;45000;2100;Roslagen\n"
        "Vaxholm;2027;7000;300;Roslagen\n"
        "Danderyd;2023;många;-5;Roslagen\n"
        "Täby;2023;1;1;Roslagen\n"
    )
    with pytest.raises(IdealImportError) as error:
        import_allocation_inputs(bad.encode("utf-8"), "underlag.csv", None)
    messages = [str(e) for e in error.value.errors]
    assert messages == [
        "Rad 3, kolumn År, värde ”2027”: Det finns ingen idealfördelning för året: "
        "lägg först upp årets anslag.",
        "Rad 4, kolumn Befolkning 16–64, värde ”många”: Inte ett heltal.",
        "Rad 4, kolumn Försörjningsmått, värde ”-5”: Försörjningsmåttet kan inte vara negativt.",
        "Rad 5, kolumn Kommun, värde ”Täby”: Kommunen finns redan för samma år och förbund "
        "på rad 2.",
    ]
    assert allocation_round.inputs.count() == 4  # untouched


# --- Issue 15: rounding that keeps totals, split municipalities -----------------------------


def _round(year=2023, **fields):
    values = {
        "appropriation": 1_000_001,
        "base_per_forbund": 0,
        "forbund_count": 3,
    } | fields
    return AllocationRound.objects.create(year=year, **values)


def _inputs(allocation_round, rows):
    for municipality, population, fm, name, share in rows:
        MunicipalityAllocationInput.objects.create(
            round=allocation_round,
            municipality=municipality,
            population_16_64=population,
            forsorjningsmatt=Decimal(fm),
            forbund_name=name,
            share_percent=Decimal(share),
        )


def test_three_equal_forbund_share_1_000_001_kr_to_the_krona(no_allocation_rounds):
    _inputs(
        _round(),
        [(f"{name}-by", 1000, "100", name, 100) for name in "ABC"],
    )
    ideals = county_ideal_allocation(2023)
    # 333 333,67 each: the one krona left goes to the first of the equal remainders.
    assert [ideal.state_ideal for ideal in ideals] == [333_334, 333_334, 333_333]
    assert sum(ideal.state_ideal for ideal in ideals) == 1_000_001
    # The ideal totals come from twice the exact state ideal: 666 667,33 each → 2 000 002.
    assert [ideal.ideal_total for ideal in ideals] == [666_668, 666_667, 666_667]
    assert sum(ideal.ideal_total for ideal in ideals) == 2 * 1_000_001


def test_the_ideal_total_is_twice_the_exact_state_ideal_not_twice_the_rounded(
    no_allocation_rounds,
):
    # An appropriation of 42 037 519 split equally between two förbund: 21 018 759,5 each.
    _inputs(
        _round(appropriation=42_037_519, forbund_count=2),
        [("A-by", 500, "50", "A", 100), ("B-by", 500, "50", "B", 100)],
    )
    first, second = county_ideal_allocation(2023)
    assert first.state_ideal + second.state_ideal == 42_037_519
    assert {first.state_ideal, second.state_ideal} == {21_018_760, 21_018_759}
    # Each ideal total is 2 × 21 018 759,5 = 42 037 519 exactly, never 2 × 21 018 760.
    assert first.ideal_total == second.ideal_total == 42_037_519


def test_a_split_municipality_counts_its_share_in_each_forbund(no_allocation_rounds):
    # Storstad (100 000 people, 10 000 HE) is split 60/40 between Norr and Söder; Småby is
    # all Söder's. National totals: the municipalities once (110 000 and 11 000).
    _inputs(
        _round(appropriation=11_000_000, forbund_count=2),
        [
            ("Storstad", 100_000, "10000", "Norr", "60"),
            ("Storstad", 100_000, "10000", "Söder", "40"),
            ("Småby", 10_000, "1000", "Söder", "100"),
        ],
    )
    norr, soder = county_ideal_allocation(2023)
    assert (norr.name, norr.population_16_64, norr.forsorjningsmatt) == (
        "Norr",
        60_000,
        Decimal("6000.00"),
    )
    assert (soder.population_16_64, soder.forsorjningsmatt) == (50_000, Decimal("5000.00"))
    assert norr.population_share == Fraction(6, 11) and soder.population_share == Fraction(5, 11)
    # 11 000 000 × 6/11 = 6 000 000 and × 5/11 = 5 000 000.
    assert (norr.state_ideal, soder.state_ideal) == (6_000_000, 5_000_000)


def test_import_reads_split_municipalities_and_refuses_shares_over_100(county):
    _forbund, _members, allocation_round = county
    split = (
        "Kommun;År;Befolkning 16-64;Försörjningsmått;Förbund;Andel (%)\n"
        "Storstad;2023;100000;10000;Roslagen;60\n"
        "Storstad;2023;100000;10000;Grannen;40\n"
    )
    result = import_allocation_inputs(split.encode("utf-8"), "underlag.csv", None)
    assert result.rows_by_year == {2023: 2}
    shares = {row.forbund_name: row.share_percent for row in allocation_round.inputs.all()}
    assert shares == {"Roslagen": Decimal("60"), "Grannen": Decimal("40")}
    bad = (
        "Kommun;År;Befolkning 16-64;Försörjningsmått;Förbund;Andel (%)\n"
        "Storstad;2023;100000;10000;Roslagen;60\n"
        "Storstad;2023;100000;10000;Grannen;40,5\n"
        "Storstad;2023;90000;10000;Tredje;1\n"
    )
    with pytest.raises(IdealImportError) as error:
        import_allocation_inputs(bad.encode("utf-8"), "underlag.csv", None)
    assert [str(e) for e in error.value.errors] == [
        "Rad 3, kolumn Andel (%), värde ”40.5”: Kommunens andelar blir tillsammans 100,5 "
        "procent; de får vara högst 100.",
        "Rad 4, kolumn Befolkning 16–64, värde ”90000”: En kommun som delas mellan förbund har "
        "samma befolkning och försörjningsmått på alla sina rader (se rad 2).",
    ]
