"""python manage.py survey_results --forbund SLUG --year YYYY --enkat KOD [--insats KOD]
[--publicering]  (docs/format/enkat.md)"""

import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core import audit
from core.management.base import SamordnaCommand
from core.years import is_valid_year, year_range_text
from organisations.management.base import forbund_by_slug
from surveys.services import NoSuchInstrument, survey_results


class Command(SamordnaCommand):
    help = "Skriver ut resultaten av en enkät för ett år som JSON."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--year", required=True, type=int, help="året, t.ex. 2023")
        parser.add_argument("--enkat", required=True, help="enkätens kod, t.ex. NNS-DA")
        parser.add_argument("--insats", help="bara en insats (kod)")
        parser.add_argument(
            "--publicering",
            action="store_true",
            help="den version som får lämna förbundet (antal 1–4 döljs)",
        )

    def handle(self, *args, forbund, year, enkat, insats=None, publicering=False, **options):
        target = forbund_by_slug(forbund)
        if not is_valid_year(year):
            raise CommandError(f"Året {year} är inte ett rimligt år ({year_range_text()}).")
        try:
            document = survey_results(target, year, enkat, insats=insats, publication=publicering)
        except NoSuchInstrument:
            raise CommandError(
                _("Förbundet har ingen enkät med koden %(code)s.") % {"code": enkat}
            ) from None
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        audit.log_export(
            None,
            target,
            kind="enkatresultat",
            file_format="json",
            year=year,
            command=True,
            enkat=enkat,
            publicering=publicering,
        )
