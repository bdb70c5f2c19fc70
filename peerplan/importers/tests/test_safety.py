"""Files that lie about themselves are refused before parsing, parsing is bounded, and refusals are plain words.

The probe's inputs, rebuilt small: a zip whose header understates its contents, a flate-bomb PDF, a zip of a
version Python cannot unpack, and the library messages that leaked ("not well-formed (invalid token)",
"<_io.BytesIO object at 0x…>", "invalid literal for int()").
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django import Settings

from peerplan.accounts.enums import Role
from peerplan.importers import PlanImportError, parse_file, safety
from peerplan.importers.sandbox import parse_file_bounded
from peerplan.testing import factories as f

CSV = b"Ref,Recommendation,Action,Lead officer,Timescale\n1,Do things,Act on it,Jo Bloggs,March 2027\n"


def docx_bytes(**parts: bytes) -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for i, text in enumerate(["Recommendation", "Action", "Timescale"]):
        table.cell(0, i).text = text
    for i, text in enumerate(["Do things", "Act on it", "March 2027"]):
        table.cell(1, i).text = text
    out = io.BytesIO()
    document.save(out)
    if not parts:
        return out.getvalue()
    source, changed = zipfile.ZipFile(out), io.BytesIO()
    with zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as z:
        for name in source.namelist():
            z.writestr(name, parts.get(name, source.read(name)))
    return changed.getvalue()


def lying_zip(real: bytes, claimed: int) -> bytes:
    """A zip whose one member declares `claimed` bytes but inflates to len(real)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", real)
    data = bytearray(out.getvalue())
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = struct.pack("<I", claimed)
    central = data.find(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", claimed)
    return bytes(data)


def flate_bomb_pdf(inflated: int) -> bytes:
    stream = zlib.compress(b" " * inflated, 9)
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
        + f"4 0 obj << /Length {len(stream)} /Filter /FlateDecode >> stream\n".encode()
        + stream
        + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def test_a_zip_header_that_understates_its_contents_is_not_believed(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.urandom(300_000).hex().encode()  # 600 KB that compresses only 2:1
    with pytest.raises(PlanImportError, match="damaged"):
        safety.precheck(lying_zip(real, 1000), "plan.docx")
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 500_000)
    with pytest.raises(PlanImportError, match="expands to more than 0 MB when opened"):
        safety.precheck(lying_zip(real, len(real)), "plan.docx")  # headers truthful, contents too big


def test_a_zip_bomb_is_refused_by_its_real_ratio_whatever_the_header_says() -> None:
    bomb = lying_zip(b"<w:p/>" * 1_000_000, 100)
    with pytest.raises(PlanImportError):
        safety.precheck(bomb, "plan.docx")
    honest = lying_zip(b"<w:p/>" * 1_000_000, 6_000_000)
    with pytest.raises(PlanImportError, match="compressed far more than real documents are"):
        safety.precheck(honest, "plan.docx")


def test_a_flate_bomb_pdf_is_refused_before_pdfium_opens_it() -> None:
    with pytest.raises(PlanImportError, match="compressed hundreds of times over"):
        safety.precheck(flate_bomb_pdf(20_000_000), "plan.pdf")
    safety.precheck(flate_bomb_pdf(200_000), "small.pdf")  # a small stream is not a bomb


def test_a_pdf_with_too_many_pages_is_refused_by_counting() -> None:
    pages = b"".join(b"%d 0 obj << /Type /Page >> endobj\n" % n for n in range(400))
    with pytest.raises(PlanImportError, match="the PDF has 400 pages; the limit is 300"):
        safety.precheck(b"%PDF-1.4\n" + pages, "plan.pdf")


def test_a_zip_of_an_unknown_version_is_explained_not_escaped() -> None:
    data = bytearray(docx_bytes())
    for signature, offset in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            data[at + offset : at + offset + 2] = struct.pack("<H", 99)
            at += 4
    with pytest.raises(PlanImportError, match="packed in a way peerplan cannot unpack; open it in Word"):
        safety.precheck(bytes(data), "plan.docx")


@pytest.mark.parametrize(
    ("data", "name", "message", "leaked"),
    [
        (
            docx_bytes(**{"word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p a=x'}),
            "cut.docx",
            "this Word document is damaged: part of it is incomplete or garbled",
            "column",
        ),
        (b"", "swapped.docx", "is named .docx but is not a Word document inside", "_io.BytesIO"),
    ],
)
def test_library_messages_become_words_a_plan_manager_can_act_on(
    data: bytes, name: str, message: str, leaked: str
) -> None:
    if name == "swapped.docx":
        import openpyxl

        book, out = openpyxl.Workbook(), io.BytesIO()
        book.active.append(["Recommendation", "Action"])
        book.save(out)
        data = out.getvalue()
    with pytest.raises(PlanImportError) as raw:
        parse_file(data, name)
    assert leaked in str(raw.value)  # what the parser says today (for the lead: the parser should say better)
    explained = safety.explain(raw.value, name)
    assert message in str(explained) and leaked not in str(explained)


def test_the_sandbox_returns_the_same_plan_as_parsing_in_process() -> None:
    assert parse_file_bounded(CSV, "plan.csv").document == parse_file(CSV, "plan.csv").document


def test_the_sandbox_turns_running_out_of_memory_into_a_refusal(settings: Settings) -> None:
    settings.PEERPLAN_IMPORT_MEMORY_BYTES = 50 * 1024 * 1024  # below what Python has
    rows = b"".join(b"%d,Recommendation %d,Action %d,Officer,March 2027\n" % (n, n, n) for n in range(2000))
    with pytest.raises(PlanImportError, match="needs more memory than an action plan could"):
        parse_file_bounded(b"Ref,Recommendation,Action,Lead officer,Timescale\n" + rows, "plan.csv")


def test_the_sandbox_stops_a_parse_that_takes_too_long(settings: Settings) -> None:
    settings.PEERPLAN_IMPORT_WALL_SECONDS = 0
    with pytest.raises(PlanImportError, match="took longer than 0 seconds to read"):
        parse_file_bounded(CSV, "plan.csv")


@pytest.mark.django_db
def test_the_commands_and_the_upload_page_refuse_a_bomb_with_a_message(tmp_path: Path, settings: Settings) -> None:
    bomb = tmp_path / "plan.pdf"
    bomb.write_bytes(flate_bomb_pdf(20_000_000))
    for command in ("parse", "import"):
        with pytest.raises(CommandError, match="compressed hundreds of times over"):
            call_command(command, str(bomb), stdout=io.StringIO(), stderr=io.StringIO())
    settings.PEERPLAN_HOME = tmp_path
    org = f.council()
    client = Client()
    client.force_login(f.person(org, Role.PLAN_MANAGER, "pm@brackenridge.example"))
    upload = {"file": SimpleUploadedFile("plan.pdf", bomb.read_bytes())}
    page = client.post("/import/", upload, follow=True).content.decode()  # read in the background, then shown
    assert "compressed hundreds of times over" in page


def test_the_sandbox_answers_as_parsing_in_process_does_for_each_kind_of_file() -> None:
    import openpyxl

    book, xlsx = openpyxl.Workbook(), io.BytesIO()
    for row in CSV.decode().splitlines():
        book.active.append(row.split(","))
    book.save(xlsx)
    html = b"<table><tr><th>Recommendation</th><th>Action</th></tr><tr><td>Do things</td><td>Act</td></tr></table>"
    for data, name in (
        (CSV, "plan.csv"),
        (docx_bytes(), "plan.docx"),
        (xlsx.getvalue(), "plan.xlsx"),
        (html, "p.html"),
    ):
        assert parse_file_bounded(data, name).document == parse_file(data, name).document, name
