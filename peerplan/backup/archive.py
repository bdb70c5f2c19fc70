"""Back up one council to a zip archive and restore it into an empty database (docs/backup.md).

The archive holds manifest.json, one JSON file of Django-serialised rows per table and the stored files;
restore checks the database is empty and writes everything in one transaction.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import IO, Any

import django
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, models, transaction

from peerplan.accounts.models import Organisation, User

from .scope import Table, tables, user_fields

FORMAT = "peerplan.backup/1"
MANIFEST = "manifest.json"
MAX_MEMBERS = 100_000


class ExactTimesEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to the millisecond, so a restored time moved by up to 1 ms (and a backup of
    the restore differed from the first). A backup keeps every time exactly as stored."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with what to do about it."""


@dataclass(frozen=True)
class Summary:
    organisation: str
    rows: dict[str, int]
    files: int


def _user_ids(organisation: Organisation, chosen: list[Table]) -> list[int]:
    """Members of the council, and anyone its rows name (an update's author who has since left, say)."""
    ids = set(User.objects.filter(memberships__organisation=organisation).values_list("pk", flat=True))
    by_model = {t.model: t for t in chosen}
    for model, attname in user_fields():
        ids |= set(by_model[model].rows(organisation).exclude(**{attname: None}).values_list(attname, flat=True))
    return sorted(ids)


def _querysets(organisation: Organisation) -> list[tuple[str, models.QuerySet[Any]]]:
    chosen = tables()
    users = User.objects.filter(pk__in=_user_ids(organisation, chosen)).order_by("pk")
    return [(User._meta.label_lower, users), *((t.label, t.rows(organisation)) for t in chosen)]


