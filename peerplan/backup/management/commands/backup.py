"""`peerplan backup ORGANISATION -o FILE`: one council's data and stored files in a zip archive."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.accounts.models import Organisation
from peerplan.backup.archive import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write everything that belongs to one council (its people and their roles, plans, updates, "
        "due-date requests, reporting periods, issued reports, committees, RAG vocabulary and rule, "
        "branding and report defaults, audit trail, and the stored files) to a zip archive that "
        "`peerplan restore` puts back into an empty database (docs/backup.md). The archive holds "
        "personal data and password hashes: keep it as safely as the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The council's short name (slug), as in its settings page address.")
        parser.add_argument("-o", "--output", metavar="FILE", required=True, help="The zip file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            known = ", ".join(Organisation.objects.order_by("slug").values_list("slug", flat=True)) or "none"
            raise CommandError(f"There is no council {options['organisation']!r} (councils here: {known}).")
        target = Path(options["output"])
        # Write beside the target and rename, so a failed backup never leaves a half-written archive.
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
        try:
            with os.fdopen(handle, "wb") as out:
                summary = backup_write(organisation=organisation, out=out)
            os.replace(partial, target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        rows = sum(summary.rows.values())
        self.stdout.write(
            f"Wrote {target}: {organisation.name}, {rows} rows in {len(summary.rows)} tables, {summary.files} files."
        )
