"""The built-in formats, registered through the same registry a plugin would use.

Order matters: formats recognised by their content come before those known only by their name.
"""

from __future__ import annotations

from peerplan.importers.registry import register

from .text import TEXT_EXTENSIONS, parse_text, sniff_text

register("text", sniff_text, parse_text, extensions=TEXT_EXTENSIONS)
