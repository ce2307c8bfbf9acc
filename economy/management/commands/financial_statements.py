from django.core.management.base import CommandError

from core import audit
from core.management.base import SamordnaCommand
from economy.services import NoBooksError, financial_statements, statements_json
from organisations.management.base import forbund_by_slug


class Command(SamordnaCommand):
    help = (
        "Skriver årets resultaträkning, balansräkning, kassaflödesanalys, noter och "
        "nyckeltal som JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--year", required=True, type=int, help="räkenskapsåret, t.ex. 2023")

    def handle(self, *args, forbund, year, **options):
        target = forbund_by_slug(forbund)
        try:
            document = financial_statements(target, year)
        except NoBooksError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(statements_json(document))
        audit.log_export(None, target, kind="bokslut", file_format="json", year=year, command=True)
