"""Guards applied before any parser opens a file: size, binary-or-text, zip bombs, encodings.

Each guard raises PlanImportError with a message a plan manager can act on.
"""

from __future__ import annotations

import io
import zipfile

from .errors import PlanImportError

MAX_FILE_BYTES = 20 * 1024 * 1024  # the largest upload accepted
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # the most a .docx/.xlsx may expand to
MAX_COMPRESSION_RATIO = 100  # real Office files compress 5-20 times; bombs thousands
_RATIO_FLOOR = 1024 * 1024  # small members may compress well without being a bomb

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and password-protected Office files
PDF_MAGIC = b"%PDF-"


def check_size(data: bytes, filename: str) -> None:
    if not data or not data.strip():
        raise PlanImportError("the file is empty", filename)
    if len(data) > MAX_FILE_BYTES:
        raise PlanImportError(
            f"the file is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB",
            filename,
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean it is not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def decode_text(data: bytes, filename: str) -> str:
    """Text as councils save it: UTF-8 (with or without BOM), UTF-16 from Excel, or Windows-1252."""
    if looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanImportError("this is not a text file: it holds binary data", filename)
    for encoding in ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def open_zip(data: bytes, filename: str, kind: str) -> zipfile.ZipFile:
    """Open an Office file's zip container after checking what it declares it will expand to."""
    if data.startswith(OLE_MAGIC):
        raise PlanImportError(
            f"this {kind} is password-protected or in the old pre-2007 format; "
            "remove the password or save it again as .docx/.xlsx",
            filename,
        )
    if not data.startswith(ZIP_MAGIC):
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        raise PlanImportError(f"this is not {article} {kind}: the file is not an Office Open XML package", filename)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise PlanImportError(f"this {kind} is damaged and cannot be opened ({exc})", filename) from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise PlanImportError(
            f"this {kind} would expand to {total / 1024 / 1024:.0f} MB; "
            f"the limit is {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB",
            filename,
        )
    for member in members:
        if member.file_size > _RATIO_FLOOR and member.file_size > member.compress_size * MAX_COMPRESSION_RATIO:
            raise PlanImportError(
                f"this {kind} is suspiciously compressed ({member.filename} expands "
                f"{member.file_size // max(member.compress_size, 1)} times); it was not opened",
                filename,
            )
    return archive
