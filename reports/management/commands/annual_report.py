"""`annual_report --forbund SLUG --year YYYY -o FILE.docx|FILE.pdf` (docs/format/kommandon.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django_scopes import scope

from core import audit
from core.files import atomic_output
from core.management.base import SamordnaCommand
from core.years import is_valid_year
from organisations.management.base import forbund_by_slug
from reports.models import AdoptedVersion
from reports.services.generation import FORMATS, annual_report_data, report_file


class Command(SamordnaCommand):
    help = "Skapar förbundets årsredovisning för ett år som Word (.docx) eller PDF (.pdf)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--year", required=True, type=int, help="året, t.ex. 2023")
        parser.add_argument(
            "-o", "--output", required=True, help="filen att skriva; .docx eller .pdf"
        )
        parser.add_argument(
            "--publicering",
            action="store_true",
            help="publiceringsversion: små antal i deltagartabellerna döljs",
        )
        parser.add_argument(
            "--faststalld-version",
            type=int,
            help="skriv en fastställd version som den sparades, i stället för dagens uppgifter",
        )

    def handle(self, *args, forbund, year, output, publicering, faststalld_version, **options):
        path = Path(output)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError(
                f"Filen {output} har ändelsen ”{path.suffix or 'ingen'}”: årsredovisningen kan "
                f"skrivas som .docx eller .pdf."
            )
        if not path.parent.is_dir():
            raise CommandError(f"Katalogen {path.parent} finns inte.")
        target = forbund_by_slug(forbund)
        if not is_valid_year(year):
            raise CommandError(f"Året {year} är inte ett rimligt år för en årsredovisning.")
        if faststalld_version is not None:
            content = self._adopted(target, year, faststalld_version, fmt)
        else:
            data = annual_report_data(target, year, for_publication=publicering or None)
            content = report_file(data, fmt)
        with atomic_output(path) as file:
            file.write(content)
        audit.log_export(
            None,
            target,
            kind="arsredovisning",
            file_format=fmt,
            year=year,
            command=True,
            publicering=bool(publicering),
            faststalld_version=faststalld_version,
        )
        self.stdout.write(f"Skrev {path} ({len(content) // 1024} kB).")

    def _adopted(self, forbund, year: int, version: int, fmt: str) -> bytes:
        with scope(forbund=forbund):
            adopted = AdoptedVersion.objects.filter(
                report__kind="arsredovisning", report__year=year, version=version
            ).first()
        if adopted is None:
            raise CommandError(
                f"Årsredovisningen {year} har ingen fastställd version {version} i {forbund.slug}."
            )
        return bytes(adopted.docx if fmt == "docx" else adopted.pdf)
