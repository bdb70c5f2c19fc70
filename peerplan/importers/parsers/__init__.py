"""The built-in formats, registered through the same registry a plugin would use.

The latest registered is asked first: formats recognised by their content (PDF, Word, Excel) must be
asked before those known mostly by their name, so they are registered last.
"""

from __future__ import annotations

from peerplan.importers.parsers.docx import DOCX_EXTENSIONS, parse_docx, sniff_docx
from peerplan.importers.parsers.html import HTML_EXTENSIONS, parse_html, sniff_html
from peerplan.importers.parsers.pdf import parse_pdf, sniff_pdf
from peerplan.importers.parsers.planjson import JSON_EXTENSIONS, parse_plan_json, sniff_plan_json
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

register("text", sniff_text, parse_text, extensions=TEXT_EXTENSIONS)
register("csv", sniff_csv, parse_csv, extensions=CSV_EXTENSIONS)
register("json", sniff_plan_json, parse_plan_json, extensions=JSON_EXTENSIONS)
register("html", sniff_html, parse_html, extensions=HTML_EXTENSIONS)
register("xlsx", sniff_xlsx, parse_xlsx, extensions=XLSX_EXTENSIONS)
register("docx", sniff_docx, parse_docx, extensions=DOCX_EXTENSIONS)
register("pdf", sniff_pdf, parse_pdf, extensions=(".pdf",))
