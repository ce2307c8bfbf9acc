"""The `--forbund SLUG` argument of the participant commands."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from organisations.models import Forbund


def forbund_by_slug(slug: str) -> Forbund:
    try:
        return Forbund.objects.get(slug=slug)
    except Forbund.DoesNotExist:
        message = _("Det finns inget förbund med kortnamnet %(slug)s.") % {"slug": slug}
        raise CommandError(message) from None


def report_problems(command, errors, warnings) -> None:
    """Every error and warning on stderr, one a line (Swedish, with row, column and value)."""
    for warning in warnings:
        command.stderr.write(_("Varning: %(warning)s") % {"warning": warning})
    for error in errors:
        command.stderr.write(str(error))
