"""python manage.py import_survey_responses --forbund SLUG FILE  (docs/format/enkat.md)"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from surveys.services import import_survey_responses


class Command(SamordnaCommand):
    help = "Läser in enkätsvar från en CSV- eller XLSX-fil (svarsfil), en rad per svar."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("file", help="svarsfil, .xlsx eller .csv")
        parser.add_argument(
            "--dry-run", action="store_true", help="kontrollera filen utan att spara något"
        )

    def handle(self, *args, forbund, file, dry_run=False, **options):
        target = forbund_by_slug(forbund)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Filen %(file)s finns inte.") % {"file": file})
        result = import_survey_responses(target, path, path.name, None, dry_run=dry_run)
        for warning in result.warnings:
            self.stderr.write(_("Varning: %(warning)s") % {"warning": warning})
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(
                _("%(file)s: %(n)s fel. Inget har sparats.")
                % {"file": path.name, "n": len(result.errors)}
            )
        if dry_run:
            self.stdout.write(_("Filen är korrekt (inget sparat). %(s)s") % {"s": result.summary()})
        else:
            self.stdout.write(_("Svaren är inlästa. %(s)s") % {"s": result.summary()})
