"""Error and warning output shared by the participant commands."""

from django.utils.translation import gettext as _


def report_problems(command, errors, warnings) -> None:
    """Every error and warning on stderr, one a line (Swedish, with row, column and value)."""
    for warning in warnings:
        command.stderr.write(_("Varning: %(warning)s") % {"warning": warning})
    for error in errors:
        command.stderr.write(str(error))
