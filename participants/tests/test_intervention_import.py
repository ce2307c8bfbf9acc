"""The insats file of import_interventions (docs/format/insatsfil.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django_scopes import scope

from core.models import AuditEvent
from participants.choices import InterventionKind
from participants.models import Insats
from participants.services import import_interventions
from samples.participant_rows import csv_bytes, xlsx_bytes

HEADER = ["kod", "namn", "typ", "startdatum", "slutdatum"]


def insats_row(**values):
    base = {
        "kod": "FT",
        "namn": "FINSAM-team",
        "typ": "individinriktad",
        "startdatum": "2019-01-01",
        "slutdatum": "",
    }
    base.update(values)
    return base


def run(world, rows, filename="insatser.csv", **options):
    data = (xlsx_bytes if filename.endswith(".xlsx") else csv_bytes)(rows, header=HEADER, **options)
    return import_interventions(world.a, data, filename)


def insats(world, code):
    with scope(forbund=world.a):
        return Insats.objects.get(code=code)


def test_new_codes_become_insatser(world):
    result = run(
        world, [insats_row(), insats_row(kod="KOMP", namn="Kompetens", typ="Strukturinriktad")]
    )
    assert result.ok, result.errors
    assert (result.created, result.updated) == (2, 0)
    ft = insats(world, "FT")
    assert (ft.name, ft.kind, ft.start_date, ft.end_date) == (
        "FINSAM-team",
        InterventionKind.INDIVIDUAL,
        date(2019, 1, 1),
        None,
    )
    assert insats(world, "KOMP").kind == InterventionKind.STRUCTURAL


def test_an_existing_code_updates_that_insats(world):
    result = run(world, [insats_row(kod="A1", namn="Nytt namn", slutdatum="2025-12-31")])
    assert (result.created, result.updated) == (0, 1)
    a1 = insats(world, "A1")
    assert (a1.pk, a1.name, a1.end_date) == (world.insats_a1.pk, "Nytt namn", date(2025, 12, 31))


def test_the_same_file_twice_changes_nothing_the_second_time(world):
    run(world, [insats_row()])
    result = run(world, [insats_row()])
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_strukturovergripande_is_read_as_strukturinriktad(world):
    run(world, [insats_row(typ="Strukturövergripande")])
    assert insats(world, "FT").kind == InterventionKind.STRUCTURAL


def test_xlsx_with_date_cells(world):
    result = run(world, [insats_row()], filename="insatser.xlsx")
    assert result.ok, result.errors
    assert insats(world, "FT").start_date == date(2019, 1, 1)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"typ": "blandad"}, (2, "typ", "blandad")),
        ({"kod": ""}, (2, "kod", "")),
        ({"namn": ""}, (2, "namn", "")),
        ({"kod": "X" * 33}, (2, "kod", "X" * 33)),
        ({"kod": "FT/2023"}, (2, "kod", "FT/2023")),
        ({"startdatum": "2019-02-29"}, (2, "startdatum", "2019-02-29")),
        ({"slutdatum": "2018-12-31"}, (2, "slutdatum", "2018-12-31")),
    ],
)
def test_each_bad_value_is_an_error_and_nothing_is_written(world, values, expected):
    result = run(world, [insats_row(kod="OK"), insats_row(**values)])
    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (expected[0] + 1, expected[1], expected[2])
    ]
    with scope(forbund=world.a):
        assert not Insats.objects.filter(code="OK").exists()


def test_a_code_twice_in_the_file_is_an_error(world):
    result = run(world, [insats_row(), insats_row(namn="Annat")])
    assert [(e.row, e.column) for e in result.errors] == [(3, "kod")]


def test_a_missing_required_column_is_an_error(world):
    data = csv_bytes([{"kod": "FT", "namn": "FINSAM"}], header=["kod", "namn"])
    result = import_interventions(world.a, data, "insatser.csv")
    assert [(e.row, e.column) for e in result.errors] == [(1, "typ")]


def test_created_and_updated_insatser_are_logged(world):
    with scope(forbund=world.a):
        before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    run(world, [insats_row(), insats_row(kod="A1", namn="Nytt namn")])
    with scope(forbund=world.a):
        new = AuditEvent.objects.filter(id__gt=before)
        actions = sorted(new.values_list("action", flat=True))
    assert actions == ["insats.created", "insats.updated"]
