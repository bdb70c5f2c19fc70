"""Cheap checks before a file is parsed, whatever its headers claim, and plain words for parser failures.

Zip containers (.docx, .xlsx) are inflated as a stream with a running cap; PDFs have their pages counted
and their compressed streams inflated with a cap. `explain` turns a library's error into what a plan
manager can do about it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePath
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from .errors import PlanImportError
from .limits import MAX_UNCOMPRESSED_BYTES, PDF_MAGIC, ZIP_MAGIC

MAX_ZIP_MEMBERS = 2_000  # a Word document or workbook has tens of parts; thousands means something else
MAX_RATIO = 200  # real Office XML inflates 5-30 times; a bomb inflates hundreds or a thousand times
RATIO_FLOOR = 1024 * 1024  # small parts may compress well without being a bomb
MAX_PDF_PAGES = 300
MAX_PDF_INFLATED_BYTES = 100 * 1024 * 1024  # all of a PDF's compressed streams, inflated
_CHUNK = 64 * 1024

KINDS = {
    ".docx": ("Word document", "Word"),
    ".xlsx": ("Excel workbook", "Excel"),
    ".xlsm": ("Excel workbook", "Excel"),
    ".pdf": ("PDF", "the program that made it"),
}


def _kind(filename: str) -> tuple[str, str]:
    return KINDS.get(PurePath(filename).suffix.lower(), ("file", "the program that made it"))


def again(app: str) -> str:
    return f"open it in {app} and save it again"


def precheck(data: bytes, filename: str) -> None:
    """Refuse a file that would expand far beyond what an action plan could, before any parser sees it."""
    if data.startswith(ZIP_MAGIC):
        check_zip(data, filename)
    elif data[:1024].lstrip().startswith(PDF_MAGIC):
        check_pdf(data, filename)


def check_zip(data: bytes, filename: str) -> None:
    """Inflate every member with a running cap: the sizes a zip declares are not trusted."""
    kind, app = _kind(filename)
    damaged = f"this {kind} is damaged and cannot be opened; open it in {app} and save it again"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except NotImplementedError:  # "zip file version 9.9"
        raise PlanImportError(
            f"this {kind} is packed in a way peerplan cannot unpack; {again(app)}", filename
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise PlanImportError(damaged, filename) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise PlanImportError(
            f"this {kind} holds {len(members):,} parts; an action plan has a few dozen, so it was not opened",
            filename,
        )
    total = 0
    for member in members:
        size = 0
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise PlanImportError(
                            f"this {kind} expands to more than {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB when "
                            "opened, far more than an action plan needs, so it was not read: is it really a plan?",
                            filename,
                        )
                    if size > RATIO_FLOOR and size > max(member.compress_size, 1) * MAX_RATIO:
                        raise PlanImportError(
                            f"this {kind} is compressed far more than real documents are (its part "
                            f"{member.filename!r} expands over {MAX_RATIO} times), so it was not read",
                            filename,
                        )
        except PlanImportError:
            raise
        except NotImplementedError:
            raise PlanImportError(
                f"this {kind} is packed in a way peerplan cannot unpack (an unusual zip version or compression); "
                f"open it in {app} and save it again",
                filename,
            ) from None
        except RuntimeError:  # zipfile: "File … is encrypted, password required"
            raise PlanImportError(
                f"this {kind} is password-protected; save a copy without the password", filename
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
            raise PlanImportError(damaged, filename) from None


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"


def check_pdf(data: bytes, filename: str) -> None:
    """Count the pages and inflate the compressed streams with a running cap."""
    pages = len(_PAGE.findall(data))
    if pages > MAX_PDF_PAGES:
        raise PlanImportError(
            f"the PDF has {pages:,} pages; the limit is {MAX_PDF_PAGES}: is it really an action plan?", filename
        )
    total = 0
    for found in _STREAM.finditer(data):
        start = found.end()
        end = data.find(_ENDSTREAM, start)
        if end == -1:
            break
        compressed = data[start:end]
        inflater = zlib.decompressobj()
        size = 0
        try:
            piece = inflater.decompress(compressed[:_CHUNK], _CHUNK)
            offset = _CHUNK
            while True:
                size += len(piece)
                total += len(piece)
                if total > MAX_PDF_INFLATED_BYTES or (size > RATIO_FLOOR and size > len(compressed) * MAX_RATIO):
                    raise PlanImportError(
                        "this PDF's pages expand to far more than an action plan needs (its content is "
                        "compressed hundreds of times over), so it was not read: is it really a plan?",
                        filename,
                    )
                if inflater.eof or not piece:
                    break
                if inflater.unconsumed_tail:
                    piece = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
                elif offset < len(compressed) and not inflater.eof:
                    piece = inflater.decompress(compressed[offset : offset + _CHUNK], _CHUNK)
                    offset += _CHUNK
                else:
                    break
        except zlib.error:
            continue  # not a flate stream (an image, or another filter): the parser judges it


def explain(error: PlanImportError, filename: str) -> PlanImportError:
    """The same refusal in a plan manager's words, when a parser library's own message leaked through."""
    kind, app = _kind(filename)
    cause = error.__cause__
    text = error.message
    again = f"open it in {app} and save it again"
    if isinstance(cause, MemoryError):
        return PlanImportError(NEEDS_MEMORY, filename)
    if "<_io." in text or "is not a Word file, content type is" in text:
        return PlanImportError(
            f"this file is named {PurePath(filename).suffix.lower()} but is not a {kind} inside "
            "(it may be another kind of Office file renamed); save the plan from the program that opens it",
            filename,
        )
    if isinstance(cause, ParseError | ExpatError) or re.search(
        r"not well-formed|no element found|expected, line|XMLSyntaxError|line \d+, column \d+", text
    ):
        return PlanImportError(
            f"this {kind} is damaged: part of it is incomplete or garbled (it may have been cut short when it "
            f"was copied); {again}",
            filename,
        )
    if isinstance(cause, NotImplementedError) or "zip file version" in text or "compression method" in text:
        return PlanImportError(f"this {kind} is packed in a way peerplan cannot unpack; {again}", filename)
    if "Bad CRC" in text or isinstance(cause, zipfile.BadZipFile | zlib.error):
        return PlanImportError(f"this {kind} is damaged (its contents do not match their checksums); {again}", filename)
    if missing := re.search(r"There is no item named '([^']+)'", text):
        return PlanImportError(
            f"this {kind} is incomplete: it lacks the part {missing.group(1)!r} every {kind} has; {again}", filename
        )
    if isinstance(cause, ValueError | TypeError | AttributeError | KeyError | IndexError | LookupError):
        return PlanImportError(
            f"this {kind} holds something peerplan cannot read (it may be damaged, or written by a program that "
            f"lays {kind}s out unusually); {again}, or save the plan as a CSV file",
            filename,
        )
    return error


NEEDS_MEMORY = "the file needs more memory than an action plan could: is it really a plan? It was not read"
