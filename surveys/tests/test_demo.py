"""The demo förbund has survey rounds with answers, so the pages and the report show them."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse
from django_scopes import scope

from organisations.models import User
from samples.demo.surveys import FIRST_YEAR
from surveys.models import Round
from surveys.services import survey_results


def test_the_demo_has_answers_every_year_and_an_open_round(demo_forbund):
    for year in range(FIRST_YEAR, date.today().year):
        result = survey_results(demo_forbund, year, "NNS-DA")
        assert 40 <= result["svar"]["totalt"] <= 70, year
        assert set(result["per_insats"]) == {"AP", "FT"}
        assert all(q["andel"] is not None for q in result["fragor"])
    with scope(forbund=demo_forbund):
        assert Round.objects.filter(is_open=True, end_date__gte=date.today()).count() == 1


def test_the_demo_results_page_shows_charts(demo_forbund):
    client = Client()
    client.force_login(User.objects.get(username="kansli"))
    page = client.get(
        reverse(
            "surveys:results",
            kwargs={"forbund": demo_forbund.slug, "enkat": "NNS-DA", "year": FIRST_YEAR + 1},
        )
    )
    assert page.status_code == 200
    assert page.content.decode().count("data:image/svg+xml;base64,") == 4
    assert len(page.context["earlier"]) == 2  # this year and the one before
