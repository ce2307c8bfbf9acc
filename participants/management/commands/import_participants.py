from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django_scopes import scope
from tqdm import tqdm

from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from participants.services import import_participants

from ..forbund_arg import report_problems

# Below this many rows the check is instant and a progress bar would only be noise.
PROGRESS_FROM_ROWS = 5000


class Command(SamordnaCommand):
    help = "Läser in en deltagarfil (docs/format/deltagarfil.md). Allt eller inget."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("file", help="deltagarfil, .xlsx eller .csv")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="kontrollera och visa vad som skulle ändras, utan att spara något",
        )

    def handle(self, *args, forbund, file, dry_run, **options):
        target = forbund_by_slug(forbund)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Filen %(file)s finns inte.") % {"file": file})
        bar = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if total < PROGRESS_FROM_ROWS:
                return
            if bar is None:
                bar = tqdm(
                    total=total, unit=" rader", desc=_("Kontrollerar"), file=self.stderr._out
                )
            bar.update(done - bar.n)

        with scope(forbund=target):
            result = import_participants(target, path, path.name, None, dry_run, progress=progress)
        if bar is not None:
            bar.close()
        report_problems(self, result.errors, result.warnings)
        if not result.ok:
            raise CommandError(
                _("%(file)s: %(n)s fel. Inget har sparats.")
                % {"file": path.name, "n": len(result.errors)}
            )
        if dry_run:
            self.stdout.write(
                _("Provkörning, inget sparat. %(summary)s") % {"summary": result.summary()}
            )
        else:
            self.stdout.write(_("Importen är klar. %(summary)s") % {"summary": result.summary()})
