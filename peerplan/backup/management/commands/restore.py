"""`peerplan restore FILE`: put a council's backup back into an empty database, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.backup.archive import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a `peerplan backup` archive into an empty database (run `peerplan migrate` on a new "
        "database first), in one transaction: everything is restored or nothing is. Refuses a database "
        "that already has people or councils in it. Stored files go to MEDIA_ROOT (docs/backup.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The zip file `peerplan backup` wrote.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            summary = backup_restore(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(summary.rows.values())
        self.stdout.write(
            f"Restored {summary.organisation}: {rows} rows in {len(summary.rows)} tables, {summary.files} files."
        )
