from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scope

from budget.models import Contribution, MunicipalKeyShare, MunicipalPopulation
from budget.services import (
    CalculationError,
    calculate_contributions,
    contributions_for_year,
    save_calculation,
)
from budget.services.contributions import KEY_OWN, KEY_POPULATION
from budget.services.keys import split_by_weights
from core.models import AuditEvent
from organisations.choices import MemberKind

from .factories import ROSLAGEN_MUNICIPALITIES, add_member, make_forbund, make_roslagen

# Roslagen 2023 (its annual report 2023, Not 1), in kronor.
ROSLAGEN_2023 = {
    "Försäkringskassan": 3_000_000,
    "Arbetsförmedlingen": 0,
    "Region Stockholm": 1_500_000,
    "Täby": 366_000,
    "Österåker": 270_000,
    "Vallentuna": 219_000,
    "Vaxholm": 128_000,
    "Danderyd": 205_000,
    "Norrtälje": 312_000,
}


def test_split_preserves_the_total_when_every_part_has_a_remainder():
    parts = split_by_weights(100, [1, 1, 1])
    assert parts == [34, 33, 33]
    assert sum(parts) == 100


def test_split_gives_the_odd_krona_to_the_largest_remainder():
    # 1000 by 1:2:4 → 142.86, 285.71, 571.43: the missing krona goes to the first (0.86).
    assert split_by_weights(1000, [1, 2, 4]) == [143, 286, 571]


def test_split_of_ties_favours_the_larger_weight_then_the_earlier_position():
    assert split_by_weights(1, [1, 1]) == [1, 0]
    assert split_by_weights(2, [1, 3]) == [0, 2]  # remainders .5 and .5: the larger weight
    assert split_by_weights(1, [Decimal("0.5"), Decimal("0.5")]) == [1, 0]


def test_split_refuses_a_positive_total_without_weights():
    with pytest.raises(ValueError, match="inget att fördela"):
        split_by_weights(10, [0, 0])
    assert split_by_weights(0, [0, 0]) == [0, 0]


def test_split_of_many_parts_always_sums_to_the_total():
    for total in (0, 1, 7, 999_999, 6_000_001):
        weights = [74_000, 47_000, 34_800, 12_300, 33_000, 63_000]
        assert sum(split_by_weights(total, weights)) == total


@pytest.fixture
def roslagen(db):
    forbund, members = make_roslagen()
    with scope(forbund=forbund):
        yield forbund, members


def _populations(forbund, members, year, values):
    for name, population in values.items():
        MunicipalPopulation.objects.create(
            forbund=forbund, member=members[name], year=year, population=population
        )


def test_state_pays_half_region_a_quarter_and_municipalities_a_quarter_by_population(roslagen):
    forbund, members = roslagen
    _populations(
        forbund,
        members,
        2023,
        {
            "Täby": 30_000,
            "Österåker": 20_000,
            "Vallentuna": 20_000,
            "Vaxholm": 10_000,
            "Danderyd": 10_000,
            "Norrtälje": 10_000,
        },
    )
    calculation = calculate_contributions(forbund, 2023, 6_000_000)
    amounts = {share.member.name: share.amount for share in calculation.shares}
    assert calculation.key == KEY_POPULATION
    assert amounts["Försäkringskassan"] == 3_000_000
    assert amounts["Arbetsförmedlingen"] == 0  # Försäkringskassan pays the state's share
    assert amounts["Region Stockholm"] == 1_500_000
    # 1 500 000 split 3:2:2:1:1:1 of 10.
    assert amounts["Täby"] == 450_000
    assert amounts["Österåker"] == 300_000
    assert amounts["Vaxholm"] == 150_000
    assert sum(amounts.values()) == 6_000_000


