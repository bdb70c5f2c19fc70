"""Every file that cannot be brought in fails with PlanImportError and says what is wrong and where."""

from __future__ import annotations

import os

import pytest

from peerplan.importers import MAX_FILE_BYTES, PlanImportError, parse_file

from .makers import encrypted_pdf, pdf_bytes, xlsx_bytes, zip_bomb


@pytest.mark.parametrize("name", ["plan.csv", "plan.xlsx", "plan.docx", "plan.pdf", "plan.txt"])
def test_an_empty_file_is_refused_as_empty(name: str) -> None:
    with pytest.raises(PlanImportError, match="empty") as caught:
        parse_file(b"", name)
    assert caught.value.where == name


@pytest.mark.parametrize(
    ("name", "message"),
    [("plan.csv", "not a text file"), ("plan.docx", "not a Word document"), ("plan.xlsx", "not an Excel workbook")],
)
def test_binary_data_with_a_plan_extension_is_refused(name: str, message: str) -> None:
    data = bytes(range(256)) * 40
    with pytest.raises(PlanImportError, match=message):
        parse_file(data, name)


def test_binary_data_with_an_unknown_extension_names_the_formats_read() -> None:
    with pytest.raises(PlanImportError, match=r"cannot be read; use one of .*\.docx"):
        parse_file(bytes(range(256)) * 4, "plan.bin")


def test_a_corrupt_pdf_is_refused_as_damaged() -> None:
    good = pdf_bytes("<p>Recommendation 1: Do it</p>")
    with pytest.raises(PlanImportError, match="damaged"):
        parse_file(good[:200], "plan.pdf")


def test_an_encrypted_pdf_is_refused_with_advice() -> None:
    with pytest.raises(PlanImportError, match="without the password"):
        parse_file(encrypted_pdf(), "plan.pdf")


def test_a_password_protected_office_file_is_refused_with_advice() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000
    with pytest.raises(PlanImportError, match="password-protected"):
        parse_file(ole, "plan.xlsx")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_disguised_as_an_office_file_is_not_opened(kind: str) -> None:
    with pytest.raises(PlanImportError, match="would expand to 60 MB"):
        parse_file(zip_bomb(kind), f"plan.{kind}")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_small_but_suspiciously_compressed_office_file_is_not_opened(kind: str) -> None:
    with pytest.raises(PlanImportError, match="suspiciously compressed"):
        parse_file(zip_bomb(kind, size=20 * 1024 * 1024), f"plan.{kind}")


def test_a_damaged_zip_is_refused_as_damaged() -> None:
    data = xlsx_bytes([["Recommendation", "Action"], ["A", "B"]])
    with pytest.raises(PlanImportError, match="damaged"):
        parse_file(data[: len(data) // 2], "plan.xlsx")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    data = b"Recommendation,Action\n" + os.urandom(16) * (50 * 1024 * 1024 // 16)
    assert len(data) > MAX_FILE_BYTES
    with pytest.raises(PlanImportError, match="the limit is 20 MB"):
        parse_file(data, "plan.csv")
