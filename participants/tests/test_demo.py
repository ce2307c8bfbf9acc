"""The demo förbund has several years of realistic participations on every page."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django_scopes import scope

from participants.choices import InterventionKind
from participants.models import Activity, Insats, Participation
from samples.demo.participants import DETAILS, FIRST_YEAR, STARTS_PER_YEAR

# The demo is generated up to "today": a fixed day keeps its years and counts the same.
TODAY = date(2025, 6, 15)


@pytest.fixture
def demo(demo_forbund):
    return demo_forbund


def test_the_demo_has_participations_in_every_year_and_individual_insats(demo):
    with scope(forbund=demo):
        individual = set(
            Insats.objects.filter(kind=InterventionKind.INDIVIDUAL).values_list("code", flat=True)
        )
        starts = list(Participation.objects.values_list("insats__code", "start_date"))
    years = Counter((code, start.year) for code, start in starts)
    assert individual == set(STARTS_PER_YEAR)
    assert max(start for _code, start in starts) <= date.today()
    for year in range(FIRST_YEAR, date.today().year):
        for code in individual:
            # Every complete year has about the starts the demo plans for the insats: at least
            # half (an insats that began in spring has a short first year), never more.
            planned = STARTS_PER_YEAR[code]
            assert planned // 2 <= years[(code, year)] <= planned, (code, year)


def test_the_demo_shares_look_like_the_seed_reports(demo):
    with scope(forbund=demo):
        rows = list(Participation.objects.values_list("gender", "end_date", "end_reason"))
    genders = Counter(gender for gender, _end, _reason in rows)
    assert 0.5 < genders["kvinna"] / len(rows) < 0.7
    ended = [reason for _gender, end, reason in rows if end is not None]
    reasons = Counter(ended)
    assert 0.2 < reasons[""] / len(ended) < 0.4
    assert reasons["sjukdom"] > reasons["arbete"]


def test_the_demo_insatsansvarig_is_assigned_to_ft_and_activities_exist(demo):
    with scope(forbund=demo):
        ft = Insats.objects.get(code="FT")
        assert [user.username for user in ft.responsible.all()] == ["insatsansvarig"]
        assert ft.executing_members.exists()
        assert ft.expected_participants == DETAILS["FT"]["expected_participants"]
        kinds = Counter(Activity.objects.values_list("kind", flat=True))
    assert kinds["kurs"] > 0 and kinds["arbetstraning"] > 0
