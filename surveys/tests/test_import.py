"""The response file: every error with row, column, value and reason, and nothing written."""

from __future__ import annotations

from django_scopes import scope

from surveys.models import Answer, Response
from surveys.services import import_survey_responses

HEADER = "svar_id;enkat;insats;datum;kon;A1;A2;B3\n"


def run(world, text: str, **kwargs):
    return import_survey_responses(world.a, text.encode("utf-8"), "svar.csv", **kwargs)


def test_every_error_is_listed_and_nothing_is_written(world):
    result = run(
        world,
        HEADER
        + "1;NNS-DA;A1;2024-03-01;k;Alltid;3;Helt och hållet\n"
        + "2;NNS-XX;A1;2024-03-01;;;;\n"
        + "3;NNS-DA;B1;2024-03-01;m;;;\n"
        + "4;NNS-DA;A1;2024-02-30;x;7;Kanske;\n"
        + "1;NNS-DA;A1;2024-03-01;;;;\n",
    )
    assert not result.ok
    found = {(e.row, e.column, e.value) for e in result.errors}
    assert found == {
        (3, "enkat", "NNS-XX"),
        (4, "insats", "B1"),
        (5, "datum", "2024-02-30"),
        (5, "kon", "x"),
        (5, "A1", "7"),
        (5, "A2", "Kanske"),
        (6, "svar_id", "1"),
    }
    reasons = {e.column: e.reason for e in result.errors if e.row == 5}
    assert "Aldrig, Sällan" in reasons["A1"] and "1–6" in reasons["A1"]
    with scope(forbund=world.a):
        assert not Response.objects.exists()


def test_steps_by_text_or_number_any_case_and_no_answer(world):
    result = run(
        world,
        HEADER
        + "1;nns-da;a1;2024-03-01;Kvinna;ALLTID;2;ej svar\n"
        + "2;NNS-DA;A1;2024-03-02;;6;;helt och hållet\n",
    )
    assert result.ok, result.errors
    with scope(forbund=world.a):
        steps = sorted(
            Answer.objects.filter(response__forbund=world.a).values_list(
                "response__external_id", "question__code", "step"
            )
        )
        genders = dict(Response.objects.values_list("external_id", "gender"))
    assert steps == [("1", "A1", 6), ("1", "A2", 2), ("2", "A1", 6), ("2", "B3", 6)]
    assert genders == {"1": "kvinna", "2": "ej_angivet"}


def test_a_changed_row_replaces_the_answer_with_the_same_svar_id(world):
    assert run(world, HEADER + "1;NNS-DA;A1;2024-03-01;k;Alltid;;\n").created == 1
    result = run(world, HEADER + "1;NNS-DA;A1;2024-03-01;k;Aldrig;;\n2;NNS-DA;A1;2024-03-01;;;;\n")
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    with scope(forbund=world.a):
        assert Response.objects.count() == 2
        answers = Answer.objects.filter(response__forbund=world.a)
        assert list(answers.values_list("step", flat=True)) == [1]


def test_an_answered_instrument_gets_a_new_version_when_changed(world):
    from surveys.services import editable_version, latest_version

    instrument = latest_version(world.a, "NNS-DA")
    with scope(forbund=world.a):
        assert editable_version(instrument) == instrument  # no answers yet
        run(world, HEADER + "1;NNS-DA;A1;2024-03-01;k;Alltid;;\n")
        assert instrument.frozen
        second = editable_version(instrument)
    assert (second.code, second.version) == ("NNS-DA", 2)
    assert [q.code for q in second.questions.all()] == [q.code for q in instrument.questions.all()]


def test_the_log_keeps_the_files_facts_never_its_name(world):
    import json

    from django_scopes import scopes_disabled

    from core import audit
    from core.models import AuditEvent

    data = (HEADER + "1;NNS-DA;A1;2024-03-01;k;Alltid;;\n").encode()
    assert import_survey_responses(world.a, data, "Anna Andersson 850101-1234.csv").ok
    with scopes_disabled():
        event = AuditEvent.objects.filter(action="survey.responses_imported").latest("id")
    assert event.changes["fil"] == audit.file_facts("x.csv", data)
    assert "Anna" not in json.dumps(event.changes, ensure_ascii=False)
