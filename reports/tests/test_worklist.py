"""The start page's "Att göra" and "Läget i år", the insats page's figures, status tags."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from core.status import BAD, INFO, OK, WARN
from economy.services.budget_status import row_status, share_of_year
from economy.services.operating import OperatingRow
from economy.services.outcome import Amount
from organisations.models import Membership
from participants.choices import EndReason, Gender
from participants.models import Participant, Participation
from participants.services.gaps import GAP_KINDS
from reports.services.worklist import worklist, year_at_a_glance

TODAY = date(2025, 6, 15)
GAP_LABELS = {str(kind.label) for kind in GAP_KINDS}


def _participation(forbund, insats, code, start, end=None, **fields):
    defaults = {
        "gender": Gender.MAN,
        "birth_year": 1985,
        "education": "gymnasium",
        "end_reason": EndReason.ARBETE if end else "",
        "follow_up_12m": "",
    }
    defaults.update(fields)
    with scopes_disabled():
        participant = Participant.objects.create(forbund=forbund, code=code)
        return Participation.objects.create(
            forbund=forbund,
            participant=participant,
            insats=insats,
            start_date=start,
            end_date=end,
            **defaults,
        )


@pytest.fixture
def gaps(world):
    """One of each gap, relative to TODAY (the world's A1-0001 and A2-0001 ended 2024-09-30
    with a reason and without utbildning: each a background gap, follow-up not yet due)."""
    a, a1, a2 = world.a, world.insats_a1, world.insats_a2
    _participation(a, a1, "UTAN-ORSAK", date(2025, 1, 10), date(2025, 3, 1), end_reason="")
    _participation(a, a1, "UPPFOLJNING", date(2023, 5, 1), date(2024, 1, 31))
    _participation(a, a1, "BARN", date(2024, 8, 1), birth_year=2020)
    _participation(a, a2, "FRAMTID", date(2025, 9, 1))
    return world


def _membership(world, persona):
    return Membership.objects.select_related("forbund").get(
        forbund=world.a, user=world.users[persona]
    )


def _items(work, title_part):
    group = next((g for g in work.groups if title_part in g.title), None)
    return {} if group is None else {item.label: item for item in group.items}


def test_each_kind_of_gap_is_counted_per_insats(gaps):
    with scope(forbund=gaps.a):
        work = worklist(_membership(gaps, "kansli"), TODAY)
    a1 = _items(work, "(A1)")
    a2 = _items(work, "(A2)")
    assert a1["Avslut utan avslutsorsak"].count == 1
    assert a1["Uppföljning efter 12 månader saknas"].count == 1
    assert a1["Bakgrundsuppgifter saknas (kön, födelseår eller utbildning)"].count == 1
    assert a1["Datum i framtiden eller orimliga uppgifter"].count == 1  # born 2020
    assert a2["Datum i framtiden eller orimliga uppgifter"].count == 1  # starts after TODAY
    assert "Avslut utan avslutsorsak" not in a2
    assert "Uppföljning efter 12 månader saknas" not in a2
    # Each links to the insats's participations with the same filter.
    assert a1["Avslut utan avslutsorsak"].url == (
        reverse("participants:insats_participations", kwargs={"forbund": "alfa", "insats": "A1"})
        + "?saknas=avslutsorsak"
    )
    # Text as well as colour: every item has a status with words.
    assert all(item.status.label for group in work.groups for item in group.items)


def test_the_follow_up_falls_due_twelve_months_after_the_end(gaps):
    with scope(forbund=gaps.a):
        before = worklist(_membership(gaps, "kansli"), date(2025, 9, 29))
        after = worklist(_membership(gaps, "kansli"), date(2025, 9, 30))
    # The world's A1-0001 and A2-0001 ended 2024-09-30: due on 2025-09-30, not the day before.
    assert _items(before, "(A1)")["Uppföljning efter 12 månader saknas"].count == 1
    assert _items(after, "(A1)")["Uppföljning efter 12 månader saknas"].count == 2
    assert _items(after, "(A2)")["Uppföljning efter 12 månader saknas"].count == 1


def test_the_insatsansvarig_sees_only_their_own_insats(gaps):
    with scope(forbund=gaps.a):
        work = worklist(_membership(gaps, "insatsansvarig"), TODAY)
    titles = [group.title for group in work.groups]
    assert titles == ["FINSAM-team (A1)"]
    assert _items(work, "(A1)")["Avslut utan avslutsorsak"].count == 1
    # No budget, books or reports for a role that cannot act on them.
    labels = [item.label for group in work.groups for item in group.items]
    assert not [label for label in labels if label.startswith(("Budget", "Bokföringen", "Års"))]


@pytest.mark.parametrize("persona", ["styrelse", "ekonom", "revisor"])
def test_roles_without_participant_rows_get_no_participant_items(gaps, persona):
    with scope(forbund=gaps.a):
        work = worklist(_membership(gaps, persona), TODAY)
    labels = {item.label for group in work.groups for item in group.items}
    assert not labels & GAP_LABELS


def test_the_books_item_counts_months_not_imported(world):
    with scope(forbund=world.a):
        kansli = worklist(_membership(world, "kansli"), TODAY)
        styrelse = worklist(_membership(world, "styrelse"), TODAY)
    books = [i for g in kansli.groups for i in g.items if i.label.startswith("Bokföringen")]
    # No books for 2025 and TODAY is in June: January to May are missing.
    assert [(item.label, item.count) for item in books] == [
        ("Bokföringen för 2025 saknar 5 månader", 5)
    ]
    assert books[0].url == reverse("economy:upload", kwargs={"forbund": "alfa"})
    # The styrelse cannot import books: no such item.
    assert not [i for g in styrelse.groups for i in g.items if i.label.startswith("Bokföringen")]


def test_a_report_not_adopted_after_the_year_is_waiting(world):
    with scope(forbund=world.a):
        work = worklist(_membership(world, "kansli"), TODAY)
    labels = [item.label for group in work.groups for item in group.items]
    assert "Årsredovisningen 2024 är inte fastställd" in labels


def test_the_annual_report_waits_for_each_step_in_turn(world):
    from samples.testing.reports import _audit_document, _version

    def waiting():
        with scope(forbund=world.a):
            work = worklist(_membership(world, "kansli"), TODAY)
        return [
            i.label
            for g in work.groups
            for i in g.items
            if i.label.startswith(("Års", "Revisions", "Beslut"))
        ]

    _version(world)
    assert waiting() == ["Revisionsberättelsen för 2024 är inte arkiverad"]
    _audit_document(world)
    assert waiting() == ["Beslut om ansvarsfrihet 2024 saknas från 2 medlemmar"]


def test_the_count_on_the_start_page_is_what_its_link_shows(gaps, clients):
    today = timezone.localdate()
    with scope(forbund=gaps.a):
        work = worklist(_membership(gaps, "kansli"), today)
    items = [i for g in work.groups for i in g.items if i.label in GAP_LABELS]
    assert items
    for item in items:
        response = clients["kansli"].get(item.url)
        assert response.status_code == 200
        assert response.context["page"].paginator.count == item.count, item.label
    # The insatsansvarig cannot follow a link into A2's rows.
    a2 = reverse("participants:insats_participations", kwargs={"forbund": "alfa", "insats": "A2"})
    assert clients["insatsansvarig"].get(a2 + "?saknas=datum").status_code == 404


def test_the_start_page_shows_the_work_list_by_role(gaps, clients):
    home = reverse("organisations:home", kwargs={"forbund": "alfa"})
    kansli = clients["kansli"].get(home).content.decode()
    assert "Att göra" in kansli and "Läget i år" in kansli
    assert "Aktivitetsplatsen (A2)" in kansli and "FINSAM-team (A1)" in kansli
    assert 'class="status status--' in kansli
    insats = clients["insatsansvarig"].get(home).content.decode()
    assert "FINSAM-team (A1)" in insats and "Aktivitetsplatsen" not in insats
    # No second copy of the menu.
    assert "Genvägar" not in kansli


def test_the_year_at_a_glance_is_scoped_for_the_insatsansvarig(gaps):
    today = timezone.localdate()
    _participation(gaps.a, gaps.insats_a2, "I-AR", date(today.year, 1, 1))
    with scope(forbund=gaps.a):
        kansli = year_at_a_glance(_membership(gaps, "kansli"), today)
        own = year_at_a_glance(_membership(gaps, "insatsansvarig"), today)
        ekonom = year_at_a_glance(_membership(gaps, "ekonom"), today)
    assert "Aktivitetsplatsen" in [row.label for row in kansli.participants]
    assert "Aktivitetsplatsen" not in [row.label for row in own.participants]
    assert own.scope_note
    assert ekonom.participants  # statistics.view: the aggregates of the förbund


# --- Status of a driftredovisning row --------------------------------------------------------


def _row(net_cost: int, budget_cost: int | None) -> OperatingRow:
    budget = Amount(Decimal(0), Decimal(budget_cost)) if budget_cost is not None else None
    return OperatingRow("insats:X", "X", 1, Amount(Decimal(0), Decimal(net_cost)), budget, None)


@pytest.mark.parametrize(
    ("cost", "budget", "share", "level", "label"),
    [
        (120, 100, Fraction(1), BAD, "Över budget"),
        (120, 100, Fraction(1, 2), BAD, "Över budget"),
        (56, 100, Fraction(1, 2), WARN, "Risk att överskrida"),
        (55, 100, Fraction(1, 2), OK, "Inom budget"),  # exactly 10 % above pro rata
        (100, 100, Fraction(1), OK, "Inom budget"),
        (80, 100, Fraction(1), OK, "Inom budget"),
        (79, 100, Fraction(1), INFO, "Under budget"),
    ],
)
def test_row_status(cost, budget, share, level, label):
    status = row_status(_row(cost, budget), share)
    assert status is not None and (status.level, status.label) == (level, label)


def test_income_rows_and_rows_without_budget_have_no_status():
    income = OperatingRow(
        "medlemsbidrag", "Medlemsbidrag", 0, Amount(Decimal(50)), Amount(Decimal(100)), None
    )
    assert row_status(income, Fraction(1, 2)) is None
    assert row_status(_row(10, None), Fraction(1)) is None


def test_share_of_year():
    assert share_of_year(2025, date(2025, 12, 31)) == 1
    assert share_of_year(2025, None) == 1
    assert share_of_year(2025, date(2025, 1, 1)) == Fraction(1, 365)
    assert share_of_year(2024, date(2024, 7, 1)) == Fraction(183, 366)


# --- The demo: the work list points at the demo's real gaps ----------------------------------


def _demo_kansli(forbund) -> Membership:
    with scopes_disabled():
        return Membership.objects.select_related("forbund", "user").get(
            forbund=forbund, user__username="kansli"
        )


def test_the_demo_work_list_points_at_its_real_gaps(demo_forbund):
    today = timezone.localdate()
    membership = _demo_kansli(demo_forbund)
    with scope(forbund=demo_forbund):
        work = worklist(membership, today)
    for code in ("FT", "AP", "IPS"):
        assert _items(work, f"({code})")["Avslut utan avslutsorsak"].count > 0, code
    ap = _items(work, "(AP)")
    # Every 12-month follow-up of Aktivitetsplatsen is missing.
    assert ap["Uppföljning efter 12 månader saknas"].count > 0
    # Aktivitetsplatsen is over budget.
    budget = [item for label, item in ap.items() if label.startswith("Budget")]
    assert budget and budget[0].status.label == "Över budget"
    assert "avvikelse −" in budget[0].detail


def test_the_demo_start_page_and_operating_page_show_status_as_text(demo_forbund):
    from django.test import Client

    client = Client()
    client.force_login(_demo_kansli(demo_forbund).user)
    home = client.get(reverse("organisations:home", kwargs={"forbund": demo_forbund.slug}))
    html = home.content.decode()
    assert "Över budget" in html and "Avslut utan avslutsorsak" in html
    year = timezone.localdate().year - 1
    operating = client.get(
        reverse("economy:operating", kwargs={"forbund": demo_forbund.slug, "year": year})
    ).content.decode()
    assert '<span class="status status--danger"' in operating and "Över budget" in operating


def test_the_start_page_queries_do_not_grow_with_the_data(gaps, demo_forbund):
    """The same number of queries with more rows, and a bound for the demo's thousands."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(gaps.users["kansli"])
    home = reverse("organisations:home", kwargs={"forbund": "alfa"})

    def queries(client, url) -> int:
        client.get(url)  # sessions and caches warm
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    before = queries(client, home)
    for n in range(30):
        insats = (gaps.insats_a1, gaps.insats_a2)[n % 2]
        _participation(
            gaps.a, insats, f"MER-{n}", date(2024, 1, 1), date(2024, 2, 1), end_reason=""
        )
    assert queries(client, home) == before
    demo = Client()
    demo.force_login(_demo_kansli(demo_forbund).user)
    assert queries(demo, reverse("organisations:home", kwargs={"forbund": demo_forbund.slug})) <= (
        QUERY_BOUND
    )


