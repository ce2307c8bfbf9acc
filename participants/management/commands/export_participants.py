from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core import audit
from core.files import atomic_output
from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from participants.services.participant_export import format_of, write_participants


class Command(SamordnaCommand):
    help = "Skriver förbundets deltaganden som deltagarfil (XLSX eller CSV) som kan läsas in igen."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--year", type=int, help="bara deltaganden aktiva under året")
        parser.add_argument("-o", "--output", required=True, help="FIL.xlsx eller FIL.csv")

    def handle(self, *args, forbund, year, output, **options):
        target = forbund_by_slug(forbund)
        path = Path(output)
        file_format = format_of(path.name)
        if file_format is None:
            raise CommandError(
                _("Utfilen ska sluta på .xlsx eller .csv: %(file)s") % {"file": output}
            )
        if not path.parent.is_dir():
            raise CommandError(_("Katalogen %(dir)s finns inte.") % {"dir": path.parent})
        with atomic_output(path) as out:
            rows = write_participants(target, out, file_format, year)
        audit.log_export(
            None,
            target,
            kind="deltagare",
            file_format=file_format,
            year=year,
            rows=rows,
            command=True,
        )
        self.stdout.write(_("Skrev %(file)s.") % {"file": path})
