"""python manage.py participant_stats --forbund SLUG --year YYYY  (docs/format/statistik.md)"""

import json

from django.core.management.base import CommandError

from core import audit
from core.management.base import SamordnaCommand
from core.years import is_valid_year, year_range_text
from organisations.management.base import forbund_by_slug
from participants.services.statistics import year_statistics
from participants.services.statistics_publication import publishable


class Command(SamordnaCommand):
    help = "Skriver ut deltagarstatistiken för ett år som JSON (förbundets exakta antal)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--year", required=True, type=int, help="året, t.ex. 2023")
        parser.add_argument(
            "--publicering",
            action="store_true",
            help="skriv den version som får lämna förbundet (antal 1–4 visas som <5)",
        )

    def handle(self, *args, forbund: str, year: int, publicering: bool, **options):
        target = forbund_by_slug(forbund)
        if not is_valid_year(year):
            raise CommandError(f"Året {year} är inte ett rimligt år ({year_range_text()}).")
        document = year_statistics(target, year)
        if publicering:
            document = publishable(document)
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        audit.log_export(
            None,
            target,
            kind="deltagarstatistik",
            file_format="json",
            year=year,
            command=True,
            publicering=publicering,
        )