def _counting(objects: Iterable[models.Model], count: list[int], names: list[str]) -> Iterator[models.Model]:
    """Pass the rows through, counting them and noting the stored files they name."""
    for obj in objects:
        count[0] += 1
        names.extend(n for f in _file_fields(type(obj)) if (n := getattr(obj, f.attname).name))
        yield obj


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def backup_write(*, organisation: Organisation, out: IO[bytes]) -> Summary:
    """Write the council's archive to `out` (a binary file). Reads in one transaction, so it is consistent."""
    rows: dict[str, int] = {}
    files: dict[str, str] = {}
    with transaction.atomic(), zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, queryset in _querysets(organisation):
            count, names = [0], list[str]()
            with archive.open(f"data/{label}.json", "w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8")
                serializers.serialize(
                    "json",
                    _counting(queryset.iterator(2000), count, names),
                    stream=text,
                    indent=1,
                    cls=ExactTimesEncoder,
                )
                text.flush()
                text.detach()
            rows[label] = count[0]
            for name in names:
                if name not in files:
                    files[name] = _copy_file(archive, name)
        manifest = {
            "format": FORMAT,
            "organisation": {"slug": organisation.slug, "name": organisation.name},
            "created": datetime.now(tz=UTC).isoformat(timespec="seconds"),
            "django": django.get_version(),
            "tables": rows,
            "files": files,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    return Summary(organisation.slug, rows, len(files))


def _copy_file(archive: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    try:
        source = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise BackupError(
            f"The stored file {name!r} is missing ({error}); put it back from the server's own backup first."
        ) from error
    with source, archive.open(f"files/{name}", "w") as member:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
            member.write(chunk)
    return digest.hexdigest()


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("This zip file has no manifest.json: it is not a peerplan backup.") from None
    except ValueError as error:
        raise BackupError(f"manifest.json is not valid JSON ({error}): the backup is damaged.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(f"This backup's format is {found!r}; this version of peerplan restores {FORMAT!r}.")
    if not isinstance(manifest.get("tables"), dict) or not isinstance(manifest.get("files"), dict):
        raise BackupError("manifest.json lacks its list of tables or files: the backup is damaged.")
    return manifest


def _not_empty() -> list[str]:
    """The tables restore would write to that already have rows, with how many."""
    busy = []
    chosen: list[type[models.Model]] = [User, *(t.model for t in tables())]
    for model in chosen:
        count = model._base_manager.count()
        if count:
            busy.append(f"{model._meta.label_lower} ({count} row{'' if count == 1 else 's'})")
    return busy[:3] + ([f"{len(busy) - 3} more tables"] if len(busy) > 3 else [])


def backup_restore(*, path: Path) -> Summary:
    """Restore an archive into an empty database, all or nothing."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"{path} is not a zip file that can be read ({error}).") from None
    with archive:
        if len(archive.infolist()) > MAX_MEMBERS:
            raise BackupError(f"{path} has more than {MAX_MEMBERS} files in it: it is not a peerplan backup.")
        manifest = _manifest(archive)
        known = {t.label for t in tables()} | {User._meta.label_lower}
        unknown = sorted(set(manifest["tables"]) - known)
        if unknown:
            raise BackupError(
                f"The backup has tables this version of peerplan does not know: {', '.join(unknown)}. "
                "Restore it with the version that made it (see manifest.json), then upgrade."
            )
        busy = _not_empty()
        if busy:
            raise BackupError(
                "Restore needs an empty database, and this one already has data: "
                + ", ".join(busy)
                + ". Create a new database, run `peerplan migrate`, and restore into that."
            )
        with transaction.atomic():
            rows = _load_rows(archive, manifest)
            _load_files(archive, manifest)
    org = manifest["organisation"].get("slug", "?") if isinstance(manifest.get("organisation"), dict) else "?"
    return Summary(str(org), rows, len(manifest["files"]))


def _load_rows(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> dict[str, int]:
    rows: dict[str, int] = {}
    written: set[type[models.Model]] = set()
    with connection.constraint_checks_disabled():
        for label, expected in manifest["tables"].items():
            name = f"data/{label}.json"
            try:
                text = archive.read(name)
            except KeyError:
                raise BackupError(
                    f"The backup lacks {name}, which its manifest lists: the backup is damaged."
                ) from None
            count = 0
            try:
                # No full_clean: the rows came out of a database under the same models, and a validator added
                # since must not make a backup impossible to restore. The database's constraints check them.
                for count, item in enumerate(serializers.deserialize("json", text), start=1):  # noqa: B007 - count names the row that failed, below
                    item.save()
                    written.add(type(item.object))
            except (DeserializationError, ValidationError, DatabaseError, ObjectDoesNotExist) as error:
                raise BackupError(f"{name}, row {count + 1}: {_first_line(error)}. Nothing was restored.") from None
            if count != expected:
                raise BackupError(f"{name} has {count} rows but the manifest says {expected}: the backup is damaged.")
            rows[label] = count
    try:
        connection.check_constraints(table_names=[m._meta.db_table for m in written])
    except IntegrityError as error:
        raise BackupError(f"The rows do not fit together ({_first_line(error)}). Nothing was restored.") from None
    with connection.cursor() as cursor:  # new rows must not reuse the restored identifiers (PostgreSQL)
        for sql in connection.ops.sequence_reset_sql(no_style(), list(written)):
            cursor.execute(sql)
    return rows


def _load_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    for name, sha256 in manifest["files"].items():
        try:
            content = archive.read(f"files/{name}")
        except KeyError:
            raise BackupError(f"The backup lacks the stored file {name!r}: the backup is damaged.") from None
        if hashlib.sha256(content).hexdigest() != sha256:
            raise BackupError(f"The stored file {name!r} does not match its checksum: the backup is damaged.")
        try:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as existing:
                    if hashlib.sha256(existing.read()).hexdigest() == sha256:
                        continue  # already there, the same file
                raise BackupError(
                    f"A different file is already stored as {name!r}: restore into an empty media folder "
                    "(MEDIA_ROOT) as well as an empty database."
                )
            saved = default_storage.save(name, ContentFile(content))
        except SuspiciousFileOperation:
            raise BackupError(f"The stored file name {name!r} is not allowed: the backup is damaged.") from None
        if saved != name:
            raise BackupError(f"The stored file {name!r} could not be written under its own name (got {saved!r}).")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0].rstrip(".")