# The demo's start page as kansli (2026): 82, most of them the economy panel's statements.
QUERY_BOUND = 90


# --- The insats page -------------------------------------------------------------------------


def test_the_insats_page_shows_expected_against_actual_for_those_who_may_see_it(world, clients):
    today = timezone.localdate()
    with scopes_disabled():
        for insats in (world.insats_a1, world.insats_a2):
            insats.expected_participants = 5
            insats.expected_share_women = Decimal(50)
            insats.save()
    for n in range(5):
        _participation(world.a, world.insats_a1, f"NU-{n}", date(today.year, 1, 1))
    url = reverse("participants:insats", kwargs={"forbund": "alfa", "insats": "A1"})
    own = clients["insatsansvarig"].get(url)
    rows = {row.label: row for row in own.context["expected"]}
    assert rows["Antal deltagare"].actual == "5"
    assert rows["Antal deltagare"].status.label == "Når målet"
    assert rows["Andel kvinnor"].actual == "0\u00a0%"
    # A mix far from the expected is worth a look, not a failure: a warning, said in words.
    assert rows["Andel kvinnor"].status.level == WARN
    assert rows["Andel kvinnor"].status.label == "Under förväntat"
    assert "Förväntat mot utfall" in own.content.decode()
    # Another insats: the expected values only, no figures of its participants.
    other = clients["insatsansvarig"].get(
        reverse("participants:insats", kwargs={"forbund": "alfa", "insats": "A2"})
    )
    assert "expected" not in other.context
    assert "Förväntat mot utfall" not in other.content.decode()
    # The styrelse sees aggregates of every insats.
    assert clients["styrelse"].get(url).context["expected"]


def test_the_result_row_is_better_or_worse_than_budget():
    def result(net: int, budget: int) -> OperatingRow:
        outcome = Amount(Decimal(max(net, 0)), Decimal(max(-net, 0)))
        planned = Amount(Decimal(max(budget, 0)), Decimal(max(-budget, 0)))
        return OperatingRow("resultat", "Resultat", 0, outcome, planned, None, is_total=True)

    worse = row_status(result(-500, -400), Fraction(1))
    better = row_status(result(22, -423), Fraction(1))
    assert worse is not None and (worse.level, worse.label) == (BAD, "Sämre än budget")
    assert better is not None and better.level == OK


def test_the_demo_budget_page_shows_the_outcome_with_status(demo_forbund):
    from django.test import Client

    client = Client()
    client.force_login(_demo_kansli(demo_forbund).user)
    year = timezone.localdate().year - 1
    response = client.get(
        reverse("budget:budget", kwargs={"forbund": demo_forbund.slug, "year": year})
    )
    html = response.content.decode()
    assert "Utfall mot budget" in html
    assert '<span class="status status--danger"' in html and "Över budget" in html
