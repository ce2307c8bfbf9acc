"""Shared by the economy commands: find the förbund named on the command line."""

from django.core.management.base import CommandError

from organisations.models import Forbund


def forbund_from_slug(slug: str) -> Forbund:
    forbund = Forbund.objects.filter(slug=slug).first()
    if forbund is None:
        raise CommandError(f"Det finns inget förbund med kortnamnet ”{slug}”.")
    return forbund
