from pathlib import Path

from django.core.management.base import CommandError

from core.management.base import SamordnaCommand
from economy.services import SieImportError, import_sie
from organisations.management.base import forbund_by_slug


class Command(SamordnaCommand):
    help = "Läser in en SIE-fil som förbundets bokföring för filens räkenskapsår."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("file", type=Path, help="SIE-fil (typ 1–4, 4E eller 4I)")

    def handle(self, *args, forbund, file, **options):
        target = forbund_by_slug(forbund)
        if not file.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        try:
            result = import_sie(target, file)
        except SieImportError as error:
            raise CommandError(
                f"{file.name} lästes inte in (inget sparades):\n" + "\n".join(error.problems)
            ) from None
        for warning in result.warnings:
            self.stderr.write(f"Varning: {warning}")
        replaced = " (ersatte den tidigare inläsningen)" if result.replaced else ""
        self.stdout.write(
            f"Läste in räkenskapsåret {result.financial_year} för {target.name} från "
            f"{file.name}: {result.accounts} konton, {result.vouchers} verifikationer, "
            f"{result.transactions} transaktioner{replaced}."
        )
