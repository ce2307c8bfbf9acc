"""Grants the application role its privileges (run as the owner; `migrate` does it too)."""

from django.core.management.base import CommandError

from core.dbroles import as_owner, grant_app_privileges
from core.management.base import SamordnaCommand


class Command(SamordnaCommand):
    help = (
        "Ger programrollen (användaren i DATABASE_URL) rättigheterna den behöver: läsa och skriva "
        "vanliga tabeller, bara läsa och lägga till i händelseloggen. Körs som ägarrollen "
        "(DATABASE_OWNER_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--app-role", help="programrollens namn (standard: användaren i DATABASE_URL)"
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        with as_owner(options["database"]) as app_user:
            app_role = options["app_role"] or app_user
            if not app_role:
                raise CommandError(
                    "Ange --app-role eller sätt DATABASE_OWNER_URL (ägaren) och DATABASE_URL "
                    "(programrollen)."
                )
            report = grant_app_privileges(app_role, options["database"])
        self.stdout.write(
            f"{report.app_role}: läsa och skriva {report.tables} tabeller som ägs av "
            f"{report.owner_role}; bara läsa och lägga till: "
            f"{', '.join(report.append_only) or '–'}; bara läsa: "
            f"{', '.join(report.read_only) or '–'}."
        )
