from django_scopes import scope, scopes_disabled

from budget.services import (
    budget_for_year,
    contributions_for_year,
    county_ideal_allocation,
    ideal_allocation,
    original_budget_for_year,
    three_year_plan,
)
from organisations.models import Forbund
from samples.demo import budget as demo
from samples.demo.forbund import DEMO_MEMBERS


def test_demo_gives_every_budget_page_something_to_show(demo_forbund):
    forbund = demo_forbund
    with scope(forbund=forbund):
        for year in demo.YEARS:
            assert contributions_for_year(forbund, year).total_decided == demo.DECIDED[year]
        # The member that joined last (Västervik-Strand, 2019) pays from the first year.
        last_joined = max(DEMO_MEMBERS, key=lambda member: member[2])[0]
        first_year = contributions_for_year(forbund, min(demo.YEARS))
        assert last_joined in [row.member.name for row in first_year.rows]
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
        assert ideal.actual_total == demo.DECIDED[2024]
        assert 0.5 < float(ideal.share_of_ideal) < 0.9  # below the model, as Roslagen 2023
    with scopes_disabled():
        county = county_ideal_allocation(2024)
    shares = {entry.name: round(float(entry.share_of_ideal) * 100) for entry in county}
    for name, actual in demo.NEIGHBOUR_ACTUAL.items():
        assert shares[name] == round(actual * 100), name
    # Neighbours are data, not tenants: only the demo itself is an installed förbund.
    assert [entry.name for entry in county if entry.forbund is not None] == [forbund.name]
    neighbours = [entry.name for entry in county if entry.forbund is None]
    assert neighbours and not Forbund.objects.filter(name__in=neighbours).exists()


def test_the_start_panel_shows_the_result_before_the_equity_that_finances_it(demo_forbund):
    """A budget balanced with "ianspråktaget eget kapital" reads as the deficit it is (as in
    the plan and the driftredovisning), with the equity as its financing, not as 0 kr."""
    import datetime

    from django.test import Client

    from core.formatting import format_number
    from organisations.models import User

    year = datetime.date.today().year
    with scope(forbund=demo_forbund):
        snapshot = budget_for_year(demo_forbund, year)
    assert snapshot is not None and snapshot.uses_equity
    client = Client()
    client.force_login(User.objects.get(username="kansli"))
    html = client.get(f"/f/{demo_forbund.slug}/").content.decode()
    before_equity = snapshot.result(include_equity=False)
    assert before_equity < 0
    assert f"{format_number(before_equity, signed=True)} kr" in html
    assert "Finansieras med eget kapital" in html
