from django_scopes import scope, scopes_disabled

from budget.services import (
    budget_for_year,
    contributions_for_year,
    county_ideal_allocation,
    ideal_allocation,
    original_budget_for_year,
    three_year_plan,
)
from organisations.choices import Role
from organisations.models import Forbund, Member
from samples.demo import budget as demo
from samples.demo import participants as participants_demo
from samples.demo.forbund import DEMO_MEMBERS

from .factories import make_forbund


def test_demo_gives_every_budget_page_something_to_show(db):
    forbund = make_forbund("demo", "Samordningsförbundet Demo")
    with scope(forbund=forbund):
        for name, kind, joined in DEMO_MEMBERS:
            Member.objects.create(forbund=forbund, name=name, kind=kind, joined_on=joined)
        users = dict.fromkeys(Role)
        participants_demo.load(forbund, {**users, Role.INSATSANSVARIG: _user()})
        demo.load(forbund, users)

        assert contributions_for_year(forbund, 2023).total_decided == 6_000_000
        assert contributions_for_year(forbund, 2024).total_decided == 6_350_000
        # Västervik-Strand joined in 2019 and pays in 2021.
        names_2021 = [row.member.name for row in contributions_for_year(forbund, 2021).rows]
        assert "Västervik-Strand kommun" in names_2021
        latest = budget_for_year(forbund, 2024)
        assert latest.revisions_counted == 1
        original = original_budget_for_year(forbund, 2024)
        assert original.result() == 0  # balanced with equity
        # The revision: the team −300 000, a mapping +200 000, 100 000 less equity used.
        assert latest.total_costs() == original.total_costs() - 100_000
        assert latest.result() == 0
        plan = three_year_plan(forbund, 2026)
        assert plan.present == [True, True, True] and plan.adopted == [True, False, False]
        ideal = ideal_allocation(forbund, 2024)
        assert ideal.actual_total == 6_350_000
        assert 0.5 < float(ideal.share_of_ideal) < 0.9  # below the model, as Roslagen 2023
    with scopes_disabled():
        county = county_ideal_allocation(2024)
    shares = {entry.name: round(float(entry.share_of_ideal) * 100) for entry in county}
    assert shares["Samordningsförbundet Älvdalen"] == 146
    assert shares["Samordningsförbundet Kustbygden"] == 121
    assert Forbund.objects.count() == 1  # neighbours are data, not tenants


def _user():
    from organisations.models import User

    return User.objects.create_user(username="ida", password="x-Tillfälligt-123")
