"""`restore`: a backup archive into an empty database and file folder (core/backup.py)."""

from pathlib import Path

from core import audit
from core.backup import restore_backup
from core.management.base import SamordnaCommand


class Command(SamordnaCommand):
    help = (
        "Återställer en säkerhetskopia (från backup) till en tom databas och en tom filkatalog "
        "och kontrollerar varje tabells radantal och kontrollsumma mot manifestet."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="säkerhetskopian (samordna-backup-….tar)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="skriv över en databas som inte är tom (och flytta undan befintliga filer)",
        )

    def handle(self, *args, **options):
        result = restore_backup(Path(options["archive"]), force=options["force"])
        audit.log(
            None,
            "system.restore",
            changes={
                "säkerhetskopia_skapad": result.manifest["created_at"],
                "tabeller": result.tables,
                "rader": result.rows,
                "filer": result.files,
            },
        )
        self.stdout.write(
            f"Återställde säkerhetskopian från {result.manifest['created_at']}: "
            f"{result.tables} tabeller och {result.rows} rader, alla kontrollsummor stämmer; "
            f"{result.files} filer."
        )
        if result.media_moved_to is not None:
            self.stdout.write(f"De filer som fanns förut ligger i {result.media_moved_to}.")
