"""Small helpers for cell and paragraph text: HTML fragments, bullets, whitespace.

Text is kept as written; only layout (tags, bullets, runs of spaces) is removed.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")
_BREAK_TAGS = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/tr|/ul|/ol)\b[^>]*>", re.IGNORECASE)
_LI = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_LOOKS_HTML = re.compile(r"<\s*/?\s*(p|br|li|ul|ol|div|span|strong|b|i|em|a|font|u|h\d)\b[^>]*>", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-–•●▪◦*·\uf0b7\uf0a7]|o(?=\s))\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_BOLD = re.compile(r"\*\*|__")


def html_to_text(fragment: str) -> str:
    """Drop tags from a CMS export, keeping paragraphs and list items as lines ('- item')."""
    if not _LOOKS_HTML.search(fragment):
        return fragment
    text = _LI.sub("\n- ", fragment)
    text = _BREAK_TAGS.sub("\n", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def clean_line(line: str) -> str:
    """One line with runs of spaces and tabs collapsed and Markdown bold marks removed."""
    return _SPACES.sub(" ", _BOLD.sub("", line)).strip()


def clean_cell(text: str | None) -> str:
    """A cell's text: HTML dropped, each line tidied, blank lines kept (they can separate items)."""
    if not text:
        return ""
    text = html_to_text(str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return "\n".join(clean_line(line) for line in text.split("\n")).strip("\n ")


def strip_marker(line: str) -> str:
    """A line without its bullet."""
    return _BULLET.sub("", line, count=1)


def has_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def one_line(text: str) -> str:
    return " ".join(text.split())
