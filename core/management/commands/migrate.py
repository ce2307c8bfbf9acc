"""`migrate` as the owner role when DATABASE_OWNER_URL is set, then the application role's grants.

Without DATABASE_OWNER_URL this is Django's `migrate` unchanged (local use, tests).
"""

from django.core.management.commands.migrate import Command as DjangoMigrateCommand

from core.dbroles import as_owner, grant_app_privileges


class Command(DjangoMigrateCommand):
    help = (
        "Kör migreringarna; med DATABASE_OWNER_URL som ägarrollen, och ger sedan programrollen "
        "(DATABASE_URL) dess rättigheter (setup_db_roles)."
    )

    def handle(self, *args, **options):
        database = options["database"]
        with as_owner(database) as app_role:
            super().handle(*args, **options)
            if app_role is not None:
                report = grant_app_privileges(app_role, database)
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        f"Rättigheter för {report.app_role} satta på {report.tables} tabeller "
                        f"(bara läsa och lägga till: {', '.join(report.append_only) or '–'})."
                    )
