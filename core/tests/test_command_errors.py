import pytest
from django.core.management import load_command_class

COMMANDS_TAKING_A_FORBUND = [
    ("participants", "participant_stats", ["--year", "2024"]),
    ("participants", "export_participants", ["-o", "x.csv"]),
    ("participants", "participant_extract", ["--deltagare", "A1-0001"]),
    ("economy", "financial_statements", ["--year", "2024"]),
    ("reports", "annual_report", ["--year", "2024", "-o", "arsredovisning.pdf"]),
    ("organisations", "invite_user", ["forsta@example.se"]),
    ("organisations", "create_user", ["anna", "--roll", "kansli"]),
    ("api", "create_api_token", ["--username", "anna"]),
]


def run_as_from_the_shell(app: str, name: str, argv: list[str]) -> None:
    """What `manage.py NAME ARGV` does, without run_from_argv's closing of every database
    connection (which would end the test's transaction)."""
    command = load_command_class(app, name)
    command._called_from_command_line = True  # type: ignore[attr-defined]  # set by run_from_argv, not in the stubs
    options = vars(command.create_parser("manage.py", name).parse_args(argv))
    args = options.pop("args", ())
    command.execute(*args, **options)


@pytest.mark.django_db
@pytest.mark.parametrize(("app", "name", "extra"), COMMANDS_TAKING_A_FORBUND)
def test_an_unknown_forbund_gives_a_swedish_message_and_a_non_zero_exit(app, name, extra, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run_as_from_the_shell(app, name, ["--forbund", "finns-inte", *extra])
    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "Det finns inget förbund med kortnamnet ”finns-inte”" in err
    assert "CommandError" not in err


@pytest.mark.django_db
def test_create_forbund_reports_an_existing_slug_in_swedish_only(capsys):
    run_as_from_the_shell("organisations", "create_forbund", ["x", "X"])
    with pytest.raises(SystemExit):
        run_as_from_the_shell("organisations", "create_forbund", ["x", "Y"])
    err = capsys.readouterr().err
    assert err.strip().startswith("Det finns redan ett förbund")
