from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from participants.services import import_interventions

from ..forbund_arg import report_problems


class Command(SamordnaCommand):
    help = "Registrerar eller uppdaterar insatser från en CSV- eller XLSX-fil (insatsfil)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("file", help="insatsfil, .xlsx eller .csv")

    def handle(self, *args, forbund, file, **options):
        target = forbund_by_slug(forbund)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Filen %(file)s finns inte.") % {"file": file})
        result = import_interventions(target, path, path.name, None)
        report_problems(self, result.errors, result.warnings)
        if not result.ok:
            raise CommandError(
                _("%(file)s: %(n)s fel. Inget har sparats.")
                % {"file": path.name, "n": len(result.errors)}
            )
        self.stdout.write(_("Insatserna är inlästa. %(summary)s") % {"summary": result.summary()})
