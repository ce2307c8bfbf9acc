"""The demo förbund has several years of realistic participations on every page."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django_scopes import scope

from participants.models import Activity, Insats, Participation


@pytest.fixture
def demo(demo_forbund):
    return demo_forbund


def test_the_demo_has_participations_in_every_year_and_individual_insats(demo):
    with scope(forbund=demo):
        years = Counter(
            (code, start.year)
            for code, start in Participation.objects.values_list("insats__code", "start_date")
        )
        total = Participation.objects.count()
    assert 800 <= total <= 1500
    for year in range(2021, date.today().year):
        for code in ("FT", "AP", "IPS"):
            assert years[(code, year)] >= 20, (code, year)


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
        assert ft.executing_members.exists() and ft.expected_participants == 200
        kinds = Counter(Activity.objects.values_list("kind", flat=True))
    assert kinds["kurs"] > 0 and kinds["arbetstraning"] > 0
