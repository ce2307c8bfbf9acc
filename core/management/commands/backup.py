"""`backup`: the database and the uploaded files in one archive (core/backup.py)."""

from pathlib import Path

from django.conf import settings

from core import audit
from core.backup import create_backup, default_backup_path, prune_backups
from core.management.base import SamordnaCommand


class Command(SamordnaCommand):
    help = (
        "Säkerhetskopierar databasen (pg_dump, eller SQLite:s backup) och de uppladdade filerna "
        "till en tar-fil med manifest (radantal och kontrollsummor per tabell)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="fil eller katalog (standard: SAMORDNA_BACKUP_DIR, samordna-backup-TIDPUNKT.tar)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="behåll bara de N senaste säkerhetskopiorna i katalogen (0: ta inte bort något)",
        )

    def handle(self, *args, **options):
        output = options["output"]
        if output is None:
            target = default_backup_path(settings.SAMORDNA_BACKUP_DIR)
        elif Path(output).is_dir() or output.endswith(("/", "\\")):
            target = default_backup_path(Path(output))
        else:
            target = Path(output)
        result = create_backup(target)
        tables = result.manifest["tables"]
        rows = sum(int(entry["rows"]) for entry in tables.values())
        audit.log(
            None,
            "system.backup",
            changes={
                "tabeller": len(tables),
                "rader": rows,
                "filer": result.manifest["files"]["count"],
            },
        )
        self.stdout.write(
            f"Säkerhetskopia skriven: {result.path} ({len(tables)} tabeller, {rows} rader, "
            f"{result.manifest['files']['count']} filer)."
        )
        if options["keep"] > 0:
            for path in prune_backups(target.parent, options["keep"]):
                self.stdout.write(f"Tog bort äldre säkerhetskopia: {path}")
