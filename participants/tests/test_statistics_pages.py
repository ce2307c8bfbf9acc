"""The statistics pages: who sees them, what they show, and what they cost."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from core.years import last_year
from participants.services.statistics import years_with_participations
from participants.tests.statistics_factories import SECRET, add_year_2023, statistics_url


@pytest.fixture
def year_of_data(world):
    return add_year_2023(world)


url = statistics_url


@pytest.mark.parametrize("persona", ["kansli", "styrelse", "ekonom", "revisor"])
def test_statistics_page_is_for_everyone_who_may_see_aggregates(year_of_data, clients, persona):
    assert clients[persona].get(url(year_of_data)).status_code == 200


def test_statistics_page_hidden_from_outsiders(year_of_data, clients):
    assert clients["outsider"].get(url(year_of_data)).status_code == 404
    assert clients["kansli"].post(url(year_of_data)).status_code == 405


def test_insatsansvarig_sees_statistics_of_their_own_insats_only(year_of_data, clients):
    """The insatsansvarig of A1 (not A2): A1's figures, nothing of A2 in any table or total."""
    response = clients["insatsansvarig"].get(url(year_of_data))
    assert response.status_code == 200
    html = response.content.decode()
    assert "FINSAM-team" in html and "Aktivitetsplatsen" not in html
    assert "bara de insatser du är insatsansvarig för" in html
    document = response.context["document"]
    assert list(document["insatser"]) == ["A1"]
    # Every total counts A1 only: 40 participations in 2023, none of A2's three.
    assert document["totalt"]["deltagare"]["totalt"] == 40
    assert document["unika_deltagare"]["totalt"] == 40
    # The förbund-wide national export is not offered to them.
    assert "uppfoljning-finsam" not in html
    # The whole förbund for the kansli: A2's three as well.
    kansli = clients["kansli"].get(url(year_of_data)).context["document"]
    assert kansli["totalt"]["deltagare"]["totalt"] == 43


def test_insatsansvarig_without_insatser_sees_empty_statistics(year_of_data, clients):
    year_of_data.insats_a1.responsible.clear()
    response = clients["insatsansvarig"].get(url(year_of_data))
    assert response.status_code == 200
    assert response.context["document"]["insatser"] == {}
    assert "FINSAM-team" not in response.content.decode()


def test_statistics_page_shows_counts_and_never_a_participant(year_of_data, clients):
    html = clients["styrelse"].get(url(year_of_data)).content.decode()
    assert SECRET not in html
    assert "FINSAM-team" in html and "Aktivitetsplatsen" in html
    # A2's three women are shown exactly to the förbund's own staff.
    assert re.search(r'<th scope="row">Aktivitetsplatsen</th>\s*<td class="num">3</td>', html)


def test_statistics_page_has_charts_whose_text_states_the_numbers(year_of_data, clients):
    html = clients["kansli"].get(url(year_of_data)).content.decode()
    images = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', html)
    assert len(images) >= 5
    started = next(alt for alt in images if "Började en insats 2023" in alt)
    assert "FINSAM-team 20" in started and "Aktivitetsplatsen 3" in started


def test_each_chart_is_vector_in_two_sizes_with_its_numbers_as_a_table(year_of_data, clients):
    html = clients["kansli"].get(url(year_of_data)).content.decode()
    figures = re.findall(r'<figure class="statistics-chart">(.*?)</figure>', html, re.DOTALL)
    assert len(figures) >= 5
    for figure in figures:
        wide = re.search(r'<source media="\(min-width: 40em\)" srcset="(data:[^"]+)">', figure)
        narrow = re.search(r'<img src="(data:[^"]+)"', figure)
        assert wide and narrow and wide.group(1) != narrow.group(1)
        assert wide.group(1).startswith("data:image/svg+xml;base64,")
        assert "<summary>Visa som tabell</summary>" in figure
        assert 'role="region" tabindex="0"' in figure
    started = next(f for f in figures if "Började en insats 2023" in f)
    assert re.search(r'<th scope="row">FINSAM-team</th><td class="num">\d+</td>', started)


def test_wide_tables_scroll_in_regions_a_keyboard_reaches(year_of_data, clients):
    html = clients["kansli"].get(url(year_of_data)).content.decode()
    regions = re.findall(r'<div class="table-wrap table-scroll"([^>]*)>', html)
    assert len(regions) >= 10
    for attributes in regions:
        assert 'role="region"' in attributes and 'tabindex="0"' in attributes
        label = re.search(r'aria-label="([^"]+)"', attributes)
        assert label and label.group(1) != "Tabell"
    assert 'aria-label="Avslutade 2023 per insats och avslutsorsak"' in html


def test_publication_mode_hides_small_counts_and_draws_no_charts(year_of_data, clients):
    html = clients["kansli"].get(url(year_of_data) + "?publicering=1").content.decode()
    assert "Publiceringsläge" in html and "&lt;5" in html
    assert "data:image/" not in html
    assert not re.search(r'<th scope="row">Aktivitetsplatsen</th>\s*<td class="num">3</td>', html)
    for number in re.findall(r'<td class="num">(\d+)</td>', html):
        assert not 1 <= int(number) <= 4


# 2024: the last complete year (2023) has data; 2022: 2021 has none, the latest with data
# (2023) is shown. Both in the past: the clients' sessions would have expired in the future.
@pytest.mark.parametrize(
    "today", [datetime(2024, 3, 1, 12, tzinfo=UTC), datetime(2022, 6, 1, 12, tzinfo=UTC)]
)
def test_index_shows_the_last_complete_year_or_the_latest_with_data(year_of_data, clients, today):
    with time_machine.travel(today, tick=False):
        response = clients["kansli"].get(reverse("statistics:index", kwargs={"forbund": "alfa"}))
    assert response.status_code == 200
    years = years_with_participations(year_of_data.a)
    last_complete = today.year - 1
    expected = last_complete if last_complete in years else years[0]
    assert response.context["year"] == expected


def test_year_picker_lists_the_years_with_participations(year_of_data, clients):
    html = clients["kansli"].get(url(year_of_data)).content.decode()
    assert 'aria-current="page">2023</a>' in html
    assert ">2022</a>" in html


def test_page_of_a_year_without_participants_says_so(world, clients):
    html = clients["kansli"].get(url(world, year=2005)).content.decode()
    assert "Inga deltagare i individinriktade insatser under 2005" in html
    published = clients["kansli"].get(url(world, year=2005) + "?publicering=1")
    assert published.status_code == 200


def test_an_absurd_year_is_not_found(world, clients):
    # The <year:…> converter cannot even build such an address: the path is written out.
    base = f"/f/{world.a.slug}/statistik/"
    for year in ("20230", "2003", "1990", str(last_year() + 1)):
        assert clients["kansli"].get(f"{base}{year}/").status_code == 404, year
    assert clients["kansli"].get(f"{base}{last_year()}/").status_code == 200


def test_statistics_page_makes_a_bounded_number_of_queries(
    year_of_data, clients, django_assert_max_num_queries
):
    client = clients["revisor"]
    client.get(url(year_of_data))  # session and chart caches warm
    # 17: one of them the förbund's frozen years (docs/gallring.md), asked once per request.
    with django_assert_max_num_queries(17):
        client.get(url(year_of_data))
    with django_assert_max_num_queries(17):
        client.get(url(year_of_data) + "?publicering=1")