def test_rounding_to_whole_kronor_preserves_the_total_and_each_group(roslagen):
    forbund, members = roslagen
    _populations(
        forbund,
        members,
        2023,
        {
            "Täby": 73_541,
            "Österåker": 47_221,
            "Vallentuna": 34_771,
            "Vaxholm": 12_353,
            "Danderyd": 33_024,
            "Norrtälje": 63_421,
        },
    )
    calculation = calculate_contributions(forbund, 2023, 6_000_003)
    assert sum(share.amount for share in calculation.shares) == 6_000_003
    # 6 000 003 = 3 000 001.5 + 1 500 000.75 + 1 500 000.75: the two kronor left after the
    # floors go to the largest remainders (.75 and .75), not to the state's .5.
    assert calculation.group_total("staten") == 3_000_001
    assert calculation.group_total("region") == 1_500_001
    assert calculation.group_total("kommuner") == 1_500_001
    assert all(isinstance(share.amount, int) for share in calculation.shares)


def test_own_key_reproduces_roslagen_2023_exactly(roslagen):
    forbund, members = roslagen
    for name in ("Täby", "Österåker", "Vallentuna", "Vaxholm", "Danderyd", "Norrtälje"):
        MunicipalKeyShare.objects.create(
            forbund=forbund,
            member=members[name],
            year=2023,
            weight=Decimal(ROSLAGEN_2023[name] // 1000),
        )
    calculation = calculate_contributions(forbund, 2023, 6_000_000)
    assert calculation.key == KEY_OWN
    assert {s.member.name: s.amount for s in calculation.shares} == ROSLAGEN_2023


def test_own_key_wins_over_population_and_must_cover_every_municipality(roslagen):
    forbund, members = roslagen
    _populations(
        forbund,
        members,
        2023,
        dict.fromkeys(ROSLAGEN_MUNICIPALITIES, 1000),
    )
    MunicipalKeyShare.objects.create(
        forbund=forbund, member=members["Täby"], year=2023, weight=Decimal("24.4")
    )
    with pytest.raises(CalculationError, match="saknar andel för: Danderyd, Norrtälje"):
        calculate_contributions(forbund, 2023, 6_000_000)


def test_missing_population_is_named_in_the_error(roslagen):
    forbund, members = roslagen
    _populations(forbund, members, 2023, {"Täby": 70_000})
    with pytest.raises(CalculationError) as error:
        calculate_contributions(forbund, 2023, 6_000_000)
    assert (
        "Befolkning för 2023 saknas för: Danderyd, Norrtälje, Vallentuna, Vaxholm, Österåker"
        in str(error.value)
    )


def test_municipalities_that_joined_later_take_part_only_from_their_join_year(roslagen):
    forbund, members = roslagen
    _populations(forbund, members, 2018, {"Täby": 60_000, "Österåker": 40_000})
    calculation = calculate_contributions(forbund, 2018, 2_800_000)
    names = [share.member.name for share in calculation.shares]
    assert "Norrtälje" not in names and "Vaxholm" not in names
    amounts = {share.member.name: share.amount for share in calculation.shares}
    assert amounts["Täby"] == 420_000 and amounts["Österåker"] == 280_000


def test_a_municipality_joining_mid_year_weighs_in_for_its_share_of_the_year(half_year):
    forbund, _early, _late = half_year  # the fixture below, with issue 15's tests
    with scope(forbund=forbund):
        calculation = calculate_contributions(forbund, 2024, 4_000_000)
    amounts = {share.member.name: share.amount for share in calculation.shares}
    # 2024 has 366 days; from 2 July the member is one for 183 of them: weight 1 : 0.5.
    assert amounts["Årskommun"] == 666_667
    assert amounts["Halvårskommun"] == 333_333


def test_a_member_that_left_before_the_year_takes_no_part(roslagen):
    forbund, members = roslagen
    members["Vaxholm"].left_on = date(2022, 12, 31)
    members["Vaxholm"].save()
    _populations(
        forbund,
        members,
        2023,
        dict.fromkeys(("Täby", "Österåker", "Vallentuna", "Danderyd", "Norrtälje"), 1000),
    )
    calculation = calculate_contributions(forbund, 2023, 6_000_000)
    assert "Vaxholm" not in [share.member.name for share in calculation.shares]
    assert calculation.group_total("kommuner") == 1_500_000


def test_a_forbund_without_a_region_cannot_use_the_key(db):
    forbund = make_forbund("utan", "Utan region")
    with scope(forbund=forbund):
        add_member(forbund, "Försäkringskassan", MemberKind.FORSAKRINGSKASSAN)
        add_member(forbund, "Kommunen", MemberKind.KOMMUN)
        with pytest.raises(CalculationError, match="ingen medlem i gruppen regionen"):
            calculate_contributions(forbund, 2024, 1_000_000)


def test_saving_a_calculation_fills_the_chosen_column_and_keeps_the_others(roslagen):
    forbund, members = roslagen
    Contribution.objects.create(
        forbund=forbund, member=members["Täby"], year=2023, requested=400_000, paid=183_000
    )
    for name in ("Täby", "Österåker", "Vallentuna", "Vaxholm", "Danderyd", "Norrtälje"):
        MunicipalKeyShare.objects.create(
            forbund=forbund, member=members[name], year=2023, weight=ROSLAGEN_2023[name]
        )
    calculation = calculate_contributions(forbund, 2023, 6_000_000)
    save_calculation(forbund, calculation, "decided", None)
    year = contributions_for_year(forbund, 2023)
    taby = next(row for row in year.rows if row.member.name == "Täby")
    assert (taby.requested, taby.decided, taby.paid) == (400_000, 366_000, 183_000)
    assert taby.unpaid == 183_000
    assert year.total_decided == 6_000_000
    assert year.decided_by_group() == {
        "staten": 3_000_000,
        "region": 1_500_000,
        "kommuner": 1_500_000,
    }
    assert AuditEvent.objects.filter(action="contribution.calculated").count() == 1
    assert AuditEvent.objects.filter(action="contribution.updated").count() == 1  # Täby


def test_contributions_for_year_lists_members_of_the_year_in_member_order(roslagen):
    forbund, _members = roslagen
    names = [row.member.name for row in contributions_for_year(forbund, 2018).rows]
    assert names == [
        "Försäkringskassan",
        "Arbetsförmedlingen",
        "Region Stockholm",
        "Täby",
        "Österåker",
    ]
    assert contributions_for_year(forbund, 2018).total_decided is None


def test_populations_are_imported_for_several_years_with_or_without_kommun(roslagen):
    from budget.services.contributions import import_populations

    forbund, members = roslagen
    text = "Kommun;År;Befolkning\nTäby kommun;2022;74 000\nTäby;2023;74 500\nVaxholm;2023;12300\n"
    assert import_populations(forbund, text.encode(), "befolkning.csv", None) == {2022: 1, 2023: 2}
    assert MunicipalPopulation.objects.get(member=members["Täby"], year=2023).population == 74_500


def test_population_import_refuses_unknown_municipalities_and_repeats(roslagen):
    from budget.services.contributions import PopulationImportError, import_populations

    forbund, _members = roslagen
    text = "Kommun;År;Befolkning\nSolna;2023;80000\nTäby;2023;1\nTäby kommun;2023;2\n"
    with pytest.raises(PopulationImportError) as error:
        import_populations(forbund, text.encode(), "befolkning.csv", None)
    assert [str(e) for e in error.value.errors] == [
        "Rad 2, kolumn Kommun, värde ”Solna”: Förbundet har ingen kommun med det namnet som "
        "medlem.",
        "Rad 4, kolumn Kommun, värde ”Täby kommun”: Kommunen finns redan för samma år på rad 3.",
    ]
    assert not MunicipalPopulation.objects.exists()


# --- Issue 15: membership for part of the year is the förbund's decision ---------------------


@pytest.fixture
def half_year(db):
    """Two municipalities of 10 000; Halvårskommun a member from 2 July 2024 (183/366)."""
    forbund = make_forbund("mitt", "Förbundet Mitt")
    with scope(forbund=forbund):
        add_member(forbund, "Försäkringskassan", MemberKind.FORSAKRINGSKASSAN)
        add_member(forbund, "Regionen", MemberKind.REGION)
        early = add_member(forbund, "Årskommun", MemberKind.KOMMUN)
        late = add_member(forbund, "Halvårskommun", MemberKind.KOMMUN, date(2024, 7, 2))
        for member in (early, late):
            MunicipalPopulation.objects.create(
                forbund=forbund, member=member, year=2024, population=10_000
            )
    return forbund, early, late


def _amounts(calculation):
    return {share.member.name: share.amount for share in calculation.shares}


def test_pro_rata_pays_the_full_year_amount_times_the_share_of_the_year(half_year):
    forbund, _early, _late = half_year
    with scope(forbund=forbund):
        calculation = calculate_contributions(forbund, 2024, 4_000_000, rule="andel_av_aret")
    amounts = _amounts(calculation)
    # Full year: 2 000 000 / 1 000 000 / 500 000 + 500 000; the late one pays half of its.
    assert amounts == {
        "Försäkringskassan": 2_000_000,
        "Regionen": 1_000_000,
        "Årskommun": 500_000,
        "Halvårskommun": 250_000,
    }
    assert calculation.total == 3_750_000 and calculation.full_year_total == 4_000_000
    assert calculation.mid_year_rule == "andel_av_aret" and calculation.mid_year_decided


@pytest.mark.parametrize("key", ["befolkning", "egen"])
def test_fixed_total_weighs_the_late_member_by_its_share_with_either_key(half_year, key):
    forbund, early, late = half_year
    with scope(forbund=forbund):
        if key == "egen":
            for member in (early, late):
                MunicipalKeyShare.objects.create(
                    forbund=forbund, member=member, year=2024, weight=Decimal(50)
                )
        calculation = calculate_contributions(forbund, 2024, 4_000_000)
    assert calculation.key == key
    assert not calculation.mid_year_decided and calculation.mid_year_rule == "fast_total"
    amounts = _amounts(calculation)
    assert (amounts["Årskommun"], amounts["Halvårskommun"]) == (666_667, 333_333)
    assert calculation.total == sum(amounts.values()) == 4_000_000


def test_the_decision_is_stored_with_the_calculation_and_shown(half_year, client):
    from django.urls import reverse

    from budget.models import MidYearMembership
    from organisations.choices import Role
    from organisations.models import Membership
    from samples.testing import make_user

    forbund, _early, _late = half_year
    user = make_user("ekonom-mitt")
    Membership.objects.create(forbund=forbund, user=user, role=Role.EKONOM)
    client.force_login(user)
    url = reverse("budget:calculator", kwargs={"forbund": "mitt", "year": 2024})
    page = client.get(url).content.decode()
    assert "Inget beslut är sparat för 2024" in page and "Halvårskommun" in page
    assert "största rest" in page  # the rounding method is stated
    form = {"total": "4000000", "target": "requested", "mid_year_rule": "andel_av_aret"}
    preview = client.post(url, form | {"action": "preview"}).content.decode()
    assert "helårstotal 4" in preview
    with scope(forbund=forbund):
        assert not MidYearMembership.objects.exists()
    assert client.post(url, form | {"action": "save"}).status_code == 302
    with scope(forbund=forbund):
        assert MidYearMembership.objects.get(year=2024).rule == "andel_av_aret"
        assert Contribution.objects.get(member__name="Halvårskommun").requested == 250_000
        assert AuditEvent.objects.filter(action="mid_year_rule.saved").count() == 1
    assert "Förbundets beslut för 2024" in client.get(url).content.decode()
