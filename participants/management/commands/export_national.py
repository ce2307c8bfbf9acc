"""python manage.py export_national --forbund SLUG --year YYYY -o FILE.xlsx|FILE.csv

The national export (Uppföljning Finsam): participants per insats and kön, small counts
suppressed. See participants/services/national_export.py.
"""

from pathlib import Path

from django.core.management.base import CommandError

from core import audit
from core.files import atomic_output
from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from participants.services.national_export import export_csv, export_xlsx, national_export


class Command(SamordnaCommand):
    help = "Skriver filen till Uppföljning Finsam: deltagare per insats och kön (små antal dolda)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--year", required=True, type=int, help="året, t.ex. 2023")
        parser.add_argument(
            "-o", "--output", required=True, type=Path, help="FIL.xlsx eller FIL.csv"
        )

    def handle(self, *args, forbund: str, year: int, output: Path, **options):
        target = forbund_by_slug(forbund)
        suffix = output.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise CommandError(f"Filen {output} ska sluta på .xlsx eller .csv.")
        export = national_export(target, year)
        content = export_xlsx(export) if suffix == ".xlsx" else export_csv(export)
        try:
            with atomic_output(output) as file:
                file.write(content)
        except OSError as error:
            raise CommandError(f"Kunde inte skriva {output}: {error.strerror}.") from None
        audit.log_export(
            None,
            target,
            kind="uppfoljning_finsam",
            file_format=suffix.lstrip("."),
            year=year,
            rows=len(export.rows),
            command=True,
        )
        self.stdout.write(f"Skrev {output} ({len(export.rows)} rader).")
