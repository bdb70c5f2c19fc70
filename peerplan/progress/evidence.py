"""Evidence files attached to an update: what is accepted, checked by content, and where it is stored.

A file is accepted only if its content is what its name says (a .pdf starts %PDF-, a .docx is an Office
package …), it is stored under a name the server chooses, and it is served only as a download.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5


def _starts(*magic: bytes) -> Callable[[bytes], bool]:
    return lambda data: data.startswith(magic)


def _office(folder: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return False
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)

    return check


def _text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


# extension → (content type it is served as, check of its content)
TYPES: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    ".pdf": ("application/pdf", _starts(b"%PDF-")),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _office("word/")),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _office("xl/")),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _office("ppt/")),
    ".png": ("image/png", _starts(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("image/jpeg", _starts(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", _starts(b"\xff\xd8\xff")),
    ".csv": ("text/csv", _text),
    ".txt": ("text/plain", _text),
}
ACCEPTED = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG, CSV or text"


def problem(upload: Any) -> str:
    """Why the uploaded file cannot be evidence, naming the file, or "" if it can."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in TYPES:
        return f"{name or 'The file'} must be a {ACCEPTED} file"
    if upload.size is not None and upload.size > MAX_BYTES:
        return f"{name} must be smaller than 10 MB"
    if not upload.size:
        return f"{name} is empty"
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_BYTES:
        return f"{name} must be smaller than 10 MB"
    if not TYPES[extension][1](data):
        return f"{name} is not a real {extension[1:].upper()} file: its content does not match its name"
    return ""


def content_type(name: str) -> str:
    return TYPES.get(PurePath(name).suffix.lower(), ("application/octet-stream", _text))[0]


def stored_name(instance: Any, filename: str) -> str:
    """A name the server chooses: never a path or a name the uploader wrote."""
    return f"evidence/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"
