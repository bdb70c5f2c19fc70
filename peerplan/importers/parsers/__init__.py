"""The built-in formats, registered through the same registry a plugin would use.

Order matters: formats recognised by their content come before those known only by their name.
"""

from __future__ import annotations

from peerplan.importers.parsers.docx import DOCX_EXTENSIONS, parse_docx, sniff_docx
from peerplan.importers.parsers.html import HTML_EXTENSIONS, parse_html, sniff_html
from peerplan.importers.parsers.pdf import parse_pdf, sniff_pdf
from peerplan.importers.parsers.sheets import (
    CSV_EXTENSIONS,
    XLSX_EXTENSIONS,
    parse_csv,
    parse_xlsx,
    sniff_csv,
    sniff_xlsx,
)
from peerplan.importers.parsers.text import TEXT_EXTENSIONS, parse_text, sniff_text
from peerplan.importers.registry import register

register("pdf", sniff_pdf, parse_pdf, extensions=(".pdf",))
register("docx", sniff_docx, parse_docx, extensions=DOCX_EXTENSIONS)
register("xlsx", sniff_xlsx, parse_xlsx, extensions=XLSX_EXTENSIONS)
register("html", sniff_html, parse_html, extensions=HTML_EXTENSIONS)
register("csv", sniff_csv, parse_csv, extensions=CSV_EXTENSIONS)
register("text", sniff_text, parse_text, extensions=TEXT_EXTENSIONS)
