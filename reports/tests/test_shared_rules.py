"""Each rule has one home, and the web pages and the reports print the same thing:
end reason groups (participants.choices), the statement layout (economy.services.presentation), the
year range (core.years) and the grading defaults (reports.choices)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from core.years import FIRST_YEAR, last_year
from economy.services import import_sie
from economy.services.statements import financial_statements
from economy.tests.conftest import HANDMADE
from participants.choices import (
    END_REASON_GROUPS,
    END_REASONS,
    TOWARDS_WORK,
    EndReason,
)
from participants.services.statistics import empty_cell
from participants.views import charts as charts_statistics
from reports.builders import economy as report_economy
from reports.builders import participants as report_participants
from reports.choices import DEFAULT_GOOD_WITHIN, DEFAULT_PARTLY_WITHIN
from reports.models import GoalGrading
from reports.services.goals import Thresholds


def statistics_document(counts: dict[str, int]) -> dict:
    reasons = {}
    for reason in END_REASONS:
        cell = empty_cell()
        cell["kvinna"] = cell["totalt"] = counts.get(reason, 0)
        reasons[reason] = cell
    ended = empty_cell()
    ended["kvinna"] = ended["totalt"] = sum(counts.values())
    return {"totalt": {"avslutsorsaker": reasons, "avslutade": ended}}


def test_the_towards_work_group_is_the_published_one():
    assert str(TOWARDS_WORK.label) == "Arbete, studier, arbetssökande"
    assert set(TOWARDS_WORK.members) == {
        EndReason.ARBETE,
        EndReason.STUDIER,
        EndReason.ARBETSSOKANDE,
    }
    grouped = [reason for group in END_REASON_GROUPS for reason in group.members]
    assert sorted(grouped) == sorted(END_REASONS)  # every reason in exactly one group


def test_web_chart_and_report_chart_show_the_same_groups_and_shares():
    counts = {"arbete": 3, "studier": 1, "arbetssokande": 4, "sjukdom": 6, "ej_registrerad": 1}
    web = charts_statistics.reasons_per_year({2023: statistics_document(counts)}, "Avslut")
    figure = report_participants.comparison_chart({"2023": statistics_document(counts)})
    assert figure is not None
    report = figure.chart
    web_groups = [series.name for series in web.series]
    assert web_groups == list(report.categories) == [str(g.label) for g in END_REASON_GROUPS]
    # Web: counts per group (drawn as shares); report: the shares themselves.
    web_counts = [series.values[0] for series in web.series]
    assert web_counts == [8, 0, 6, 0, 1]
    assert [series.values for series in report.series] == [[53, 0, 40, 0, 7]]


def test_statement_labels_on_the_web_page_are_those_of_the_report(world, clients):
    with scopes_disabled():
        import_sie(world.a, HANDMADE)
        document = financial_statements(world.a, 2023)
    url = reverse("economy:statements", kwargs={"forbund": world.a.slug, "year": 2023})
    page = html.unescape(clients["kansli"].get(url).content.decode())
    web_labels = set(re.findall(r"<th[^>]*>([^<]+)</th>", page))
    notes = report_economy.note_numbers(document)
    tables = [
        report_economy.income_statement_table(document, notes),
        report_economy.balance_sheet_table(document, notes),
        report_economy.cash_flow_table(document),
    ]
    report_labels = [
        cells[0].text.strip() for table in tables if table for _k, cells in table.rendered_body()
    ]
    assert "varav årets resultat" in report_labels
    assert not set(report_labels) - web_labels
    assert "därav årets resultat" not in page


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("economy:statements", FIRST_YEAR - 1),
        ("budget:budget", FIRST_YEAR - 1),
        ("reports:annual", FIRST_YEAR - 1),
        ("reports:goals", 9999),
        ("statistics:year", 9999),
    ],
)
def test_a_year_outside_the_range_in_an_address_is_not_found(world, clients, name, year):
    good = reverse(name, kwargs={"forbund": world.a.slug, "year": 2023})
    bad = good.replace("/2023/", f"/{year}/")
    assert year > last_year() or year < FIRST_YEAR
    assert clients["kansli"].get(bad).status_code == 404


def test_grading_defaults_are_the_same_for_the_rule_and_the_stored_settings():
    fields = {f.name: f.default for f in GoalGrading._meta.get_fields() if hasattr(f, "default")}
    assert fields["good_within_percent"] == DEFAULT_GOOD_WITHIN == Thresholds().good_within
    assert fields["partly_within_percent"] == DEFAULT_PARTLY_WITHIN == Thresholds().partly_within


def test_the_grading_page_states_the_default_limits(world, clients):
    page = clients["kansli"].get(reverse("reports:grading", kwargs={"forbund": world.a.slug}))
    text = page.content.decode()
    assert f"vanligen {DEFAULT_GOOD_WITHIN} %" in text
    assert f"vanligen {DEFAULT_PARTLY_WITHIN} %" in text


def test_generated_participant_files_spell_codes_as_the_file_contract():
    from participants.rules import FILE_SPELLING
    from samples import participant_rows as generator
    from samples import sample_data

    def spelled(column: str) -> set[str]:
        return {"", *FILE_SPELLING[column].values()}

    for values, column in (
        (generator.GENDERS, "kon"),
        (generator.EDUCATION, "utbildning"),
        (generator.REFERRERS, "inremitterande_part"),
        (generator.END_REASONS, "avslutsorsak"),
        (generator.FOLLOW_UP, "egen_forsorjning_12_man"),
        (sample_data.GENDERS, "kon"),
        (sample_data.EDUCATIONS, "utbildning"),
        (sample_data.END_REASONS, "avslutsorsak"),
    ):
        assert {value for value, _weight in values} <= spelled(column), column
