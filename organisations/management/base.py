"""The `--forbund SLUG` lookup of the commands that work on one förbund."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from organisations.models import Forbund


def forbund_by_slug(slug: str) -> Forbund:
    try:
        return Forbund.objects.get(slug=slug)
    except Forbund.DoesNotExist:
        message = _("Det finns inget förbund med kortnamnet ”%(slug)s”.") % {"slug": slug}
        raise CommandError(message) from None
