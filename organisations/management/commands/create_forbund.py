from django.core.management.base import CommandError

from core.management.base import SamordnaCommand
from organisations import services


class Command(SamordnaCommand):
    help = "Skapar ett förbund (tenant)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="kortnamn, t.ex. roslagen")
        parser.add_argument("name", help='förbundets namn, t.ex. "Samordningsförbundet Roslagen"')
        parser.add_argument("--orgnr", default="", help="organisationsnummer NNNNNN-NNNN")

    def handle(self, *args, slug, name, orgnr, **options):
        try:
            forbund = services.create_forbund(slug, name, org_number=orgnr)
        except services.ServiceError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Skapade förbundet {forbund.name} ({forbund.slug}).")
