"""Small plan files made in the tests: Word, Excel, PDF and broken files, built from plain rows."""

from __future__ import annotations

import io
import zipfile
from typing import Any

HEADER = ["Ref", "Recommendation", "Action to be taken", "Responsible officer", "Target date"]


def docx_bytes(*parts: Any) -> bytes:
    """A Word document from parts: a str is a paragraph, ('h', text) a heading, a list of rows a table."""
    import docx

    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        elif isinstance(part, tuple):
            document.add_heading(part[1], 1)
        else:
            table = document.add_table(rows=len(part), cols=len(part[0]))
            for r, row in enumerate(part):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def xlsx_bytes(*sheets: list[list[Any]], titles: list[str] | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, rows in enumerate(sheets):
        sheet = book.create_sheet((titles or [])[n] if titles else f"Sheet{n + 1}")
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def pdf_bytes(html: str) -> bytes:
    import weasyprint

    style = (
        "<style>@page{size:A4;margin:15mm} body{font:10pt sans-serif} table{border-collapse:collapse;width:100%}"
        " td,th{border:1px solid #000;padding:3px;vertical-align:top} thead{display:table-header-group}</style>"
    )
    pdf: bytes = weasyprint.HTML(string=style + html).write_pdf()
    return pdf


def html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def zip_bomb(kind: str, size: int = 60 * 1024 * 1024) -> bytes:
    """An Office-looking package with one member of `size` zeros (compresses about a thousand times)."""
    inner = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(inner, "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    """A one-page PDF whose trailer names a standard security handler no empty password opens."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    file_id = b"<" + b"ab" * 16 + b">"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [%s %s] >>\n" % (len(objects) + 1, file_id, file_id)
    return out + b"startxref\n%d\n%%%%EOF\n" % xref
