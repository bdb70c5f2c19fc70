"""Evidence files on an update: checked by content, stored under a server-chosen name, downloaded only by
people who may read the action, as an attachment of its checked type."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import reverse

from peerplan.plans.models import Action
from peerplan.progress.models import EvidenceFile, ProgressUpdate

from .test_views_update import form_data

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def officer(client: Client, lead_officer: Any) -> Client:
    client.force_login(lead_officer)
    return client


def post(client: Client, action: Action, *files: SimpleUploadedFile) -> Any:
    return client.post(
        reverse("progress:action-update", args=[action.pk]), {**form_data(action), "evidence_files": files}
    )


def test_a_document_is_attached_stored_safely_and_downloaded_only_by_readers(
    officer: Client, action: Action, outsider: Any
) -> None:
    response = post(
        officer,
        action,
        SimpleUploadedFile("../../Cabinet minutes.pdf", PDF),
        SimpleUploadedFile("plan.docx", docx()),
    )
    assert response.status_code == 302
    stored = list(EvidenceFile.objects.order_by("pk"))
    assert [f.name for f in stored] == ["Cabinet minutes.pdf", "plan.docx"]
    assert stored[0].file.name.startswith("evidence/") and "Cabinet" not in stored[0].file.name
    page = officer.get(reverse("progress:action", args=[action.pk])).content.decode()
    url = reverse("progress:evidence", args=[stored[0].pk])
    assert url in page and "Cabinet minutes.pdf" in page
    download = officer.get(url)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert isinstance(download, FileResponse)
    assert b"".join(download.streaming_content) == PDF
    officer.force_login(outsider)
    assert officer.get(url).status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.exe", b"MZ", "must be a PDF"),
        ("minutes.pdf", b"<html><script>alert(1)</script>", "is not a real PDF file"),
        ("plan.docx", PDF, "is not a real DOCX file"),
        ("empty.txt", b"", "is empty"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_saved(
    officer: Client, action: Action, name: str, content: bytes, message: str
) -> None:
    response = post(officer, action, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not EvidenceFile.objects.exists()


def test_more_than_five_files_are_refused(officer: Client, action: Action) -> None:
    files = [SimpleUploadedFile(f"n{i}.txt", b"note") for i in range(6)]
    response = post(officer, action, *files)
    assert "Attach at most 5 files" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
