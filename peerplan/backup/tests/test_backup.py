"""Backup → restore → backup gives the same archive, every table's rows come back, and bad restores are refused."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.backup.archive import MANIFEST, backup_write
from peerplan.backup.scope import EXCLUDED, tables, unclassified
from peerplan.demo.setup import demo_load
from peerplan.plans.models import Action, Review, WordingCorrection
from peerplan.plans.services import revision_request
from peerplan.progress.models import ProgressUpdate, UpdateWithdrawal
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def rich_council() -> Organisation:
    """The demo council, plus what the probe saw lost: a pending date request, a logo, a leaver's update."""
    organisation, _ = demo_load()
    action = Action.objects.filter(review__organisation=organisation).order_by("pk").first()
    assert action is not None
    officer = User.objects.get(email="priya.shah@kestrelvale.example")
    revision_request(
        action=action, actor=officer, new_due=date(2027, 3, 31), reason="Waiting on budget", on=date(2026, 11, 1)
    )
    organisation.logo.save("kestrel.png", ContentFile(PNG))
    leaver = f.person(None, None, "leaver@kestrelvale.example", "Lee Ver")
    ProgressUpdate.objects.create(
        action=action, author=leaver, date=date(2026, 6, 1), status=action.status, commentary="Handed over."
    )
    mistaken = ProgressUpdate.objects.create(  # withdrawn: left out of every count, but kept in the history
        action=action, author=officer, date=date(2026, 6, 2), status=action.status, commentary="Wrong action."
    )
    UpdateWithdrawal.objects.create(update=mistaken, reason="Posted on the wrong action", on=date(2026, 6, 3))
    WordingCorrection.objects.create(
        recommendation=action.recommendation, old_text="a", new_text="b", reason="Typo", by=officer
    )
    # Another council on the same server: none of it may go into Kestrel Vale's backup.
    other = Organisation.objects.create(name="Elsewhere", slug="elsewhere")
    f.person(other, Role.PLAN_MANAGER, "stranger@elsewhere.example", "Stranger")
    Review.objects.create(organisation=other, title="Elsewhere's audit")
    return organisation


def archive(organisation: Organisation) -> dict[str, bytes]:
    out = io.BytesIO()
    backup_write(organisation=organisation, out=out)
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


def empty_the_database() -> None:
    Organisation.objects.all().delete()  # cascades to every council's rows
    AuditEntry.objects.all().delete()
    User.objects.all().delete()
    for name in list(default_storage.listdir("logos")[1]):
        default_storage.delete(f"logos/{name}")


def test_backup_restore_backup_is_identical_and_every_table_keeps_its_rows(tmp_path: Path) -> None:
    organisation = rich_council()
    first = archive(organisation)
    manifest = json.loads(first[MANIFEST])
    counts = {t.label: t.model._base_manager.filter(**{t.path: organisation.pk}).count() for t in tables()}
    assert all(counts[label] == manifest["tables"][label] for label in counts)
    for label in [
        "plans.duedaterevision",
        "audit.auditentry",
        "reports.reportfile",
        "accounts.committee",
        "accounts.ragdefinition",
        "reports.reportdefaults",
        "progress.progressupdate",
        "progress.updatewithdrawal",
        "plans.owner",
    ]:
        assert manifest["tables"][label] > 0, label
    assert manifest["tables"]["accounts.user"] == 9  # eight members and the leaver, not the stranger
    assert b"Elsewhere" not in b"".join(first.values())
    path = tmp_path / "kestrel.zip"
    path.write_bytes(_zip(first))

    empty_the_database()
    call_command("restore", str(path), stdout=io.StringIO())

    restored = Organisation.objects.get(slug=organisation.slug)
    second = archive(restored)
    assert sorted(first) == sorted(second)
    for name in first:
        if name != MANIFEST:
            assert first[name] == second[name], name
    again = json.loads(second[MANIFEST])
    assert {**manifest, "created": ""} == {**again, "created": ""}
    assert default_storage.open(restored.logo.name).read() == PNG
    assert ProgressUpdate.history.filter(commentary="Wrong action.", withdrawal__isnull=False).exists()
    assert Review.objects.create(organisation=restored, title="New after restore").pk  # identifiers move on


def test_restore_refuses_a_database_that_has_data(tmp_path: Path) -> None:
    organisation = rich_council()
    path = tmp_path / "kestrel.zip"
    path.write_bytes(_zip(archive(organisation)))
    with pytest.raises(CommandError, match=r"Restore needs an empty database.*accounts\.user \(\d+ rows\)"):
        call_command("restore", str(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "is not a zip file"),
        ({"x.txt": b"1"}, "no manifest.json"),
        ({MANIFEST: b'{"format": "other/9"}'}, "format is 'other/9'"),
        ({MANIFEST: b'{"format": "peerplan.backup/1", "tables": {"evil.table": 1}, "files": {}}'}, "evil.table"),
    ],
)
def test_restore_says_what_is_wrong_with_a_file_that_is_not_a_backup(
    tmp_path: Path, content: bytes | dict[str, bytes], message: str
) -> None:
    path = tmp_path / "b.zip"
    path.write_bytes(content if isinstance(content, bytes) else _zip(content))
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path))


def test_backup_names_an_unknown_council(tmp_path: Path) -> None:
    Organisation.objects.create(name="A", slug="a")
    with pytest.raises(CommandError, match=r"There is no council 'b' \(councils here: a\)"):
        call_command("backup", "b", "-o", str(tmp_path / "never-written.zip"))
    assert list(tmp_path.iterdir()) == []


def test_every_table_is_either_backed_up_or_excluded_with_a_reason() -> None:
    """A table another change adds must be decided on: give it a path to Organisation or list it in EXCLUDED."""
    assert unclassified() == [], "back these up (a foreign key to Organisation or Review) or add to EXCLUDED"
    assert not {t.label for t in tables()} & set(EXCLUDED)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_time_under_a_millisecond_past_the_second_comes_back_exactly(tmp_path: Path) -> None:
    """Django's own JSON keeps milliseconds only: 12:00:00.000500 came back as 12:00:00 (and a second backup
    of the restore differed from the first, now and then, whenever a row was written in such a moment)."""
    organisation = rich_council()
    stamp = datetime(2026, 5, 15, 12, 0, 0, 500, tzinfo=UTC)
    AuditEntry.objects.filter(organisation=organisation).update(at=stamp)
    path = tmp_path / "kestrel.zip"
    path.write_bytes(_zip(archive(organisation)))
    empty_the_database()
    call_command("restore", str(path), stdout=io.StringIO())
    assert set(AuditEntry.objects.values_list("at", flat=True)) == {stamp}
