"""Small pieces of GOV.UK markup that views put into table cells, summary lists and link texts.

The one place outside templates and template tags that writes markup: views call these with plain
data (text a person wrote is escaped here), so no view builds HTML of its own. /patterns/ shows them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeData, SafeString, mark_safe

from peerplan.ui.templatetags.govuk import govuk_tag

__all__ = [
    "bullet_list",
    "govuk_tag",
    "joined",
    "lines",
    "link",
    "paragraphs",
    "visually_hidden",
    "with_hidden",
]


def visually_hidden(text: str) -> SafeString:
    """Text for screen readers only: e.g. the heading of a column of links, which sighted people do not need."""
    return format_html('<span class="govuk-visually-hidden">{}</span>', text)


def with_hidden(text: object, hidden: object) -> SafeString:
    """A link's or button's text with words for screen readers after it: "Change<hidden> the title</hidden>"."""
    return format_html('{}<span class="govuk-visually-hidden">{}</span>', text, hidden)


def link(href: str, text: object, *, hidden: object = "", download: bool = False, external: bool = False) -> SafeString:
    """A GOV.UK link; `hidden` adds words for screen readers, `external` opens no referrer, `download` saves."""
    attributes = (" download" if download else "") + (' rel="noreferrer noopener"' if external else "")
    label = with_hidden(text, hidden) if hidden else text
    return format_html('<a class="govuk-link" href="{}"{}>{}</a>', href, mark_safe(attributes), label)  # noqa: S308 - fixed words


def bullet_list(items: Iterable[object], *, small: bool = False) -> SafeString:
    """A plain GOV.UK list, one item a line (items may be safe markup, such as links); "" for no items."""
    parts = [(item,) for item in items]
    if not parts:
        return SafeString("")
    size = " govuk-body-s" if small else ""
    return format_html('<ul class="govuk-list{}">{}</ul>', size, format_html_join("", "<li>{}</li>", parts))


def paragraphs(text: str) -> SafeString:
    """Text a person wrote, a paragraph per non-blank line."""
    return format_html_join("", '<p class="govuk-body">{}</p>', ((p,) for p in text.splitlines() if p.strip()))


def lines(*parts: object) -> SafeString:
    """The non-empty parts one under another in one cell."""
    return mark_safe("<br>".join(_escaped(p) for p in parts if p))  # noqa: S308 - each part escaped


def joined(*parts: object, sep: str = " ") -> SafeString:
    """The non-empty parts side by side (a tag and its words, say), each escaped unless already safe."""
    return mark_safe(_escaped(sep).join(_escaped(p) for p in parts if p))  # noqa: S308 - each part escaped


def _escaped(value: object) -> str:
    """Escaped as format_html would: safe markup kept, anything else made text."""
    return str(value) if isinstance(value, SafeData) else str(escape(str(value)))
