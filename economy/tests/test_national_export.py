"""The national export (Uppföljning Finsam), docs/format/uppfoljning-finsam.md.

Förbund A with the hand-made 2023 books (conftest; figures in test_statements.py and
test_operating.py): administration costs 175 000, FT 400 000, KOMP 100 000; equity
1 060 000 at the start of 2023 and 1 630 000 at its end. The budget of test_operating's
budget_2023: administration 200 000, FT 450 000 revised to 420 000, KOMP 150 000.

A multi-year history in FT: people who came back to the insats are counted once.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from budget.models import Contribution
from economy.services.national_export import INSATS_COLUMNS, NationalExporter, national_document
from economy.tests.test_operating import budget_2023  # noqa: F401 (a fixture)
from organisations.choices import MemberKind
from organisations.models import Member
from participants.models import Insats, StructuralParticipantCount
from participants.services.statistics import year_statistics
from participants.tests.statistics_factories import Row, add_rows


def history() -> list[Row]:
    """FT over 2021–2024. 2023: six participations, four persons."""
    return [
        # p1 came back: ended in March, back in September, as man the second time.
        Row("p1", "FT", date(2022, 10, 1), date(2023, 3, 1), "annat", "kvinna"),
        Row("p1", "FT", date(2023, 9, 1), None, "", "man"),
        # p2 came back within the year, both times as kvinna.
        Row("p2", "FT", date(2023, 1, 10), date(2023, 2, 10), "annat", "kvinna"),
        Row("p2", "FT", date(2023, 5, 1), date(2023, 11, 30), "arbete", "kvinna"),
        Row("p3", "FT", date(2021, 1, 1), None, "", "ej_angivet"),
        Row("p4", "FT", date(2023, 12, 31), None, "", "kvinna"),
        # Not active in 2023.
        Row("p5", "FT", date(2021, 1, 1), date(2022, 12, 31), "arbete", "man"),
        Row("p6", "FT", date(2024, 1, 1), None, "", "man"),
    ]


@pytest.fixture
def year_2023(forbund, books, budget_2023):  # noqa: F811 (the imported fixture)
    with scopes_disabled():
        region = Member.objects.create(
            forbund=forbund, name="Region Alfa", kind=MemberKind.REGION, joined_on=date(2015, 1, 1)
        )
        for member in forbund.members.all():
            amount = {MemberKind.FORSAKRINGSKASSAN: 600_000, MemberKind.REGION: 300_000}
            Contribution.objects.create(
                forbund=forbund,
                member=member,
                year=2023,
                decided=amount.get(member.kind, 300_000),
            )
        assert region.pk
        ft = Insats.objects.get(forbund=forbund, code="FT")
        ft.orientation = "Arbetslivsinriktad rehabilitering"
        ft.target_group = "16–64 år, långt från arbetsmarknaden"
        ft.expected_participants = 5
        ft.save()
        komp = Insats.objects.get(forbund=forbund, code="KOMP")
        StructuralParticipantCount.objects.create(
            forbund=forbund, insats=komp, year=2023, women=31, men=9, not_stated=2
        )
    add_rows(forbund, history())
    return forbund


def insats(document, code):
    return next(row for row in document["insatser"] if row["kod"] == code)


def test_the_document_has_the_keys_of_the_spec(year_2023):
    document = national_document(year_2023, 2023)
    assert list(document) == ["forbund", "ar", "medel", "insatser"]
    assert list(document["medel"]) == [
        "tilldelade_stat",
        "tilldelade_region",
        "tilldelade_kommuner",
        "eget_kapital_ingaende",
        "eget_kapital_utgaende",
        "administration_budget",
        "administration_utfall",
    ]
    assert list(insats(document, "FT")) == [
        "kod",
        "namn",
        "typ",
        "inriktning",
        "malgrupp",
        "budget",
        "utfall",
        "budgeterat_antal_deltagare",
        "deltagare",
    ]


def test_the_money_block_comes_from_contributions_budget_and_books(year_2023):
    assert national_document(year_2023, 2023)["medel"] == {
        "tilldelade_stat": 600_000,
        "tilldelade_region": 300_000,
        "tilldelade_kommuner": 300_000,
        "eget_kapital_ingaende": 1_060_000,
        "eget_kapital_utgaende": 1_630_000,
        "administration_budget": 200_000,
        "administration_utfall": 175_000,
    }


def test_every_insats_carries_budget_outcome_and_its_own_fields(year_2023):
    document = national_document(year_2023, 2023)
    ft = insats(document, "FT")
    assert ft["typ"] == "individinriktad"
    assert ft["inriktning"] == "Arbetslivsinriktad rehabilitering"
    assert ft["malgrupp"] == "16–64 år, långt från arbetsmarknaden"
    assert (ft["budget"], ft["utfall"], ft["budgeterat_antal_deltagare"]) == (420_000, 400_000, 5)
    komp = insats(document, "KOMP")
    assert (komp["typ"], komp["budget"], komp["utfall"]) == ("strukturinriktad", 150_000, 100_000)
    assert komp["inriktning"] is None and komp["budgeterat_antal_deltagare"] is None


def test_an_individual_insats_counts_persons_not_participations(year_2023):
    ft = insats(national_document(year_2023, 2023), "FT")
    # p1 (man: latest start), p2 (kvinna), p3 (ej angivet), p4 (kvinna).
    assert ft["deltagare"] == {"kvinna": 2, "man": 1, "ej_angivet": 1, "totalt": 4}
    # The participant statistics keep counting participations: 6.
    statistics = year_statistics(year_2023, 2023)
    assert statistics["insatser"]["FT"]["deltagare"]["totalt"] == 6


def test_a_person_counts_in_each_year_of_the_history(year_2023):
    counts = {
        year: insats(national_document(year_2023, year), "FT")["deltagare"]["totalt"]
        for year in (2021, 2022, 2023, 2024)
    }
    assert counts == {2021: 2, 2022: 3, 2023: 4, 2024: 4}


@pytest.mark.parametrize("swapped", [False, True])
def test_same_day_participations_in_one_insats_in_either_row_order(forbund, swapped):
    """One person, one insats, two participations: the later end decides the kön."""
    rows = [
        Row("x", "FT", date(2023, 3, 1), date(2023, 4, 1), "annat", "kvinna"),
        Row("x", "FT", date(2023, 5, 1), date(2023, 5, 2), "annat", "man"),
        Row("y", "FT", date(2023, 2, 1), date(2023, 2, 5), "annat", "man"),
        Row("y", "FT", date(2023, 6, 1), None, "", "kvinna"),
    ]
    add_rows(forbund, rows[::-1] if swapped else rows)
    ft = insats(national_document(forbund, 2023), "FT")
    assert ft["deltagare"] == {"kvinna": 1, "man": 1, "ej_angivet": 0, "totalt": 2}


def test_a_structural_insats_exports_its_entered_counts(year_2023):
    komp = insats(national_document(year_2023, 2023), "KOMP")
    assert komp["deltagare"] == {"kvinna": 31, "man": 9, "ej_angivet": 2, "totalt": 42}
    assert insats(national_document(year_2023, 2022), "KOMP")["deltagare"] is None


def test_without_budget_or_books_the_amounts_are_null(forbund):
    document = national_document(forbund, 2023)
    assert set(document["medel"].values()) == {None}
    ft = insats(document, "FT")
    assert ft["budget"] is None and ft["utfall"] is None
    assert ft["deltagare"]["totalt"] == 0


def test_publication_hides_small_counts(year_2023):
    ft = insats(national_document(year_2023, 2023, publication=True), "FT")
    assert ft["deltagare"] == {"kvinna": "<5", "man": "<5", "ej_angivet": "<5", "totalt": "<5"}
    komp = insats(national_document(year_2023, 2023, publication=True), "KOMP")
    assert komp["deltagare"]["kvinna"] == 31 and komp["deltagare"]["ej_angivet"] != 2


def test_xlsx_has_the_three_sheets_and_csv_the_insatser(year_2023):
    document = national_document(year_2023, 2023)
    book = load_workbook(io.BytesIO(NationalExporter(document).render("xlsx")))
    assert book.sheetnames == ["Förbund", "Insatser", "Förklaring"]
    forbund_rows = {row[0]: row[1] for row in book["Förbund"].iter_rows(values_only=True)}
    assert forbund_rows["eget_kapital_utgaende"] == 1_630_000
    sheet = book["Insatser"]
    assert [c.value for c in sheet[1]] == list(INSATS_COLUMNS)
    rows = {row[0]: list(row) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["FT"] == [
        "FT",
        "FINSAM-team",
        "individinriktad",
        "Arbetslivsinriktad rehabilitering",
        "16–64 år, långt från arbetsmarknaden",
        420_000,
        400_000,
        5,
        2,
        1,
        1,
        4,
    ]
    explained = {row[0] for row in book["Förklaring"].iter_rows(values_only=True)}
    assert {"tilldelade_stat", "budgeterat_antal_deltagare", "deltagare_*"} <= explained
    text = NationalExporter(document).render("csv").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0] == list(INSATS_COLUMNS)
    assert [line[0] for line in lines[1:]] == ["A1", "A2", "FT", "KOMP"]
    assert lines[4][:3] == ["KOMP", "Kompetensutveckling", "strukturinriktad"]
    assert lines[4][-4:] == ["31", "9", "2", "42"]


def test_the_command_writes_files_and_json(year_2023, tmp_path, capsys):
    target = tmp_path / "finsam.xlsx"
    call_command("export_national", "--forbund", "alfa", "--year", "2023", "-o", str(target))
    assert load_workbook(target)["Insatser"]["L4"].value == 4  # FT, after A1 and A2
    assert "Skrev" in capsys.readouterr().out
    call_command("export_national", "--forbund", "alfa", "--year", "2023", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(national_document(year_2023, 2023)))
    call_command(
        "export_national", "--forbund", "alfa", "--year", "2023", "--json", "--publicering"
    )
    assert insats(json.loads(capsys.readouterr().out), "FT")["deltagare"]["totalt"] == "<5"
    with pytest.raises(CommandError, match=r"ska sluta på \.xlsx eller \.csv"):
        call_command("export_national", "--forbund", "alfa", "--year", "2023", "-o", "x.pdf")


def test_downloads_for_those_who_see_statistics_only(year_2023, clients):
    def url(name):
        return reverse(name, kwargs={"forbund": "alfa", "year": 2023})

    response = clients["ekonom"].get(url("economy:national_xlsx"))
    assert response.status_code == 200
    assert "uppfoljning-finsam-alfa-2023.xlsx" in response["Content-Disposition"]
    response = clients["kansli"].get(url("economy:national_csv") + "?publicering=1")
    assert "FT;FINSAM-team;individinriktad" in response.content.decode("utf-8-sig")
    assert ";<5;<5;<5;<5" in response.content.decode("utf-8-sig")
    assert clients["insatsansvarig"].get(url("economy:national_csv")).status_code == 403


def test_the_demo_exports_persons_money_and_its_structural_insats(demo_forbund):
    document = national_document(demo_forbund, 2024)
    statistics = year_statistics(demo_forbund, 2024)
    assert all(value is not None for value in document["medel"].values())
    for code in ("FT", "AP", "IPS"):
        persons = insats(document, code)["deltagare"]["totalt"]
        participations = statistics["insatser"][code]["deltagare"]["totalt"]
        assert 0 < persons <= participations
    returned = sum(
        statistics["insatser"][code]["deltagare"]["totalt"]
        - insats(document, code)["deltagare"]["totalt"]
        for code in ("FT", "AP", "IPS")
    )
    assert returned > 0  # the demo has people who came back to an insats
    # The figures: FINSAM-team 197 participations, 187 people (AP 135/127, IPS 69/65).
    assert insats(document, "FT")["deltagare"]["totalt"] == 187
    assert statistics["insatser"]["FT"]["deltagare"]["totalt"] == 197
    komp = insats(document, "KOMP")
    assert komp["deltagare"] == {"kvinna": 52, "man": 19, "ej_angivet": 4, "totalt": 75}
    assert komp["budget"] == 300_000 and komp["inriktning"]


def test_the_export_made_by_a_job_equals_the_direct_download(
    year_2023, clients, django_capture_on_commit_callbacks
):
    from django_scopes import scopes_disabled

    from core.models import Job

    start = reverse("economy:national_generate", kwargs={"forbund": "alfa", "year": 2023})
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["kansli"].post(start, {"format": "csv", "publicering": "1"})
    with scopes_disabled():
        job = Job.objects.get(kind="economy.national")
    assert response["Location"] == reverse(
        "organisations:job", kwargs={"forbund": "alfa", "job": job.pk}
    )
    assert (job.state, job.title) == (
        "done",
        "Uppföljning Finsam 2023 som CSV (publiceringsversion)",
    )
    from_job = clients["styrelse"].get(
        reverse("organisations:job_file", kwargs={"forbund": "alfa", "job": job.pk})
    )
    direct = clients["styrelse"].get(
        reverse("economy:national_csv", kwargs={"forbund": "alfa", "year": 2023}) + "?publicering=1"
    )
    assert from_job.content == direct.content
    assert ";<5;<5;<5;<5" in from_job.content.decode("utf-8-sig")
    assert 'filename="uppfoljning-finsam-alfa-2023.csv"' in from_job["Content-Disposition"]
    job_page = reverse("organisations:job", kwargs={"forbund": "alfa", "job": job.pk})
    assert clients["insatsansvarig"].get(job_page).status_code == 403
    assert clients["insatsansvarig"].post(start, {"format": "csv"}).status_code == 403
    refused = clients["kansli"].post(start, {"format": "pdf"})
    assert refused["Location"] == reverse(
        "statistics:year", kwargs={"forbund": "alfa", "year": 2023}
    )
