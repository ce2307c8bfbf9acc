import pytest
from django.core.management import load_command_class

COMMANDS_TAKING_A_FORBUND = [
    ("participants", "participant_stats", ["--year", "2024"]),
    ("participants", "export_participants", ["-o", "x.csv"]),
    ("economy", "financial_statements", ["--year", "2024"]),
    ("reports", "annual_report", ["--year", "2024", "-o", "arsredovisning.pdf"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("app", "name", "extra"), COMMANDS_TAKING_A_FORBUND)
def test_an_unknown_forbund_gives_a_swedish_message_and_a_non_zero_exit(app, name, extra, capsys):
    command = load_command_class(app, name)
    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(["manage.py", name, "--forbund", "finns-inte", *extra])
    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "Det finns inget förbund med kortnamnet ”finns-inte”" in err
    assert "CommandError" not in err


@pytest.mark.django_db
def test_create_forbund_reports_an_existing_slug_in_swedish_only(capsys):
    command = load_command_class("organisations", "create_forbund")
    command.run_from_argv(["manage.py", "create_forbund", "x", "X"])
    with pytest.raises(SystemExit):
        load_command_class("organisations", "create_forbund").run_from_argv(
            ["manage.py", "create_forbund", "x", "Y"]
        )
    err = capsys.readouterr().err
    assert err.strip().startswith("Det finns redan ett förbund")
