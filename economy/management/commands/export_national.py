"""python manage.py export_national --forbund SLUG --year YYYY (-o FILE.xlsx|FILE.csv | --json)
    [--publicering]

Everything the förbund registers in Uppföljning Finsam for the year: the money block and
every insats with budget, outcome and participants. Exact counts unless --publicering.
See economy/services/national_export.py and docs/format/uppfoljning-finsam.md.
"""

import json
from pathlib import Path

from django.core.management.base import CommandError

from core import audit
from core.files import atomic_output
from core.management.base import SamordnaCommand
from core.years import is_valid_year
from economy.services.national_export import NationalExporter, national_document
from organisations.management.base import forbund_by_slug


class Command(SamordnaCommand):
    help = (
        "Skriver underlaget till Uppföljning Finsam: medel, insatser med budget och utfall, "
        "deltagare per insats och kön (exakta antal; --publicering döljer små antal)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--year", required=True, type=int, help="året, t.ex. 2023")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("-o", "--output", type=Path, help="FIL.xlsx eller FIL.csv")
        target.add_argument(
            "--json", action="store_true", help="skriv dokumentet som JSON på standard ut"
        )
        parser.add_argument(
            "--publicering",
            action="store_true",
            help="dölj små antal (1–4 som <5) för det som publiceras",
        )

    def handle(self, *args, forbund, year, output, publicering: bool, **options):
        target = forbund_by_slug(forbund)
        if not is_valid_year(year):
            raise CommandError(f"Året {year} ligger utanför de år som Samordna hanterar.")
        suffix = output.suffix.lower() if output is not None else ""
        if output is not None and suffix not in (".xlsx", ".csv"):
            raise CommandError(f"Filen {output} ska sluta på .xlsx eller .csv.")
        document = national_document(target, year, publication=publicering)
        if options["json"]:
            self.stdout.write(_dumps(document))
            self._log(target, "json", year, document, publicering)
            return
        content = NationalExporter(document, publication=publicering).render(suffix[1:])
        try:
            with atomic_output(output) as file:
                file.write(content)
        except OSError as error:
            raise CommandError(f"Kunde inte skriva {output}: {error.strerror}.") from None
        self._log(target, suffix[1:], year, document, publicering)
        self.stdout.write(f"Skrev {output} ({len(document['insatser'])} insatser).")

    def _log(self, target, file_format, year, document, publicering):
        audit.log_export(
            None,
            target,
            kind="uppfoljning_finsam",
            file_format=file_format,
            year=year,
            rows=len(document["insatser"]),
            command=True,
            publicering=publicering,
        )


def _dumps(document) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
